// Time-stamped poses of one device and interpolation between its samples.
#pragma once

#include <optional>
#include <vector>

#include "body/pose.h"

namespace lumbo {

struct PoseSample {
  double timeS = 0.0;
  Pose pose;
  bool valid = false;
};

// The pose at `timeS`, interpolated between the two samples around it (samples sorted by time).
// Outside the recorded span the nearest end is held. Returns nullopt when either neighbour is
// invalid (a gap must not be bridged by inventing motion) or there are no samples.
std::optional<Pose> interpolatePoseAt(const std::vector<PoseSample>& samples, double timeS);

}  // namespace lumbo
