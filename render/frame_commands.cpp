// Per-frame command objects.
#include "render/frame_commands.h"

#include "render/vk_check.h"

namespace lumbo::render {

FrameCommands createFrameCommands(const VulkanContext& context) {
  const VkDevice device = context.device;
  FrameCommands out;
  VkCommandPoolCreateInfo poolInfo{};
  poolInfo.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
  poolInfo.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
  poolInfo.queueFamilyIndex = context.queueFamilyIndex;
  VkCommandPool pool = VK_NULL_HANDLE;
  VK_CHECK(vkCreateCommandPool(device, &poolInfo, nullptr, &pool));
  out.commandPool = UniqueCommandPool(device, pool);

  VkCommandBufferAllocateInfo allocate{};
  allocate.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
  allocate.commandPool = pool;
  allocate.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  allocate.commandBufferCount = 1;
  VK_CHECK(vkAllocateCommandBuffers(device, &allocate, &out.commandBuffer));

  VkFenceCreateInfo fenceInfo{};
  fenceInfo.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
  fenceInfo.flags = VK_FENCE_CREATE_SIGNALED_BIT;
  VkFence fence = VK_NULL_HANDLE;
  VK_CHECK(vkCreateFence(device, &fenceInfo, nullptr, &fence));
  out.submitted = UniqueFence(device, fence);
  return out;
}

UniqueDescriptorPool createDescriptorPool(VkDevice device, VkDescriptorType type, uint32_t count) {
  VkDescriptorPoolSize size{type, count};
  VkDescriptorPoolCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
  info.maxSets = count;
  info.poolSizeCount = 1;
  info.pPoolSizes = &size;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  VK_CHECK(vkCreateDescriptorPool(device, &info, nullptr, &pool));
  return UniqueDescriptorPool(device, pool);
}

}  // namespace lumbo::render
