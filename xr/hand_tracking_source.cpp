// Hand-tracking wrists as hand devices.
#include "xr/hand_tracking_source.h"

#include "xr/xr_error.h"
#include "xr/xr_pose.h"

namespace lumbo::xr {

std::unique_ptr<HandTrackingSource> HandTrackingSource::create(const XrRuntime& runtime, XrSession session) {
  if (!runtime.enabled(XR_EXT_HAND_TRACKING_EXTENSION_NAME)) return nullptr;
  XrSystemHandTrackingPropertiesEXT hands{XR_TYPE_SYSTEM_HAND_TRACKING_PROPERTIES_EXT};
  XrSystemProperties props{XR_TYPE_SYSTEM_PROPERTIES};
  props.next = &hands;
  XR_CHECK(xrGetSystemProperties(runtime.instance(), runtime.system(), &props));
  if (!hands.supportsHandTracking) return nullptr;
  auto create = runtime.proc<PFN_xrCreateHandTrackerEXT>("xrCreateHandTrackerEXT");
  std::unique_ptr<HandTrackingSource> source(new HandTrackingSource());
  source->destroy_ = runtime.proc<PFN_xrDestroyHandTrackerEXT>("xrDestroyHandTrackerEXT");
  source->locate_ = runtime.proc<PFN_xrLocateHandJointsEXT>("xrLocateHandJointsEXT");
  if (!create || !source->destroy_ || !source->locate_) return nullptr;
  for (int h = 0; h < 2; ++h) {
    XrHandTrackerCreateInfoEXT info{XR_TYPE_HAND_TRACKER_CREATE_INFO_EXT};
    info.hand = h == 0 ? XR_HAND_LEFT_EXT : XR_HAND_RIGHT_EXT;
    info.handJointSet = XR_HAND_JOINT_SET_DEFAULT_EXT;
    XR_CHECK(create(session, &info, &source->trackers_[h]));
  }
  return source;
}

HandTrackingSource::~HandTrackingSource() {
  for (XrHandTrackerEXT t : trackers_) {
    if (t != XR_NULL_HANDLE) destroy_(t);
  }
}

void HandTrackingSource::locate(XrSpace base, XrTime time, TrackedFrame& frame) {
  const XrSpaceLocationFlags needed = XR_SPACE_LOCATION_POSITION_VALID_BIT | XR_SPACE_LOCATION_ORIENTATION_VALID_BIT;
  for (int h = 0; h < 2; ++h) {
    TrackedHand& hand = hands_[static_cast<std::size_t>(h)];
    hand.active = false;
    std::array<XrHandJointLocationEXT, XR_HAND_JOINT_COUNT_EXT> joints{};
    XrHandJointLocationsEXT locations{XR_TYPE_HAND_JOINT_LOCATIONS_EXT};
    locations.jointCount = XR_HAND_JOINT_COUNT_EXT;
    locations.jointLocations = joints.data();
    XrHandJointsLocateInfoEXT info{XR_TYPE_HAND_JOINTS_LOCATE_INFO_EXT};
    info.baseSpace = base;
    info.time = time;
    if (XR_FAILED(locate_(trackers_[h], &info, &locations)) || !locations.isActive) continue;
    auto valid = [&](XrHandJointEXT j) { return (joints[j].locationFlags & needed) == needed; };
    if (!valid(XR_HAND_JOINT_WRIST_EXT)) continue;
    const Pose wrist = toPose(joints[XR_HAND_JOINT_WRIST_EXT].pose);
    const Device device = h == 0 ? Device::LHand : Device::RHand;
    if (!frame.valid(device)) frame[device] = DeviceState{wrist, true, false};
    if (!valid(XR_HAND_JOINT_INDEX_TIP_EXT) || !valid(XR_HAND_JOINT_THUMB_TIP_EXT) ||
        !valid(XR_HAND_JOINT_INDEX_PROXIMAL_EXT)) {
      continue;
    }
    hand.active = true;
    hand.wrist = wrist;
    hand.indexTipM = toPose(joints[XR_HAND_JOINT_INDEX_TIP_EXT].pose).positionM;
    hand.thumbTipM = toPose(joints[XR_HAND_JOINT_THUMB_TIP_EXT].pose).positionM;
    hand.indexKnuckleM = toPose(joints[XR_HAND_JOINT_INDEX_PROXIMAL_EXT].pose).positionM;
    everTracked_ = true;
  }
}

}  // namespace lumbo::xr
