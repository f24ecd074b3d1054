// Hands through XR_EXT_hand_tracking, for people exercising without controllers: the wrist joint
// stands in for the hand device, and the fingertips are kept for poking and pinching the panels.
#pragma once

#include <array>
#include <memory>

#include "body/tracked_frame.h"
#include "xr/xr_runtime.h"

namespace lumbo::xr {

// One tracked hand this frame, in the base space.
struct TrackedHand {
  bool active = false;
  Pose wrist;
  glm::dvec3 indexTipM{0.0};
  glm::dvec3 thumbTipM{0.0};
  glm::dvec3 indexKnuckleM{0.0};  // the index finger's proximal joint
};

class HandTrackingSource {
 public:
  // Returns null when the system has no hand tracking (the source declines).
  static std::unique_ptr<HandTrackingSource> create(const XrRuntime& runtime, XrSession session);
  ~HandTrackingSource();
  HandTrackingSource(const HandTrackingSource&) = delete;
  HandTrackingSource& operator=(const HandTrackingSource&) = delete;

  // Locates both hands; fills lhand/rhand where controllers gave nothing.
  void locate(XrSpace base, XrTime time, TrackedFrame& frame);
  // 0: left, 1: right; of the last locate.
  const TrackedHand& hand(int h) const { return hands_[static_cast<std::size_t>(h)]; }
  // Some hand has been tracked since the session began.
  bool everTracked() const { return everTracked_; }

 private:
  HandTrackingSource() = default;
  std::array<XrHandTrackerEXT, 2> trackers_{XR_NULL_HANDLE, XR_NULL_HANDLE};
  PFN_xrDestroyHandTrackerEXT destroy_ = nullptr;
  PFN_xrLocateHandJointsEXT locate_ = nullptr;
  std::array<TrackedHand, 2> hands_{};
  bool everTracked_ = false;
};

}  // namespace lumbo::xr
