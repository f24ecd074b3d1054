// Whole-body tracking through XR_FB_body_tracking (Quest). Its spine joints are inferred from the
// headset and hands, not measured, so every pose it gives is marked estimated: shown, never scored.
#pragma once

#include <array>
#include <memory>

#include "body/tracked_frame.h"
#include "xr/ext/fb_body_tracking.h"
#include "xr/xr_runtime.h"

namespace lumbo::xr {

class FbBodySource {
 public:
  // Returns null when the system does not support body tracking (the source declines).
  static std::unique_ptr<FbBodySource> create(const XrRuntime& runtime, XrSession session);
  ~FbBodySource();
  FbBodySource(const FbBodySource&) = delete;
  FbBodySource& operator=(const FbBodySource&) = delete;

  // Fills pelvis (hips joint) and chest, marked estimated, where the device has no better pose.
  void locate(XrSpace base, XrTime time, TrackedFrame& frame);

 private:
  FbBodySource() = default;
  XrBodyTrackerFB tracker_ = XR_NULL_HANDLE;
  PFN_xrDestroyBodyTrackerFB destroy_ = nullptr;
  PFN_xrLocateBodyJointsFB locate_ = nullptr;
  std::array<XrBodyJointLocationFB, XR_BODY_JOINT_COUNT_FB> joints_{};
};

}  // namespace lumbo::xr
