// The simulated runtime's objects behind each OpenXR handle, and helpers the API files share.
#pragma once

#include <vulkan/vulkan.h>
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include <array>
#include <cstdint>
#include <deque>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "body/device.h"
#include "body/pose.h"
#include "render/vk_handles.h"
#include "simruntime/device/sim_config.h"
#include "simruntime/device/trace_player.h"
#include "xr/ext/mndx_xdev_space.h"

namespace lumbo::simxr {

enum class Kind { Instance, Session, Space, ActionSet, Action, Swapchain, XDevList, HandTracker };

struct Instance;
struct Session;
struct ActionSet;
struct Action;

struct Stats {
  std::uint64_t framesWaited = 0;
  std::uint64_t framesEnded = 0;
  std::uint64_t framesDropped = 0;  // waited or begun but never ended, and missed vsyncs
  std::uint64_t framesLate = 0;     // ended after their predicted display time (paced)
  std::uint64_t violations = 0;
  std::uint64_t captures = 0;
};

struct Space {
  static constexpr Kind kKind = Kind::Space;
  enum class Type { Reference, Action, Device } type = Type::Reference;
  Session* session = nullptr;
  XrReferenceSpaceType referenceType = XR_REFERENCE_SPACE_TYPE_STAGE;
  Action* action = nullptr;
  XrPath subactionPath = XR_NULL_PATH;
  Device device = Device::Head;
  Pose offset;  // poseInReferenceSpace / poseInActionSpace / xdev offset
};

// A swapchain image and its memory; the image is declared last so it is destroyed first.
struct VkImageOwner {
  render::UniqueDeviceMemory memory;
  render::UniqueImage image;
};

struct Swapchain {
  static constexpr Kind kKind = Kind::Swapchain;
  Session* session = nullptr;
  XrSwapchainCreateInfo info{};
  bool depth = false;
  std::vector<VkImageOwner> images;
  std::deque<std::uint32_t> acquired;  // acquired, not yet waited, oldest first
  std::optional<std::uint32_t> waited;
  std::uint32_t nextIndex = 0;
  std::optional<std::uint32_t> lastReleased;
  bool staticAcquiredOnce = false;
};

struct ActionState {
  float value = 0.0f;  // boolean as 0/1, float, or vector x
  float y = 0.0f;
  bool active = false;
  bool changed = false;
  XrTime lastChange = 0;
};

struct Action {
  static constexpr Kind kKind = Kind::Action;
  ActionSet* set = nullptr;
  std::string name;
  std::string localizedName;
  XrActionType type = XR_ACTION_TYPE_BOOLEAN_INPUT;
  std::vector<XrPath> subactionPaths;
  std::map<XrPath, std::vector<XrPath>> bindings;  // interaction profile -> component paths
};

struct ActionSet {
  static constexpr Kind kKind = Kind::ActionSet;
  Instance* instance = nullptr;
  std::string name;
  std::string localizedName;
  std::uint32_t priority = 0;
  bool attached = false;
  std::vector<std::unique_ptr<Action>> actions;
};

struct XDevList {
  static constexpr Kind kKind = Kind::XDevList;
  Session* session = nullptr;
  std::vector<Device> devices;  // id = index + 1
};

// XR_EXT_hand_tracking: one tracker per hand the application asked for.
struct HandTracker {
  static constexpr Kind kKind = Kind::HandTracker;
  Session* session = nullptr;
  bool left = false;
};

struct Session {
  static constexpr Kind kKind = Kind::Session;
  Instance* instance = nullptr;
  XrSessionState state = XR_SESSION_STATE_UNKNOWN;
  bool running = false;
  bool exitRequested = false;
  bool lost = false;
  bool headless = false;

  VkInstance vkInstance = VK_NULL_HANDLE;
  VkPhysicalDevice vkPhysicalDevice = VK_NULL_HANDLE;
  VkDevice vkDevice = VK_NULL_HANDLE;
  std::uint32_t queueFamily = 0;
  VkQueue queue = VK_NULL_HANDLE;
  render::UniqueCommandPool commandPool;

  XrTime originNs = 0;      // trace time zero
  XrTime lastDisplayNs = 0;  // predicted display time of the last xrWaitFrame
  std::uint64_t vsyncIndex = 0;
  int framesWaitedNotBegun = 0;
  bool frameBegun = false;
  bool anyFrameEnded = false;
  std::uint64_t frameIndex = 0;

  std::vector<ActionSet*> attachedSets;
  std::map<XrPath, XrPath> currentProfile;  // top-level user path -> interaction profile
  std::map<std::pair<const Action*, XrPath>, ActionState> actionStates;  // XR_NULL_PATH: all

  std::vector<std::unique_ptr<Space>> spaces;
  std::vector<std::unique_ptr<Swapchain>> swapchains;
  std::vector<std::unique_ptr<XDevList>> xdevLists;
  std::vector<std::unique_ptr<HandTracker>> handTrackers;
};

struct Instance {
  static constexpr Kind kKind = Kind::Instance;
  SimConfig config;
  TracePlayer player;
  bool vulkan2 = false;
  bool headless = false;
  bool htcx = false;
  bool mndx = false;
  bool timespec = false;
  bool handTracking = false;  // XR_EXT_hand_tracking enabled by the application
  bool requirementsQueried = false;
  VkPhysicalDevice chosenPhysicalDevice = VK_NULL_HANDLE;

  std::vector<std::string> paths;  // XrPath n is paths[n - 1]
  std::unordered_map<std::string, XrPath> pathIds;
  std::deque<XrEventDataBuffer> events;
  std::uint32_t lostEvents = 0;  // dropped from a full queue, reported by XrEventDataEventsLost
  std::vector<XrViveTrackerPathsHTCX> trackerPaths;

  XrTime simNowNs = 1'000'000'000;  // the free-running clock
  bool lossFired = false;
  Stats stats;
  std::ofstream diagnostics;
  std::ofstream haptics;

  std::vector<std::unique_ptr<ActionSet>> actionSets;
  std::unique_ptr<Session> session;  // one at a time
};

// Global state: the live handles and the one instance. Every entry point holds the mutex.
struct Runtime {
  std::recursive_mutex mutex;
  std::unordered_map<const void*, Kind> live;
  std::unique_ptr<Instance> instance;
};
Runtime& runtime();

template <typename T>
T* lookup(const void* handle) {
  auto& live = runtime().live;
  auto it = live.find(handle);
  if (handle == nullptr || it == live.end() || it->second != T::kKind) return nullptr;
  return const_cast<T*>(static_cast<const T*>(handle));
}
template <typename T>
void registerHandle(T* object) {
  runtime().live[object] = T::kKind;
}
void unregisterHandle(const void* object);

template <typename H, typename T>
H toHandle(T* object) {
  return reinterpret_cast<H>(object);
}
// Moves a new object into the list that owns it and makes it a live handle.
template <typename H, typename T>
H adopt(std::vector<std::unique_ptr<T>>& owner, std::unique_ptr<T> object) {
  T* raw = object.get();
  owner.push_back(std::move(object));
  registerHandle(raw);
  return toHandle<H>(raw);
}

// The session behind a handle, or nullptr with `error` set: session functions answer
// XR_ERROR_SESSION_LOST once a simulated loss has happened.
Session* checkSession(XrSession handle, XrResult& error);
bool isAttached(const Session& s, const ActionSet* set);
bool startsWith(const std::string& s, const std::string& prefix);

// Records a call the specification forbids (or an unsupported request) and returns `result`.
XrResult violation(const char* function, XrResult result, const std::string& what);
void logLine(const std::string& line);

XrPath pathId(Instance& inst, const std::string& path);  // interns
const std::string* pathString(const Instance& inst, XrPath path);
bool isWellFormedPath(const std::string& path);

XrTime nowNs(const Instance& inst);
double traceTimeS(const Session& s, XrTime t);
bool traceLoops(const Instance& inst);
void pushEvent(Instance& inst, const void* event, std::size_t size);
void setSessionState(Session& s, XrSessionState state);

// Poses in STAGE space at time `t`; nullopt when untracked.
std::optional<Pose> devicePose(const Session& s, Device d, XrTime t);
std::optional<Pose> spacePose(const Space& space, XrTime t);
Pose toPose(const XrPosef& p);
XrPosef toXr(const Pose& p);

// Input: which device a pose binding such as /user/hand/left/input/grip/pose follows.
std::optional<Device> deviceForUserPath(const std::string& userPath);
std::optional<Device> poseDeviceForAction(const Session& s, const Action& a, XrPath subactionPath);
void destroySessionObjects(Session& s);
void destroyActionSet(Instance& inst, ActionSet* set);
// XR_NULL_PATH (all) or a subaction path the action declared; `function` names the call for the log.
XrResult checkSubactionPath(const Instance& inst, const Action& a, XrPath subaction,
                            const char* function);
void destroySwapchainImages(Swapchain& sc);
void captureFrame(Session& s, const XrFrameEndInfo& info);

inline double nsToS(XrTime ns) { return static_cast<double>(ns) * 1e-9; }

// Two-call idiom helper: writes the count and, when capacity allows, the items.
template <typename T, typename Out>
XrResult fillArray(std::uint32_t capacity, std::uint32_t* countOut, Out* out,
                   const std::vector<T>& items) {
  if (countOut == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  *countOut = static_cast<std::uint32_t>(items.size());
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < items.size()) return XR_ERROR_SIZE_INSUFFICIENT;
  for (std::size_t i = 0; i < items.size(); ++i) out[i] = static_cast<Out>(items[i]);
  return XR_SUCCESS;
}

// Finds a struct of type `type` in a next chain.
template <typename T>
const T* findInChain(const void* next, XrStructureType type) {
  auto* p = static_cast<const XrBaseInStructure*>(next);
  for (; p != nullptr; p = p->next) {
    if (p->type == type) return reinterpret_cast<const T*>(p);
  }
  return nullptr;
}
template <typename T>
T* findInChainMutable(void* next, XrStructureType type) {
  auto* p = static_cast<XrBaseOutStructure*>(next);
  for (; p != nullptr; p = p->next) {
    if (p->type == type) return reinterpret_cast<T*>(p);
  }
  return nullptr;
}

}  // namespace lumbo::simxr
