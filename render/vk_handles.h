// Move-only owners of Vulkan handles: one type per handle kind, destroyed exactly once.
#pragma once

#include <vulkan/vulkan.h>

#include <utility>

namespace lumbo::render {

// Owns one handle created from a VkDevice and destroys it with `Destroy`. Each alias below is a
// distinct type, so a buffer cannot be handed where an image is expected.
template <typename Handle, void (*Destroy)(VkDevice, Handle, const VkAllocationCallbacks*)>
class DeviceHandle {
 public:
  DeviceHandle() = default;
  DeviceHandle(VkDevice device, Handle handle) : device_(device), handle_(handle) {}
  ~DeviceHandle() { reset(); }

  DeviceHandle(const DeviceHandle&) = delete;
  DeviceHandle& operator=(const DeviceHandle&) = delete;
  DeviceHandle(DeviceHandle&& other) noexcept
      : device_(other.device_), handle_(std::exchange(other.handle_, VK_NULL_HANDLE)) {}
  DeviceHandle& operator=(DeviceHandle&& other) noexcept {
    if (this != &other) {
      reset();
      device_ = other.device_;
      handle_ = std::exchange(other.handle_, VK_NULL_HANDLE);
    }
    return *this;
  }

  Handle get() const { return handle_; }
  VkDevice device() const { return device_; }
  explicit operator bool() const { return handle_ != VK_NULL_HANDLE; }

  void reset() {
    if (handle_ != VK_NULL_HANDLE) Destroy(device_, std::exchange(handle_, VK_NULL_HANDLE), nullptr);
  }

 private:
  VkDevice device_ = VK_NULL_HANDLE;
  Handle handle_ = VK_NULL_HANDLE;
};

using UniqueBuffer = DeviceHandle<VkBuffer, vkDestroyBuffer>;
using UniqueImage = DeviceHandle<VkImage, vkDestroyImage>;
using UniqueImageView = DeviceHandle<VkImageView, vkDestroyImageView>;
using UniqueDeviceMemory = DeviceHandle<VkDeviceMemory, vkFreeMemory>;
using UniqueCommandPool = DeviceHandle<VkCommandPool, vkDestroyCommandPool>;
using UniqueFence = DeviceHandle<VkFence, vkDestroyFence>;
using UniqueSemaphore = DeviceHandle<VkSemaphore, vkDestroySemaphore>;
using UniqueRenderPass = DeviceHandle<VkRenderPass, vkDestroyRenderPass>;
using UniqueFramebuffer = DeviceHandle<VkFramebuffer, vkDestroyFramebuffer>;
using UniqueShaderModule = DeviceHandle<VkShaderModule, vkDestroyShaderModule>;
using UniquePipelineLayout = DeviceHandle<VkPipelineLayout, vkDestroyPipelineLayout>;
using UniquePipeline = DeviceHandle<VkPipeline, vkDestroyPipeline>;
using UniqueDescriptorSetLayout = DeviceHandle<VkDescriptorSetLayout, vkDestroyDescriptorSetLayout>;
using UniqueDescriptorPool = DeviceHandle<VkDescriptorPool, vkDestroyDescriptorPool>;
using UniqueSampler = DeviceHandle<VkSampler, vkDestroySampler>;
using UniqueQueryPool = DeviceHandle<VkQueryPool, vkDestroyQueryPool>;
using UniqueSwapchain = DeviceHandle<VkSwapchainKHR, vkDestroySwapchainKHR>;

// Owns a VkInstance.
class UniqueInstance {
 public:
  UniqueInstance() = default;
  explicit UniqueInstance(VkInstance instance) : instance_(instance) {}
  ~UniqueInstance() { reset(); }
  UniqueInstance(const UniqueInstance&) = delete;
  UniqueInstance& operator=(const UniqueInstance&) = delete;
  UniqueInstance(UniqueInstance&& other) noexcept
      : instance_(std::exchange(other.instance_, VK_NULL_HANDLE)) {}
  UniqueInstance& operator=(UniqueInstance&& other) noexcept {
    if (this != &other) {
      reset();
      instance_ = std::exchange(other.instance_, VK_NULL_HANDLE);
    }
    return *this;
  }
  VkInstance get() const { return instance_; }
  void reset() {
    if (instance_ != VK_NULL_HANDLE) vkDestroyInstance(std::exchange(instance_, VK_NULL_HANDLE), nullptr);
  }

 private:
  VkInstance instance_ = VK_NULL_HANDLE;
};

// Owns a VkDevice; waits for it to go idle before destroying it.
class UniqueDevice {
 public:
  UniqueDevice() = default;
  explicit UniqueDevice(VkDevice device) : device_(device) {}
  ~UniqueDevice() { reset(); }
  UniqueDevice(const UniqueDevice&) = delete;
  UniqueDevice& operator=(const UniqueDevice&) = delete;
  UniqueDevice(UniqueDevice&& other) noexcept : device_(std::exchange(other.device_, VK_NULL_HANDLE)) {}
  UniqueDevice& operator=(UniqueDevice&& other) noexcept {
    if (this != &other) {
      reset();
      device_ = std::exchange(other.device_, VK_NULL_HANDLE);
    }
    return *this;
  }
  VkDevice get() const { return device_; }
  void reset() {
    if (device_ != VK_NULL_HANDLE) {
      vkDeviceWaitIdle(device_);
      vkDestroyDevice(std::exchange(device_, VK_NULL_HANDLE), nullptr);
    }
  }

 private:
  VkDevice device_ = VK_NULL_HANDLE;
};

// Owns a VkDebugUtilsMessengerEXT; the destroy entry point comes from the instance because the
// loader does not export extension functions.
class UniqueDebugMessenger {
 public:
  UniqueDebugMessenger() = default;
  UniqueDebugMessenger(VkInstance instance, VkDebugUtilsMessengerEXT messenger)
      : instance_(instance), messenger_(messenger) {}
  ~UniqueDebugMessenger() { reset(); }
  UniqueDebugMessenger(const UniqueDebugMessenger&) = delete;
  UniqueDebugMessenger& operator=(const UniqueDebugMessenger&) = delete;
  UniqueDebugMessenger(UniqueDebugMessenger&& other) noexcept
      : instance_(other.instance_), messenger_(std::exchange(other.messenger_, VK_NULL_HANDLE)) {}
  UniqueDebugMessenger& operator=(UniqueDebugMessenger&& other) noexcept {
    if (this != &other) {
      reset();
      instance_ = other.instance_;
      messenger_ = std::exchange(other.messenger_, VK_NULL_HANDLE);
    }
    return *this;
  }
  VkDebugUtilsMessengerEXT get() const { return messenger_; }
  void reset() {
    if (messenger_ == VK_NULL_HANDLE) return;
    auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance_, "vkDestroyDebugUtilsMessengerEXT"));
    if (destroy != nullptr) destroy(instance_, messenger_, nullptr);
    messenger_ = VK_NULL_HANDLE;
  }

 private:
  VkInstance instance_ = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
};

// Owns a VkSurfaceKHR (a desktop window's), destroyed with its instance's entry point.
class UniqueSurface {
 public:
  UniqueSurface() = default;
  UniqueSurface(VkInstance instance, VkSurfaceKHR surface) : instance_(instance), surface_(surface) {}
  ~UniqueSurface() { reset(); }
  UniqueSurface(const UniqueSurface&) = delete;
  UniqueSurface& operator=(const UniqueSurface&) = delete;
  UniqueSurface(UniqueSurface&& other) noexcept
      : instance_(other.instance_), surface_(std::exchange(other.surface_, VK_NULL_HANDLE)) {}
  UniqueSurface& operator=(UniqueSurface&& other) noexcept {
    if (this != &other) {
      reset();
      instance_ = other.instance_;
      surface_ = std::exchange(other.surface_, VK_NULL_HANDLE);
    }
    return *this;
  }
  VkSurfaceKHR get() const { return surface_; }
  void reset() {
    if (surface_ != VK_NULL_HANDLE) vkDestroySurfaceKHR(instance_, std::exchange(surface_, VK_NULL_HANDLE), nullptr);
  }

 private:
  VkInstance instance_ = VK_NULL_HANDLE;
  VkSurfaceKHR surface_ = VK_NULL_HANDLE;
};

}  // namespace lumbo::render
