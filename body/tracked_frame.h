// What every pose source (trace, OpenXR input, body-tracking extension) hands to body/ per frame.
#pragma once

#include <array>
#include <cstdint>

#include "body/device.h"
#include "body/pose.h"

namespace lumbo {

struct DeviceState {
  Pose pose;           // device-local to world (STAGE: +y up, floor at y = 0, metres)
  bool valid = false;  // false: no pose this frame (not worn, out of view, lost)
  // True when the source inferred this pose rather than measured it (e.g. body-tracking
  // extensions that estimate spine joints from head and hands). Never scored as measured.
  bool estimated = false;
};

struct TrackedFrame {
  double timeS = 0.0;
  std::array<DeviceState, kDeviceCount> devices{};

  DeviceState& operator[](Device d) { return devices[index(d)]; }
  const DeviceState& operator[](Device d) const { return devices[index(d)]; }
  bool valid(Device d) const { return devices[index(d)].valid; }

  // The devices with a pose this frame, bit index(d) each: the form the session store keeps.
  std::uint16_t trackedMask() const {
    static_assert(kDeviceCount <= 16, "the store's tracked mask is 16 bits");
    std::uint16_t mask = 0;
    for (std::size_t d = 0; d < kDeviceCount; ++d) {
      if (devices[d].valid) mask = static_cast<std::uint16_t>(mask | (1u << d));
    }
    return mask;
  }
};

}  // namespace lumbo
