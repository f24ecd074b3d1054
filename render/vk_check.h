// VK_CHECK and the error it throws: a failed Vulkan call reported with its text, result and place.
// Results are named by platform/vk_result_name.h, shared with xr/.
#pragma once

#include <vulkan/vulkan.h>

#include <stdexcept>
#include <string>

namespace lumbo::render {

class VulkanError : public std::runtime_error {
 public:
  VulkanError(const std::string& callText, VkResult result, const char* file, int line);
  VkResult result() const { return result_; }

 private:
  VkResult result_;
};

// Throws VulkanError unless the call returned VK_SUCCESS. Call sites that tolerate another
// result (VK_TIMEOUT, VK_SUBOPTIMAL_KHR) test for it by name instead of using this macro.
#define VK_CHECK(call)                                                          \
  do {                                                                          \
    const VkResult lumboVkResult_ = (call);                                     \
    if (lumboVkResult_ != VK_SUCCESS) {                                         \
      throw ::lumbo::render::VulkanError(#call, lumboVkResult_, __FILE__, __LINE__); \
    }                                                                           \
  } while (false)

}  // namespace lumbo::render
