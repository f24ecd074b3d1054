// The quality controller against a simulated device whose frame time is proportional to a level's
// cost: it steps down quickly when frames overrun, settles without oscillating, and steps back
// up when the load goes away; fixed modes never move.
#include <gtest/gtest.h>

#include <cmath>

#include "render/adaptive_quality.h"

namespace lumbo::render {
namespace {

constexpr double kPeriodS = 1.0 / 90.0;

// A device that takes `secondsPerCost` for each unit of a level's cost, plus a fixed overhead.
struct SimulatedDevice {
  double secondsPerCost;
  double fixedS = 0.0005;
  double frameS(const QualityLevel& l) const { return fixedS + secondsPerCost * l.cost(); }
};

// Runs `frames` frames; the device's time of a frame reaches the controller two frames later,
// as the renderer reads timestamps back when a frame slot returns. Returns the changes made.
int run(QualityController& c, const SimulatedDevice& device, int frames) {
  std::vector<QualityLevel> inFlight;
  int changes = 0;
  for (int i = 0; i < frames; ++i) {
    inFlight.push_back(c.level());
    if (inFlight.size() > 2) {
      const QualityLevel drawn = inFlight.front();
      inFlight.erase(inFlight.begin());
      const double t = device.frameS(drawn);
      // Frames that take longer than the period miss display periods.
      const auto missed = static_cast<std::uint32_t>(std::floor(t / kPeriodS));
      if (c.addFrame(drawn, t, kPeriodS, drawn == c.level() ? missed : 0)) ++changes;
    }
  }
  return changes;
}

TEST(QualityLadder, StartsAtTheFullSizeAndEndsAtTheSmallest) {
  const auto ladder = qualityLadder(1024, 1024, 4, 128);
  ASSERT_GE(ladder.size(), 4u);
  EXPECT_EQ(ladder.front(), (QualityLevel{1024, 1024, 4}));
  EXPECT_EQ(ladder[1], (QualityLevel{1024, 1024, 2}));
  EXPECT_EQ(ladder[2], (QualityLevel{1024, 1024, 1}));
  for (std::size_t i = 1; i < ladder.size(); ++i) EXPECT_LT(ladder[i].cost(), ladder[i - 1].cost()) << i;
  EXPECT_GE(ladder.back().widthPx, 126u);
  EXPECT_LE(ladder.back().widthPx, 130u);
}

TEST(QualityLadder, ASizeAtTheMinimumOnlyDropsSamples) {
  const auto ladder = qualityLadder(96, 96, 4, 96);
  ASSERT_EQ(ladder.size(), 3u);
  EXPECT_EQ(ladder.back(), (QualityLevel{96, 96, 1}));
}

TEST(QualityController, StepsDownUntilFramesFitAndStaysThere) {
  QualityController c(qualityLadder(2048, 2048, 4), QualityMode::Auto);
  // The full level takes about 12 periods; the level that fits is far down the ladder.
  const SimulatedDevice device{12.0 * kPeriodS / QualityLevel{2048, 2048, 4}.cost()};
  run(c, device, 90 * 3);  // three seconds
  const double settledS = device.frameS(c.level());
  EXPECT_LE(settledS, 0.85 * kPeriodS) << describe(c.level());
  EXPECT_GT(c.levelIndex(), 0u);
  // From then on it may try the level above now and then, but spends most frames where it fits
  // and changes rarely: the up window and its back-off keep it from oscillating.
  const std::size_t settled = c.levelIndex();
  int framesAtOrBelow = 0;
  int changes = 0;
  for (int s = 0; s < 30; ++s) {
    changes += run(c, device, 90);
    if (c.levelIndex() >= settled) framesAtOrBelow += 90;
  }
  EXPECT_GE(framesAtOrBelow, 27 * 90);
  EXPECT_LE(changes, 12);
}

TEST(QualityController, ReturnsToTheFullSizeWhenTheLoadGoesAway) {
  QualityController c(qualityLadder(1024, 1024, 4), QualityMode::Auto);
  run(c, SimulatedDevice{4.0 * kPeriodS / QualityLevel{1024, 1024, 4}.cost()}, 90 * 3);
  ASSERT_GT(c.levelIndex(), 2u) << describe(c.level());
  // The device is now 20 times faster: the full level takes a fifth of the period.
  run(c, SimulatedDevice{0.2 * kPeriodS / QualityLevel{1024, 1024, 4}.cost()}, 90 * 30);
  EXPECT_EQ(c.levelIndex(), 0u) << describe(c.level());
}

TEST(QualityController, ClimbsBackWhenFixedCostsDominateTheFrame) {
  QualityController c(qualityLadder(1024, 1024, 4), QualityMode::Auto);
  run(c, SimulatedDevice{4.0 * kPeriodS / QualityLevel{1024, 1024, 4}.cost()}, 90 * 3);
  ASSERT_GT(c.levelIndex(), 2u) << describe(c.level());
  // Now most of every frame is a fixed cost (0.55 periods, as draw setup and the panels are on
  // the CPU driver at small sizes) and even the full level adds only 0.1: scaling the whole
  // frame time by the pixels predicts an overrun one level up, yet every level holds.
  run(c, SimulatedDevice{0.1 * kPeriodS / QualityLevel{1024, 1024, 4}.cost(), 0.55 * kPeriodS}, 90 * 60);
  EXPECT_EQ(c.levelIndex(), 0u) << describe(c.level());
}

TEST(QualityController, IsolatedSlowFramesNeitherStepDownNorStopTheClimb) {
  QualityController c(qualityLadder(1024, 1024, 4), QualityMode::Auto);
  run(c, SimulatedDevice{4.0 * kPeriodS / QualityLevel{1024, 1024, 4}.cost()}, 90 * 3);
  ASSERT_GT(c.levelIndex(), 2u);
  // Fast now, but one frame in 30 takes three periods (the cores taken by other work a moment).
  const double perCost = 0.2 * kPeriodS / QualityLevel{1024, 1024, 4}.cost();
  for (int i = 0; i < 90 * 30; ++i) {
    const double t = i % 30 == 0 ? 3.0 * kPeriodS : 0.0005 + perCost * c.level().cost();
    c.addFrame(c.level(), t, kPeriodS, 0);
  }
  EXPECT_EQ(c.levelIndex(), 0u) << describe(c.level());
}

TEST(QualityController, NeverStepsUpIntoALevelThatWouldOverrun) {
  QualityController c(qualityLadder(1024, 1024, 4), QualityMode::Auto);
  // Level 0 takes 0.7 periods: under the step-down share, over the step-up share, so a
  // controller starting lower never climbs to it; starting there it stays.
  const SimulatedDevice device{0.7 * kPeriodS / QualityLevel{1024, 1024, 4}.cost(), 0.0};
  EXPECT_EQ(run(c, device, 90 * 10), 0);
  EXPECT_EQ(c.levelIndex(), 0u);
}

TEST(QualityController, IgnoresFramesDrawnBeforeAChange) {
  QualityController c(qualityLadder(1024, 1024, 4), QualityMode::Auto);
  const QualityLevel stale{512, 512, 1};
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(c.addFrame(stale, 10 * kPeriodS, kPeriodS, 9));
  EXPECT_EQ(c.levelIndex(), 0u);
}

TEST(QualityController, LateFramesWithALargeDeviceShareStepDown) {
  QualityController c(qualityLadder(1024, 1024, 4), QualityMode::Auto);
  // Device time at 0.6 periods never trips the time rule, but frames keep arriving late.
  for (int i = 0; i < 10 && c.levelIndex() == 0; ++i) {
    c.addLate();
    c.addFrame(c.level(), 0.6 * kPeriodS, kPeriodS, 0);
  }
  EXPECT_EQ(c.levelIndex(), 1u);
}

TEST(QualityController, LateFramesWithASmallDeviceShareAreNotItsFault) {
  QualityController c(qualityLadder(1024, 1024, 4), QualityMode::Auto);
  for (int i = 0; i < 200; ++i) {
    c.addLate();
    c.addFrame(c.level(), 0.1 * kPeriodS, kPeriodS, 0);
  }
  EXPECT_EQ(c.levelIndex(), 0u);
}

TEST(QualityController, FixedModesNeverMove) {
  const SimulatedDevice slow{20.0 * kPeriodS / QualityLevel{1024, 1024, 4}.cost()};
  QualityController high(qualityLadder(1024, 1024, 4), QualityMode::High);
  EXPECT_EQ(run(high, slow, 300), 0);
  EXPECT_EQ(high.level(), (QualityLevel{1024, 1024, 4}));
  QualityController low(qualityLadder(1024, 1024, 4), QualityMode::Low);
  EXPECT_EQ(low.level().samples, 1u);
  EXPECT_LE(low.level().widthPx, 512u);
  EXPECT_GE(low.level().widthPx, 400u);
  EXPECT_EQ(run(low, slow, 300), 0);
}

TEST(QualityMode, NamesRoundTrip) {
  for (QualityMode m : {QualityMode::Auto, QualityMode::High, QualityMode::Low}) {
    EXPECT_EQ(qualityModeFromName(qualityModeName(m)), m);
  }
  EXPECT_FALSE(qualityModeFromName("ultra"));
}

}  // namespace
}  // namespace lumbo::render
