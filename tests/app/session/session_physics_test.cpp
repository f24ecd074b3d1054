// The session's physics: a banded exercise gets a simulated band whose tension the engine can
// read, growing as the hand moves away from the anchor; other exercises get none; and body
// contacts tell whether the person is in the exercise's starting position.
#include <gtest/gtest.h>

#include "app/session/session_physics.h"
#include "body/synthetic_motion.h"

namespace lumbo::app {
namespace {

Calibration standingCalibration(const Trace& trace) {
  std::vector<TrackedFrame> hold;
  for (const auto& s : trace.samples) {
    if (s.frame.timeS < 1.5) hold.push_back(s.frame);
  }
  auto cal = calibrate(hold, NeutralPosition::Standing, false, trace.layout.devices);
  EXPECT_TRUE(cal.ok()) << (cal.ok() ? "" : cal.error());
  return *cal;
}

// A person standing still, with a neutral hold to calibrate from.
Trace stillTrace() {
  SyntheticSpec spec;
  spec.movement = SyntheticMovement::Still;
  spec.repetitions = 1;
  return generateSyntheticTrace(spec);
}

Exercise exercise(const std::string& id) {
  auto e = loadExercise(defaultExerciseFolder() / (id + ".json"));
  EXPECT_TRUE(e.ok()) << id;
  return *e;
}

// The band's tension after the right hand has been held at `handM` for a second.
Metric tensionWithHandHeld(SessionPhysics& physics, TrackedFrame& frame, const glm::dvec3& handM) {
  frame[Device::RHand].pose.positionM = handM;
  for (int i = 0; i < 90; ++i) {
    frame.timeS += 1.0 / 90.0;
    physics.update(frame, 1.0 / 90.0);
  }
  return physics.bandTension();
}

TEST(SessionPhysics, BandGradeFromTheLevelsLoad) {
  EXPECT_EQ(bandGradeForLoad("light band"), physics::BandGrade::Yellow);
  EXPECT_EQ(bandGradeForLoad("medium band"), physics::BandGrade::Red);
  EXPECT_EQ(bandGradeForLoad("heavy band"), physics::BandGrade::Green);
  EXPECT_FALSE(bandGradeForLoad("2 kg in each hand").has_value());
  EXPECT_FALSE(bandGradeForLoad("none").has_value());
}

TEST(SessionPhysics, BandTensionGrowsAsTheHandMovesAway) {
  const Trace trace = stillTrace();
  const Calibration cal = standingCalibration(trace);

  SessionPhysics physics(false);
  physics.setBody(cal);
  physics.setExercise(exercise("pallof_press"), 1);
  TrackedFrame frame = trace.samples.back().frame;
  // The hand held at the chest, then pushed 40 cm away from the side anchor.
  const glm::dvec3 right = cal.neutralFrame * glm::dvec3(0, 0, 1);
  const glm::dvec3 chest = cal.neutralPositionM[index(Device::Chest)] + cal.forward() * 0.25;
  auto tensionWithHandAt = [&](const glm::dvec3& handM) { return tensionWithHandHeld(physics, frame, handM); };
  const Metric near = tensionWithHandAt(chest);
  const Metric far = tensionWithHandAt(chest - right * 0.4);
  ASSERT_TRUE(near.measured());
  ASSERT_TRUE(far.measured());
  // Yellow: 12.7 N at 100 % stretch of the 0.8 m band, 15.9 N/m: 40 cm further adds about 6 N.
  EXPECT_GT(far.value, near.value + 3.0);

  SessionPhysics noBand(false);
  noBand.setBody(cal);
  noBand.setExercise(exercise("deep_squat"), 1);
  noBand.update(frame, 1.0 / 90.0);
  EXPECT_FALSE(noBand.bandTension().available());
}

// The Pallof press's hold judges the band's tension (3-16 N): at every level's band a press to
// arm's length from the chest is within it, a hand let back towards the anchor leaves the band
// slack, and with the heavy band a step away from the anchor pulls too hard.
TEST(SessionPhysics, PallofPressTensionRangeFitsTheSimulatedBands) {
  const Trace trace = stillTrace();
  const Calibration cal = standingCalibration(trace);
  const Exercise press = exercise("pallof_press");
  const SignalIndex tension = static_cast<SignalIndex>(kMetricCount + static_cast<std::size_t>(LimbSignal::BandTensionN));
  Band range{};
  for (const Target& t : press.phases[2].targets) {
    if (t.signal == tension) range = t.band;
  }
  ASSERT_LT(range.min, range.max) << "the press's hold should judge the band's tension";
  const glm::dvec3 right = cal.neutralFrame * glm::dvec3(0, 0, 1);
  const glm::dvec3 pressed = cal.neutralPositionM[index(Device::Chest)] + cal.forward() * 0.55;
  for (int level = 1; level <= static_cast<int>(press.levels.size()); ++level) {
    SCOPED_TRACE(press.levels[static_cast<std::size_t>(level - 1)].load);
    SessionPhysics physics(true);
    physics.setBody(cal);
    physics.setExercise(press, level);
    TrackedFrame frame = trace.samples.back().frame;
    auto tensionWithHandAt = [&](const glm::dvec3& handM) { return tensionWithHandHeld(physics, frame, handM); };
    const Metric held = tensionWithHandAt(pressed);
    ASSERT_TRUE(held.measured());
    EXPECT_GE(held.value, range.min);
    EXPECT_LE(held.value, range.max);
    const Metric slack = tensionWithHandAt(pressed + right * 0.6);
    ASSERT_TRUE(slack.measured());
    EXPECT_LT(slack.value, range.min);
    if (level == static_cast<int>(press.levels.size())) {
      const Metric hard = tensionWithHandAt(pressed - right * 0.6);
      ASSERT_TRUE(hard.measured());
      EXPECT_GT(hard.value, range.max);
    }
  }
}

TEST(SessionPhysics, ContactsTellTheStartingPosition) {
  const Trace trace = stillTrace();
  const Calibration cal = standingCalibration(trace);
  SessionPhysics physics(false);
  physics.setBody(cal);
  physics.update(trace.samples.back().frame, 1.0 / 90.0);
  const auto standing = physics.startCheck(StartingPosition::Standing);
  ASSERT_TRUE(standing.has_value());
  EXPECT_TRUE(standing->ok);
  const auto supine = physics.startCheck(StartingPosition::Supine);
  ASSERT_TRUE(supine.has_value());
  EXPECT_FALSE(supine->ok);  // standing up is not lying on the back
  EXPECT_FALSE(supine->unmet.empty());
  EXPECT_FALSE(physics.startCheck(StartingPosition::Sitting).has_value());
}

}  // namespace
}  // namespace lumbo::app
