// A small OpenXR + Vulkan application for tests and benchmarks of the simulated runtime: it goes
// through the real loader (optionally with the core validation layer) and renders by clearing.
#pragma once

#define XR_USE_GRAPHICS_API_VULKAN
#include <vulkan/vulkan.h>
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "render/one_time_commands.h"

namespace lumbo::test {

// Thrown when an OpenXR or Vulkan call fails: names the call and its result.
struct CallError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string xrResultName(XrResult r);
void checkXr(XrResult r, const char* call, const char* file, int line);
void checkVk(VkResult r, const char* call, const char* file, int line);
#define XR_REQUIRE(call) ::lumbo::test::checkXr((call), #call, __FILE__, __LINE__)
#define VK_REQUIRE(call) ::lumbo::test::checkVk((call), #call, __FILE__, __LINE__)

// Sets environment variables and restores the previous values at scope exit.
class ScopedEnv {
 public:
  ScopedEnv() = default;
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;
  ~ScopedEnv();
  void set(const std::string& name, const std::string& value);
  void unset(const std::string& name);

 private:
  std::map<std::string, std::optional<std::string>> saved_;
};

// The generated runtime manifest in the build folder.
std::filesystem::path simRuntimeManifest();

struct ClientOptions {
  bool xrValidation = true;  // XR_APILAYER_LUNARG_core_validation
  bool vkValidation = true;  // VK_LAYER_KHRONOS_validation, when installed
  std::vector<std::string> extensions;  // besides XR_KHR_vulkan_enable2
  uint32_t eyeWidth = 64;
  uint32_t eyeHeight = 64;
  VkFormat colorFormat = VK_FORMAT_R8G8B8A8_UNORM;
  bool depth = true;
};

// Owns every handle it creates and destroys them in reverse order.
class XrClient {
 public:
  explicit XrClient(ClientOptions options);
  ~XrClient();
  XrClient(const XrClient&) = delete;
  XrClient& operator=(const XrClient&) = delete;

  void createInstance();
  void createVulkan();   // graphics requirements, Vulkan instance and device via the runtime
  void createSession();  // also the STAGE, LOCAL and VIEW spaces
  void createSwapchains();  // colour and depth, two array layers (one per eye, multiview style)
  void destroySwapchains();
  void destroySession();
  // Destroys the Vulkan device: the validation layer reports any object still alive on it (one
  // the runtime forgot) as an error, counted in vkValidationErrors.
  void destroyVulkanDevice();

  // Drains the event queue; returns the session states seen and keeps every event.
  std::vector<XrSessionState> pollStates();
  XrSessionState lastState() const { return lastState_; }

  // xrWaitFrame + xrBeginFrame + (when shouldRender: clear both eyes) + xrEndFrame with one
  // projection layer and `extraLayers`. Returns the frame state.
  XrFrameState frame(const std::vector<const XrCompositionLayerBaseHeader*>& extraLayers = {});
  // Acquire, wait, clear layer `layer` of every array layer to `rgba`, release.
  void clearSwapchain(XrSwapchain swapchain, const std::vector<std::array<float, 4>>& layerColours);
  XrSwapchain createColourSwapchain(uint32_t width, uint32_t height, uint32_t layers);

  XrInstance instance() const { return instance_; }
  XrSystemId system() const { return system_; }
  XrSession session() const { return session_; }
  XrSpace stage() const { return stage_; }
  XrSpace local() const { return local_; }
  XrSpace view() const { return view_; }
  XrSwapchain colour() const { return colour_; }
  XrSwapchain depth() const { return depth_; }
  XrPath path(const std::string& text);
  template <typename F>
  F proc(const char* name) {
    PFN_xrVoidFunction f = nullptr;
    XR_REQUIRE(xrGetInstanceProcAddr(instance_, name, &f));
    return reinterpret_cast<F>(f);
  }

  std::vector<XrEventDataBuffer> events;      // every event polled, in order
  std::array<std::array<float, 4>, 2> eyeColours{{{1, 0, 0, 1}, {0, 1, 0, 1}}};
  int vkValidationErrors = 0;
  XrTime lastDisplayTime = 0;
  XrTime firstDisplayTime = 0;  // of the first frame of the latest session

 private:
  void recordClear(VkImage image, uint32_t layers, const std::vector<std::array<float, 4>>& colours);

  ClientOptions options_;
  XrInstance instance_ = XR_NULL_HANDLE;
  XrSystemId system_ = XR_NULL_SYSTEM_ID;
  VkInstance vkInstance_ = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
  VkPhysicalDevice physicalDevice_ = VK_NULL_HANDLE;
  VkDevice device_ = VK_NULL_HANDLE;
  uint32_t queueFamily_ = 0;
  VkQueue queue_ = VK_NULL_HANDLE;
  std::optional<render::OneTimeCommands> commands_;  // on device_, destroyed before it
  XrSession session_ = XR_NULL_HANDLE;
  XrSpace stage_ = XR_NULL_HANDLE;
  XrSpace local_ = XR_NULL_HANDLE;
  XrSpace view_ = XR_NULL_HANDLE;
  XrSwapchain colour_ = XR_NULL_HANDLE;
  XrSwapchain depth_ = XR_NULL_HANDLE;
  std::map<XrSwapchain, std::vector<VkImage>> images_;
  std::vector<XrSwapchain> extraSwapchains_;
  XrSessionState lastState_ = XR_SESSION_STATE_UNKNOWN;
};

// The core validation layer reads its settings once per process, so every client of a process
// shares one log file; tests look at what was added to it after they started.
std::filesystem::path validationLogPath();
std::uintmax_t validationLogSize();
// The lines added to the validation log after `offset` that report errors.
std::vector<std::string> validationErrorsSince(std::uintmax_t offset);

}  // namespace lumbo::test
