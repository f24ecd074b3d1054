// XR_HTCX_vive_tracker_interaction: tracker roles, their paths, and xrEnumerateViveTrackerPathsHTCX.
#include "simruntime/htcx_trackers.h"

#include <algorithm>
#include <string_view>

#include "simruntime/api.h"

namespace lumbo::simxr {
namespace {

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

const RoleDef* roleFor(const std::string& userPath) {
  if (!startsWith(userPath, kRolePrefix)) return nullptr;
  const std::string_view role = std::string_view(userPath).substr(std::string_view(kRolePrefix).size());
  for (const auto& r : kRoles) {
    if (role == r.role) return &r;
  }
  return nullptr;
}

}  // namespace

const std::vector<std::string>& trackerUserPaths() {
  static const std::vector<std::string> kPaths = [] {
    std::vector<std::string> out;
    for (const auto& r : kRoles) out.push_back(std::string(kRolePrefix) + r.role);
    for (const char* r : kOtherRoles) out.push_back(std::string(kRolePrefix) + r);
    return out;
  }();
  return kPaths;
}

bool isTrackerUserPath(const std::string& userPath) {
  const auto& paths = trackerUserPaths();
  return std::find(paths.begin(), paths.end(), userPath) != paths.end();
}

std::optional<Device> trackerDevice(const std::string& userPath) {
  const RoleDef* r = roleFor(userPath);
  if (r == nullptr) return std::nullopt;
  return r->device;
}

std::optional<std::string> trackerUserPath(Device d) {
  for (const auto& r : kRoles) {
    if (r.device == d) return std::string(kRolePrefix) + r.role;
  }
  return std::nullopt;
}

void addTrackerPaths(Instance& inst) {
  for (Device d : kAllDevices) {
    const auto rolePath = trackerUserPath(d);
    if (!rolePath || !inst.player.hasDevice(d)) continue;
    XrViveTrackerPathsHTCX p{};
    p.type = XR_TYPE_VIVE_TRACKER_PATHS_HTCX;
    p.persistentPath = pathId(
        inst, "/devices/lumbo/vive_tracker_htcx/serial/lumbo-" + std::string(deviceName(d)));
    p.rolePath = pathId(inst, *rolePath);
    inst.trackerPaths.push_back(p);
  }
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

}  // namespace lumbo::simxr
