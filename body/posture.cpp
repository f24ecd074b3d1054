// Metric names.
#include "body/posture.h"

namespace lumbo {

namespace {
constexpr std::array<std::string_view, kMetricCount> kMetricNames = {
    "lumbar_flexion_deg",    "lumbar_lateral_deg",  "lumbar_rotation_deg",  "pelvic_tilt_deg",
    "pelvic_obliquity_deg",  "pelvic_rotation_deg", "trunk_inclination_deg", "lumbar_share_pct",
    "pelvis_height_m",       "head_height_m"};
}  // namespace

std::string_view metricName(MetricId id) { return kMetricNames[static_cast<std::size_t>(id)]; }

std::optional<MetricId> metricFromName(std::string_view name) {
  for (std::size_t i = 0; i < kMetricCount; ++i) {
    if (kMetricNames[i] == name) return static_cast<MetricId>(i);
  }
  return std::nullopt;
}

std::string_view trackingFaultWords(TrackingFault f) {
  switch (f) {
    case TrackingFault::None: return "tracked";
    case TrackingFault::Lost: return "tracking lost";
    case TrackingFault::Frozen: return "a tracker frozen";
    case TrackingFault::Jumped: return "a tracker jumped";
    case TrackingFault::BodyFrozen: return "every tracker frozen";
    case TrackingFault::BodyJumped: return "every tracker jumped together";
  }
  return "";
}

}  // namespace lumbo
