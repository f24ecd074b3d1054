// XR_MNDX_xdev_space: the trace's devices as a device list, each of which can become a space.
#include <cstdio>

#include "simruntime/api.h"

namespace lumbo::simxr {

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
  *out = adopt<XrXDevListMNDX>(s->xdevLists, std::move(list));
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
  *out = adopt<XrSpace>(s->spaces, std::move(space));
  return XR_SUCCESS;
}

}  // namespace lumbo::simxr
