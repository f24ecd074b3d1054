// WindowPresenter: swapchain creation, and each frame's acquire, blit, present and wait.
#include "render/window_presenter.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <utility>

#include "render/image_barriers.h"
#include "render/vk_check.h"

namespace lumbo::render {

namespace {

UniqueSemaphore createSemaphore(VkDevice device) {
  VkSemaphoreCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO;
  VkSemaphore semaphore = VK_NULL_HANDLE;
  VK_CHECK(vkCreateSemaphore(device, &info, nullptr, &semaphore));
  return UniqueSemaphore(device, semaphore);
}

// The source as the stereo renderer leaves it: written as an attachment or, resolving by
// command, by a transfer.
constexpr ImageUse kRenderedColour{
    VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
    VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT,
    VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};

}  // namespace

WindowPresenter::WindowPresenter(const VulkanContext& context, VkSurfaceKHR surface,
                                 VkExtent2D windowSizePx, SurfaceEncoding encoding)
    : context_(context), surface_(surface) {
  createSwapchain(windowSizePx, encoding);
  commands_ = createFrameCommands(context_);
  acquired_ = createSemaphore(context_.device);
  for (std::size_t i = 0; i < images_.size(); ++i) {
    presentReady_.push_back(createSemaphore(context_.device));
  }
}

WindowPresenter::~WindowPresenter() {
  // The presentation engine may still be waiting on a semaphore of the last frame.
  if (context_.device != VK_NULL_HANDLE) vkDeviceWaitIdle(context_.device);
}

void WindowPresenter::createSwapchain(VkExtent2D windowSizePx, SurfaceEncoding encoding) {
  const VkPhysicalDevice physicalDevice = context_.physicalDevice;
  VkSurfaceCapabilitiesKHR caps{};
  VK_CHECK(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(physicalDevice, surface_, &caps));
  if ((caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_DST_BIT) == 0) {
    throw std::runtime_error("the window's swapchain images cannot be copied into");
  }
  uint32_t formatCount = 0;
  VK_CHECK(vkGetPhysicalDeviceSurfaceFormatsKHR(physicalDevice, surface_, &formatCount, nullptr));
  std::vector<VkSurfaceFormatKHR> formats(formatCount);
  VK_CHECK(
      vkGetPhysicalDeviceSurfaceFormatsKHR(physicalDevice, surface_, &formatCount, formats.data()));
  if (formats.empty()) throw std::runtime_error("the window offers no surface format");
  VkSurfaceFormatKHR format = formats.front();
  const bool srgb = encoding == SurfaceEncoding::Srgb;
  for (const VkSurfaceFormatKHR& f : formats) {
    if (srgb && (f.format == VK_FORMAT_B8G8R8A8_SRGB || f.format == VK_FORMAT_R8G8B8A8_SRGB)) format = f;
    if (!srgb && (f.format == VK_FORMAT_B8G8R8A8_UNORM || f.format == VK_FORMAT_R8G8B8A8_UNORM)) format = f;
  }
  format_ = format.format;
  extentPx_ = caps.currentExtent.width != UINT32_MAX ? caps.currentExtent : windowSizePx;

  VkSwapchainCreateInfoKHR info{};
  info.sType = VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR;
  info.surface = surface_;
  info.minImageCount = std::max(caps.minImageCount, 2u);
  if (caps.maxImageCount != 0) info.minImageCount = std::min(info.minImageCount, caps.maxImageCount);
  info.imageFormat = format.format;
  info.imageColorSpace = format.colorSpace;
  info.imageExtent = extentPx_;
  info.imageArrayLayers = 1;
  // Readable where the surface allows, so that a screenshot is the image the window shows.
  readable_ = (caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_SRC_BIT) != 0;
  info.imageUsage = VK_IMAGE_USAGE_TRANSFER_DST_BIT | (readable_ ? VK_IMAGE_USAGE_TRANSFER_SRC_BIT : 0);
  info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.preTransform = caps.currentTransform;
  info.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
  info.presentMode = VK_PRESENT_MODE_FIFO_KHR;  // always supported; paces to the display
  info.clipped = VK_TRUE;
  VkSwapchainKHR swapchain = VK_NULL_HANDLE;
  VK_CHECK(vkCreateSwapchainKHR(context_.device, &info, nullptr, &swapchain));
  swapchain_ = UniqueSwapchain(context_.device, swapchain);
  uint32_t imageCount = 0;
  VK_CHECK(vkGetSwapchainImagesKHR(context_.device, swapchain, &imageCount, nullptr));
  images_.resize(imageCount);
  VK_CHECK(vkGetSwapchainImagesKHR(context_.device, swapchain, &imageCount, images_.data()));
}

void WindowPresenter::present(VkImage source) { presentImage(source, false); }

std::vector<std::uint8_t> WindowPresenter::presentAndCapture(VkImage source) {
  if (!readable_) throw std::runtime_error("the window's swapchain images cannot be read back");
  const VkDeviceSize bytes = VkDeviceSize{4} * extentPx_.width * extentPx_.height;
  if (readback_.sizeBytes != bytes) readback_ = createHostBuffer(context_, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT);
  presentImage(source, true);
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(bytes));
  std::memcpy(pixels.data(), readback_.mapped, pixels.size());
  if (format_ == VK_FORMAT_B8G8R8A8_SRGB || format_ == VK_FORMAT_B8G8R8A8_UNORM) {
    for (std::size_t i = 0; i < pixels.size(); i += 4) std::swap(pixels[i], pixels[i + 2]);
  }
  return pixels;
}

void WindowPresenter::presentImage(VkImage source, bool capture) {
  const VkDevice device = context_.device;
  const VkFence fence = commands_.submitted.get();
  VK_CHECK(vkWaitForFences(device, 1, &fence, VK_TRUE, UINT64_MAX));
  uint32_t imageIndex = 0;
  const VkResult acquire = vkAcquireNextImageKHR(device, swapchain_.get(), UINT64_MAX,
                                                 acquired_.get(), VK_NULL_HANDLE, &imageIndex);
  // Suboptimal still presents correctly; the window cannot be resized, so out-of-date is an error.
  if (acquire != VK_SUBOPTIMAL_KHR) VK_CHECK(acquire);
  VK_CHECK(vkResetFences(device, 1, &fence));
  VK_CHECK(vkResetCommandPool(device, commands_.commandPool.get(), 0));
  const VkCommandBuffer cmd = commands_.commandBuffer;
  VkCommandBufferBeginInfo begin{};
  begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VK_CHECK(vkBeginCommandBuffer(cmd, &begin));

  // The rendered layer becomes the copy's source, the swapchain image (its old contents
  // discarded) its destination.
  const VkImage target = images_[imageIndex];
  const VkImageSubresourceRange layer0 = imageLayers(0, 1);
  Barriers()
      .image(source, layer0, kRenderedColour, image_use::kTransferSource)
      .image(target, layer0, image_use::kDiscard, image_use::kTransferDestination)
      .record(cmd);
  VkImageBlit region{};
  region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.srcOffsets[1] = {static_cast<int32_t>(extentPx_.width),
                          static_cast<int32_t>(extentPx_.height), 1};
  region.dstOffsets[1] = region.srcOffsets[1];
  vkCmdBlitImage(cmd, source, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, target,
                 VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region, VK_FILTER_NEAREST);
  if (capture) {
    Barriers().image(target, layer0, image_use::kTransferDestination, image_use::kTransferSource).record(cmd);
    VkBufferImageCopy copy{};
    copy.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    copy.imageExtent = {extentPx_.width, extentPx_.height, 1};
    vkCmdCopyImageToBuffer(cmd, target, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, readback_.buffer.get(), 1, &copy);
  }
  Barriers after;
  after.image(source, layer0, image_use::kTransferSource, image_use::kColourAttachment)
      .image(target, layer0, capture ? image_use::kTransferSource : image_use::kTransferDestination, image_use::kPresent);
  if (capture) {
    after.buffer(readback_.buffer.get(), VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT,
                 VK_PIPELINE_STAGE_HOST_BIT, VK_ACCESS_HOST_READ_BIT);
  }
  after.record(cmd);
  VK_CHECK(vkEndCommandBuffer(cmd));

  const VkSemaphore wait = acquired_.get();
  const VkSemaphore signal = presentReady_[imageIndex].get();
  const VkPipelineStageFlags waitStage = VK_PIPELINE_STAGE_TRANSFER_BIT;
  VkSubmitInfo submit{};
  submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
  submit.waitSemaphoreCount = 1;
  submit.pWaitSemaphores = &wait;
  submit.pWaitDstStageMask = &waitStage;
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd;
  submit.signalSemaphoreCount = 1;
  submit.pSignalSemaphores = &signal;
  VK_CHECK(vkQueueSubmit(context_.queue, 1, &submit, fence));
  const VkSwapchainKHR chain = swapchain_.get();
  VkPresentInfoKHR present{};
  present.sType = VK_STRUCTURE_TYPE_PRESENT_INFO_KHR;
  present.waitSemaphoreCount = 1;
  present.pWaitSemaphores = &signal;
  present.swapchainCount = 1;
  present.pSwapchains = &chain;
  present.pImageIndices = &imageIndex;
  const VkResult presented = vkQueuePresentKHR(context_.queue, &present);
  if (presented != VK_SUBOPTIMAL_KHR) VK_CHECK(presented);
  // One frame in flight: the acquire semaphore is free again before the next acquire.
  VK_CHECK(vkWaitForFences(device, 1, &fence, VK_TRUE, UINT64_MAX));
}

}  // namespace lumbo::render
