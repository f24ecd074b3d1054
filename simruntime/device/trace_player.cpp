// Loads a whole trace into per-device pose tracks for interpolation at display times.
#include "simruntime/device/trace_player.h"

#include <cmath>

#include "body/trace.h"

namespace lumbo::simxr {

TracePlayer::TracePlayer() : tracks_(kDeviceCount) {
  auto still = [&](Device d, glm::dvec3 p) {
    tracks_[index(d)].push_back(PoseSample{0.0, Pose{p, glm::dquat(1, 0, 0, 0)}, true});
    present_.set(index(d));
  };
  still(Device::Head, {0.0, 1.6, 0.0});
  still(Device::LHand, {-0.2, 1.1, -0.3});
  still(Device::RHand, {0.2, 1.1, -0.3});
}

Result<TracePlayer> TracePlayer::load(const std::filesystem::path& path) {
  auto trace = readTrace(path);
  if (!trace) return Error{trace.error()};
  if (trace->samples.size() < 2) return Error{path.string() + ": the trace needs at least two samples"};
  TracePlayer p;
  p.tracks_.assign(kDeviceCount, {});
  p.present_ = trace->layout.devices;
  p.startS_ = trace->samples.front().frame.timeS;
  p.durationS_ = trace->durationS();
  p.fromTrace_ = true;
  for (Device d : kAllDevices) {
    if (!p.present_[index(d)]) continue;
    auto& track = p.tracks_[index(d)];
    track.reserve(trace->samples.size());
    for (const auto& s : trace->samples) {
      track.push_back(PoseSample{s.frame.timeS - p.startS_, s.frame[d].pose, s.frame[d].valid});
    }
  }
  return p;
}

std::optional<Pose> TracePlayer::poseAt(Device d, double timeS, bool loop) const {
  if (!present_[index(d)]) return std::nullopt;
  double t = timeS;
  if (loop && durationS_ > 0.0 && t > durationS_) t = std::fmod(t, durationS_);
  return interpolatePoseAt(tracks_[index(d)], t);
}

}  // namespace lumbo::simxr
