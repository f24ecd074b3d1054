// OffscreenTarget: its image, and the copy of a layer back to host memory.
#include "render/offscreen_target.h"

#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>

#include "render/vk_check.h"

namespace lumbo::render {

namespace {

bool isBgra(VkFormat format) {
  return format == VK_FORMAT_B8G8R8A8_SRGB || format == VK_FORMAT_B8G8R8A8_UNORM;
}

bool isRgba(VkFormat format) {
  return format == VK_FORMAT_R8G8B8A8_SRGB || format == VK_FORMAT_R8G8B8A8_UNORM;
}

}  // namespace

OffscreenTarget::OffscreenTarget(const VulkanContext& context, VkFormat format,
                                 VkExtent2D extentPx, uint32_t layers)
    : context_(context), format_(format), extentPx_(extentPx), layers_(layers) {
  if (!isRgba(format) && !isBgra(format)) {
    throw std::invalid_argument("OffscreenTarget: format " + std::to_string(format) +
                                " is not 4-byte RGBA or BGRA");
  }
  image_ = createDeviceImage(
      context_, {format, extentPx, layers, VK_SAMPLE_COUNT_1_BIT,
                 VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
                     VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_SAMPLED_BIT,
                 VK_IMAGE_ASPECT_COLOR_BIT});
  readback_ = createHostBuffer(context_, VkDeviceSize{4} * extentPx.width * extentPx.height,
                               VK_BUFFER_USAGE_TRANSFER_DST_BIT);

  VkCommandPoolCreateInfo poolInfo{};
  poolInfo.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
  poolInfo.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  poolInfo.queueFamilyIndex = context_.queueFamilyIndex;
  VkCommandPool pool = VK_NULL_HANDLE;
  VK_CHECK(vkCreateCommandPool(context_.device, &poolInfo, nullptr, &pool));
  commandPool_ = UniqueCommandPool(context_.device, pool);
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

OffscreenTarget::~OffscreenTarget() = default;

std::vector<uint8_t> OffscreenTarget::readLayer(uint32_t layer) {
  if (layer >= layers_) throw std::out_of_range("readLayer: no layer " + std::to_string(layer));
  const VkCommandBuffer cmd = commandBuffer_;
  VK_CHECK(vkResetCommandBuffer(cmd, 0));
  VkCommandBufferBeginInfo begin{};
  begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VK_CHECK(vkBeginCommandBuffer(cmd, &begin));

  // Waits for the colour writes of frames submitted before this on the queue.
  VkImageMemoryBarrier toTransfer{};
  toTransfer.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
  toTransfer.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  toTransfer.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
  toTransfer.oldLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  toTransfer.newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  toTransfer.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  toTransfer.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  toTransfer.image = image_.image.get();
  toTransfer.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, layers_};
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
                       VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0, nullptr, 1, &toTransfer);

  VkBufferImageCopy region{};
  region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, layer, 1};
  region.imageExtent = {extentPx_.width, extentPx_.height, 1};
  vkCmdCopyImageToBuffer(cmd, image_.image.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                         readback_.buffer.get(), 1, &region);

  // Back to the layout the render pass and OpenXR expect, after the copy has read it.
  VkImageMemoryBarrier toAttachment = toTransfer;
  toAttachment.srcAccessMask = 0;
  toAttachment.dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  toAttachment.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  toAttachment.newLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  VkBufferMemoryBarrier toHost{};
  toHost.sType = VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER;
  toHost.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  toHost.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
  toHost.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  toHost.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  toHost.buffer = readback_.buffer.get();
  toHost.size = VK_WHOLE_SIZE;
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT,
                       VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_HOST_BIT,
                       0, 0, nullptr, 1, &toHost, 1, &toAttachment);
  VK_CHECK(vkEndCommandBuffer(cmd));

  const VkFence fence = done_.get();
  VK_CHECK(vkResetFences(context_.device, 1, &fence));
  VkSubmitInfo submit{};
  submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd;
  VK_CHECK(vkQueueSubmit(context_.queue, 1, &submit, fence));
  VK_CHECK(vkWaitForFences(context_.device, 1, &fence, VK_TRUE, UINT64_MAX));

  std::vector<uint8_t> pixels(static_cast<size_t>(readback_.sizeBytes));
  std::memcpy(pixels.data(), readback_.mapped, pixels.size());
  if (isBgra(format_)) {
    for (size_t i = 0; i < pixels.size(); i += 4) std::swap(pixels[i], pixels[i + 2]);
  }
  return pixels;
}

}  // namespace lumbo::render
