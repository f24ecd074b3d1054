// A two-layer colour image the renderer can draw into, with readback of a layer to RGBA8 bytes.
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <vector>

#include "render/gpu_memory.h"
#include "render/one_time_commands.h"
#include "render/vk_handles.h"
#include "render/vulkan_context.h"

namespace lumbo::render {

// Owns what the OpenXR runtime would otherwise provide: for tests, frame capture and the desktop
// view. Register it with StereoRenderer::addTarget(image()); keep it alive longer than the
// renderer (declare it first) or remove the target before destroying it.
class OffscreenTarget {
 public:
  // `format` must be a 4-byte RGBA or BGRA format (R8G8B8A8_SRGB/UNORM, B8G8R8A8_SRGB/UNORM).
  OffscreenTarget(const VulkanContext& context, VkFormat format, VkExtent2D extentPx,
                  uint32_t layers = 2);
  ~OffscreenTarget();
  OffscreenTarget(const OffscreenTarget&) = delete;
  OffscreenTarget& operator=(const OffscreenTarget&) = delete;

  VkImage image() const { return image_.image.get(); }
  VkExtent2D extentPx() const { return extentPx_; }

  // Copies one layer into tightly packed RGBA8 rows, top row first, and waits for it. Work
  // submitted earlier to the same queue (the frames rendered into this image) completes first.
  // The image must have been rendered into at least once (layout COLOR_ATTACHMENT_OPTIMAL); it
  // is left in that layout.
  std::vector<uint8_t> readLayer(uint32_t layer);

 private:
  VulkanContext context_;
  VkFormat format_;
  VkExtent2D extentPx_;
  uint32_t layers_;
  DeviceImage image_;
  HostBuffer readback_;
  OneTimeCommands commands_;
};

}  // namespace lumbo::render
