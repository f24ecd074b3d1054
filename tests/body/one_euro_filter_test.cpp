// The display filter: it removes jitter at rest, follows movement with little lag, and never
// carries a value across a tracking gap.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "body/one_euro_filter.h"

namespace lumbo {
namespace {

TEST(OneEuroFilter, ReducesJitterAtRest) {
  OneEuroFilter f;
  std::mt19937 rng(3);
  std::normal_distribution<double> noise(0.0, 0.5);
  double rawVar = 0, outVar = 0;
  for (int i = 0; i < 900; ++i) {
    const double raw = 10.0 + noise(rng);
    const double out = f.filter(raw, i / 90.0);
    if (i > 90) {
      rawVar += (raw - 10.0) * (raw - 10.0);
      outVar += (out - 10.0) * (out - 10.0);
    }
  }
  EXPECT_LT(outVar, rawVar / 4.0);  // at least halves the jitter's amplitude
}

TEST(OneEuroFilter, FollowsARampWithSmallLag) {
  // A 60 deg/s bend (a brisk hip hinge), sampled at 90 Hz.
  OneEuroFilter f;
  double lagS = 0.0;
  for (int i = 0; i < 180; ++i) {
    const double t = i / 90.0;
    const double out = f.filter(60.0 * t, t);
    if (i == 179) lagS = (60.0 * t - out) / 60.0;
  }
  EXPECT_GT(lagS, 0.0);
  EXPECT_LT(lagS, 0.05);  // under 50 ms behind
}

TEST(PostureFilter, RestartsAfterAGap) {
  PostureFilter filter;
  Posture p;
  p[MetricId::LumbarFlexionDeg] = Metric{0.0, 1.0, MetricSource::Measured};
  for (int i = 0; i < 50; ++i) {
    p.timeS = i / 90.0;
    filter.filter(p);
  }
  p.timeS += 1.0 / 90.0;
  p[MetricId::LumbarFlexionDeg] = Metric{};  // tracking lost
  EXPECT_FALSE(filter.filter(p)[MetricId::LumbarFlexionDeg].available());
  p.timeS += 1.0;
  p[MetricId::LumbarFlexionDeg] = Metric{40.0, 1.0, MetricSource::Measured};
  // Back after the gap: the value is the new one, not a glide from the old.
  EXPECT_DOUBLE_EQ(filter.filter(p)[MetricId::LumbarFlexionDeg].value, 40.0);
}

}  // namespace
}  // namespace lumbo
