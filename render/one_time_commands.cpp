// OneTimeCommands: its pool, command buffer and fence, and the record-submit-wait of one batch.
#include "render/one_time_commands.h"

#include "render/vk_check.h"

namespace lumbo::render {

OneTimeCommands::OneTimeCommands(const VulkanContext& context) : context_(context) {
  VkCommandPoolCreateInfo poolInfo{};
  poolInfo.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
  poolInfo.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
  poolInfo.queueFamilyIndex = context_.queueFamilyIndex;
  VkCommandPool pool = VK_NULL_HANDLE;
  VK_CHECK(vkCreateCommandPool(context_.device, &poolInfo, nullptr, &pool));
  pool_ = UniqueCommandPool(context_.device, pool);

  VkCommandBufferAllocateInfo allocate{};
  allocate.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
  allocate.commandPool = pool;
  allocate.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  allocate.commandBufferCount = 1;
  VK_CHECK(vkAllocateCommandBuffers(context_.device, &allocate, &commandBuffer_));

  VkFenceCreateInfo fenceInfo{};
  fenceInfo.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
  VkFence fence = VK_NULL_HANDLE;
  VK_CHECK(vkCreateFence(context_.device, &fenceInfo, nullptr, &fence));
  done_ = UniqueFence(context_.device, fence);
}

void OneTimeCommands::run(const std::function<void(VkCommandBuffer)>& record) {
  // run() returns only after the fence, so the previous batch is finished and the pool free.
  VK_CHECK(vkResetCommandPool(context_.device, pool_.get(), 0));
  VkCommandBufferBeginInfo begin{};
  begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VK_CHECK(vkBeginCommandBuffer(commandBuffer_, &begin));
  record(commandBuffer_);
  VK_CHECK(vkEndCommandBuffer(commandBuffer_));

  const VkFence fence = done_.get();
  VkSubmitInfo submit{};
  submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &commandBuffer_;
  VK_CHECK(vkQueueSubmit(context_.queue, 1, &submit, fence));
  VK_CHECK(vkWaitForFences(context_.device, 1, &fence, VK_TRUE, UINT64_MAX));
  VK_CHECK(vkResetFences(context_.device, 1, &fence));
}

void submitOnce(const VulkanContext& context, const std::function<void(VkCommandBuffer)>& record) {
  OneTimeCommands(context).run(record);
}

}  // namespace lumbo::render
