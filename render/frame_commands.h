// The command objects of one frame slot, made the same way wherever frames are recorded (the
// stereo renderer, the UI canvas): a transient command pool, its primary command buffer, and a
// fence created signalled so that the first wait on the slot returns at once.
#pragma once

#include "render/vk_handles.h"
#include "render/vulkan_context.h"

namespace lumbo::render {

struct FrameCommands {
  UniqueCommandPool commandPool;
  VkCommandBuffer commandBuffer = VK_NULL_HANDLE;  // freed with its pool
  UniqueFence submitted;
};

FrameCommands createFrameCommands(const VulkanContext& context);

// A descriptor pool holding `count` descriptors (and sets) of one type.
UniqueDescriptorPool createDescriptorPool(VkDevice device, VkDescriptorType type, uint32_t count);

}  // namespace lumbo::render
