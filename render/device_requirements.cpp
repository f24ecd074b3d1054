// Checks and choices about the device and swapchain formats the renderer needs.
#include "render/device_requirements.h"

#include <algorithm>

#include "render/vulkan_context.h"

namespace lumbo::render {

void RendererDeviceFeatures::chainInto(VkDeviceCreateInfo& info) {
  multiview.pNext = const_cast<void*>(info.pNext);
  info.pNext = &multiview;
}

std::optional<std::string> rendererUnsupportedReason(VkPhysicalDevice physicalDevice) {
  VkPhysicalDeviceProperties properties{};
  vkGetPhysicalDeviceProperties(physicalDevice, &properties);
  if (properties.apiVersion < kRendererApiVersion) {
    return std::string(properties.deviceName) + " supports only Vulkan " +
           std::to_string(VK_API_VERSION_MAJOR(properties.apiVersion)) + "." +
           std::to_string(VK_API_VERSION_MINOR(properties.apiVersion)) + ", 1.1 is needed";
  }
  VkPhysicalDeviceMultiviewFeatures multiview{};
  multiview.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MULTIVIEW_FEATURES;
  VkPhysicalDeviceFeatures2 features{};
  features.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2;
  features.pNext = &multiview;
  vkGetPhysicalDeviceFeatures2(physicalDevice, &features);
  if (multiview.multiview != VK_TRUE) {
    return std::string(properties.deviceName) + " lacks the multiview feature";
  }
  return std::nullopt;
}

std::optional<VkFormat> chooseSwapchainColourFormat(std::span<const int64_t> offered) {
  for (VkFormat preferred : {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB}) {
    if (std::find(offered.begin(), offered.end(), static_cast<int64_t>(preferred)) != offered.end()) {
      return preferred;
    }
  }
  return std::nullopt;
}

}  // namespace lumbo::render
