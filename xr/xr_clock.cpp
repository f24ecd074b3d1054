// XrClock: CLOCK_MONOTONIC converted to XrTime by the runtime.
#include "xr/xr_clock.h"

#include <time.h>

namespace lumbo::xr {

XrClock::XrClock(const XrRuntime& runtime) : instance_(runtime.instance()) {
  if (runtime.enabled(kConvertTimespecExtension)) convert_ = runtime.proc<ConvertFn>("xrConvertTimespecTimeToTimeKHR");
}

std::optional<XrTime> XrClock::now() const {
  if (convert_ == nullptr) return std::nullopt;
  timespec ts{};
  if (::clock_gettime(CLOCK_MONOTONIC, &ts) != 0) return std::nullopt;
  XrTime t = 0;
  if (XR_FAILED(convert_(instance_, &ts, &t))) return std::nullopt;
  return t;
}

}  // namespace lumbo::xr
