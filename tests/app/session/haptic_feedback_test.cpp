// The haptics policy on a recorded movement that leaves its band, and on hand-made feedback.
#include <gtest/gtest.h>

#include "app/session/guided_session.h"
#include "app/session/haptic_feedback.h"
#include "body/trace.h"
#include "exercises/exercise.h"
#include "tests/test_support.h"

namespace lumbo::app {
namespace {

struct PulseCount {
  int pulses = 0;
  int pulsesInBand = 0;
  int outOfBandFrames = 0;
  double minGapS = 1e9;
};

PulseCount runRecording(const std::string& file, HapticSettings settings) {
  const auto trace = readTrace(test::testData(file));
  EXPECT_TRUE(trace.ok()) << (trace.ok() ? "" : trace.error());
  auto exercise = loadExercise(defaultExerciseFolder() / "deep_squat.json");
  EXPECT_TRUE(exercise.ok());
  PlannedExercise planned;
  planned.exercise = *exercise;
  GuidedSession session({planned}, nullptr, {});
  HapticFeedbackPolicy policy(settings);
  PulseCount run;
  double lastS = -1e9;
  for (const auto& s : trace->samples) {
    const SessionView& v = session.update(s.frame);
    if (v.stage != SessionStage::Exercising) continue;
    if (v.feedback.outOfBand && !v.feedback.paused) ++run.outOfBandFrames;
    if (const auto pulse = policy.update(v.feedback, v.timeS)) {
      ++run.pulses;
      if (!v.feedback.outOfBand) ++run.pulsesInBand;
      EXPECT_GE(pulse->amplitude, settings.minAmplitude);
      EXPECT_LE(pulse->amplitude, 1.0f);
      run.minGapS = std::min(run.minGapS, v.timeS - lastS);
      lastS = v.timeS;
    }
  }
  return run;
}

TEST(HapticFeedback, RecordedMovementLeavingItsBandPulsesRateLimited) {
  const PulseCount run = runRecording("m01_s01_deep_squat_incorrect.csv", {});
  ASSERT_GT(run.outOfBandFrames, 0) << "the recording should leave its band";
  EXPECT_GT(run.pulses, 0);
  EXPECT_EQ(run.pulsesInBand, 0);
  EXPECT_GE(run.minGapS, HapticSettings{}.minIntervalS - 1e-9);
  EXPECT_LT(run.pulses, run.outOfBandFrames);  // rate-limited, not one per frame
}

TEST(HapticFeedback, NothingWhenDisabled) {
  HapticSettings off;
  off.enabled = false;
  const PulseCount run = runRecording("m01_s01_deep_squat_incorrect.csv", off);
  EXPECT_GT(run.outOfBandFrames, 0);
  EXPECT_EQ(run.pulses, 0);
}

TEST(HapticFeedback, NothingInBandOrWhileTrackingIsLost) {
  HapticFeedbackPolicy policy;
  Feedback f;
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(policy.update(f, 0.01 * i).has_value());
  f.outOfBand = true;
  f.excess = 5.0;
  f.paused = true;
  EXPECT_FALSE(policy.update(f, 2.0).has_value());
  f.paused = false;
  EXPECT_TRUE(policy.update(f, 2.0).has_value());
}

TEST(HapticFeedback, StrongerTheFurtherOut) {
  HapticFeedbackPolicy policy;
  Feedback f;
  f.outOfBand = true;
  f.excess = 1.0;
  const auto slight = policy.update(f, 0.0);
  f.excess = 8.0;
  const auto far = policy.update(f, 10.0);
  ASSERT_TRUE(slight && far);
  EXPECT_LT(slight->amplitude, far->amplitude);
  EXPECT_FLOAT_EQ(policy.amplitudeFor(100.0), 1.0f);
  EXPECT_FLOAT_EQ(policy.amplitudeFor(0.0), HapticSettings{}.minAmplitude);
}

}  // namespace
}  // namespace lumbo::app
