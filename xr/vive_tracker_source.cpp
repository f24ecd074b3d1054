// HTCX tracker roles as devices.
#include "xr/vive_tracker_source.h"

#include <cstring>
#include <string>

#include "xr/xr_error.h"
#include "xr/xr_pose.h"

namespace lumbo::xr {

namespace {
struct RoleName {
  const char* role;
  Device device;
};
constexpr RoleName kRoles[] = {
    {"waist", Device::Pelvis},        {"chest", Device::Chest},           {"left_foot", Device::LFoot},
    {"right_foot", Device::RFoot},    {"left_knee", Device::LKnee},       {"right_knee", Device::RKnee},
    {"left_elbow", Device::LElbow},   {"right_elbow", Device::RElbow},    {"left_shoulder", Device::LShoulder},
    {"right_shoulder", Device::RShoulder}};
}  // namespace

ViveTrackerSource::ViveTrackerSource(const XrRuntime& runtime, XrSession session) : runtime_(runtime) {
  XrActionSetCreateInfo setInfo{XR_TYPE_ACTION_SET_CREATE_INFO};
  std::strncpy(setInfo.actionSetName, "body_trackers", XR_MAX_ACTION_SET_NAME_SIZE - 1);
  std::strncpy(setInfo.localizedActionSetName, "Body trackers", XR_MAX_LOCALIZED_ACTION_SET_NAME_SIZE - 1);
  XR_CHECK(xrCreateActionSet(runtime.instance(), &setInfo, set_.put()));

  std::vector<XrPath> paths;
  for (const RoleName& r : kRoles) {
    Role role{r.device, runtime.path((std::string("/user/vive_tracker_htcx/role/") + r.role).c_str()), {}};
    paths.push_back(role.path);
    roles_.push_back(std::move(role));
  }
  XrActionCreateInfo info{XR_TYPE_ACTION_CREATE_INFO};
  std::strncpy(info.actionName, "tracker_pose", XR_MAX_ACTION_NAME_SIZE - 1);
  std::strncpy(info.localizedActionName, "Tracker pose", XR_MAX_LOCALIZED_ACTION_NAME_SIZE - 1);
  info.actionType = XR_ACTION_TYPE_POSE_INPUT;
  info.countSubactionPaths = static_cast<uint32_t>(paths.size());
  info.subactionPaths = paths.data();
  XR_CHECK(xrCreateAction(set_.get(), &info, pose_.put()));

  std::vector<XrActionSuggestedBinding> bindings;
  for (const RoleName& r : kRoles) {
    bindings.push_back({pose_.get(), runtime.path((std::string("/user/vive_tracker_htcx/role/") + r.role +
                                                   "/input/grip/pose").c_str())});
  }
  XrInteractionProfileSuggestedBinding suggested{XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING};
  suggested.interactionProfile = runtime.path("/interaction_profiles/htc/vive_tracker_htcx");
  suggested.countSuggestedBindings = static_cast<uint32_t>(bindings.size());
  suggested.suggestedBindings = bindings.data();
  XR_CHECK(xrSuggestInteractionProfileBindings(runtime.instance(), &suggested));

  for (Role& role : roles_) {
    XrActionSpaceCreateInfo spaceInfo{XR_TYPE_ACTION_SPACE_CREATE_INFO};
    spaceInfo.action = pose_.get();
    spaceInfo.subactionPath = role.path;
    spaceInfo.poseInActionSpace = {{0, 0, 0, 1}, {0, 0, 0}};
    XR_CHECK(xrCreateActionSpace(session, &spaceInfo, role.space.put()));
  }
}

void ViveTrackerSource::refresh(XrSession) {
  auto enumerate = runtime_.proc<PFN_xrEnumerateViveTrackerPathsHTCX>("xrEnumerateViveTrackerPathsHTCX");
  if (!enumerate) return;
  uint32_t n = 0;
  XR_CHECK(enumerate(runtime_.instance(), 0, &n, nullptr));
  std::vector<XrViveTrackerPathsHTCX> trackers(n, {XR_TYPE_VIVE_TRACKER_PATHS_HTCX});
  XR_CHECK(enumerate(runtime_.instance(), n, &n, trackers.data()));
  connected_.reset();
  for (const auto& t : trackers) {
    for (const Role& role : roles_) {
      if (t.rolePath == role.path) connected_.set(index(role.device));
    }
  }
}

void ViveTrackerSource::locate(XrSession session, XrSpace base, XrTime time, TrackedFrame& frame) {
  for (const Role& role : roles_) {
    XrActionStateGetInfo get{XR_TYPE_ACTION_STATE_GET_INFO};
    get.action = pose_.get();
    get.subactionPath = role.path;
    XrActionStatePose state{XR_TYPE_ACTION_STATE_POSE};
    XR_CHECK(xrGetActionStatePose(session, &get, &state));
    if (!state.isActive) continue;
    const DeviceState s = locateDevice(role.space.get(), base, time);
    if (s.valid) frame[role.device] = s;
  }
}

}  // namespace lumbo::xr
