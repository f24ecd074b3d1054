// Shows rendered images in a desktop window: the swapchain of the window's surface, and the copy
// of a colour image into its next image and presentation, one frame at a time.
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <vector>

#include "render/frame_commands.h"
#include "render/gpu_memory.h"
#include "render/vk_handles.h"
#include "render/vulkan_context.h"

namespace lumbo::render {

// How the window's bytes are to be read: sRGB-encoded from linear colour (the stereo renderer's
// output), or as they are (Dear ImGui's colours, authored in sRGB and written unchanged).
enum class SurfaceEncoding { Srgb, Unorm };

class WindowPresenter {
 public:
  // `context`'s queue must be able to present to `surface` (an OwnedContext made with
  // createSurface gives both). `windowSizePx` is used when the surface leaves the swapchain's
  // size to it. The window is not resizable: an out-of-date swapchain is an error. Throws when
  // the surface's images cannot be copied into or it offers no format.
  WindowPresenter(const VulkanContext& context, VkSurfaceKHR surface, VkExtent2D windowSizePx,
                  SurfaceEncoding encoding = SurfaceEncoding::Srgb);
  ~WindowPresenter();
  WindowPresenter(const WindowPresenter&) = delete;
  WindowPresenter& operator=(const WindowPresenter&) = delete;

  VkExtent2D extentPx() const { return extentPx_; }
  VkFormat format() const { return format_; }

  // Copies layer 0 of `source` (extentPx() or larger, in COLOR_ATTACHMENT_OPTIMAL, written by
  // work submitted earlier to the queue, as attachment or by a resolve) into the next swapchain
  // image and presents it. `source` is left in COLOR_ATTACHMENT_OPTIMAL. Returns once the copy
  // has run, so the caller may render into `source` again.
  void present(VkImage source);
  // The same, and the swapchain image as presented copied back as RGBA8 rows, top first (what
  // the window shows). Throws when the surface's images cannot be read back.
  std::vector<std::uint8_t> presentAndCapture(VkImage source);

 private:
  void createSwapchain(VkExtent2D windowSizePx, SurfaceEncoding encoding);
  void presentImage(VkImage source, bool capture);

  VulkanContext context_;
  VkSurfaceKHR surface_;
  VkExtent2D extentPx_{};
  VkFormat format_ = VK_FORMAT_UNDEFINED;
  UniqueSwapchain swapchain_;
  std::vector<VkImage> images_;  // owned by the swapchain
  FrameCommands commands_;
  UniqueSemaphore acquired_;
  std::vector<UniqueSemaphore> presentReady_;  // one per swapchain image
  bool readable_ = false;                      // images made with TRANSFER_SRC usage
  HostBuffer readback_;                        // made on the first capture
};

}  // namespace lumbo::render
