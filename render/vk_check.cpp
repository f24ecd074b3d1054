// The VulkanError message format.
#include "render/vk_check.h"

#include "platform/vk_result_name.h"

namespace lumbo::render {

VulkanError::VulkanError(const std::string& callText, VkResult result, const char* file, int line)
    : std::runtime_error(callText + " failed with " + vkResultName(result) + " at " + file + ":" +
                         std::to_string(line)),
      result_(result) {}

}  // namespace lumbo::render
