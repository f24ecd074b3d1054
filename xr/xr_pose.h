// Conversions between OpenXR poses and Lumbo's, and locating a space as a device state.
#pragma once

#include "body/tracked_frame.h"
#include "xr/xr_platform.h"

namespace lumbo::xr {

inline Pose toPose(const XrPosef& p) {
  return Pose{glm::dvec3(p.position.x, p.position.y, p.position.z),
              glm::normalize(glm::dquat(p.orientation.w, p.orientation.x, p.orientation.y, p.orientation.z))};
}

// Seconds on the runtime's clock: what TrackedFrame::timeS carries.
inline double toSeconds(XrTime t) { return static_cast<double>(t) * 1e-9; }

// The state of `space` in `base` at `time`: valid only when both position and orientation are.
// (Tracked and merely inferred poses are both valid; untracked ones are not.)
DeviceState locateDevice(XrSpace space, XrSpace base, XrTime time);

}  // namespace lumbo::xr
