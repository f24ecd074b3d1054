// Interaction profiles: the profiles the runtime knows, suggested bindings, the profile each
// simulated device takes when action sets are attached, and the sources an action is bound to.
#include "simruntime/interaction_profiles.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>

#include "simruntime/api.h"
#include "simruntime/htcx_trackers.h"

namespace lumbo::simxr {
namespace {

constexpr const char* kLeft = "/user/hand/left";
constexpr const char* kRight = "/user/hand/right";

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

// The top-level user paths a profile accepts.
std::vector<std::string> userPaths(const ProfileDef& p) {
  if (p.onlyUser != nullptr) return {p.onlyUser};
  if (!p.tracker) return {kLeft, kRight};
  return trackerUserPaths();
}

// Splits a binding into its user path and checks its component against the profile.
std::optional<std::string> splitBinding(const ProfileDef& p, const std::string& binding) {
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

// splitBinding, remembered: it depends only on the profile (a constant) and the binding's text,
// and xrSyncActions asks it for every binding of every action each frame. Working it out each
// time (user path lists built, strings cut and compared) was most of an application's frame.
// Runtime entry points hold the runtime's mutex, so the memo needs no lock of its own.
const std::optional<std::string>& bindingUser(const ProfileDef& p, const std::string& binding) {
  static std::map<const ProfileDef*, std::unordered_map<std::string, std::optional<std::string>>> memo;
  auto& byBinding = memo[&p];
  auto it = byBinding.find(binding);
  if (it == byBinding.end()) it = byBinding.emplace(binding, splitBinding(p, binding)).first;
  return it->second;
}

}  // namespace

bool isTopLevelUserPath(const std::string& p) {
  if (p == kLeft || p == kRight || p == "/user/head" || p == "/user/gamepad") return true;
  return isTrackerUserPath(p);
}

std::vector<std::pair<std::string, std::string>> boundSources(const Session& s, const Action& a,
                                                              XrPath subaction) {
  const Instance& inst = *s.instance;
  std::vector<std::pair<std::string, std::string>> out;  // user path, full binding
  const std::string* sub = pathString(inst, subaction);
  for (const auto& [profile, bindings] : a.bindings) {
    const ProfileDef* def = findProfile(*pathString(inst, profile));
    for (XrPath b : bindings) {
      const std::string& full = *pathString(inst, b);
      const auto& user = bindingUser(*def, full);
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

std::optional<Device> deviceForUserPath(const std::string& user) {
  if (user == kLeft) return Device::LHand;
  if (user == kRight) return Device::RHand;
  if (user == "/user/head") return Device::Head;
  return trackerDevice(user);
}

std::optional<Device> poseDeviceForAction(const Session& s, const Action& a, XrPath subaction) {
  for (const auto& [user, full] : boundSources(s, a, subaction)) {
    if (full.size() < 5 || full.compare(full.size() - 5, 5, "/pose") != 0) continue;
    auto d = deviceForUserPath(user);
    if (d && s.instance->player.hasDevice(*d)) return d;
  }
  return std::nullopt;
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
    if (!inst.config.controllers) break;  // nothing in the hands: no controller profile is current
    s->currentProfile[pathId(inst, kLeft)] = it->second;
    s->currentProfile[pathId(inst, kRight)] = it->second;
    break;
  }
  if (auto it = inst.pathIds.find(kTrackerProfile);
      it != inst.pathIds.end() && suggested.contains(it->second)) {
    for (Device d : kAllDevices) {
      const auto rolePath = trackerUserPath(d);
      if (rolePath && inst.player.hasDevice(d)) s->currentProfile[pathId(inst, *rolePath)] = it->second;
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

}  // namespace lumbo::simxr
