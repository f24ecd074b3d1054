// The Vulkan objects the renderer draws with, and the context that creates and owns them when no
// XR runtime does: headless for tests and tools, or presenting to a window.
#pragma once

#include <vulkan/vulkan.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "render/vk_handles.h"

namespace lumbo::render {

// Whether the Vulkan loader offers an instance layer (e.g. VK_LAYER_KHRONOS_validation).
bool layerAvailable(const char* name);

// Non-owning view of a device someone else created (the XR session through
// XR_KHR_vulkan_enable2, or OwnedContext). The device must be Vulkan 1.1 or newer with the
// multiview feature enabled (RendererDeviceFeatures in device_requirements.h), and `queue` must
// support graphics and transfer. The renderer submits only to `queue`, from the caller's thread.
struct VulkanContext {
  VkInstance instance = VK_NULL_HANDLE;
  VkPhysicalDevice physicalDevice = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  uint32_t queueFamilyIndex = 0;
  VkQueue queue = VK_NULL_HANDLE;
};

// The instance API version the renderer needs (multiview is core in 1.1).
inline constexpr uint32_t kRendererApiVersion = VK_API_VERSION_1_1;

// Warnings and errors reported by the validation layer (or the loader), one line each. Shared so
// that a test can still read it after the context, whose teardown may report leaks, is gone.
class ValidationLog {
 public:
  void add(std::string message);
  std::size_t count() const;
  std::vector<std::string> messages() const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> messages_;
};

struct OwnedContextOptions {
  // Enables VK_LAYER_KHRONOS_validation and a debug-utils messenger that records every warning
  // and error it reports. Throws if the layer is not installed.
  bool validation = false;
  // Also writes each validation message to stderr as it arrives (a person watching a window).
  bool validationToStderr = false;
  // Instance extensions a window system needs (glfwGetRequiredInstanceExtensions), besides ours.
  std::vector<const char*> instanceExtensions;
  // Makes the surface of a window on the new instance. When given, the device chosen is one with
  // a graphics queue family that can present to it, VK_KHR_swapchain is enabled, and the context
  // owns the surface (destroyed after the device).
  std::function<VkSurfaceKHR(VkInstance)> createSurface;
};

// Owns an instance, a device and, for a window, its surface: the one way Lumbo creates a device
// itself (the XR session's comes through XR_KHR_vulkan_enable2). With no surface it is headless
// (lavapipe in CI): for tests, capture and tools.
class OwnedContext {
 public:
  explicit OwnedContext(const OwnedContextOptions& options = {});
  ~OwnedContext();
  OwnedContext(const OwnedContext&) = delete;
  OwnedContext& operator=(const OwnedContext&) = delete;

  const VulkanContext& context() const { return context_; }
  const std::string& deviceName() const { return deviceName_; }
  // VK_NULL_HANDLE without OwnedContextOptions::createSurface.
  VkSurfaceKHR surface() const { return surface_.get(); }

  // Empty-but-present without validation.
  std::shared_ptr<const ValidationLog> validationLog() const { return log_; }

 private:
  // Declared first so it outlives the messenger, which writes into it until destroyed.
  std::shared_ptr<ValidationLog> log_;
  UniqueInstance instance_;
  UniqueDebugMessenger messenger_;
  UniqueSurface surface_;
  UniqueDevice device_;
  VulkanContext context_;
  std::string deviceName_;
};

}  // namespace lumbo::render
