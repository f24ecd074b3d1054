// Move-only owners of the Vulkan objects the runtime creates on the application's device.
#pragma once

#include <vulkan/vulkan.h>

#include <utility>

namespace lumbo::simxr {

// One owner per handle kind, distinguished by the handle type and its destroy function.
template <typename Handle, void (*Destroy)(VkDevice, Handle, const VkAllocationCallbacks*)>
class DeviceHandle {
 public:
  DeviceHandle() = default;
  DeviceHandle(VkDevice device, Handle handle) : device_(device), handle_(handle) {}
  DeviceHandle(DeviceHandle&& o) noexcept
      : device_(std::exchange(o.device_, VK_NULL_HANDLE)),
        handle_(std::exchange(o.handle_, VK_NULL_HANDLE)) {}
  DeviceHandle& operator=(DeviceHandle&& o) noexcept {
    if (this != &o) {
      reset();
      device_ = std::exchange(o.device_, VK_NULL_HANDLE);
      handle_ = std::exchange(o.handle_, VK_NULL_HANDLE);
    }
    return *this;
  }
  DeviceHandle(const DeviceHandle&) = delete;
  DeviceHandle& operator=(const DeviceHandle&) = delete;
  ~DeviceHandle() { reset(); }

  void reset() {
    if (handle_ != VK_NULL_HANDLE) Destroy(device_, handle_, nullptr);
    handle_ = VK_NULL_HANDLE;
  }
  Handle get() const { return handle_; }
  explicit operator bool() const { return handle_ != VK_NULL_HANDLE; }

 private:
  VkDevice device_ = VK_NULL_HANDLE;
  Handle handle_ = VK_NULL_HANDLE;
};

inline void destroyImage(VkDevice d, VkImage h, const VkAllocationCallbacks* a) {
  vkDestroyImage(d, h, a);
}
inline void freeMemory(VkDevice d, VkDeviceMemory h, const VkAllocationCallbacks* a) {
  vkFreeMemory(d, h, a);
}
inline void destroyBuffer(VkDevice d, VkBuffer h, const VkAllocationCallbacks* a) {
  vkDestroyBuffer(d, h, a);
}
inline void destroyCommandPool(VkDevice d, VkCommandPool h, const VkAllocationCallbacks* a) {
  vkDestroyCommandPool(d, h, a);
}
inline void destroyFence(VkDevice d, VkFence h, const VkAllocationCallbacks* a) {
  vkDestroyFence(d, h, a);
}

using VkImageHandle = DeviceHandle<VkImage, destroyImage>;
using VkMemoryOwner = DeviceHandle<VkDeviceMemory, freeMemory>;
using VkBufferOwner = DeviceHandle<VkBuffer, destroyBuffer>;
using VkCommandPoolOwner = DeviceHandle<VkCommandPool, destroyCommandPool>;
using VkFenceOwner = DeviceHandle<VkFence, destroyFence>;

// A swapchain image and its memory; the image is declared last so it is destroyed first.
struct VkImageOwner {
  VkMemoryOwner memory;
  VkImageHandle image;
};

}  // namespace lumbo::simxr
