// Tests of the swapchain format choice and the device feature chaining.
#include <gtest/gtest.h>

#include <vector>

#include "render/device_requirements.h"

namespace lumbo::render {
namespace {

TEST(ChooseSwapchainColourFormat, PrefersSrgbRgbaThenBgra) {
  const std::vector<int64_t> both{VK_FORMAT_B8G8R8A8_UNORM, VK_FORMAT_B8G8R8A8_SRGB,
                                  VK_FORMAT_R8G8B8A8_SRGB};
  EXPECT_EQ(chooseSwapchainColourFormat(both), VK_FORMAT_R8G8B8A8_SRGB);
  const std::vector<int64_t> bgra{VK_FORMAT_R8G8B8A8_UNORM, VK_FORMAT_B8G8R8A8_SRGB};
  EXPECT_EQ(chooseSwapchainColourFormat(bgra), VK_FORMAT_B8G8R8A8_SRGB);
  const std::vector<int64_t> linearOnly{VK_FORMAT_R8G8B8A8_UNORM, VK_FORMAT_R16G16B16A16_SFLOAT};
  EXPECT_FALSE(chooseSwapchainColourFormat(linearOnly).has_value());
}

TEST(RendererDeviceFeatures, ChainsMultiviewInFrontOfExistingChain) {
  VkPhysicalDeviceFeatures2 existing{};
  existing.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2;
  VkDeviceCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
  info.pNext = &existing;
  RendererDeviceFeatures features;
  features.chainInto(info);
  ASSERT_EQ(info.pNext, &features.multiview);
  EXPECT_EQ(features.multiview.multiview, VK_TRUE);
  EXPECT_EQ(features.multiview.pNext, &existing);
}

}  // namespace
}  // namespace lumbo::render
