// Posture metrics against synthetic motion with known ground truth: every metric, in every
// neutral position, at arbitrary tracker mounts and facing directions.
#include <gtest/gtest.h>

#include <cmath>

#include "body/posture_analysis.h"
#include "body/synthetic_motion.h"

namespace lumbo {
namespace {

struct Truth {
  MetricId metric;
  const char* column;
};
constexpr Truth kTruths[] = {
    {MetricId::LumbarFlexionDeg, "gt_lumbar_flexion_deg"},   {MetricId::LumbarLateralDeg, "gt_lumbar_lateral_deg"},
    {MetricId::LumbarRotationDeg, "gt_lumbar_rotation_deg"}, {MetricId::TrunkInclinationDeg, "gt_trunk_inclination_deg"},
    {MetricId::PelvicTiltDeg, "gt_pelvic_tilt_deg"},         {MetricId::PelvicObliquityDeg, "gt_pelvic_obliquity_deg"},
    {MetricId::PelvicRotationDeg, "gt_pelvic_rotation_deg"}, {MetricId::PelvisHeightM, "gt_pelvis_height_m"}};

// Largest absolute error and the ground truth's range, over samples where the metric is measured.
struct Comparison {
  double maxError = 0.0;
  double rmse = 0.0;
  double truthRange = 0.0;
  std::size_t measured = 0;
};

Comparison compare(const Trace& trace, const TraceAnalysis& a, const Truth& t) {
  Comparison c;
  const int gi = trace.layout.groundTruthIndex(t.column);
  double lo = 1e9, hi = -1e9;
  for (std::size_t i = 0; i < trace.samples.size(); ++i) {
    const Metric& m = a.postures[i][t.metric];
    const double g = trace.samples[i].groundTruth[static_cast<std::size_t>(gi)];
    lo = std::min(lo, g);
    hi = std::max(hi, g);
    if (!m.measured()) continue;
    ++c.measured;
    c.maxError = std::max(c.maxError, std::abs(m.value - g));
    c.rmse += (m.value - g) * (m.value - g);
  }
  c.rmse = c.measured ? std::sqrt(c.rmse / static_cast<double>(c.measured)) : 0.0;
  c.truthRange = hi - lo;
  return c;
}

class SyntheticMovementAccuracy : public ::testing::TestWithParam<SyntheticMovement> {};

TEST_P(SyntheticMovementAccuracy, EveryMetricFollowsTheTruth) {
  for (double headingDeg : {0.0, 63.0, -140.0}) {
    SyntheticSpec spec;
    spec.movement = GetParam();
    spec.repetitions = 2;
    spec.repetitionS = 3.0;
    spec.headingDeg = headingDeg;
    spec.seed = static_cast<std::uint32_t>(7 + headingDeg);
    const Trace trace = generateSyntheticTrace(spec);
    AnalysisOptions options;
    options.position = syntheticMovementPosition(GetParam());
    const auto a = analyzeTrace(trace, options);
    ASSERT_TRUE(a.ok()) << a.error();
    for (const Truth& t : kTruths) {
      const Comparison c = compare(trace, *a, t);
      ASSERT_GT(c.measured, trace.samples.size() * 9 / 10) << metricName(t.metric);
      // Sensor noise is 0.3 deg and 1 mm per sample and tracker mounts are up to 15 deg off: a
      // correct solver is within the noise on average and never far outside it. A wrong axis or
      // sign would err by a good part of the truth's range (tens of degrees).
      const bool metres = t.metric == MetricId::PelvisHeightM;
      EXPECT_LT(c.rmse, metres ? 0.004 : 0.6) << metricName(t.metric) << " heading " << headingDeg
                                              << " (truth range " << c.truthRange << ")";
      EXPECT_LT(c.maxError, metres ? 0.012 : 2.5) << metricName(t.metric) << " heading " << headingDeg;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    AllMovements, SyntheticMovementAccuracy,
    ::testing::Values(SyntheticMovement::PelvicTilt, SyntheticMovement::HipHinge,
                      SyntheticMovement::HipHingeLumbarFlexion, SyntheticMovement::Squat,
                      SyntheticMovement::SquatLumbarFlexion, SyntheticMovement::LateralBend,
                      SyntheticMovement::TrunkRotation, SyntheticMovement::SingleLegStancePelvicDrop,
                      SyntheticMovement::Bridge, SyntheticMovement::BridgeHyperextension,
                      SyntheticMovement::BirdDog, SyntheticMovement::BirdDogRotation),
    [](const ::testing::TestParamInfo<SyntheticMovement>& p) {
      return std::string(syntheticMovementName(p.param));
    });

TEST(SyntheticMotion, TheMovementsReallyMove) {
  // Guards the accuracy test above against a generator that produces no motion at all.
  SyntheticSpec spec;
  spec.movement = SyntheticMovement::HipHingeLumbarFlexion;
  spec.repetitions = 1;
  const Trace trace = generateSyntheticTrace(spec);
  const int flex = trace.layout.groundTruthIndex("gt_lumbar_flexion_deg");
  double peak = 0.0;
  for (const auto& s : trace.samples) peak = std::max(peak, s.groundTruth[static_cast<std::size_t>(flex)]);
  EXPECT_NEAR(peak, 30.0, 0.5);
}

}  // namespace
}  // namespace lumbo
