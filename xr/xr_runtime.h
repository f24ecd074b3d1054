// The OpenXR instance and system, and the Vulkan instance and device the runtime creates for us
// through XR_KHR_vulkan_enable2 (the only Vulkan path that works with every runtime we target,
// Monado on the CPU driver included).
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "xr/xr_handles.h"

namespace lumbo::xr {

struct RuntimeOptions {
  std::string applicationName = "Lumbo";
  // Optional extensions to enable when the runtime has them (body sources, headless).
  std::vector<std::string> optionalExtensions;
  // Enables VK_LAYER_KHRONOS_validation and reports every warning and error to `vkMessage`.
  bool vulkanValidation = false;
  std::function<void(const std::string&)> vkMessage;
};

// The Vulkan objects the renderer draws with (owned by XrRuntime).
struct VulkanDevice {
  VkInstance instance = VK_NULL_HANDLE;
  VkPhysicalDevice physicalDevice = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  uint32_t queueFamilyIndex = 0;
  VkQueue queue = VK_NULL_HANDLE;
};

class XrRuntime {
 public:
  // Creates the instance, finds the head-mounted system and creates Vulkan through the runtime.
  // Throws XrCallError (e.g. XR_ERROR_FORM_FACTOR_UNAVAILABLE when no headset is connected).
  explicit XrRuntime(const RuntimeOptions& options);
  ~XrRuntime();
  XrRuntime(const XrRuntime&) = delete;
  XrRuntime& operator=(const XrRuntime&) = delete;

  XrInstance instance() const { return instance_.get(); }
  XrSystemId system() const { return system_; }
  const VulkanDevice& vulkan() const { return vulkan_; }
  const std::string& runtimeName() const { return runtimeName_; }
  const std::string& systemName() const { return systemName_; }
  bool enabled(const std::string& extension) const { return enabled_.count(extension) != 0; }
  // Recommended per-eye image size for the stereo view configuration.
  XrExtent2Di recommendedEyeSize() const { return recommended_; }

  XrPath path(const char* text) const;
  std::string pathString(XrPath path) const;

  // An instance function (extension entry points are not exported by the loader).
  template <typename F>
  F proc(const char* name) const {
    PFN_xrVoidFunction f = nullptr;
    if (XR_FAILED(xrGetInstanceProcAddr(instance_.get(), name, &f))) return nullptr;
    return reinterpret_cast<F>(f);
  }

 private:
  void createVulkan(const RuntimeOptions& options);

  UniqueInstance instance_;
  XrSystemId system_ = XR_NULL_SYSTEM_ID;
  std::set<std::string> enabled_;
  std::string runtimeName_;
  std::string systemName_;
  XrExtent2Di recommended_{0, 0};
  VulkanDevice vulkan_;
  VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
  std::function<void(const std::string&)> vkMessage_;
};

}  // namespace lumbo::xr
