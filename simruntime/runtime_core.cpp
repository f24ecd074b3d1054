// Loader negotiation, the dispatch table, and the instance-level API: instance, system, events,
// paths, strings and time.
#include <openxr/openxr_reflection.h>

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string_view>

#include "simruntime/api.h"
#include "simruntime/htcx_trackers.h"
#include "simruntime/loader_negotiation.h"

namespace lumbo::simxr {

Runtime& runtime() {
  static Runtime r;
  return r;
}

void unregisterHandle(const void* object) { runtime().live.erase(object); }

void logLine(const std::string& line) {
  auto& inst = runtime().instance;
  if (inst && inst->diagnostics.is_open()) {
    inst->diagnostics << line << '\n';
    inst->diagnostics.flush();
  }
}

XrResult violation(const char* function, XrResult result, const std::string& what) {
  char name[XR_MAX_RESULT_STRING_SIZE];
  xrResultToString(XR_NULL_HANDLE, result, name);
  if (auto& inst = runtime().instance) ++inst->stats.violations;
  logLine(std::string("violation: ") + function + ": " + name + ": " + what);
  return result;
}

Session* checkSession(XrSession handle, XrResult& error) {
  Session* s = lookup<Session>(handle);
  error = s == nullptr ? XR_ERROR_HANDLE_INVALID : (s->lost ? XR_ERROR_SESSION_LOST : XR_SUCCESS);
  return error == XR_SUCCESS ? s : nullptr;
}

bool isAttached(const Session& s, const ActionSet* set) {
  return std::find(s.attachedSets.begin(), s.attachedSets.end(), set) != s.attachedSets.end();
}

bool startsWith(const std::string& s, const std::string& prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool isWellFormedPath(const std::string& path) {
  if (path.size() < 2 || path.size() >= XR_MAX_PATH_LENGTH || path[0] != '/' ||
      path.back() == '/') {
    return false;
  }
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string_view part(path.data() + start, end - start);
    if (part.empty() || part.find_first_not_of('.') == std::string_view::npos) return false;
    for (char c : part) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                      c == '.';
      if (!ok) return false;
    }
    start = end + 1;
  }
  return true;
}

XrPath pathId(Instance& inst, const std::string& path) {
  auto it = inst.pathIds.find(path);
  if (it != inst.pathIds.end()) return it->second;
  inst.paths.push_back(path);
  const XrPath id = inst.paths.size();
  inst.pathIds.emplace(path, id);
  return id;
}

const std::string* pathString(const Instance& inst, XrPath path) {
  if (path == XR_NULL_PATH || path > inst.paths.size()) return nullptr;
  return &inst.paths[path - 1];
}

XrTime nowNs(const Instance& inst) {
  if (inst.config.pacing == Pacing::FreeRunning) return inst.simNowNs;
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<XrTime>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

bool traceLoops(const Instance& inst) { return inst.config.atEnd == TraceEnd::Loop; }

double traceTimeS(const Session& s, XrTime t) { return nsToS(t - s.originNs); }

void pushEvent(Instance& inst, const void* event, std::size_t size) {
  // An application that never polls must not grow the queue without bound.
  constexpr std::size_t kMaxQueuedEvents = 1024;
  if (inst.events.size() >= kMaxQueuedEvents) {
    inst.events.pop_front();
    ++inst.lostEvents;
  }
  XrEventDataBuffer buffer{};
  std::memcpy(&buffer, event, std::min(size, sizeof buffer));
  inst.events.push_back(buffer);
}

void setSessionState(Session& s, XrSessionState state) {
  s.state = state;
  XrEventDataSessionStateChanged e{};
  e.type = XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED;
  e.session = toHandle<XrSession>(&s);
  e.state = state;
  e.time = nowNs(*s.instance);
  pushEvent(*s.instance, &e, sizeof e);
}

Pose toPose(const XrPosef& p) {
  Pose out;
  out.positionM = {p.position.x, p.position.y, p.position.z};
  out.orientation = glm::normalize(
      glm::dquat(p.orientation.w, p.orientation.x, p.orientation.y, p.orientation.z));
  return out;
}

XrPosef toXr(const Pose& p) {
  XrPosef out{};
  out.position = {static_cast<float>(p.positionM.x), static_cast<float>(p.positionM.y),
                  static_cast<float>(p.positionM.z)};
  out.orientation = {static_cast<float>(p.orientation.x), static_cast<float>(p.orientation.y),
                     static_cast<float>(p.orientation.z), static_cast<float>(p.orientation.w)};
  return out;
}

std::optional<Pose> devicePose(const Session& s, Device d, XrTime t) {
  const Instance& inst = *s.instance;
  return inst.player.poseAt(d, traceTimeS(s, t), traceLoops(inst));
}

namespace {

constexpr XrSystemId kSystemId = 1;

struct ExtensionInfo {
  const char* name;
  std::uint32_t version;
  bool Instance::*flag;
};
constexpr ExtensionInfo kExtensions[] = {
    {XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME, XR_KHR_vulkan_enable2_SPEC_VERSION, &Instance::vulkan2},
    {XR_KHR_CONVERT_TIMESPEC_TIME_EXTENSION_NAME, XR_KHR_convert_timespec_time_SPEC_VERSION,
     &Instance::timespec},
    {XR_MND_HEADLESS_EXTENSION_NAME, XR_MND_headless_SPEC_VERSION, &Instance::headless},
    {XR_HTCX_VIVE_TRACKER_INTERACTION_EXTENSION_NAME, XR_HTCX_vive_tracker_interaction_SPEC_VERSION,
     &Instance::htcx},
    {XR_MNDX_XDEV_SPACE_EXTENSION_NAME, XR_MNDX_xdev_space_SPEC_VERSION, &Instance::mndx},
    {XR_EXT_HAND_TRACKING_EXTENSION_NAME, XR_EXT_hand_tracking_SPEC_VERSION, &Instance::handTracking},
};

struct Entry {
  const char* name;
  PFN_xrVoidFunction function;
  bool Instance::*extension;  // nullptr: core
};

#define LUMBO_ENTRY(fn, ext) {#fn, reinterpret_cast<PFN_xrVoidFunction>(&fn), ext}
const Entry kEntries[] = {
    LUMBO_ENTRY(xrGetInstanceProcAddr, nullptr),
    LUMBO_ENTRY(xrEnumerateApiLayerProperties, nullptr),
    LUMBO_ENTRY(xrEnumerateInstanceExtensionProperties, nullptr),
    LUMBO_ENTRY(xrCreateInstance, nullptr),
    LUMBO_ENTRY(xrDestroyInstance, nullptr),
    LUMBO_ENTRY(xrGetInstanceProperties, nullptr),
    LUMBO_ENTRY(xrPollEvent, nullptr),
    LUMBO_ENTRY(xrResultToString, nullptr),
    LUMBO_ENTRY(xrStructureTypeToString, nullptr),
    LUMBO_ENTRY(xrGetSystem, nullptr),
    LUMBO_ENTRY(xrGetSystemProperties, nullptr),
    LUMBO_ENTRY(xrEnumerateEnvironmentBlendModes, nullptr),
    LUMBO_ENTRY(xrCreateSession, nullptr),
    LUMBO_ENTRY(xrDestroySession, nullptr),
    LUMBO_ENTRY(xrEnumerateReferenceSpaces, nullptr),
    LUMBO_ENTRY(xrCreateReferenceSpace, nullptr),
    LUMBO_ENTRY(xrGetReferenceSpaceBoundsRect, nullptr),
    LUMBO_ENTRY(xrCreateActionSpace, nullptr),
    LUMBO_ENTRY(xrLocateSpace, nullptr),
    LUMBO_ENTRY(xrDestroySpace, nullptr),
    LUMBO_ENTRY(xrEnumerateViewConfigurations, nullptr),
    LUMBO_ENTRY(xrGetViewConfigurationProperties, nullptr),
    LUMBO_ENTRY(xrEnumerateViewConfigurationViews, nullptr),
    LUMBO_ENTRY(xrEnumerateSwapchainFormats, nullptr),
    LUMBO_ENTRY(xrCreateSwapchain, nullptr),
    LUMBO_ENTRY(xrDestroySwapchain, nullptr),
    LUMBO_ENTRY(xrEnumerateSwapchainImages, nullptr),
    LUMBO_ENTRY(xrAcquireSwapchainImage, nullptr),
    LUMBO_ENTRY(xrWaitSwapchainImage, nullptr),
    LUMBO_ENTRY(xrReleaseSwapchainImage, nullptr),
    LUMBO_ENTRY(xrBeginSession, nullptr),
    LUMBO_ENTRY(xrEndSession, nullptr),
    LUMBO_ENTRY(xrRequestExitSession, nullptr),
    LUMBO_ENTRY(xrWaitFrame, nullptr),
    LUMBO_ENTRY(xrBeginFrame, nullptr),
    LUMBO_ENTRY(xrEndFrame, nullptr),
    LUMBO_ENTRY(xrLocateViews, nullptr),
    LUMBO_ENTRY(xrStringToPath, nullptr),
    LUMBO_ENTRY(xrPathToString, nullptr),
    LUMBO_ENTRY(xrCreateActionSet, nullptr),
    LUMBO_ENTRY(xrDestroyActionSet, nullptr),
    LUMBO_ENTRY(xrCreateAction, nullptr),
    LUMBO_ENTRY(xrDestroyAction, nullptr),
    LUMBO_ENTRY(xrSuggestInteractionProfileBindings, nullptr),
    LUMBO_ENTRY(xrAttachSessionActionSets, nullptr),
    LUMBO_ENTRY(xrGetCurrentInteractionProfile, nullptr),
    LUMBO_ENTRY(xrGetActionStateBoolean, nullptr),
    LUMBO_ENTRY(xrGetActionStateFloat, nullptr),
    LUMBO_ENTRY(xrGetActionStateVector2f, nullptr),
    LUMBO_ENTRY(xrGetActionStatePose, nullptr),
    LUMBO_ENTRY(xrSyncActions, nullptr),
    LUMBO_ENTRY(xrEnumerateBoundSourcesForAction, nullptr),
    LUMBO_ENTRY(xrGetInputSourceLocalizedName, nullptr),
    LUMBO_ENTRY(xrApplyHapticFeedback, nullptr),
    LUMBO_ENTRY(xrStopHapticFeedback, nullptr),
    LUMBO_ENTRY(xrGetVulkanGraphicsRequirements2KHR, &Instance::vulkan2),
    LUMBO_ENTRY(xrCreateVulkanInstanceKHR, &Instance::vulkan2),
    LUMBO_ENTRY(xrCreateVulkanDeviceKHR, &Instance::vulkan2),
    LUMBO_ENTRY(xrGetVulkanGraphicsDevice2KHR, &Instance::vulkan2),
    LUMBO_ENTRY(xrConvertTimespecTimeToTimeKHR, &Instance::timespec),
    LUMBO_ENTRY(xrConvertTimeToTimespecTimeKHR, &Instance::timespec),
    LUMBO_ENTRY(xrEnumerateViveTrackerPathsHTCX, &Instance::htcx),
    LUMBO_ENTRY(xrCreateXDevListMNDX, &Instance::mndx),
    LUMBO_ENTRY(xrGetXDevListGenerationNumberMNDX, &Instance::mndx),
    LUMBO_ENTRY(xrEnumerateXDevsMNDX, &Instance::mndx),
    LUMBO_ENTRY(xrGetXDevPropertiesMNDX, &Instance::mndx),
    LUMBO_ENTRY(xrDestroyXDevListMNDX, &Instance::mndx),
    LUMBO_ENTRY(xrCreateXDevSpaceMNDX, &Instance::mndx),
    LUMBO_ENTRY(xrCreateHandTrackerEXT, &Instance::handTracking),
    LUMBO_ENTRY(xrDestroyHandTrackerEXT, &Instance::handTracking),
    LUMBO_ENTRY(xrLocateHandJointsEXT, &Instance::handTracking),
};
#undef LUMBO_ENTRY

Instance* checkInstance(XrInstance handle) { return lookup<Instance>(handle); }

void copyString(char* out, std::size_t capacity, std::string_view text) {
  const std::size_t n = std::min(capacity - 1, text.size());
  std::memcpy(out, text.data(), n);
  out[n] = '\0';
}

}  // namespace

XrResult XRAPI_CALL xrGetInstanceProcAddr(XrInstance instance, const char* name,
                                          PFN_xrVoidFunction* function) {
  std::lock_guard lock(runtime().mutex);
  if (name == nullptr || function == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  *function = nullptr;
  Instance* inst = nullptr;
  if (instance != XR_NULL_HANDLE) {
    inst = checkInstance(instance);
    if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  }
  for (const Entry& e : kEntries) {
    if (std::strcmp(e.name, name) != 0) continue;
    if (inst == nullptr) {
      const bool allowed = std::strcmp(name, "xrEnumerateInstanceExtensionProperties") == 0 ||
                           std::strcmp(name, "xrEnumerateApiLayerProperties") == 0 ||
                           std::strcmp(name, "xrCreateInstance") == 0 ||
                           std::strcmp(name, "xrGetInstanceProcAddr") == 0;
      if (!allowed) return XR_ERROR_HANDLE_INVALID;
    } else if (e.extension != nullptr && !(inst->*e.extension)) {
      return XR_ERROR_FUNCTION_UNSUPPORTED;
    }
    *function = e.function;
    return XR_SUCCESS;
  }
  return XR_ERROR_FUNCTION_UNSUPPORTED;
}

XrResult XRAPI_CALL xrEnumerateApiLayerProperties(uint32_t capacity, uint32_t* count,
                                                  XrApiLayerProperties*) {
  if (count == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  (void)capacity;
  *count = 0;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrEnumerateInstanceExtensionProperties(const char* layerName, uint32_t capacity,
                                                           uint32_t* count,
                                                           XrExtensionProperties* props) {
  if (layerName != nullptr && *layerName != '\0') return XR_ERROR_API_LAYER_NOT_PRESENT;
  if (count == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  constexpr auto n = static_cast<uint32_t>(std::size(kExtensions));
  *count = n;
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < n) return XR_ERROR_SIZE_INSUFFICIENT;
  for (uint32_t i = 0; i < n; ++i) {
    if (props[i].type != XR_TYPE_EXTENSION_PROPERTIES) return XR_ERROR_VALIDATION_FAILURE;
    copyString(props[i].extensionName, XR_MAX_EXTENSION_NAME_SIZE, kExtensions[i].name);
    props[i].extensionVersion = kExtensions[i].version;
  }
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrCreateInstance(const XrInstanceCreateInfo* info, XrInstance* out) {
  std::lock_guard lock(runtime().mutex);
  if (info == nullptr || out == nullptr || info->type != XR_TYPE_INSTANCE_CREATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (XR_VERSION_MAJOR(info->applicationInfo.apiVersion) != 1) {
    return XR_ERROR_API_VERSION_UNSUPPORTED;
  }
  if (runtime().instance) return XR_ERROR_LIMIT_REACHED;
  auto inst = std::make_unique<Instance>();
  for (uint32_t i = 0; i < info->enabledExtensionCount; ++i) {
    bool found = false;
    for (const auto& e : kExtensions) {
      if (std::strcmp(e.name, info->enabledExtensionNames[i]) == 0) {
        (*inst).*e.flag = true;
        found = true;
      }
    }
    if (!found) return XR_ERROR_EXTENSION_NOT_PRESENT;
  }
  auto config = loadSimConfigFromEnvironment();
  if (!config) {
    std::cerr << "lumbo_simxr: " << config.error() << '\n';
    return XR_ERROR_RUNTIME_FAILURE;
  }
  inst->config = std::move(config).value();
  if (!inst->config.tracePath.empty()) {
    auto player = TracePlayer::load(inst->config.tracePath);
    if (!player) {
      std::cerr << "lumbo_simxr: " << player.error() << '\n';
      return XR_ERROR_RUNTIME_FAILURE;
    }
    inst->player = std::move(player).value();
  }
  if (!inst->config.diagnosticsLog.empty()) {
    inst->diagnostics.open(inst->config.diagnosticsLog, std::ios::app);
  }
  if (!inst->config.hapticsLog.empty()) {
    inst->haptics.open(inst->config.hapticsLog, std::ios::trunc);
    inst->haptics << "time_s,event,source,duration_ns,frequency_hz,amplitude\n";
    inst->haptics.flush();
  }
  if (!inst->config.captureDir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(inst->config.captureDir, ec);
  }
  if (inst->htcx) addTrackerPaths(*inst);
  Instance* raw = inst.get();
  runtime().instance = std::move(inst);
  registerHandle(raw);
  logLine("instance created: application '" + std::string(info->applicationInfo.applicationName) +
          "'");
  *out = toHandle<XrInstance>(raw);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrDestroyInstance(XrInstance instance) {
  std::lock_guard lock(runtime().mutex);
  Instance* inst = checkInstance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (inst->session) {
    destroySessionObjects(*inst->session);
    unregisterHandle(inst->session.get());
    inst->session.reset();
  }
  while (!inst->actionSets.empty()) destroyActionSet(*inst, inst->actionSets.back().get());
  const Stats& st = inst->stats;
  const std::string summary =
      "summary: frames " + std::to_string(st.framesEnded) + ", dropped " +
      std::to_string(st.framesDropped) + ", late " + std::to_string(st.framesLate) +
      ", violations " + std::to_string(st.violations) + ", captures " + std::to_string(st.captures);
  logLine(summary);
  std::cerr << "lumbo_simxr " << summary << '\n';
  unregisterHandle(inst);
  runtime().instance.reset();
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrGetInstanceProperties(XrInstance instance, XrInstanceProperties* props) {
  std::lock_guard lock(runtime().mutex);
  if (checkInstance(instance) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (props == nullptr || props->type != XR_TYPE_INSTANCE_PROPERTIES) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  props->runtimeVersion = XR_MAKE_VERSION(0, 1, 0);
  copyString(props->runtimeName, XR_MAX_RUNTIME_NAME_SIZE, "Lumbo simulated runtime");
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrPollEvent(XrInstance instance, XrEventDataBuffer* event) {
  std::lock_guard lock(runtime().mutex);
  Instance* inst = checkInstance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (event == nullptr || event->type != XR_TYPE_EVENT_DATA_BUFFER) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (inst->lostEvents > 0) {
    XrEventDataEventsLost lost{};
    lost.type = XR_TYPE_EVENT_DATA_EVENTS_LOST;
    lost.lostEventCount = inst->lostEvents;
    inst->lostEvents = 0;
    *event = XrEventDataBuffer{};
    std::memcpy(event, &lost, sizeof lost);
    return XR_SUCCESS;
  }
  if (inst->events.empty()) return XR_EVENT_UNAVAILABLE;
  *event = inst->events.front();
  inst->events.pop_front();
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrResultToString(XrInstance, XrResult value,
                                     char buffer[XR_MAX_RESULT_STRING_SIZE]) {
  if (buffer == nullptr) return XR_ERROR_VALIDATION_FAILURE;
#define LUMBO_CASE(name, val) \
  case name:                  \
    copyString(buffer, XR_MAX_RESULT_STRING_SIZE, #name); \
    return XR_SUCCESS;
  switch (value) {
    XR_LIST_ENUM_XrResult(LUMBO_CASE) default : break;
  }
#undef LUMBO_CASE
  const std::string fallback = (value < 0 ? "XR_UNKNOWN_FAILURE_" : "XR_UNKNOWN_SUCCESS_") +
                               std::to_string(static_cast<int>(value));
  copyString(buffer, XR_MAX_RESULT_STRING_SIZE, fallback);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrStructureTypeToString(XrInstance, XrStructureType value,
                                            char buffer[XR_MAX_STRUCTURE_NAME_SIZE]) {
  if (buffer == nullptr) return XR_ERROR_VALIDATION_FAILURE;
#define LUMBO_CASE(name, val) \
  case name:                  \
    copyString(buffer, XR_MAX_STRUCTURE_NAME_SIZE, #name); \
    return XR_SUCCESS;
  switch (value) {
    XR_LIST_ENUM_XrStructureType(LUMBO_CASE) default : break;
  }
#undef LUMBO_CASE
  copyString(buffer, XR_MAX_STRUCTURE_NAME_SIZE,
             "XR_UNKNOWN_STRUCTURE_TYPE_" + std::to_string(static_cast<int>(value)));
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrGetSystem(XrInstance instance, const XrSystemGetInfo* info, XrSystemId* id) {
  std::lock_guard lock(runtime().mutex);
  if (checkInstance(instance) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || id == nullptr || info->type != XR_TYPE_SYSTEM_GET_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (info->formFactor != XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY) {
    if (info->formFactor == XR_FORM_FACTOR_HANDHELD_DISPLAY) return XR_ERROR_FORM_FACTOR_UNSUPPORTED;
    return XR_ERROR_VALIDATION_FAILURE;
  }
  *id = kSystemId;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrGetSystemProperties(XrInstance instance, XrSystemId system,
                                          XrSystemProperties* props) {
  std::lock_guard lock(runtime().mutex);
  Instance* inst = checkInstance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (system != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  if (props == nullptr || props->type != XR_TYPE_SYSTEM_PROPERTIES) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  props->systemId = kSystemId;
  props->vendorId = 0x4c42;
  copyString(props->systemName, XR_MAX_SYSTEM_NAME_SIZE, "Lumbo simulated headset");
  props->graphicsProperties.maxSwapchainImageWidth = inst->config.maxWidth;
  props->graphicsProperties.maxSwapchainImageHeight = inst->config.maxHeight;
  props->graphicsProperties.maxLayerCount = XR_MIN_COMPOSITION_LAYERS_SUPPORTED;
  props->trackingProperties.orientationTracking = XR_TRUE;
  props->trackingProperties.positionTracking = XR_TRUE;
  if (auto* x = findInChainMutable<XrSystemXDevSpacePropertiesMNDX>(
          props->next, XR_TYPE_SYSTEM_XDEV_SPACE_PROPERTIES_MNDX)) {
    x->supportsXDevSpace = inst->mndx ? XR_TRUE : XR_FALSE;
  }
  if (auto* h = findInChainMutable<XrSystemHandTrackingPropertiesEXT>(
          props->next, XR_TYPE_SYSTEM_HAND_TRACKING_PROPERTIES_EXT)) {
    h->supportsHandTracking = inst->handTracking && inst->config.handTracking ? XR_TRUE : XR_FALSE;
  }
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrEnumerateEnvironmentBlendModes(XrInstance instance, XrSystemId system,
                                                     XrViewConfigurationType type,
                                                     uint32_t capacity, uint32_t* count,
                                                     XrEnvironmentBlendMode* modes) {
  std::lock_guard lock(runtime().mutex);
  if (checkInstance(instance) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (system != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) {
    return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  }
  return fillArray(capacity, count, modes,
                   std::vector<XrEnvironmentBlendMode>{XR_ENVIRONMENT_BLEND_MODE_OPAQUE});
}

XrResult XRAPI_CALL xrEnumerateViewConfigurations(XrInstance instance, XrSystemId system,
                                                  uint32_t capacity, uint32_t* count,
                                                  XrViewConfigurationType* types) {
  std::lock_guard lock(runtime().mutex);
  if (checkInstance(instance) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (system != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  return fillArray(capacity, count, types,
                   std::vector<XrViewConfigurationType>{XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO});
}

XrResult XRAPI_CALL xrGetViewConfigurationProperties(XrInstance instance, XrSystemId system,
                                                     XrViewConfigurationType type,
                                                     XrViewConfigurationProperties* props) {
  std::lock_guard lock(runtime().mutex);
  if (checkInstance(instance) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (system != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) {
    return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  }
  if (props == nullptr || props->type != XR_TYPE_VIEW_CONFIGURATION_PROPERTIES) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  props->viewConfigurationType = type;
  props->fovMutable = XR_FALSE;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrEnumerateViewConfigurationViews(XrInstance instance, XrSystemId system,
                                                      XrViewConfigurationType type,
                                                      uint32_t capacity, uint32_t* count,
                                                      XrViewConfigurationView* views) {
  std::lock_guard lock(runtime().mutex);
  Instance* inst = checkInstance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (system != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) {
    return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  }
  if (count == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  *count = 2;
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < 2) return XR_ERROR_SIZE_INSUFFICIENT;
  for (int i = 0; i < 2; ++i) {
    if (views[i].type != XR_TYPE_VIEW_CONFIGURATION_VIEW) return XR_ERROR_VALIDATION_FAILURE;
    views[i].recommendedImageRectWidth = inst->config.recommendedWidth;
    views[i].recommendedImageRectHeight = inst->config.recommendedHeight;
    views[i].maxImageRectWidth = inst->config.maxWidth;
    views[i].maxImageRectHeight = inst->config.maxHeight;
    views[i].recommendedSwapchainSampleCount = 1;
    views[i].maxSwapchainSampleCount = 1;
  }
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrStringToPath(XrInstance instance, const char* text, XrPath* path) {
  std::lock_guard lock(runtime().mutex);
  Instance* inst = checkInstance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (text == nullptr || path == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  const std::string s(text);
  if (!isWellFormedPath(s)) return XR_ERROR_PATH_FORMAT_INVALID;
  *path = pathId(*inst, s);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrPathToString(XrInstance instance, XrPath path, uint32_t capacity,
                                   uint32_t* count, char* buffer) {
  std::lock_guard lock(runtime().mutex);
  Instance* inst = checkInstance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  const std::string* s = pathString(*inst, path);
  if (s == nullptr) return XR_ERROR_PATH_INVALID;
  if (count == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  *count = static_cast<uint32_t>(s->size() + 1);
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < *count) return XR_ERROR_SIZE_INSUFFICIENT;
  std::memcpy(buffer, s->c_str(), s->size() + 1);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrConvertTimespecTimeToTimeKHR(XrInstance instance, const timespec* ts,
                                                   XrTime* time) {
  std::lock_guard lock(runtime().mutex);
  if (checkInstance(instance) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (ts == nullptr || time == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  *time = static_cast<XrTime>(ts->tv_sec) * 1'000'000'000 + ts->tv_nsec;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrConvertTimeToTimespecTimeKHR(XrInstance instance, XrTime time,
                                                   timespec* ts) {
  std::lock_guard lock(runtime().mutex);
  if (checkInstance(instance) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (ts == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  if (time <= 0) return XR_ERROR_TIME_INVALID;
  ts->tv_sec = static_cast<time_t>(time / 1'000'000'000);
  ts->tv_nsec = static_cast<long>(time % 1'000'000'000);
  return XR_SUCCESS;
}

}  // namespace lumbo::simxr

extern "C" __attribute__((visibility("default"))) XrResult XRAPI_CALL
xrNegotiateLoaderRuntimeInterface(const XrNegotiateLoaderInfo* loaderInfo,
                                  XrNegotiateRuntimeRequest* request) {
  if (loaderInfo == nullptr || request == nullptr ||
      loaderInfo->structType != XR_LOADER_INTERFACE_STRUCT_LOADER_INFO ||
      loaderInfo->structVersion != XR_LOADER_INFO_STRUCT_VERSION ||
      loaderInfo->structSize != sizeof(XrNegotiateLoaderInfo) ||
      request->structType != XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST ||
      request->structVersion != XR_RUNTIME_INFO_STRUCT_VERSION ||
      request->structSize != sizeof(XrNegotiateRuntimeRequest)) {
    return XR_ERROR_INITIALIZATION_FAILED;
  }
  if (loaderInfo->minInterfaceVersion > XR_CURRENT_LOADER_RUNTIME_VERSION ||
      loaderInfo->maxInterfaceVersion < XR_CURRENT_LOADER_RUNTIME_VERSION ||
      XR_VERSION_MAJOR(loaderInfo->maxApiVersion) < 1 ||
      XR_VERSION_MAJOR(loaderInfo->minApiVersion) > 1) {
    return XR_ERROR_INITIALIZATION_FAILED;
  }
  request->runtimeInterfaceVersion = XR_CURRENT_LOADER_RUNTIME_VERSION;
  request->runtimeApiVersion = XR_CURRENT_API_VERSION;
  request->getInstanceProcAddr = &lumbo::simxr::xrGetInstanceProcAddr;
  return XR_SUCCESS;
}
