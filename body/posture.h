// Posture: the lumbo-pelvic metrics of one instant, each with its confidence and provenance.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "body/device.h"

namespace lumbo {

// Where a value came from. Exercises score only Measured values; Estimated ones may be shown,
// marked as estimates, and Unavailable ones are not shown at all.
enum class MetricSource : std::uint8_t { Unavailable, Estimated, Measured };

// Every metric is relative to the calibrated neutral posture (0 = as in the neutral hold).
// Sign conventions (the person's own frame: anterior, superior, right):
//   LumbarFlexionDeg     thorax relative to pelvis, forward bending +
//   LumbarLateralDeg     thorax relative to pelvis, bending to the right +
//   LumbarRotationDeg    thorax relative to pelvis, axial rotation to the right +
//   PelvicTiltDeg        pelvis in the sagittal plane, anterior tilt +
//   PelvicObliquityDeg   pelvis about the anteroposterior axis, right side lower +
//   PelvicRotationDeg    pelvis about the vertical, turning to the right +
//   TrunkInclinationDeg  thorax long axis from vertical in the sagittal plane, forward +
//   LumbarSharePct       share of trunk inclination that comes from lumbar flexion (0-100+;
//                        the rest is hip hinge); only meaningful while bending forward
//   PelvisHeightM        pelvis height change from neutral, up + (squat, bridge depth)
//   HeadHeightM          head height change from neutral, up +
enum class MetricId : std::uint8_t {
  LumbarFlexionDeg,
  LumbarLateralDeg,
  LumbarRotationDeg,
  PelvicTiltDeg,
  PelvicObliquityDeg,
  PelvicRotationDeg,
  TrunkInclinationDeg,
  LumbarSharePct,
  PelvisHeightM,
  HeadHeightM,
};
inline constexpr std::size_t kMetricCount = 10;

// Column-style names with units: "lumbar_flexion_deg", ... (used in CSV, JSON and exercise files).
std::string_view metricName(MetricId id);
std::optional<MetricId> metricFromName(std::string_view name);

struct Metric {
  double value = 0.0;
  double confidence = 0.0;  // 0 (no trust) to 1 (full trust)
  MetricSource source = MetricSource::Unavailable;

  bool available() const { return source != MetricSource::Unavailable; }
  bool measured() const { return source == MetricSource::Measured; }
};

// Why devices behind a metric were not trusted, ordered from the least to the most telling
// cause: a repetition that lost its metrics is told the most telling one.
enum class TrackingFault : std::uint8_t {
  None,
  Lost,        // no pose from the device
  Frozen,      // its orientation held to the bit (a held or dead-reckoned pose)
  Jumped,      // moved faster than a body can, or still displaced by such a jump
  BodyFrozen,  // every device repeated its pose together
  BodyJumped,  // every device jumped by the same step together
};
// "tracking lost", "a tracker frozen", "every tracker jumped together", ...: for sentences.
std::string_view trackingFaultWords(TrackingFault f);

struct Posture {
  double timeS = 0.0;
  std::array<Metric, kMetricCount> metrics{};
  // The devices whose positions were trusted on this frame (anything else derived from the
  // frame's positions must not use the others), and why calibrated ones were not trusted.
  DeviceSet trusted;
  TrackingFault trackingFault = TrackingFault::None;

  Metric& operator[](MetricId id) { return metrics[static_cast<std::size_t>(id)]; }
  const Metric& operator[](MetricId id) const { return metrics[static_cast<std::size_t>(id)]; }
};

}  // namespace lumbo
