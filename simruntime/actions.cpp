// Action sets and actions: creation with the specification's name rules, and destruction.
#include <algorithm>
#include <cstring>

#include "simruntime/api.h"
#include "simruntime/interaction_profiles.h"

namespace lumbo::simxr {
namespace {

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

}  // namespace

XrResult checkSubactionPath(const Instance& inst, const Action& a, XrPath subaction,
                            const char* function) {
  if (subaction == XR_NULL_PATH) return XR_SUCCESS;
  if (pathString(inst, subaction) == nullptr) return XR_ERROR_PATH_INVALID;
  if (std::find(a.subactionPaths.begin(), a.subactionPaths.end(), subaction) ==
      a.subactionPaths.end()) {
    return violation(function, XR_ERROR_PATH_UNSUPPORTED, "subaction path not declared by the action");
  }
  return XR_SUCCESS;
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
  *out = adopt<XrActionSet>(inst->actionSets, std::move(set));
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
  *out = adopt<XrAction>(set->actions, std::move(a));
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

}  // namespace lumbo::simxr
