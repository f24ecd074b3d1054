// XR_EXT_hand_tracking: the trace's hand poses as wrists, with every joint of the hand placed by
// the hand model for the gesture scripted at that time.
#include <algorithm>

#include "simruntime/api.h"
#include "simruntime/device/hand_model.h"

namespace lumbo::simxr {
namespace {

HandGesture gestureAt(const Instance& inst, bool left, double traceS) {
  for (const ScriptedGesture& g : inst.config.gestures) {
    if (g.left == left && traceS >= g.startS && traceS < g.endS) {
      if (auto gesture = handGestureFromName(g.gesture)) return *gesture;
    }
  }
  return HandGesture::Open;
}

}  // namespace

XrResult XRAPI_CALL xrCreateHandTrackerEXT(XrSession session, const XrHandTrackerCreateInfoEXT* info,
                                           XrHandTrackerEXT* out) {
  std::lock_guard lock(runtime().mutex);
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  if (info == nullptr || out == nullptr || info->type != XR_TYPE_HAND_TRACKER_CREATE_INFO_EXT) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (info->hand != XR_HAND_LEFT_EXT && info->hand != XR_HAND_RIGHT_EXT) return XR_ERROR_VALIDATION_FAILURE;
  if (info->handJointSet != XR_HAND_JOINT_SET_DEFAULT_EXT) return XR_ERROR_VALIDATION_FAILURE;
  if (!s->instance->config.handTracking) {
    return violation("xrCreateHandTrackerEXT", XR_ERROR_FEATURE_UNSUPPORTED,
                     "the system does not support hand tracking (supportsHandTracking is false)");
  }
  auto tracker = std::make_unique<HandTracker>();
  tracker->session = s;
  tracker->left = info->hand == XR_HAND_LEFT_EXT;
  *out = adopt<XrHandTrackerEXT>(s->handTrackers, std::move(tracker));
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrDestroyHandTrackerEXT(XrHandTrackerEXT handle) {
  std::lock_guard lock(runtime().mutex);
  HandTracker* tracker = lookup<HandTracker>(handle);
  if (tracker == nullptr) return XR_ERROR_HANDLE_INVALID;
  unregisterHandle(tracker);
  std::erase_if(tracker->session->handTrackers, [&](const auto& p) { return p.get() == tracker; });
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrLocateHandJointsEXT(XrHandTrackerEXT handle, const XrHandJointsLocateInfoEXT* info,
                                          XrHandJointLocationsEXT* locations) {
  std::lock_guard lock(runtime().mutex);
  HandTracker* tracker = lookup<HandTracker>(handle);
  if (tracker == nullptr) return XR_ERROR_HANDLE_INVALID;
  Session& s = *tracker->session;
  if (s.lost) return XR_ERROR_SESSION_LOST;
  if (info == nullptr || locations == nullptr || info->type != XR_TYPE_HAND_JOINTS_LOCATE_INFO_EXT ||
      locations->type != XR_TYPE_HAND_JOINT_LOCATIONS_EXT || locations->jointLocations == nullptr) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (locations->jointCount != XR_HAND_JOINT_COUNT_EXT) {
    return violation("xrLocateHandJointsEXT", XR_ERROR_VALIDATION_FAILURE, "jointCount must be XR_HAND_JOINT_COUNT_EXT");
  }
  const Space* base = lookup<Space>(info->baseSpace);
  if (base == nullptr || base->session != &s) return XR_ERROR_HANDLE_INVALID;
  if (info->time <= 0) return XR_ERROR_TIME_INVALID;
  auto* velocities = findInChainMutable<XrHandJointVelocitiesEXT>(locations->next, XR_TYPE_HAND_JOINT_VELOCITIES_EXT);
  const auto wrist = devicePose(s, tracker->left ? Device::LHand : Device::RHand, info->time);
  const auto basePose = spacePose(*base, info->time);
  const bool tracked = wrist && basePose && s.state == XR_SESSION_STATE_FOCUSED;
  locations->isActive = tracked ? XR_TRUE : XR_FALSE;
  const HandJointOffsets hand =
      handJointOffsets(gestureAt(*s.instance, tracker->left, traceTimeS(s, info->time)), tracker->left);
  const XrSpaceLocationFlags flags = XR_SPACE_LOCATION_POSITION_VALID_BIT | XR_SPACE_LOCATION_ORIENTATION_VALID_BIT |
                                     XR_SPACE_LOCATION_POSITION_TRACKED_BIT | XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT;
  for (std::uint32_t j = 0; j < XR_HAND_JOINT_COUNT_EXT; ++j) {
    XrHandJointLocationEXT& out = locations->jointLocations[j];
    if (!tracked) {
      out = XrHandJointLocationEXT{};
      out.pose.orientation.w = 1.0f;
      continue;
    }
    // Every joint keeps the wrist's axes: good enough for poking and pinching, which use positions.
    Pose joint;
    joint.positionM = hand.positionM[j];
    out.pose = toXr(relativePose(*basePose, *wrist * joint));
    out.radius = static_cast<float>(hand.radiusM[j]);
    out.locationFlags = flags;
  }
  if (velocities != nullptr && velocities->jointVelocities != nullptr) {
    for (std::uint32_t j = 0; j < std::min<std::uint32_t>(velocities->jointCount, XR_HAND_JOINT_COUNT_EXT); ++j) {
      velocities->jointVelocities[j] = XrHandJointVelocityEXT{};
      velocities->jointVelocities[j].velocityFlags = 0;
    }
  }
  return XR_SUCCESS;
}

}  // namespace lumbo::simxr
