// Action state: xrSyncActions turns the scripted input and the trace's devices into each
// action's state, and one template answers the four xrGetActionState* calls from it.
#include <algorithm>
#include <cmath>
#include <type_traits>

#include "simruntime/api.h"
#include "simruntime/interaction_profiles.h"

namespace lumbo::simxr {
namespace {

const ScriptedInput* scripted(const Instance& inst, const std::string& source, double traceS) {
  for (const auto& in : inst.config.inputs) {
    if (traceS < in.startS || traceS >= in.endS) continue;
    if (in.path == source || startsWith(in.path, source + "/") || startsWith(source, in.path + "/")) {
      return &in;
    }
  }
  return nullptr;
}

// Common checks of xrGetActionState*: returns the state to report or an error.
XrResult stateFor(XrSession session, const XrActionStateGetInfo* info, XrActionType type,
                  const char* fn, const ActionState** out) {
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  if (info == nullptr || info->type != XR_TYPE_ACTION_STATE_GET_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  Action* a = lookup<Action>(info->action);
  if (a == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (!isAttached(*s, a->set)) {
    return violation(fn, XR_ERROR_ACTIONSET_NOT_ATTACHED, "the action's set is not attached");
  }
  if (a->type != type) return violation(fn, XR_ERROR_ACTION_TYPE_MISMATCH, "action '" + a->name + "'");
  if (XrResult r = checkSubactionPath(*s->instance, *a, info->subactionPath, fn); XR_FAILED(r)) {
    return r;
  }
  static const ActionState kInactive{};
  auto it = s->actionStates.find({a, info->subactionPath});
  *out = it == s->actionStates.end() ? &kInactive : &it->second;
  return XR_SUCCESS;
}

void writeCurrent(const ActionState& st, XrActionStateBoolean& out) {
  out.currentState = st.value > 0.5f ? XR_TRUE : XR_FALSE;
}
void writeCurrent(const ActionState& st, XrActionStateFloat& out) { out.currentState = st.value; }
void writeCurrent(const ActionState& st, XrActionStateVector2f& out) {
  out.currentState = {st.value, st.y};
}

// The four getters differ only in their structure, action type and current-state field; a pose
// has no current state nor change time, only whether it is active.
template <typename State>
XrResult getActionState(XrSession session, const XrActionStateGetInfo* info, State* state,
                        XrStructureType stateType, XrActionType actionType, const char* fn) {
  std::lock_guard lock(runtime().mutex);
  if (state == nullptr || state->type != stateType) {
    if (lookup<Session>(session) == nullptr) return XR_ERROR_HANDLE_INVALID;
    return XR_ERROR_VALIDATION_FAILURE;
  }
  const ActionState* st = nullptr;
  if (XrResult r = stateFor(session, info, actionType, fn, &st); XR_FAILED(r)) return r;
  if constexpr (!std::is_same_v<State, XrActionStatePose>) {
    writeCurrent(*st, *state);
    state->changedSinceLastSync = st->changed ? XR_TRUE : XR_FALSE;
    state->lastChangeTime = st->lastChange;
  }
  state->isActive = st->active ? XR_TRUE : XR_FALSE;
  return XR_SUCCESS;
}

}  // namespace

XrResult XRAPI_CALL xrSyncActions(XrSession session, const XrActionsSyncInfo* info) {
  std::lock_guard lock(runtime().mutex);
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  if (info == nullptr || info->type != XR_TYPE_ACTIONS_SYNC_INFO) return XR_ERROR_VALIDATION_FAILURE;
  Instance& inst = *s->instance;
  std::map<ActionSet*, std::vector<XrPath>> active;  // empty list or XR_NULL_PATH: all
  for (uint32_t i = 0; i < info->countActiveActionSets; ++i) {
    ActionSet* set = lookup<ActionSet>(info->activeActionSets[i].actionSet);
    if (set == nullptr) return XR_ERROR_HANDLE_INVALID;
    if (!isAttached(*s, set)) {
      return violation("xrSyncActions", XR_ERROR_ACTIONSET_NOT_ATTACHED, set->name);
    }
    active[set].push_back(info->activeActionSets[i].subactionPath);
  }
  // Only the focused session receives input.
  const bool focused = s->state == XR_SESSION_STATE_FOCUSED;
  const XrTime t = s->lastDisplayNs;
  const double traceS = traceTimeS(*s, t);
  for (ActionSet* set : s->attachedSets) {
    auto activeIt = active.find(set);
    for (auto& a : set->actions) {
      std::vector<XrPath> subs = a->subactionPaths;
      subs.push_back(XR_NULL_PATH);
      for (XrPath sub : subs) {
        ActionState next{};
        bool any = false;
        for (const auto& [user, full] : boundSources(*s, *a, sub)) {
          if (!focused || activeIt == active.end()) continue;
          const auto& filters = activeIt->second;
          const XrPath userId = inst.pathIds.at(user);
          if (std::find(filters.begin(), filters.end(), XR_NULL_PATH) == filters.end() &&
              std::find(filters.begin(), filters.end(), userId) == filters.end()) {
            continue;
          }
          if (a->type == XR_ACTION_TYPE_POSE_INPUT) {
            auto d = deviceForUserPath(user);
            if (d && inst.player.hasDevice(*d)) any = true;
            continue;
          }
          any = true;
          const ScriptedInput* in = scripted(inst, full, traceS);
          if (in == nullptr) continue;
          if (a->type == XR_ACTION_TYPE_VECTOR2F_INPUT) {
            if (in->x * in->x + in->y * in->y > next.value * next.value + next.y * next.y) {
              next.value = in->x;
              next.y = in->y;
            }
          } else if (a->type == XR_ACTION_TYPE_BOOLEAN_INPUT) {
            if (in->value > 0.5f) next.value = 1.0f;
          } else if (std::abs(in->value) > std::abs(next.value)) {
            next.value = in->value;
          }
        }
        next.active = any;
        ActionState& cur = s->actionStates[{a.get(), sub}];
        const bool differs = next.value != cur.value || next.y != cur.y;
        next.changed = cur.active && next.active && differs;
        next.lastChange = (differs || next.active != cur.active) ? t : cur.lastChange;
        cur = next;
      }
    }
  }
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrGetActionStateBoolean(XrSession session, const XrActionStateGetInfo* info,
                                            XrActionStateBoolean* state) {
  return getActionState(session, info, state, XR_TYPE_ACTION_STATE_BOOLEAN,
                        XR_ACTION_TYPE_BOOLEAN_INPUT, "xrGetActionStateBoolean");
}

XrResult XRAPI_CALL xrGetActionStateFloat(XrSession session, const XrActionStateGetInfo* info,
                                          XrActionStateFloat* state) {
  return getActionState(session, info, state, XR_TYPE_ACTION_STATE_FLOAT,
                        XR_ACTION_TYPE_FLOAT_INPUT, "xrGetActionStateFloat");
}

XrResult XRAPI_CALL xrGetActionStateVector2f(XrSession session, const XrActionStateGetInfo* info,
                                             XrActionStateVector2f* state) {
  return getActionState(session, info, state, XR_TYPE_ACTION_STATE_VECTOR2F,
                        XR_ACTION_TYPE_VECTOR2F_INPUT, "xrGetActionStateVector2f");
}

XrResult XRAPI_CALL xrGetActionStatePose(XrSession session, const XrActionStateGetInfo* info,
                                         XrActionStatePose* state) {
  return getActionState(session, info, state, XR_TYPE_ACTION_STATE_POSE,
                        XR_ACTION_TYPE_POSE_INPUT, "xrGetActionStatePose");
}

}  // namespace lumbo::simxr
