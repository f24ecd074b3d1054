// FB body tracking joints as estimated trunk devices.
#include "xr/fb_body_source.h"

#include "xr/xr_error.h"
#include "xr/xr_pose.h"

namespace lumbo::xr {

std::unique_ptr<FbBodySource> FbBodySource::create(const XrRuntime& runtime, XrSession session) {
  if (!runtime.enabled(XR_FB_BODY_TRACKING_EXTENSION_NAME)) return nullptr;
  XrSystemBodyTrackingPropertiesFB body{XR_TYPE_SYSTEM_BODY_TRACKING_PROPERTIES_FB, nullptr, XR_FALSE};
  XrSystemProperties props{XR_TYPE_SYSTEM_PROPERTIES};
  props.next = &body;
  XR_CHECK(xrGetSystemProperties(runtime.instance(), runtime.system(), &props));
  if (!body.supportsBodyTracking) return nullptr;
  auto create = runtime.proc<PFN_xrCreateBodyTrackerFB>("xrCreateBodyTrackerFB");
  std::unique_ptr<FbBodySource> source(new FbBodySource());
  source->destroy_ = runtime.proc<PFN_xrDestroyBodyTrackerFB>("xrDestroyBodyTrackerFB");
  source->locate_ = runtime.proc<PFN_xrLocateBodyJointsFB>("xrLocateBodyJointsFB");
  if (!create || !source->destroy_ || !source->locate_) return nullptr;
  XrBodyTrackerCreateInfoFB info{XR_TYPE_BODY_TRACKER_CREATE_INFO_FB, nullptr, XR_BODY_JOINT_SET_DEFAULT_FB};
  XR_CHECK(create(session, &info, &source->tracker_));
  return source;
}

FbBodySource::~FbBodySource() {
  if (tracker_ != XR_NULL_HANDLE) destroy_(tracker_);
}

void FbBodySource::locate(XrSpace base, XrTime time, TrackedFrame& frame) {
  XrBodyJointsLocateInfoFB info{XR_TYPE_BODY_JOINTS_LOCATE_INFO_FB, nullptr, base, time};
  XrBodyJointLocationsFB locations{XR_TYPE_BODY_JOINT_LOCATIONS_FB};
  locations.jointCount = XR_BODY_JOINT_COUNT_FB;
  locations.jointLocations = joints_.data();
  if (XR_FAILED(locate_(tracker_, &info, &locations)) || !locations.isActive) return;
  const XrSpaceLocationFlags needed = XR_SPACE_LOCATION_POSITION_VALID_BIT | XR_SPACE_LOCATION_ORIENTATION_VALID_BIT;
  for (const auto& [joint, device] : {std::pair{XR_BODY_JOINT_HIPS_FB, Device::Pelvis},
                                      std::pair{XR_BODY_JOINT_CHEST_FB, Device::Chest}}) {
    const XrBodyJointLocationFB& j = joints_[joint];
    if (frame.valid(device) || (j.locationFlags & needed) != needed) continue;
    frame[device] = DeviceState{toPose(j.pose), true, true};
  }
}

}  // namespace lumbo::xr
