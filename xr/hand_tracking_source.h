// Hands through XR_EXT_hand_tracking, for people exercising without controllers: the wrist joint
// stands in for the hand device.
#pragma once

#include <array>
#include <memory>

#include "body/tracked_frame.h"
#include "xr/xr_runtime.h"

namespace lumbo::xr {

class HandTrackingSource {
 public:
  // Returns null when the system has no hand tracking (the source declines).
  static std::unique_ptr<HandTrackingSource> create(const XrRuntime& runtime, XrSession session);
  ~HandTrackingSource();
  HandTrackingSource(const HandTrackingSource&) = delete;
  HandTrackingSource& operator=(const HandTrackingSource&) = delete;

  // Fills lhand/rhand where controllers gave nothing.
  void locate(XrSpace base, XrTime time, TrackedFrame& frame);

 private:
  HandTrackingSource() = default;
  std::array<XrHandTrackerEXT, 2> trackers_{XR_NULL_HANDLE, XR_NULL_HANDLE};
  PFN_xrDestroyHandTrackerEXT destroy_ = nullptr;
  PFN_xrLocateHandJointsEXT locate_ = nullptr;
};

}  // namespace lumbo::xr
