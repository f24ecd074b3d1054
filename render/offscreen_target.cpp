// OffscreenTarget: its image, and the copy of a layer back to host memory.
#include "render/offscreen_target.h"

#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>

#include "render/image_barriers.h"

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
    : context_(context), format_(format), extentPx_(extentPx), layers_(layers), commands_(context) {
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
}

OffscreenTarget::~OffscreenTarget() = default;

std::vector<uint8_t> OffscreenTarget::readLayer(uint32_t layer) {
  if (layer >= layers_) throw std::out_of_range("readLayer: no layer " + std::to_string(layer));
  commands_.run([&](VkCommandBuffer cmd) {
    // Waits for the colour writes of frames submitted before this on the queue.
    transitionImage(cmd, image_.image.get(), imageLayers(0, layers_), image_use::kColourAttachment,
                    image_use::kTransferSource);

    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, layer, 1};
    region.imageExtent = {extentPx_.width, extentPx_.height, 1};
    vkCmdCopyImageToBuffer(cmd, image_.image.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                           readback_.buffer.get(), 1, &region);

    // Back to the layout the render pass and OpenXR expect, after the copy has read it; the
    // copied bytes made visible to the host.
    Barriers()
        .image(image_.image.get(), imageLayers(0, layers_), image_use::kTransferSource,
               image_use::kColourAttachment)
        .buffer(readback_.buffer.get(), VK_PIPELINE_STAGE_TRANSFER_BIT,
                VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_HOST_BIT, VK_ACCESS_HOST_READ_BIT)
        .record(cmd);
  });

  std::vector<uint8_t> pixels(static_cast<size_t>(readback_.sizeBytes));
  std::memcpy(pixels.data(), readback_.mapped, pixels.size());
  if (isBgra(format_)) {
    for (size_t i = 0; i < pixels.size(); i += 4) std::swap(pixels[i], pixels[i + 2]);
  }
  return pixels;
}

}  // namespace lumbo::render
