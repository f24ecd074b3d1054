// Signal names and units, and limb signals from tracked frames.
#include "exercises/signals.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <glm/glm.hpp>

namespace lumbo {

namespace {

constexpr std::array<std::string_view, kLimbSignalCount> kLimbNames = {
    "lfoot_height_m", "rfoot_height_m", "feet_height_m", "lhand_height_m",
    "rhand_height_m", "hands_height_m", "hands_reach_m", "trunk_lean_deg", "pelvis_depth_pct",
    "band_tension_n"};

// Below this the pelvis-to-feet distance is no leg: a calibration on the floor or a bad frame.
constexpr double kMinLegM = 0.3;

bool usable(const DeviceState& d) { return d.valid && !d.estimated; }

double horizontalDistance(const glm::dvec3& a, const glm::dvec3& b) {
  return std::hypot(a.x - b.x, a.z - b.z);
}

}  // namespace

std::string_view signalName(SignalIndex s) {
  if (s < kMetricCount) return metricName(static_cast<MetricId>(s));
  return kLimbNames[s - kMetricCount];
}

std::optional<SignalIndex> signalFromName(std::string_view name) {
  if (auto m = metricFromName(name)) return static_cast<SignalIndex>(*m);
  for (std::size_t i = 0; i < kLimbSignalCount; ++i) {
    if (kLimbNames[i] == name) return static_cast<SignalIndex>(kMetricCount + i);
  }
  return std::nullopt;
}

bool isSimulatedLoad(SignalIndex s) {
  return s == kMetricCount + static_cast<SignalIndex>(LimbSignal::BandTensionN);
}

std::string_view signalUnit(SignalIndex s) {
  const std::string_view n = signalName(s);
  if (n.ends_with("_deg")) return "deg";
  if (n.ends_with("_pct")) return "%";
  if (n.ends_with("_n")) return "N";
  return "m";
}

std::string signalWords(SignalIndex s) {
  std::string n(signalName(s));
  for (std::string_view suffix : {"_deg", "_pct", "_m", "_n"}) {
    if (n.ends_with(suffix)) {
      n.resize(n.size() - suffix.size());
      break;
    }
  }
  for (char& c : n) {
    if (c == '_') c = ' ';
  }
  // Device prefixes read better spelt out.
  if (n.starts_with("lfoot")) n = "left foot" + n.substr(5);
  else if (n.starts_with("rfoot")) n = "right foot" + n.substr(5);
  else if (n.starts_with("lhand")) n = "left hand" + n.substr(5);
  else if (n.starts_with("rhand")) n = "right hand" + n.substr(5);
  return n;
}

void LimbTracker::calibrate(std::span<const TrackedFrame> neutralFrames) {
  *this = LimbTracker();
  for (const TrackedFrame& f : neutralFrames) addNeutralFrame(f);
  finishCalibration();
}

void LimbTracker::addNeutralFrame(const TrackedFrame& frame) {
  for (Device d : {Device::LFoot, Device::RFoot, Device::LHand, Device::RHand}) {
    if (!usable(frame[d])) continue;
    ref_[index(d)].sumY += frame[d].pose.positionM.y;
    ++ref_[index(d)].count;
  }
  if (usable(frame[Device::Head]) && usable(frame[Device::Pelvis])) {
    leanSum_ += frame[Device::Head].pose.positionM - frame[Device::Pelvis].pose.positionM;
    ++leanCount_;
  }
  if (usable(frame[Device::Pelvis]) && usable(frame[Device::LFoot]) && usable(frame[Device::RFoot])) {
    pelvisSumY_ += frame[Device::Pelvis].pose.positionM.y;
    feetSumY_ += 0.5 * (frame[Device::LFoot].pose.positionM.y + frame[Device::RFoot].pose.positionM.y);
    ++depthCount_;
  }
  if (usable(frame[Device::LHand]) && usable(frame[Device::RHand]) && usable(frame[Device::Chest])) {
    const glm::dvec3 mid = 0.5 * (frame[Device::LHand].pose.positionM + frame[Device::RHand].pose.positionM);
    reachSum_ += horizontalDistance(mid, frame[Device::Chest].pose.positionM);
    ++reachCount_;
  }
}

void LimbTracker::finishCalibration() {
  for (Reference& r : ref_) {
    if (r.count > 0) r.y = r.sumY / r.count;
  }
  if (leanCount_ > 0) leanRef_ = leanSum_ / static_cast<double>(leanCount_);
  if (depthCount_ > 0) {
    pelvisY_ = pelvisSumY_ / depthCount_;
    legM_ = pelvisY_ - feetSumY_ / depthCount_;
    if (legM_ < kMinLegM) legM_ = 0.0;
  }
  haveReach_ = reachCount_ > 0;
  if (haveReach_) reachM_ = reachSum_ / reachCount_;
}

LimbSignals LimbTracker::compute(const TrackedFrame& frame, const DeviceSet& trusted) const {
  LimbSignals out;
  auto ok = [&](Device d) { return frame.valid(d) && trusted.test(index(d)); };
  auto height = [&](Device d, LimbSignal s) {
    const Reference& r = ref_[index(d)];
    if (r.count == 0 || !ok(d)) return;
    Metric& m = out[s];
    m.value = frame[d].pose.positionM.y - r.y;
    m.source = frame[d].estimated ? MetricSource::Estimated : MetricSource::Measured;
    m.confidence = frame[d].estimated ? 0.3 : 1.0;
  };
  height(Device::LFoot, LimbSignal::LFootHeightM);
  height(Device::RFoot, LimbSignal::RFootHeightM);
  height(Device::LHand, LimbSignal::LHandHeightM);
  height(Device::RHand, LimbSignal::RHandHeightM);
  auto sum = [&](LimbSignal a, LimbSignal b, LimbSignal into) {
    const Metric& ma = out[a];
    const Metric& mb = out[b];
    if (!ma.available() || !mb.available()) return;
    Metric& m = out[into];
    m.value = ma.value + mb.value;
    m.source = ma.measured() && mb.measured() ? MetricSource::Measured : MetricSource::Estimated;
    m.confidence = std::min(ma.confidence, mb.confidence);
  };
  sum(LimbSignal::LFootHeightM, LimbSignal::RFootHeightM, LimbSignal::FeetHeightM);
  sum(LimbSignal::LHandHeightM, LimbSignal::RHandHeightM, LimbSignal::HandsHeightM);
  auto provenance = [&](Metric& m, bool estimated) {
    m.source = estimated ? MetricSource::Estimated : MetricSource::Measured;
    m.confidence = estimated ? 0.3 : 1.0;
  };
  if (leanCount_ > 0 && glm::length(leanRef_) > 0.0 && ok(Device::Head) && ok(Device::Pelvis)) {
    const glm::dvec3 v = frame[Device::Head].pose.positionM - frame[Device::Pelvis].pose.positionM;
    const double len = glm::length(v) * glm::length(leanRef_);
    if (len > 0.0) {
      Metric& m = out[LimbSignal::TrunkLeanDeg];
      m.value = glm::degrees(std::acos(std::clamp(glm::dot(v, leanRef_) / len, -1.0, 1.0)));
      provenance(m, frame[Device::Head].estimated || frame[Device::Pelvis].estimated);
    }
  }
  if (legM_ > 0.0 && ok(Device::Pelvis)) {
    // Needs only the pelvis once calibrated: the feet stay on the floor in the movements that use it.
    Metric& m = out[LimbSignal::PelvisDepthPct];
    m.value = 100.0 * (pelvisY_ - frame[Device::Pelvis].pose.positionM.y) / legM_;
    provenance(m, frame[Device::Pelvis].estimated);
  }
  if (haveReach_ && ok(Device::LHand) && ok(Device::RHand) && ok(Device::Chest)) {
    const glm::dvec3 mid = 0.5 * (frame[Device::LHand].pose.positionM + frame[Device::RHand].pose.positionM);
    Metric& m = out[LimbSignal::HandsReachM];
    m.value = horizontalDistance(mid, frame[Device::Chest].pose.positionM) - reachM_;
    const bool est = frame[Device::LHand].estimated || frame[Device::RHand].estimated || frame[Device::Chest].estimated;
    m.source = est ? MetricSource::Estimated : MetricSource::Measured;
    m.confidence = est ? 0.3 : 1.0;
  }
  return out;
}

}  // namespace lumbo
