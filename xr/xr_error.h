// XR_CHECK: turns a failed OpenXR call into an exception carrying the call, the result's name and
// where it was made. Results a call site tolerates are compared there, by name, before checking.
#pragma once

#include <stdexcept>
#include <string>

#include "xr/xr_platform.h"

namespace lumbo::xr {

class XrCallError : public std::runtime_error {
 public:
  XrCallError(std::string message, XrResult result) : std::runtime_error(std::move(message)), result_(result) {}
  XrResult result() const { return result_; }

 private:
  XrResult result_;
};

// "XR_ERROR_SESSION_LOST" etc.; works without an instance for the core results.
std::string resultName(XrResult result, XrInstance instance = XR_NULL_HANDLE);

// Throws XrCallError for any failure; returns the result (successes such as
// XR_SESSION_LOSS_PENDING or XR_FRAME_DISCARDED are for the caller to look at).
XrResult checkXr(XrResult result, const char* call, const char* file, int line);

// Same for Vulkan calls made on the runtime's behalf.
void checkVkFromXr(VkResult result, const char* call, const char* file, int line);

}  // namespace lumbo::xr

#define XR_CHECK(call) ::lumbo::xr::checkXr((call), #call, __FILE__, __LINE__)
#define XR_VK_CHECK(call) ::lumbo::xr::checkVkFromXr((call), #call, __FILE__, __LINE__)
