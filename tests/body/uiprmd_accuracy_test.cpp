// Accuracy on real optical motion capture: the change of each metric from the neutral hold
// against the capture system's own angles (UI-PRMD, Plug-in-Gait).
#include <gtest/gtest.h>

#include <cmath>

#include "body/posture_analysis.h"
#include "body/trace.h"
#include "tests/test_support.h"

namespace lumbo {
namespace {

double changeRmse(const Trace& trace, const TraceAnalysis& a, MetricId metric, const char* column) {
  const auto gi = static_cast<std::size_t>(trace.layout.groundTruthIndex(column));
  double m0 = 0, g0 = 0;
  int n0 = 0;
  for (std::size_t i = 0; i < trace.samples.size(); ++i) {
    const double g = trace.samples[i].groundTruth[gi];
    if (a.neutral.contains(trace.samples[i].frame.timeS) && !std::isnan(g) && a.postures[i][metric].measured()) {
      m0 += a.postures[i][metric].value;
      g0 += g;
      ++n0;
    }
  }
  m0 /= n0;
  g0 /= n0;
  double se = 0;
  int n = 0;
  for (std::size_t i = 0; i < trace.samples.size(); ++i) {
    const double g = trace.samples[i].groundTruth[gi];
    if (std::isnan(g) || !a.postures[i][metric].measured()) continue;
    const double e = (a.postures[i][metric].value - m0) - (g - g0);
    se += e * e;
    ++n;
  }
  return std::sqrt(se / n);
}

class UiPrmdAccuracy : public ::testing::TestWithParam<const char*> {};

TEST_P(UiPrmdAccuracy, WithinClinicalWearableAccuracy) {
  const auto trace = readTrace(test::testData(GetParam()));
  ASSERT_TRUE(trace.ok()) << trace.error();
  const auto a = analyzeTrace(*trace, {});
  ASSERT_TRUE(a.ok()) << a.error();
  // Wearable systems used clinically reach 0.7-1.8 deg against optical capture.
  EXPECT_LT(changeRmse(*trace, *a, MetricId::LumbarFlexionDeg, "gt_lumbar_flexion_deg"), 1.0);
  EXPECT_LT(changeRmse(*trace, *a, MetricId::TrunkInclinationDeg, "gt_trunk_inclination_deg"), 1.0);
  EXPECT_LT(changeRmse(*trace, *a, MetricId::PelvicTiltDeg, "gt_pelvic_tilt_deg"), 1.0);
  EXPECT_LT(changeRmse(*trace, *a, MetricId::LumbarLateralDeg, "gt_lumbar_lateral_deg"), 2.0);
  EXPECT_LT(changeRmse(*trace, *a, MetricId::LumbarRotationDeg, "gt_lumbar_rotation_deg"), 2.5);
}

INSTANTIATE_TEST_SUITE_P(Recordings, UiPrmdAccuracy,
                         ::testing::Values("m01_s01_deep_squat_correct.csv", "m01_s01_deep_squat_incorrect.csv",
                                           "m05_s02_sit_to_stand_correct.csv"));

}  // namespace
}  // namespace lumbo
