// Buffers and images with their own memory: the renderer's few, long-lived allocations.
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>

#include "render/vk_handles.h"
#include "render/vulkan_context.h"

namespace lumbo::render {

// The index of a memory type allowed by `typeBits` that has all of `required`; throws if none.
uint32_t findMemoryType(VkPhysicalDevice physicalDevice, uint32_t typeBits,
                        VkMemoryPropertyFlags required);

// A buffer in host-visible, coherent memory, mapped for its whole life. Everything the renderer
// streams per frame is small (uniforms, instances), and the static meshes are a few hundred
// kilobytes, so one host-visible kind keeps the code free of staging copies; device-local memory
// is preferred when the device also makes it host-visible.
struct HostBuffer {
  UniqueBuffer buffer;
  UniqueDeviceMemory memory;
  void* mapped = nullptr;
  VkDeviceSize sizeBytes = 0;
};
HostBuffer createHostBuffer(const VulkanContext& context, VkDeviceSize sizeBytes,
                            VkBufferUsageFlags usage);

// A device-local 2D array image with one view over all its layers.
struct DeviceImage {
  UniqueImage image;
  UniqueDeviceMemory memory;
  UniqueImageView view;
};
struct ImageSpec {
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkExtent2D extent{};
  uint32_t layers = 1;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  VkImageUsageFlags usage = 0;
  VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT;
};
DeviceImage createDeviceImage(const VulkanContext& context, const ImageSpec& spec);

// A 2D-array view over `layers` layers of an image, from `baseLayer`.
UniqueImageView createArrayView(VkDevice device, VkImage image, VkFormat format, uint32_t layers,
                                VkImageAspectFlags aspect, uint32_t baseLayer = 0);

}  // namespace lumbo::render
