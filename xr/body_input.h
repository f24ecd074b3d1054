// Every pose source of the session in one place: the headset, the controllers (or tracked
// hands) and whichever body source the runtime offers (HTCX trackers, MNDX device spaces, FB body
// tracking). Produces one TrackedFrame per frame at the predicted display time, and says in words
// which body source it uses and what it cannot measure with it.
#pragma once

#include <memory>
#include <string>

#include "body/tracked_frame.h"
#include "xr/controller_input.h"
#include "xr/fb_body_source.h"
#include "xr/hand_tracking_source.h"
#include "xr/vive_tracker_source.h"
#include "xr/xdev_space_source.h"
#include "xr/xr_session.h"

namespace lumbo::xr {

// Optional extensions BodyInput can use; pass them to RuntimeOptions::optionalExtensions.
std::vector<std::string> bodyInputExtensions();

class BodyInput {
 public:
  // Creates every source the runtime supports and attaches their action sets to the session.
  BodyInput(const XrRuntime& runtime, const XrSessionLoop& session);

  // Tracker connections and interaction profile changes.
  void handleEvent(const XrEventDataBuffer& event);

  // Syncs actions (only while the session is focused, as the specification requires) and
  // locates every source at `time`.
  TrackedFrame locate(XrTime time, bool focused);

  ControllerInput& controllers() { return *controllers_; }
  // Tracked hands' joints, or null when the runtime has no hand tracking.
  const HandTrackingSource* hands() const { return hands_.get(); }
  // E.g. "body source: Vive trackers (...) [pelvis, chest]; hands: controllers. Lumbar, pelvic and
  // trunk angles are measured." Names only devices that have had a valid pose.
  std::string summary() const;
  // Devices some source can provide now.
  DeviceSet provided() const;

 private:
  const XrRuntime& runtime_;
  const XrSessionLoop& session_;
  std::unique_ptr<ControllerInput> controllers_;
  std::unique_ptr<ViveTrackerSource> vive_;
  std::unique_ptr<XDevSpaceSource> xdev_;
  std::unique_ptr<FbBodySource> fbBody_;
  std::unique_ptr<HandTrackingSource> hands_;
  DeviceSet seen_;  // devices that have had a valid pose at least once
  bool controllersSeen_ = false;
};

}  // namespace lumbo::xr
