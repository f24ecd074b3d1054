// Plays a lumbo-trace as device poses: interpolated at any time, looping or ending as configured.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "body/device.h"
#include "body/pose.h"
#include "body/pose_track.h"
#include "body/result.h"

namespace lumbo::simxr {

class TracePlayer {
 public:
  // Without a trace: a person standing still at the stage origin with hands in front.
  TracePlayer();
  static Result<TracePlayer> load(const std::filesystem::path& path);

  bool hasDevice(Device d) const { return present_[index(d)]; }
  double durationS() const { return durationS_; }
  bool fromTrace() const { return fromTrace_; }

  // The pose at `timeS` since the start of playback; nullopt where the trace has no valid pose.
  // With `loop`, times past the end wrap around; otherwise the last sample is held.
  std::optional<Pose> poseAt(Device d, double timeS, bool loop) const;

 private:
  std::vector<std::vector<PoseSample>> tracks_;
  DeviceSet present_;
  double startS_ = 0.0;
  double durationS_ = 0.0;
  bool fromTrace_ = false;
};

}  // namespace lumbo::simxr
