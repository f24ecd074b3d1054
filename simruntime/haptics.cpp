// Haptics: vibration requests are checked and written to the haptics log, since a simulated
// person feels nothing and a test wants to see what the application asked for.
#include <algorithm>

#include "simruntime/api.h"
#include "simruntime/interaction_profiles.h"

namespace lumbo::simxr {
namespace {

XrResult hapticCommon(XrSession session, const XrHapticActionInfo* info, const char* fn,
                      Session** sOut, Action** aOut) {
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  if (info == nullptr || info->type != XR_TYPE_HAPTIC_ACTION_INFO) return XR_ERROR_VALIDATION_FAILURE;
  Action* a = lookup<Action>(info->action);
  if (a == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (!isAttached(*s, a->set)) return violation(fn, XR_ERROR_ACTIONSET_NOT_ATTACHED, a->name);
  if (a->type != XR_ACTION_TYPE_VIBRATION_OUTPUT) {
    return violation(fn, XR_ERROR_ACTION_TYPE_MISMATCH, "action '" + a->name + "'");
  }
  if (info->subactionPath != XR_NULL_PATH &&
      std::find(a->subactionPaths.begin(), a->subactionPaths.end(), info->subactionPath) ==
          a->subactionPaths.end()) {
    return violation(fn, XR_ERROR_PATH_UNSUPPORTED, "subaction path not declared by the action");
  }
  *sOut = s;
  *aOut = a;
  return XR_SUCCESS;
}

// One line per bound source; only the focused session's requests reach a device.
void logHaptic(Session& s, const Action& a, XrPath subaction, const char* event,
               const XrHapticVibration& v) {
  Instance& inst = *s.instance;
  if (!inst.haptics.is_open() || s.state != XR_SESSION_STATE_FOCUSED) return;
  for (const auto& [user, full] : boundSources(s, a, subaction)) {
    inst.haptics << traceTimeS(s, s.lastDisplayNs) << ',' << event << ',' << full << ','
                 << v.duration << ',' << v.frequency << ',' << v.amplitude << '\n';
  }
  inst.haptics.flush();
}

}  // namespace

XrResult XRAPI_CALL xrApplyHapticFeedback(XrSession session, const XrHapticActionInfo* info,
                                          const XrHapticBaseHeader* haptic) {
  std::lock_guard lock(runtime().mutex);
  Session* s = nullptr;
  Action* a = nullptr;
  if (XrResult r = hapticCommon(session, info, "xrApplyHapticFeedback", &s, &a); XR_FAILED(r)) {
    return r;
  }
  if (haptic == nullptr || haptic->type != XR_TYPE_HAPTIC_VIBRATION) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  logHaptic(*s, *a, info->subactionPath, "apply", *reinterpret_cast<const XrHapticVibration*>(haptic));
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrStopHapticFeedback(XrSession session, const XrHapticActionInfo* info) {
  std::lock_guard lock(runtime().mutex);
  Session* s = nullptr;
  Action* a = nullptr;
  if (XrResult r = hapticCommon(session, info, "xrStopHapticFeedback", &s, &a); XR_FAILED(r)) {
    return r;
  }
  // A stop is logged as a vibration of zero duration, frequency and amplitude.
  logHaptic(*s, *a, info->subactionPath, "stop", XrHapticVibration{});
  return XR_SUCCESS;
}

}  // namespace lumbo::simxr
