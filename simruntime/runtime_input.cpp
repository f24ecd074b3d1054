// Input: action sets and actions, interaction profiles and their bindings, scripted controller
// input, haptics (logged), HTCX trackers and MNDX device spaces.
#include <algorithm>
#include <cstring>
#include <set>

#include "simruntime/api.h"

namespace lumbo::simxr {
namespace {

constexpr const char* kLeft = "/user/hand/left";
constexpr const char* kRight = "/user/hand/right";
constexpr const char* kTrackerProfile = "/interaction_profiles/htc/vive_tracker_htcx";

struct ProfileDef {
  const char* path = nullptr;
  bool tracker = false;
  // Core profiles with no simulated device: bindings are accepted (the specification requires
  // it) when they name /input or /output under one of `users`, and are never active.
  bool simulated = true;
  const char* onlyUser = nullptr;
  // "/input/..." for every user path; "L/input/..." or "R/input/..." for one hand only.
  std::vector<const char*> components;
};

ProfileDef simulated(const char* path, bool tracker, std::vector<const char*> components) {
  ProfileDef p;
  p.path = path;
  p.tracker = tracker;
  p.components = std::move(components);
  return p;
}

ProfileDef other(const char* path, const char* onlyUser = nullptr) {
  ProfileDef p;
  p.path = path;
  p.tracker = false;
  p.simulated = false;
  p.onlyUser = onlyUser;
  return p;
}

const std::vector<ProfileDef>& profiles() {
  static const std::vector<ProfileDef> kProfiles = {
      simulated("/interaction_profiles/oculus/touch_controller", false,
       {"L/input/x/click", "L/input/x/touch", "L/input/y/click", "L/input/y/touch",
        "L/input/menu/click", "R/input/a/click", "R/input/a/touch", "R/input/b/click",
        "R/input/b/touch", "R/input/system/click", "/input/squeeze/value",
        "/input/trigger/value", "/input/trigger/touch", "/input/thumbstick",
        "/input/thumbstick/x", "/input/thumbstick/y", "/input/thumbstick/click",
        "/input/thumbstick/touch", "/input/thumbrest/touch", "/input/grip/pose",
        "/input/aim/pose", "/output/haptic"}),
      simulated("/interaction_profiles/htc/vive_controller", false,
       {"/input/system/click", "/input/squeeze/click", "/input/menu/click",
        "/input/trigger/click", "/input/trigger/value", "/input/trackpad", "/input/trackpad/x",
        "/input/trackpad/y", "/input/trackpad/click", "/input/trackpad/touch", "/input/grip/pose",
        "/input/aim/pose", "/output/haptic"}),
      simulated("/interaction_profiles/khr/simple_controller", false,
       {"/input/select/click", "/input/menu/click", "/input/grip/pose", "/input/aim/pose",
        "/output/haptic"}),
      simulated(kTrackerProfile, true,
       {"/input/system/click", "/input/squeeze/click", "/input/menu/click",
        "/input/trigger/click", "/input/trigger/value", "/input/trackpad", "/input/trackpad/x",
        "/input/trackpad/y", "/input/trackpad/click", "/input/trackpad/touch", "/input/grip/pose",
        "/output/haptic"}),
      other("/interaction_profiles/google/daydream_controller"),
      other("/interaction_profiles/htc/vive_pro", "/user/head"),
      other("/interaction_profiles/microsoft/motion_controller"),
      other("/interaction_profiles/microsoft/xbox_controller", "/user/gamepad"),
      other("/interaction_profiles/oculus/go_controller"),
      other("/interaction_profiles/valve/index_controller"),
  };
  return kProfiles;
}

const ProfileDef* findProfile(const std::string& path) {
  for (const auto& p : profiles()) {
    if (path == p.path) return &p;
  }
  return nullptr;
}

struct RoleDef {
  Device device;
  const char* role;
};
constexpr RoleDef kRoles[] = {
    {Device::Pelvis, "waist"},          {Device::Chest, "chest"},
    {Device::LFoot, "left_foot"},       {Device::RFoot, "right_foot"},
    {Device::LKnee, "left_knee"},       {Device::RKnee, "right_knee"},
    {Device::LElbow, "left_elbow"},     {Device::RElbow, "right_elbow"},
    {Device::LShoulder, "left_shoulder"}, {Device::RShoulder, "right_shoulder"},
};
constexpr const char* kOtherRoles[] = {"handheld_object", "camera", "keyboard"};
constexpr const char* kRolePrefix = "/user/vive_tracker_htcx/role/";

bool startsWith(const std::string& s, const std::string& prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// The top-level user paths a profile accepts.
std::vector<std::string> userPaths(const ProfileDef& p) {
  if (p.onlyUser != nullptr) return {p.onlyUser};
  if (!p.tracker) return {kLeft, kRight};
  std::vector<std::string> out;
  for (const auto& r : kRoles) out.push_back(std::string(kRolePrefix) + r.role);
  for (const char* r : kOtherRoles) out.push_back(std::string(kRolePrefix) + r);
  return out;
}

// Splits a binding into its user path and checks its component against the profile.
std::optional<std::string> bindingUser(const ProfileDef& p, const std::string& binding) {
  for (const auto& user : userPaths(p)) {
    if (!startsWith(binding, user + "/")) continue;
    const std::string component = binding.substr(user.size());
    if (!p.simulated) {
      if (startsWith(component, "/input/") || startsWith(component, "/output/")) return user;
      continue;
    }
    const char hand = user == kLeft ? 'L' : (user == kRight ? 'R' : '\0');
    for (const char* c : p.components) {
      std::string_view cv(c);
      if (cv[0] == 'L' || cv[0] == 'R') {
        if (cv[0] != hand) continue;
        cv.remove_prefix(1);
      }
      // A parent such as /input/trigger stands for its value or click, as the spec allows.
      if (cv == component || (cv.size() > component.size() && startsWith(std::string(cv), component + "/"))) {
        return user;
      }
    }
  }
  return std::nullopt;
}

bool isTopLevelUserPath(const std::string& p) {
  if (p == kLeft || p == kRight || p == "/user/head" || p == "/user/gamepad") return true;
  if (!startsWith(p, kRolePrefix)) return false;
  const std::string role = p.substr(std::strlen(kRolePrefix));
  for (const auto& r : kRoles) {
    if (role == r.role) return true;
  }
  for (const char* r : kOtherRoles) {
    if (role == r) return true;
  }
  return false;
}

bool isValidName(const char* name, std::size_t maxSize) {
  const std::size_t n = strnlen(name, maxSize);
  if (n == 0 || n == maxSize) return false;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = name[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) {
      return false;
    }
  }
  return true;
}

Session* checkSession(XrSession handle, XrResult& error) {
  Session* s = lookup<Session>(handle);
  error = s == nullptr ? XR_ERROR_HANDLE_INVALID : (s->lost ? XR_ERROR_SESSION_LOST : XR_SUCCESS);
  return error == XR_SUCCESS ? s : nullptr;
}

// Sources (component paths) of an action in the session's current profiles, limited to
// `subaction` unless it is XR_NULL_PATH.
std::vector<std::pair<std::string, std::string>> boundSources(const Session& s, const Action& a,
                                                              XrPath subaction) {
  const Instance& inst = *s.instance;
  std::vector<std::pair<std::string, std::string>> out;  // user path, full binding
  const std::string* sub = pathString(inst, subaction);
  for (const auto& [profile, bindings] : a.bindings) {
    const ProfileDef* def = findProfile(*pathString(inst, profile));
    for (XrPath b : bindings) {
      const std::string& full = *pathString(inst, b);
      auto user = bindingUser(*def, full);
      if (!user) continue;
      if (sub != nullptr && *sub != *user) continue;
      // A user path never interned has no current profile either.
      auto id = inst.pathIds.find(*user);
      if (id == inst.pathIds.end()) continue;
      auto it = s.currentProfile.find(id->second);
      if (it == s.currentProfile.end() || it->second != profile) continue;
      out.emplace_back(*user, full);
    }
  }
  return out;
}

const ScriptedInput* scripted(const Instance& inst, const std::string& source, double traceS) {
  for (const auto& in : inst.config.inputs) {
    if (traceS < in.startS || traceS >= in.endS) continue;
    if (in.path == source || startsWith(in.path, source + "/") || startsWith(source, in.path + "/")) {
      return &in;
    }
  }
  return nullptr;
}

bool isAttached(const Session& s, const ActionSet* set) {
  return std::find(s.attachedSets.begin(), s.attachedSets.end(), set) != s.attachedSets.end();
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
  if (info->subactionPath != XR_NULL_PATH) {
    if (pathString(*s->instance, info->subactionPath) == nullptr) return XR_ERROR_PATH_INVALID;
    if (std::find(a->subactionPaths.begin(), a->subactionPaths.end(), info->subactionPath) ==
        a->subactionPaths.end()) {
      return violation(fn, XR_ERROR_PATH_UNSUPPORTED, "subaction path not declared by the action");
    }
  }
  static const ActionState kInactive{};
  auto it = s->actionStates.find({a, info->subactionPath});
  *out = it == s->actionStates.end() ? &kInactive : &it->second;
  return XR_SUCCESS;
}

}  // namespace

const char* trackerRole(Device d) {
  for (const auto& r : kRoles) {
    if (r.device == d) return r.role;
  }
  return nullptr;
}

std::optional<Device> deviceForUserPath(const std::string& user) {
  if (user == kLeft) return Device::LHand;
  if (user == kRight) return Device::RHand;
  if (user == "/user/head") return Device::Head;
  if (startsWith(user, kRolePrefix)) {
    const std::string role = user.substr(std::strlen(kRolePrefix));
    for (const auto& r : kRoles) {
      if (role == r.role) return r.device;
    }
  }
  return std::nullopt;
}

std::optional<Device> poseDeviceForAction(const Session& s, const Action& a, XrPath subaction) {
  for (const auto& [user, full] : boundSources(s, a, subaction)) {
    if (full.size() < 5 || full.compare(full.size() - 5, 5, "/pose") != 0) continue;
    auto d = deviceForUserPath(user);
    if (d && s.instance->player.hasDevice(*d)) return d;
  }
  return std::nullopt;
}

void destroyActionSet(Instance& inst, ActionSet* set) {
  for (auto& a : set->actions) unregisterHandle(a.get());
  unregisterHandle(set);
  std::erase_if(inst.actionSets, [&](const auto& p) { return p.get() == set; });
}

XrResult XRAPI_CALL xrCreateActionSet(XrInstance instance, const XrActionSetCreateInfo* info,
                                      XrActionSet* out) {
  std::lock_guard lock(runtime().mutex);
  Instance* inst = lookup<Instance>(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || out == nullptr || info->type != XR_TYPE_ACTION_SET_CREATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (!isValidName(info->actionSetName, XR_MAX_ACTION_SET_NAME_SIZE)) {
    return violation("xrCreateActionSet", XR_ERROR_PATH_FORMAT_INVALID, "bad actionSetName");
  }
  if (strnlen(info->localizedActionSetName, XR_MAX_LOCALIZED_ACTION_SET_NAME_SIZE) == 0) {
    return violation("xrCreateActionSet", XR_ERROR_LOCALIZED_NAME_INVALID, "empty localized name");
  }
  for (const auto& set : inst->actionSets) {
    if (set->name == info->actionSetName) {
      return violation("xrCreateActionSet", XR_ERROR_NAME_DUPLICATED, info->actionSetName);
    }
    if (set->localizedName == info->localizedActionSetName) {
      return violation("xrCreateActionSet", XR_ERROR_LOCALIZED_NAME_DUPLICATED,
                       info->localizedActionSetName);
    }
  }
  auto set = std::make_unique<ActionSet>();
  set->instance = inst;
  set->name = info->actionSetName;
  set->localizedName = info->localizedActionSetName;
  set->priority = info->priority;
  ActionSet* raw = set.get();
  inst->actionSets.push_back(std::move(set));
  registerHandle(raw);
  *out = toHandle<XrActionSet>(raw);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrDestroyActionSet(XrActionSet handle) {
  std::lock_guard lock(runtime().mutex);
  ActionSet* set = lookup<ActionSet>(handle);
  if (set == nullptr) return XR_ERROR_HANDLE_INVALID;
  destroyActionSet(*set->instance, set);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrCreateAction(XrActionSet setHandle, const XrActionCreateInfo* info,
                                   XrAction* out) {
  std::lock_guard lock(runtime().mutex);
  ActionSet* set = lookup<ActionSet>(setHandle);
  if (set == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || out == nullptr || info->type != XR_TYPE_ACTION_CREATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (set->attached) {
    return violation("xrCreateAction", XR_ERROR_ACTIONSETS_ALREADY_ATTACHED, set->name);
  }
  if (!isValidName(info->actionName, XR_MAX_ACTION_NAME_SIZE)) {
    return violation("xrCreateAction", XR_ERROR_PATH_FORMAT_INVALID, "bad actionName");
  }
  if (strnlen(info->localizedActionName, XR_MAX_LOCALIZED_ACTION_NAME_SIZE) == 0) {
    return violation("xrCreateAction", XR_ERROR_LOCALIZED_NAME_INVALID, "empty localized name");
  }
  for (const auto& a : set->actions) {
    if (a->name == info->actionName) {
      return violation("xrCreateAction", XR_ERROR_NAME_DUPLICATED, info->actionName);
    }
    if (a->localizedName == info->localizedActionName) {
      return violation("xrCreateAction", XR_ERROR_LOCALIZED_NAME_DUPLICATED,
                       info->localizedActionName);
    }
  }
  switch (info->actionType) {
    case XR_ACTION_TYPE_BOOLEAN_INPUT:
    case XR_ACTION_TYPE_FLOAT_INPUT:
    case XR_ACTION_TYPE_VECTOR2F_INPUT:
    case XR_ACTION_TYPE_POSE_INPUT:
    case XR_ACTION_TYPE_VIBRATION_OUTPUT:
      break;
    default:
      return XR_ERROR_VALIDATION_FAILURE;
  }
  auto a = std::make_unique<Action>();
  a->set = set;
  a->name = info->actionName;
  a->localizedName = info->localizedActionName;
  a->type = info->actionType;
  for (uint32_t i = 0; i < info->countSubactionPaths; ++i) {
    const std::string* p = pathString(*set->instance, info->subactionPaths[i]);
    if (p == nullptr) return XR_ERROR_PATH_INVALID;
    if (!isTopLevelUserPath(*p)) {
      return violation("xrCreateAction", XR_ERROR_PATH_UNSUPPORTED, "subaction path " + *p);
    }
    if (std::find(a->subactionPaths.begin(), a->subactionPaths.end(), info->subactionPaths[i]) !=
        a->subactionPaths.end()) {
      return violation("xrCreateAction", XR_ERROR_PATH_UNSUPPORTED, "duplicate subaction path");
    }
    a->subactionPaths.push_back(info->subactionPaths[i]);
  }
  Action* raw = a.get();
  set->actions.push_back(std::move(a));
  registerHandle(raw);
  *out = toHandle<XrAction>(raw);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrDestroyAction(XrAction handle) {
  std::lock_guard lock(runtime().mutex);
  Action* a = lookup<Action>(handle);
  if (a == nullptr) return XR_ERROR_HANDLE_INVALID;
  unregisterHandle(a);
  std::erase_if(a->set->actions, [&](const auto& p) { return p.get() == a; });
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrSuggestInteractionProfileBindings(
    XrInstance instance, const XrInteractionProfileSuggestedBinding* info) {
  std::lock_guard lock(runtime().mutex);
  Instance* inst = lookup<Instance>(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || info->type != XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING ||
      info->countSuggestedBindings == 0 || info->suggestedBindings == nullptr) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  const std::string* profile = pathString(*inst, info->interactionProfile);
  if (profile == nullptr) return XR_ERROR_PATH_INVALID;
  const ProfileDef* def = findProfile(*profile);
  if (def == nullptr || (def->tracker && !inst->htcx)) {
    return violation("xrSuggestInteractionProfileBindings", XR_ERROR_PATH_UNSUPPORTED,
                     "interaction profile " + *profile);
  }
  std::map<Action*, std::vector<XrPath>> next;
  for (uint32_t i = 0; i < info->countSuggestedBindings; ++i) {
    const auto& b = info->suggestedBindings[i];
    Action* a = lookup<Action>(b.action);
    if (a == nullptr) return XR_ERROR_HANDLE_INVALID;
    if (a->set->attached) {
      return violation("xrSuggestInteractionProfileBindings", XR_ERROR_ACTIONSETS_ALREADY_ATTACHED,
                       a->set->name);
    }
    const std::string* binding = pathString(*inst, b.binding);
    if (binding == nullptr) return XR_ERROR_PATH_INVALID;
    if (!bindingUser(*def, *binding)) {
      return violation("xrSuggestInteractionProfileBindings", XR_ERROR_PATH_UNSUPPORTED,
                       *binding + " in " + *profile);
    }
    next[a].push_back(b.binding);
  }
  // A new suggestion for a profile replaces the previous one.
  for (auto& set : inst->actionSets) {
    for (auto& a : set->actions) a->bindings.erase(info->interactionProfile);
  }
  for (auto& [a, paths] : next) a->bindings[info->interactionProfile] = paths;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrAttachSessionActionSets(XrSession session,
                                              const XrSessionActionSetsAttachInfo* info) {
  std::lock_guard lock(runtime().mutex);
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  if (info == nullptr || info->type != XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO ||
      info->countActionSets == 0) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (!s->attachedSets.empty()) {
    return violation("xrAttachSessionActionSets", XR_ERROR_ACTIONSETS_ALREADY_ATTACHED,
                     "action sets were already attached to this session");
  }
  std::vector<ActionSet*> sets;
  for (uint32_t i = 0; i < info->countActionSets; ++i) {
    ActionSet* set = lookup<ActionSet>(info->actionSets[i]);
    if (set == nullptr) return XR_ERROR_HANDLE_INVALID;
    sets.push_back(set);
  }
  Instance& inst = *s->instance;
  for (ActionSet* set : sets) set->attached = true;
  s->attachedSets = sets;
  // The simulated controllers are the configured profile when the application suggested it,
  // otherwise the first profile it did suggest, as a runtime remaps real controllers.
  std::set<XrPath> suggested;
  for (ActionSet* set : sets) {
    for (auto& a : set->actions) {
      for (auto& [profile, paths] : a->bindings) suggested.insert(profile);
    }
  }
  std::vector<std::string> order = {inst.config.controllerProfile};
  for (const auto& p : profiles()) {
    if (!p.tracker && p.simulated) order.emplace_back(p.path);
  }
  for (const auto& p : order) {
    const ProfileDef* def = findProfile(p);
    if (def == nullptr || !def->simulated || def->tracker) continue;
    auto it = inst.pathIds.find(p);
    if (it == inst.pathIds.end() || !suggested.contains(it->second)) continue;
    s->currentProfile[pathId(inst, kLeft)] = it->second;
    s->currentProfile[pathId(inst, kRight)] = it->second;
    break;
  }
  if (auto it = inst.pathIds.find(kTrackerProfile);
      it != inst.pathIds.end() && suggested.contains(it->second)) {
    for (const auto& r : kRoles) {
      if (inst.player.hasDevice(r.device)) {
        s->currentProfile[pathId(inst, std::string(kRolePrefix) + r.role)] = it->second;
      }
    }
  }
  if (!s->currentProfile.empty()) {
    XrEventDataInteractionProfileChanged e{};
    e.type = XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED;
    e.session = session;
    pushEvent(inst, &e, sizeof e);
  }
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrGetCurrentInteractionProfile(XrSession session, XrPath topLevelUserPath,
                                                   XrInteractionProfileState* state) {
  std::lock_guard lock(runtime().mutex);
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  if (state == nullptr || state->type != XR_TYPE_INTERACTION_PROFILE_STATE) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (s->attachedSets.empty()) {
    return violation("xrGetCurrentInteractionProfile", XR_ERROR_ACTIONSET_NOT_ATTACHED,
                     "no action sets attached");
  }
  const std::string* user = pathString(*s->instance, topLevelUserPath);
  if (user == nullptr) return XR_ERROR_PATH_INVALID;
  if (!isTopLevelUserPath(*user)) return XR_ERROR_PATH_UNSUPPORTED;
  auto it = s->currentProfile.find(topLevelUserPath);
  state->interactionProfile = it == s->currentProfile.end() ? XR_NULL_PATH : it->second;
  return XR_SUCCESS;
}

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
  std::lock_guard lock(runtime().mutex);
  if (state == nullptr || state->type != XR_TYPE_ACTION_STATE_BOOLEAN) {
    if (lookup<Session>(session) == nullptr) return XR_ERROR_HANDLE_INVALID;
    return XR_ERROR_VALIDATION_FAILURE;
  }
  const ActionState* st = nullptr;
  if (XrResult r = stateFor(session, info, XR_ACTION_TYPE_BOOLEAN_INPUT, "xrGetActionStateBoolean", &st);
      XR_FAILED(r)) {
    return r;
  }
  state->currentState = st->value > 0.5f ? XR_TRUE : XR_FALSE;
  state->changedSinceLastSync = st->changed ? XR_TRUE : XR_FALSE;
  state->lastChangeTime = st->lastChange;
  state->isActive = st->active ? XR_TRUE : XR_FALSE;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrGetActionStateFloat(XrSession session, const XrActionStateGetInfo* info,
                                          XrActionStateFloat* state) {
  std::lock_guard lock(runtime().mutex);
  if (state == nullptr || state->type != XR_TYPE_ACTION_STATE_FLOAT) {
    if (lookup<Session>(session) == nullptr) return XR_ERROR_HANDLE_INVALID;
    return XR_ERROR_VALIDATION_FAILURE;
  }
  const ActionState* st = nullptr;
  if (XrResult r = stateFor(session, info, XR_ACTION_TYPE_FLOAT_INPUT, "xrGetActionStateFloat", &st);
      XR_FAILED(r)) {
    return r;
  }
  state->currentState = st->value;
  state->changedSinceLastSync = st->changed ? XR_TRUE : XR_FALSE;
  state->lastChangeTime = st->lastChange;
  state->isActive = st->active ? XR_TRUE : XR_FALSE;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrGetActionStateVector2f(XrSession session, const XrActionStateGetInfo* info,
                                             XrActionStateVector2f* state) {
  std::lock_guard lock(runtime().mutex);
  if (state == nullptr || state->type != XR_TYPE_ACTION_STATE_VECTOR2F) {
    if (lookup<Session>(session) == nullptr) return XR_ERROR_HANDLE_INVALID;
    return XR_ERROR_VALIDATION_FAILURE;
  }
  const ActionState* st = nullptr;
  if (XrResult r = stateFor(session, info, XR_ACTION_TYPE_VECTOR2F_INPUT,
                            "xrGetActionStateVector2f", &st);
      XR_FAILED(r)) {
    return r;
  }
  state->currentState = {st->value, st->y};
  state->changedSinceLastSync = st->changed ? XR_TRUE : XR_FALSE;
  state->lastChangeTime = st->lastChange;
  state->isActive = st->active ? XR_TRUE : XR_FALSE;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrGetActionStatePose(XrSession session, const XrActionStateGetInfo* info,
                                         XrActionStatePose* state) {
  std::lock_guard lock(runtime().mutex);
  if (state == nullptr || state->type != XR_TYPE_ACTION_STATE_POSE) {
    if (lookup<Session>(session) == nullptr) return XR_ERROR_HANDLE_INVALID;
    return XR_ERROR_VALIDATION_FAILURE;
  }
  const ActionState* st = nullptr;
  if (XrResult r = stateFor(session, info, XR_ACTION_TYPE_POSE_INPUT, "xrGetActionStatePose", &st);
      XR_FAILED(r)) {
    return r;
  }
  state->isActive = st->active ? XR_TRUE : XR_FALSE;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrEnumerateBoundSourcesForAction(XrSession session,
                                                     const XrBoundSourcesForActionEnumerateInfo* info,
                                                     uint32_t capacity, uint32_t* count,
                                                     XrPath* sources) {
  std::lock_guard lock(runtime().mutex);
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  if (info == nullptr || info->type != XR_TYPE_BOUND_SOURCES_FOR_ACTION_ENUMERATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  Action* a = lookup<Action>(info->action);
  if (a == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (!isAttached(*s, a->set)) {
    return violation("xrEnumerateBoundSourcesForAction", XR_ERROR_ACTIONSET_NOT_ATTACHED, a->name);
  }
  std::vector<XrPath> out;
  for (const auto& [user, full] : boundSources(*s, *a, XR_NULL_PATH)) {
    out.push_back(pathId(*s->instance, full));
  }
  return fillArray(capacity, count, sources, out);
}

XrResult XRAPI_CALL xrGetInputSourceLocalizedName(XrSession session,
                                                  const XrInputSourceLocalizedNameGetInfo* info,
                                                  uint32_t capacity, uint32_t* count,
                                                  char* buffer) {
  std::lock_guard lock(runtime().mutex);
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  if (info == nullptr || count == nullptr ||
      info->type != XR_TYPE_INPUT_SOURCE_LOCALIZED_NAME_GET_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (s->attachedSets.empty()) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
  const std::string* src = pathString(*s->instance, info->sourcePath);
  if (src == nullptr) return XR_ERROR_PATH_INVALID;
  if (info->whichComponents == 0) return XR_ERROR_VALIDATION_FAILURE;
  // Simulated devices are named by their path: readable enough for a test or a demo.
  const std::string name = "Simulated " + *src;
  *count = static_cast<uint32_t>(name.size() + 1);
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < *count) return XR_ERROR_SIZE_INSUFFICIENT;
  std::memcpy(buffer, name.c_str(), name.size() + 1);
  return XR_SUCCESS;
}

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
  const auto* v = reinterpret_cast<const XrHapticVibration*>(haptic);
  Instance& inst = *s->instance;
  if (!inst.haptics.is_open() || s->state != XR_SESSION_STATE_FOCUSED) return XR_SUCCESS;
  for (const auto& [user, full] : boundSources(*s, *a, info->subactionPath)) {
    inst.haptics << traceTimeS(*s, s->lastDisplayNs) << ",apply," << full << ',' << v->duration
                 << ',' << v->frequency << ',' << v->amplitude << '\n';
  }
  inst.haptics.flush();
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrStopHapticFeedback(XrSession session, const XrHapticActionInfo* info) {
  std::lock_guard lock(runtime().mutex);
  Session* s = nullptr;
  Action* a = nullptr;
  if (XrResult r = hapticCommon(session, info, "xrStopHapticFeedback", &s, &a); XR_FAILED(r)) {
    return r;
  }
  Instance& inst = *s->instance;
  if (!inst.haptics.is_open() || s->state != XR_SESSION_STATE_FOCUSED) return XR_SUCCESS;
  for (const auto& [user, full] : boundSources(*s, *a, info->subactionPath)) {
    inst.haptics << traceTimeS(*s, s->lastDisplayNs) << ",stop," << full << ",0,0,0\n";
  }
  inst.haptics.flush();
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrEnumerateViveTrackerPathsHTCX(XrInstance instance, uint32_t capacity,
                                                    uint32_t* count,
                                                    XrViveTrackerPathsHTCX* paths) {
  std::lock_guard lock(runtime().mutex);
  Instance* inst = lookup<Instance>(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (count == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  const auto n = static_cast<uint32_t>(inst->trackerPaths.size());
  *count = n;
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < n) return XR_ERROR_SIZE_INSUFFICIENT;
  for (uint32_t i = 0; i < n; ++i) {
    if (paths[i].type != XR_TYPE_VIVE_TRACKER_PATHS_HTCX) return XR_ERROR_VALIDATION_FAILURE;
    paths[i].persistentPath = inst->trackerPaths[i].persistentPath;
    paths[i].rolePath = inst->trackerPaths[i].rolePath;
  }
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrCreateXDevListMNDX(XrSession session, const XrCreateXDevListInfoMNDX* info,
                                         XrXDevListMNDX* out) {
  std::lock_guard lock(runtime().mutex);
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  if (info == nullptr || out == nullptr || info->type != XR_TYPE_CREATE_XDEV_LIST_INFO_MNDX) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  auto list = std::make_unique<XDevList>();
  list->session = s;
  for (Device d : kAllDevices) {
    if (s->instance->player.hasDevice(d)) list->devices.push_back(d);
  }
  XDevList* raw = list.get();
  s->xdevLists.push_back(std::move(list));
  registerHandle(raw);
  *out = toHandle<XrXDevListMNDX>(raw);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrGetXDevListGenerationNumberMNDX(XrXDevListMNDX handle, uint64_t* generation) {
  std::lock_guard lock(runtime().mutex);
  if (lookup<XDevList>(handle) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (generation == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  *generation = 1;  // a trace's devices never change during playback
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrEnumerateXDevsMNDX(XrXDevListMNDX handle, uint32_t capacity, uint32_t* count,
                                         XrXDevIdMNDX* ids) {
  std::lock_guard lock(runtime().mutex);
  XDevList* list = lookup<XDevList>(handle);
  if (list == nullptr) return XR_ERROR_HANDLE_INVALID;
  std::vector<XrXDevIdMNDX> out;
  for (std::size_t i = 0; i < list->devices.size(); ++i) out.push_back(i + 1);
  return fillArray(capacity, count, ids, out);
}

XrResult XRAPI_CALL xrGetXDevPropertiesMNDX(XrXDevListMNDX handle, const XrGetXDevInfoMNDX* info,
                                            XrXDevPropertiesMNDX* props) {
  std::lock_guard lock(runtime().mutex);
  XDevList* list = lookup<XDevList>(handle);
  if (list == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || props == nullptr || info->type != XR_TYPE_GET_XDEV_INFO_MNDX ||
      props->type != XR_TYPE_XDEV_PROPERTIES_MNDX) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (info->id == 0 || info->id > list->devices.size()) return XR_ERROR_VALIDATION_FAILURE;
  const std::string dev(deviceName(list->devices[info->id - 1]));
  std::snprintf(props->name, sizeof props->name, "Lumbo simulated %s", dev.c_str());
  std::snprintf(props->serial, sizeof props->serial, "lumbo-%s", dev.c_str());
  props->canCreateSpace = XR_TRUE;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrDestroyXDevListMNDX(XrXDevListMNDX handle) {
  std::lock_guard lock(runtime().mutex);
  XDevList* list = lookup<XDevList>(handle);
  if (list == nullptr) return XR_ERROR_HANDLE_INVALID;
  unregisterHandle(list);
  std::erase_if(list->session->xdevLists, [&](const auto& p) { return p.get() == list; });
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrCreateXDevSpaceMNDX(XrSession session, const XrCreateXDevSpaceInfoMNDX* info,
                                          XrSpace* out) {
  std::lock_guard lock(runtime().mutex);
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  if (info == nullptr || out == nullptr || info->type != XR_TYPE_CREATE_XDEV_SPACE_INFO_MNDX) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  XDevList* list = lookup<XDevList>(info->xdevList);
  if (list == nullptr || list->session != s) return XR_ERROR_HANDLE_INVALID;
  if (info->id == 0 || info->id > list->devices.size()) return XR_ERROR_VALIDATION_FAILURE;
  auto space = std::make_unique<Space>();
  space->session = s;
  space->type = Space::Type::Device;
  space->device = list->devices[info->id - 1];
  space->offset = toPose(info->offset);
  Space* raw = space.get();
  s->spaces.push_back(std::move(space));
  registerHandle(raw);
  *out = toHandle<XrSpace>(raw);
  return XR_SUCCESS;
}

}  // namespace lumbo::simxr
