// What a Vulkan device and swapchain must offer the renderer, for whoever creates them (the XR
// session through XR_KHR_vulkan_enable2, or OwnedContext).
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace lumbo::render {

// The features to enable at device creation. Keep the object alive until vkCreateDevice (or
// xrCreateVulkanDeviceKHR) returns: the create info points into it.
struct RendererDeviceFeatures {
  VkPhysicalDeviceMultiviewFeatures multiview{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MULTIVIEW_FEATURES,
                                              nullptr, VK_TRUE, VK_FALSE, VK_FALSE};
  // Puts the features at the front of `info`'s pNext chain.
  void chainInto(VkDeviceCreateInfo& info);
};

// Why `physicalDevice` cannot run the renderer (API version, multiview), or nothing if it can.
std::optional<std::string> rendererUnsupportedReason(VkPhysicalDevice physicalDevice);

// The colour format to ask the runtime's swapchain for, from the formats it offers (OpenXR gives
// them as int64_t): 8-bit sRGB RGBA, then BGRA, so the lit colours are encoded correctly; failing
// those, nothing (the caller reports that the runtime offers no usable format).
std::optional<VkFormat> chooseSwapchainColourFormat(std::span<const int64_t> offered);

}  // namespace lumbo::render
