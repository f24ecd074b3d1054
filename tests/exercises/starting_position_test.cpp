// Starting positions told from real and synthetic frames: standing and sitting from motion capture
// of people, lying and four-point kneeling from the synthetic model.
#include <gtest/gtest.h>

#include <algorithm>

#include "body/synthetic_motion.h"
#include "body/trace.h"
#include "exercises/starting_position.h"
#include "tests/test_support.h"

namespace lumbo {
namespace {

TEST(StartingPosition, RealStandingHoldReadsAsStanding) {
  const auto trace = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
  ASSERT_TRUE(trace.ok()) << trace.error();
  for (const TraceSample& s : trace->samples) {
    if (s.frame.timeS > 2.0) break;  // the still hold before the squats
    EXPECT_EQ(observePosition(s.frame), ObservedPosition::Standing) << s.frame.timeS;
  }
}

TEST(StartingPosition, TheBottomOfARealSitToStandReadsAsSitting) {
  const auto trace = readTrace(test::testData("m05_s02_sit_to_stand_correct.csv"));
  ASSERT_TRUE(trace.ok()) << trace.error();
  // The lowest pelvis of the recording is a person on the chair.
  const auto lowest = std::min_element(trace->samples.begin(), trace->samples.end(), [](const auto& a, const auto& b) {
    if (!a.frame.valid(Device::Pelvis)) return false;
    if (!b.frame.valid(Device::Pelvis)) return true;
    return a.frame[Device::Pelvis].pose.positionM.y < b.frame[Device::Pelvis].pose.positionM.y;
  });
  ASSERT_NE(lowest, trace->samples.end());
  EXPECT_EQ(observePosition(lowest->frame), ObservedPosition::Sitting);
  EXPECT_EQ(observePosition(trace->samples.front().frame), ObservedPosition::Standing);
}

TEST(StartingPosition, SyntheticLyingAndKneelingReadAsSuch) {
  SyntheticSpec supine;
  supine.movement = SyntheticMovement::Bridge;
  SyntheticSpec kneeling;
  kneeling.movement = SyntheticMovement::BirdDog;
  for (double headingDeg : {0.0, 90.0, 200.0}) {
    supine.headingDeg = kneeling.headingDeg = headingDeg;
    EXPECT_EQ(observePosition(generateSyntheticTrace(supine).samples.front().frame), ObservedPosition::Lying);
    EXPECT_EQ(observePosition(generateSyntheticTrace(kneeling).samples.front().frame),
              ObservedPosition::FourPointKneeling);
  }
}

TEST(StartingPosition, MatchesAndPromptsForTheNeededPosition) {
  EXPECT_TRUE(positionMatches(ObservedPosition::Lying, StartingPosition::Supine));
  EXPECT_TRUE(positionMatches(ObservedPosition::Lying, StartingPosition::SideLying));
  EXPECT_FALSE(positionMatches(ObservedPosition::Standing, StartingPosition::Supine));
  EXPECT_FALSE(positionMatches(ObservedPosition::Sitting, StartingPosition::Standing));
  EXPECT_EQ(positionMismatch(ObservedPosition::Standing, StartingPosition::Supine),
            "I see you standing. Lie on your back on the mat, knees bent.");
  EXPECT_EQ(positionMismatch(ObservedPosition::Lying, StartingPosition::FourPointKneeling),
            "I see you lying down. Kneel on the mat on your hands and knees.");
}

TEST(StartingPosition, NoHeadsetNoVerdict) {
  TrackedFrame frame;
  EXPECT_EQ(observePosition(frame), ObservedPosition::Unknown);
}

}  // namespace
}  // namespace lumbo
