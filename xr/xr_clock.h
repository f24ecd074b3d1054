// The runtime's clock read now (XR_KHR_convert_timespec_time), so that the app can tell whether a
// frame reached xrEndFrame before its predicted display time, as the runtime judges it.
#pragma once

#include <optional>

#include "xr/xr_runtime.h"

namespace lumbo::xr {

class XrClock {
 public:
  // Without the extension enabled on `runtime`, now() is always empty.
  explicit XrClock(const XrRuntime& runtime);
  std::optional<XrTime> now() const;

 private:
  using ConvertFn = XrResult(XRAPI_PTR*)(XrInstance, const struct timespec*, XrTime*);
  XrInstance instance_ = XR_NULL_HANDLE;
  ConvertFn convert_ = nullptr;
};

// The extension XrClock needs, for RuntimeOptions::optionalExtensions.
inline constexpr const char* kConvertTimespecExtension = "XR_KHR_convert_timespec_time";

}  // namespace lumbo::xr
