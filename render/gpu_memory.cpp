// Allocation of host-visible buffers and device-local images, one allocation each.
#include "render/gpu_memory.h"

#include <stdexcept>

#include "render/vk_check.h"

namespace lumbo::render {

uint32_t findMemoryType(VkPhysicalDevice physicalDevice, uint32_t typeBits,
                        VkMemoryPropertyFlags required) {
  VkPhysicalDeviceMemoryProperties properties{};
  vkGetPhysicalDeviceMemoryProperties(physicalDevice, &properties);
  for (uint32_t i = 0; i < properties.memoryTypeCount; ++i) {
    if ((typeBits & (1u << i)) != 0 &&
        (properties.memoryTypes[i].propertyFlags & required) == required) {
      return i;
    }
  }
  throw std::runtime_error("no Vulkan memory type with the required properties");
}

HostBuffer createHostBuffer(const VulkanContext& context, VkDeviceSize sizeBytes,
                            VkBufferUsageFlags usage) {
  HostBuffer result;
  result.sizeBytes = sizeBytes;
  VkBufferCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
  info.size = sizeBytes;
  info.usage = usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  VkBuffer buffer = VK_NULL_HANDLE;
  VK_CHECK(vkCreateBuffer(context.device, &info, nullptr, &buffer));
  result.buffer = UniqueBuffer(context.device, buffer);

  VkMemoryRequirements requirements{};
  vkGetBufferMemoryRequirements(context.device, buffer, &requirements);
  constexpr VkMemoryPropertyFlags kHost =
      VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
  uint32_t type = 0;
  try {
    type = findMemoryType(context.physicalDevice, requirements.memoryTypeBits,
                          kHost | VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
  } catch (const std::runtime_error&) {
    type = findMemoryType(context.physicalDevice, requirements.memoryTypeBits, kHost);
  }
  VkMemoryAllocateInfo allocation{};
  allocation.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
  allocation.allocationSize = requirements.size;
  allocation.memoryTypeIndex = type;
  VkDeviceMemory memory = VK_NULL_HANDLE;
  VK_CHECK(vkAllocateMemory(context.device, &allocation, nullptr, &memory));
  result.memory = UniqueDeviceMemory(context.device, memory);
  VK_CHECK(vkBindBufferMemory(context.device, buffer, memory, 0));
  VK_CHECK(vkMapMemory(context.device, memory, 0, VK_WHOLE_SIZE, 0, &result.mapped));
  return result;
}

UniqueImageView createArrayView(VkDevice device, VkImage image, VkFormat format, uint32_t layers,
                                VkImageAspectFlags aspect, uint32_t baseLayer) {
  VkImageViewCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO;
  info.image = image;
  // A single layer gets a plain 2D view: lavapipe renders a 2D_ARRAY view with a base layer
  // other than 0 into layer 0.
  info.viewType = layers == 1 ? VK_IMAGE_VIEW_TYPE_2D : VK_IMAGE_VIEW_TYPE_2D_ARRAY;
  info.format = format;
  info.subresourceRange = {aspect, 0, 1, baseLayer, layers};
  VkImageView view = VK_NULL_HANDLE;
  VK_CHECK(vkCreateImageView(device, &info, nullptr, &view));
  return UniqueImageView(device, view);
}

DeviceImage createDeviceImage(const VulkanContext& context, const ImageSpec& spec) {
  DeviceImage result;
  VkImageCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO;
  info.imageType = VK_IMAGE_TYPE_2D;
  info.format = spec.format;
  info.extent = {spec.extent.width, spec.extent.height, 1};
  info.mipLevels = 1;
  info.arrayLayers = spec.layers;
  info.samples = spec.samples;
  info.tiling = VK_IMAGE_TILING_OPTIMAL;
  info.usage = spec.usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  VkImage image = VK_NULL_HANDLE;
  VK_CHECK(vkCreateImage(context.device, &info, nullptr, &image));
  result.image = UniqueImage(context.device, image);

  VkMemoryRequirements requirements{};
  vkGetImageMemoryRequirements(context.device, image, &requirements);
  VkMemoryAllocateInfo allocation{};
  allocation.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
  allocation.allocationSize = requirements.size;
  allocation.memoryTypeIndex = findMemoryType(context.physicalDevice, requirements.memoryTypeBits,
                                              VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
  VkDeviceMemory memory = VK_NULL_HANDLE;
  VK_CHECK(vkAllocateMemory(context.device, &allocation, nullptr, &memory));
  result.memory = UniqueDeviceMemory(context.device, memory);
  VK_CHECK(vkBindImageMemory(context.device, image, memory, 0));
  result.view = createArrayView(context.device, image, spec.format, spec.layers, spec.aspect);
  return result;
}

}  // namespace lumbo::render
