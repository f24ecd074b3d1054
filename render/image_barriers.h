// Image layout transitions and the memory dependencies around them, recorded as one pipeline
// barrier from a few named uses instead of hand-filled VkImageMemoryBarrier structs.
//
// Header-only and free of VK_CHECK on purpose: the simulated runtime (a shared library built with
// hidden visibility) records its frame-capture copies with it without linking lumbo_render.
#pragma once

#include <vulkan/vulkan.h>

#include <array>
#include <cassert>
#include <cstdint>

namespace lumbo::render {

// How an image is used on one side of a barrier: the stages and accesses that touch it there, and
// the layout it must be in for them.
struct ImageUse {
  VkPipelineStageFlags stages = VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT;
  VkAccessFlags access = 0;
  VkImageLayout layout = VK_IMAGE_LAYOUT_UNDEFINED;
};

// The uses the renderer, the desktop window and the tests share. A `from` use's reads add nothing
// to a barrier (only writes need making available); they are kept so one name serves both sides.
namespace image_use {
// Contents not kept: the next use overwrites the image (or layer) whole.
inline constexpr ImageUse kDiscard{VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, 0, VK_IMAGE_LAYOUT_UNDEFINED};
inline constexpr ImageUse kColourAttachment{
    VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
    VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT,
    VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
inline constexpr ImageUse kTransferSource{VK_PIPELINE_STAGE_TRANSFER_BIT,
                                          VK_ACCESS_TRANSFER_READ_BIT,
                                          VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL};
inline constexpr ImageUse kTransferDestination{VK_PIPELINE_STAGE_TRANSFER_BIT,
                                               VK_ACCESS_TRANSFER_WRITE_BIT,
                                               VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL};
inline constexpr ImageUse kFragmentShaderRead{VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT,
                                              VK_ACCESS_SHADER_READ_BIT,
                                              VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
// Handed to the presentation engine, which the swapchain's semaphores order, not this barrier.
inline constexpr ImageUse kPresent{VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, 0,
                                   VK_IMAGE_LAYOUT_PRESENT_SRC_KHR};
}  // namespace image_use

// `layerCount` layers of the first mip level, from `baseLayer`.
inline VkImageSubresourceRange imageLayers(uint32_t baseLayer, uint32_t layerCount,
                                           VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT) {
  return {aspect, 0, 1, baseLayer, layerCount};
}

// Several transitions and memory dependencies recorded as one vkCmdPipelineBarrier, whose stage
// masks are the union of everyone's: what a frame's copies need without a barrier per image.
// Holds a handful of entries in place (no allocation when recording frames).
class Barriers {
 public:
  static constexpr uint32_t kCapacity = 4;

  Barriers& image(VkImage image, const VkImageSubresourceRange& range, const ImageUse& from,
                  const ImageUse& to) {
    assert(imageCount_ < kCapacity);
    VkImageMemoryBarrier& b = images_[imageCount_++];
    b = {};
    b.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
    b.srcAccessMask = from.access;
    b.dstAccessMask = to.access;
    b.oldLayout = from.layout;
    b.newLayout = to.layout;
    b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.image = image;
    b.subresourceRange = range;
    srcStages_ |= from.stages;
    dstStages_ |= to.stages;
    return *this;
  }

  // The whole of `buffer`, written by `srcStages`/`srcAccess`, made visible to `dst...`.
  Barriers& buffer(VkBuffer buffer, VkPipelineStageFlags srcStages, VkAccessFlags srcAccess,
                   VkPipelineStageFlags dstStages, VkAccessFlags dstAccess) {
    assert(bufferCount_ < kCapacity);
    VkBufferMemoryBarrier& b = buffers_[bufferCount_++];
    b = {};
    b.sType = VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER;
    b.srcAccessMask = srcAccess;
    b.dstAccessMask = dstAccess;
    b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.buffer = buffer;
    b.size = VK_WHOLE_SIZE;
    srcStages_ |= srcStages;
    dstStages_ |= dstStages;
    return *this;
  }

  // Every resource written by `srcStages`/`srcAccess`, made visible to `dst...`.
  Barriers& memory(VkPipelineStageFlags srcStages, VkAccessFlags srcAccess,
                   VkPipelineStageFlags dstStages, VkAccessFlags dstAccess) {
    assert(memoryCount_ < kCapacity);
    VkMemoryBarrier& b = memory_[memoryCount_++];
    b = {};
    b.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
    b.srcAccessMask = srcAccess;
    b.dstAccessMask = dstAccess;
    srcStages_ |= srcStages;
    dstStages_ |= dstStages;
    return *this;
  }

  void record(VkCommandBuffer cmd) const {
    vkCmdPipelineBarrier(cmd, srcStages_, dstStages_, 0, memoryCount_, memory_.data(),
                         bufferCount_, buffers_.data(), imageCount_, images_.data());
  }

 private:
  VkPipelineStageFlags srcStages_ = 0;
  VkPipelineStageFlags dstStages_ = 0;
  std::array<VkMemoryBarrier, kCapacity> memory_{};
  std::array<VkBufferMemoryBarrier, kCapacity> buffers_{};
  std::array<VkImageMemoryBarrier, kCapacity> images_{};
  uint32_t memoryCount_ = 0;
  uint32_t bufferCount_ = 0;
  uint32_t imageCount_ = 0;
};

// One image's transition, recorded on its own.
inline void transitionImage(VkCommandBuffer cmd, VkImage image,
                            const VkImageSubresourceRange& range, const ImageUse& from,
                            const ImageUse& to) {
  Barriers().image(image, range, from, to).record(cmd);
}

}  // namespace lumbo::render
