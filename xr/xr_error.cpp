// Error reporting for OpenXR calls.
#include "xr/xr_error.h"

#include <openxr/openxr_reflection.h>

#include "platform/vk_result_name.h"

namespace lumbo::xr {

std::string resultName(XrResult result, XrInstance instance) {
  // Core results are named from the headers' reflection list: no runtime call, so it also works
  // when there is no instance (or it is the failure being reported).
  switch (result) {
#define LUMBO_XR_RESULT_CASE(name, value) \
  case name:                              \
    return #name;
    XR_LIST_ENUM_XrResult(LUMBO_XR_RESULT_CASE)
#undef LUMBO_XR_RESULT_CASE
    default:
      break;
  }
  char buffer[XR_MAX_RESULT_STRING_SIZE] = {};
  if (instance != XR_NULL_HANDLE && XR_SUCCEEDED(xrResultToString(instance, result, buffer))) return buffer;
  return "XrResult " + std::to_string(static_cast<int>(result));
}

XrResult checkXr(XrResult result, const char* call, const char* file, int line) {
  if (XR_FAILED(result)) {
    throw XrCallError(std::string(call) + " failed with " + resultName(result) + " at " + file + ":" +
                          std::to_string(line),
                      result);
  }
  return result;
}

void checkVkFromXr(VkResult result, const char* call, const char* file, int line) {
  if (result != VK_SUCCESS) {
    throw std::runtime_error(std::string(call) + " failed with " + vkResultName(result) + " at " + file + ":" +
                             std::to_string(line));
  }
}

}  // namespace lumbo::xr
