// The posture solver's honesty: reduced setups give estimates never marked measured, lost
// trackers drop confidence to zero until they recover, and gravity-free mode measures relative to
// the calibrated neutral.
#include <gtest/gtest.h>

#include <cmath>

#include "body/posture_analysis.h"
#include "body/synthetic_motion.h"
#include "body/trace.h"
#include "tests/test_support.h"

namespace lumbo {
namespace {

TraceAnalysis analyze(const Trace& trace, AnalysisOptions options = {}) {
  auto a = analyzeTrace(trace, options);
  EXPECT_TRUE(a.ok()) << (a.ok() ? "" : a.error());
  return a.ok() ? std::move(*a) : TraceAnalysis{};
}

std::size_t sampleAt(const Trace& trace, double tS) {
  for (std::size_t i = 0; i < trace.samples.size(); ++i) {
    if (trace.samples[i].frame.timeS >= tS) return i;
  }
  return trace.samples.size() - 1;
}

TEST(PostureSolver, FullSetMeasuresEverything) {
  SyntheticSpec spec;
  spec.movement = SyntheticMovement::HipHinge;
  const Trace trace = generateSyntheticTrace(spec);
  const TraceAnalysis a = analyze(trace);
  const Posture& p = a.postures[sampleAt(trace, 4.0)];  // the bottom of the first hinge
  for (MetricId id : {MetricId::LumbarFlexionDeg, MetricId::LumbarLateralDeg, MetricId::LumbarRotationDeg,
                      MetricId::PelvicTiltDeg, MetricId::TrunkInclinationDeg, MetricId::PelvisHeightM,
                      MetricId::HeadHeightM, MetricId::LumbarSharePct}) {
    EXPECT_TRUE(p[id].measured()) << metricName(id);
    EXPECT_DOUBLE_EQ(p[id].confidence, 1.0) << metricName(id);
  }
  // A good hinge: 45 deg of pelvis, 3 of lumbar spine; the lumbar share is 3/48.
  EXPECT_NEAR(p[MetricId::LumbarSharePct].value, 100.0 * 3.0 / 48.0, 3.0);
}

TEST(PostureSolver, HeadAndPelvisEstimateTheLumbarSpineAndSaySo) {
  SyntheticSpec spec;
  spec.movement = SyntheticMovement::HipHingeLumbarFlexion;
  const Trace trace = generateSyntheticTrace(spec);
  AnalysisOptions options;
  options.devices = DeviceSet().set(index(Device::Head)).set(index(Device::Pelvis));
  const TraceAnalysis a = analyze(trace, options);
  const std::size_t bottom = sampleAt(trace, 4.0);
  const Posture& p = a.postures[bottom];
  EXPECT_EQ(p[MetricId::LumbarFlexionDeg].source, MetricSource::Estimated);
  EXPECT_LT(p[MetricId::LumbarFlexionDeg].confidence, 0.5);
  EXPECT_EQ(p[MetricId::TrunkInclinationDeg].source, MetricSource::Estimated);
  EXPECT_TRUE(p[MetricId::PelvicTiltDeg].measured());  // the pelvis tracker is still there
  // The estimate still points the right way: most of this fault's 45 deg of bending is lumbar.
  EXPECT_GT(p[MetricId::LumbarFlexionDeg].value, 15.0);
  for (const Posture& q : a.postures) {
    EXPECT_FALSE(q[MetricId::LumbarFlexionDeg].measured());
    EXPECT_FALSE(q[MetricId::LumbarSharePct].measured());
  }
}

TEST(PostureSolver, HeadOnlyHasNoLumbarAngles) {
  SyntheticSpec spec;
  spec.movement = SyntheticMovement::HipHinge;
  const Trace trace = generateSyntheticTrace(spec);
  AnalysisOptions options;
  options.devices = DeviceSet().set(index(Device::Head));
  const TraceAnalysis a = analyze(trace, options);
  const Posture& p = a.postures[sampleAt(trace, 4.0)];
  EXPECT_FALSE(p[MetricId::LumbarFlexionDeg].available());
  EXPECT_FALSE(p[MetricId::PelvicTiltDeg].available());
  EXPECT_EQ(p[MetricId::TrunkInclinationDeg].source, MetricSource::Estimated);
  EXPECT_GT(p[MetricId::TrunkInclinationDeg].value, 20.0);  // clearly bending forward
  EXPECT_TRUE(p[MetricId::HeadHeightM].measured());
}

struct DropoutCase {
  const char* name;
  DropoutKind kind;
};

class PostureSolverDropout : public ::testing::TestWithParam<DropoutCase> {};

TEST_P(PostureSolverDropout, LostChestZeroesWhatDependsOnItUntilItRecovers) {
  SyntheticSpec spec;
  spec.movement = SyntheticMovement::LateralBend;
  spec.dropouts = {{Device::Chest, GetParam().kind, 4.0, 5.0}};
  const Trace trace = generateSyntheticTrace(spec);
  const TraceAnalysis a = analyze(trace);
  // Frozen poses are only recognised after they have been identical for a while.
  const double lostFromS = GetParam().kind == DropoutKind::Frozen ? 4.35 : 4.0;
  for (std::size_t i = 0; i < trace.samples.size(); ++i) {
    const double t = trace.samples[i].frame.timeS;
    const Posture& p = a.postures[i];
    if (t >= lostFromS && t < 5.0) {
      EXPECT_FALSE(p[MetricId::LumbarLateralDeg].measured()) << t;
      EXPECT_FALSE(p[MetricId::TrunkInclinationDeg].measured()) << t;
      // What does not depend on the chest carries on.
      EXPECT_TRUE(p[MetricId::PelvicObliquityDeg].measured()) << t;
    }
    if (t >= 5.5) {
      EXPECT_TRUE(p[MetricId::LumbarLateralDeg].measured()) << t;  // recovered
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Kinds, PostureSolverDropout,
                         ::testing::Values(DropoutCase{"invalid", DropoutKind::Invalid},
                                           DropoutCase{"frozen", DropoutKind::Frozen},
                                           DropoutCase{"jump", DropoutKind::Jump}),
                         [](const ::testing::TestParamInfo<DropoutCase>& p) { return std::string(p.param.name); });

// On a station's floor (foot restraints hold the person upright in the station's frame) the
// gravity-free mode measures pelvic tilt and trunk inclination relative to the calibrated neutral
// in that frame, and every metric is the one normal mode gives on the same trace, bit for bit:
// on a synthetic trace and on a real motion-capture recording.
void expectSameAsWithGravity(const Trace& trace) {
  AnalysisOptions free;
  free.gravityFree = true;
  const TraceAnalysis g = analyze(trace), f = analyze(trace, free);
  ASSERT_EQ(g.postures.size(), f.postures.size());
  int tiltMeasured = 0;
  for (std::size_t i = 0; i < g.postures.size(); ++i) {
    for (std::size_t m = 0; m < kMetricCount; ++m) {
      const Metric& a = g.postures[i].metrics[m];
      const Metric& b = f.postures[i].metrics[m];
      ASSERT_EQ(a.source, b.source) << metricName(static_cast<MetricId>(m)) << " at " << g.postures[i].timeS;
      ASSERT_EQ(a.value, b.value) << metricName(static_cast<MetricId>(m)) << " at " << g.postures[i].timeS;
    }
    tiltMeasured += f.postures[i][MetricId::PelvicTiltDeg].measured() && f.postures[i][MetricId::TrunkInclinationDeg].measured();
  }
  EXPECT_GT(tiltMeasured, static_cast<int>(g.postures.size()) / 2);
}

TEST(PostureSolver, GravityFreeOnTheStationFloorMeasuresAsWithGravity) {
  SyntheticSpec spec;
  spec.movement = SyntheticMovement::TrunkRotation;
  expectSameAsWithGravity(generateSyntheticTrace(spec));
  auto real = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
  ASSERT_TRUE(real) << real.error();
  expectSameAsWithGravity(*real);
}

TEST(PostureSolver, GravityFreeNeedsNoUpright) {
  // Floating tilted 70 deg from the stage's vertical: without gravity that is just neutral.
  SyntheticSpec spec;
  spec.movement = SyntheticMovement::LateralBend;
  Trace trace = generateSyntheticTrace(spec);
  const glm::dquat tilt = glm::angleAxis(1.2, glm::normalize(glm::dvec3(1, 0, 0.4)));
  for (auto& s : trace.samples) {
    for (auto& d : s.frame.devices) {
      d.pose.positionM = tilt * d.pose.positionM;
      d.pose.orientation = glm::normalize(tilt * d.pose.orientation);
    }
  }
  AnalysisOptions options;
  options.gravityFree = true;
  const TraceAnalysis a = analyze(trace, options);
  const int gi = trace.layout.groundTruthIndex("gt_lumbar_lateral_deg");
  for (std::size_t i = 0; i < trace.samples.size(); i += 50) {
    EXPECT_NEAR(a.postures[i][MetricId::LumbarLateralDeg].value,
                trace.samples[i].groundTruth[static_cast<std::size_t>(gi)], 2.5);
  }
}

}  // namespace
}  // namespace lumbo
