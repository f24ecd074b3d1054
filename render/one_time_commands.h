// Work recorded, submitted and waited for at once (uploads, read-backs, test clears), made the
// same way wherever it is needed.
#pragma once

#include <vulkan/vulkan.h>

#include <functional>

#include "render/vk_handles.h"
#include "render/vulkan_context.h"

namespace lumbo::render {

// A command pool, one command buffer and a fence kept for repeated one-shot work (a read-back
// each screenshot, a clear each test frame), so none of them is made again each time.
class OneTimeCommands {
 public:
  explicit OneTimeCommands(const VulkanContext& context);

  // Records with `record`, submits to the context's queue and waits until the work has run.
  // Work submitted earlier to the same queue runs first, as the queue orders it.
  void run(const std::function<void(VkCommandBuffer)>& record);

 private:
  VulkanContext context_;
  UniqueCommandPool pool_;
  VkCommandBuffer commandBuffer_ = VK_NULL_HANDLE;  // freed with its pool
  UniqueFence done_;
};

// For work done once: makes the objects, runs `record`'s commands and waits for them.
void submitOnce(const VulkanContext& context, const std::function<void(VkCommandBuffer)>& record);

}  // namespace lumbo::render
