// Controller actions and their bindings.
#include "xr/controller_input.h"

#include <cstring>
#include <string>
#include <vector>

#include "xr/xr_error.h"
#include "xr/xr_pose.h"

namespace lumbo::xr {

DeviceState locateDevice(XrSpace space, XrSpace base, XrTime time) {
  XrSpaceLocation location{XR_TYPE_SPACE_LOCATION};
  DeviceState state;
  if (XR_FAILED(xrLocateSpace(space, base, time, &location))) return state;
  const XrSpaceLocationFlags needed = XR_SPACE_LOCATION_POSITION_VALID_BIT | XR_SPACE_LOCATION_ORIENTATION_VALID_BIT;
  state.valid = (location.locationFlags & needed) == needed;
  if (state.valid) state.pose = toPose(location.pose);
  return state;
}

namespace {

UniqueAction createAction(XrActionSet set, const char* name, const char* localized, XrActionType type,
                          const std::array<XrPath, 2>& hands) {
  XrActionCreateInfo info{XR_TYPE_ACTION_CREATE_INFO};
  std::strncpy(info.actionName, name, XR_MAX_ACTION_NAME_SIZE - 1);
  std::strncpy(info.localizedActionName, localized, XR_MAX_LOCALIZED_ACTION_NAME_SIZE - 1);
  info.actionType = type;
  info.countSubactionPaths = 2;
  info.subactionPaths = hands.data();
  UniqueAction action;
  XR_CHECK(xrCreateAction(set, &info, action.put()));
  return action;
}

}  // namespace

ControllerInput::ControllerInput(const XrRuntime& runtime, XrSession session) : runtime_(runtime) {
  hands_ = {runtime.path("/user/hand/left"), runtime.path("/user/hand/right")};
  XrActionSetCreateInfo setInfo{XR_TYPE_ACTION_SET_CREATE_INFO};
  std::strncpy(setInfo.actionSetName, "controls", XR_MAX_ACTION_SET_NAME_SIZE - 1);
  std::strncpy(setInfo.localizedActionSetName, "Controls", XR_MAX_LOCALIZED_ACTION_SET_NAME_SIZE - 1);
  XR_CHECK(xrCreateActionSet(runtime.instance(), &setInfo, set_.put()));
  gripPose_ = createAction(set_.get(), "hand_pose", "Hand pose", XR_ACTION_TYPE_POSE_INPUT, hands_);
  aimPose_ = createAction(set_.get(), "pointer_pose", "Pointer", XR_ACTION_TYPE_POSE_INPUT, hands_);
  select_ = createAction(set_.get(), "select", "Select", XR_ACTION_TYPE_BOOLEAN_INPUT, hands_);
  menu_ = createAction(set_.get(), "menu", "Menu", XR_ACTION_TYPE_BOOLEAN_INPUT, hands_);
  haptic_ = createAction(set_.get(), "alignment_pulse", "Alignment pulse", XR_ACTION_TYPE_VIBRATION_OUTPUT, hands_);

  struct Binding {
    const UniqueAction* action;
    const char* suffix;
  };
  auto suggest = [&](const char* profile, const std::vector<Binding>& perHand, const std::vector<std::pair<const UniqueAction*, std::string>>& extra) {
    std::vector<XrActionSuggestedBinding> bindings;
    for (const char* hand : {"/user/hand/left", "/user/hand/right"}) {
      for (const Binding& b : perHand) {
        bindings.push_back({b.action->get(), runtime.path((std::string(hand) + b.suffix).c_str())});
      }
    }
    for (const auto& [action, path] : extra) bindings.push_back({action->get(), runtime.path(path.c_str())});
    XrInteractionProfileSuggestedBinding suggested{XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING};
    suggested.interactionProfile = runtime.path(profile);
    suggested.countSuggestedBindings = static_cast<uint32_t>(bindings.size());
    suggested.suggestedBindings = bindings.data();
    XR_CHECK(xrSuggestInteractionProfileBindings(runtime.instance(), &suggested));
  };
  suggest("/interaction_profiles/khr/simple_controller",
          {{&gripPose_, "/input/grip/pose"}, {&aimPose_, "/input/aim/pose"}, {&select_, "/input/select/click"},
           {&menu_, "/input/menu/click"}, {&haptic_, "/output/haptic"}},
          {});
  suggest("/interaction_profiles/htc/vive_controller",
          {{&gripPose_, "/input/grip/pose"}, {&aimPose_, "/input/aim/pose"}, {&select_, "/input/trigger/click"},
           {&menu_, "/input/menu/click"}, {&haptic_, "/output/haptic"}},
          {});
  // Touch has a menu button on the left controller only.
  suggest("/interaction_profiles/oculus/touch_controller",
          {{&gripPose_, "/input/grip/pose"}, {&aimPose_, "/input/aim/pose"}, {&select_, "/input/trigger/value"},
           {&haptic_, "/output/haptic"}},
          {{&menu_, "/user/hand/left/input/menu/click"}});

  for (int h = 0; h < 2; ++h) {
    XrActionSpaceCreateInfo info{XR_TYPE_ACTION_SPACE_CREATE_INFO};
    info.subactionPath = hands_[h];
    info.poseInActionSpace = {{0, 0, 0, 1}, {0, 0, 0}};
    info.action = gripPose_.get();
    XR_CHECK(xrCreateActionSpace(session, &info, gripSpaces_[h].put()));
    info.action = aimPose_.get();
    XR_CHECK(xrCreateActionSpace(session, &info, aimSpaces_[h].put()));
  }
}

void ControllerInput::update(XrSession session, XrSpace base, XrTime time) {
  for (int h = 0; h < 2; ++h) {
    ControllerState& s = state_[h];
    XrActionStateGetInfo get{XR_TYPE_ACTION_STATE_GET_INFO};
    get.subactionPath = hands_[h];
    get.action = gripPose_.get();
    XrActionStatePose pose{XR_TYPE_ACTION_STATE_POSE};
    XR_CHECK(xrGetActionStatePose(session, &get, &pose));
    s.active = pose.isActive == XR_TRUE;
    s.grip = s.active ? locateDevice(gripSpaces_[h].get(), base, time) : DeviceState{};
    s.aim = s.active ? locateDevice(aimSpaces_[h].get(), base, time) : DeviceState{};
    XrActionStateBoolean button{XR_TYPE_ACTION_STATE_BOOLEAN};
    get.action = select_.get();
    XR_CHECK(xrGetActionStateBoolean(session, &get, &button));
    s.select = button.isActive && button.currentState;
    s.selectPressed = s.select && button.changedSinceLastSync;
    get.action = menu_.get();
    button = {XR_TYPE_ACTION_STATE_BOOLEAN};
    XR_CHECK(xrGetActionStateBoolean(session, &get, &button));
    s.menuPressed = button.isActive && button.currentState && button.changedSinceLastSync;
  }
}

void ControllerInput::pulse(XrSession session, Hand hand, float amplitude, double durationS) {
  XrHapticVibration vibration{XR_TYPE_HAPTIC_VIBRATION};
  vibration.amplitude = amplitude;
  vibration.duration = static_cast<XrDuration>(durationS * 1e9);
  vibration.frequency = XR_FREQUENCY_UNSPECIFIED;
  XrHapticActionInfo info{XR_TYPE_HAPTIC_ACTION_INFO};
  info.action = haptic_.get();
  info.subactionPath = hands_[static_cast<int>(hand)];
  XR_CHECK(xrApplyHapticFeedback(session, &info, reinterpret_cast<const XrHapticBaseHeader*>(&vibration)));
}

}  // namespace lumbo::xr
