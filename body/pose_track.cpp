// Interpolation of time-stamped poses.
#include "body/pose_track.h"

#include <algorithm>

namespace lumbo {

std::optional<Pose> interpolatePoseAt(const std::vector<PoseSample>& samples, double timeS) {
  if (samples.empty()) return std::nullopt;
  if (timeS <= samples.front().timeS) {
    return samples.front().valid ? std::optional<Pose>(samples.front().pose) : std::nullopt;
  }
  if (timeS >= samples.back().timeS) {
    return samples.back().valid ? std::optional<Pose>(samples.back().pose) : std::nullopt;
  }
  const auto after = std::upper_bound(samples.begin(), samples.end(), timeS,
                                      [](double t, const PoseSample& s) { return t < s.timeS; });
  const auto before = after - 1;
  if (!before->valid || !after->valid) return std::nullopt;
  const double span = after->timeS - before->timeS;
  const double t = span > 0.0 ? (timeS - before->timeS) / span : 0.0;
  return interpolate(before->pose, after->pose, t);
}

}  // namespace lumbo
