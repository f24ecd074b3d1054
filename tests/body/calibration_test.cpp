// Calibration: what it establishes, what it refuses, and its file.
#include <gtest/gtest.h>

#include <fstream>

#include "body/angles.h"
#include "body/calibration.h"
#include "body/synthetic_motion.h"
#include "tests/test_support.h"

namespace lumbo {
namespace {

std::vector<TrackedFrame> holdFrames(const Trace& trace, double endS = 2.0) {
  std::vector<TrackedFrame> out;
  for (const auto& s : trace.samples) {
    if (s.frame.timeS < endS) out.push_back(s.frame);
  }
  return out;
}

SyntheticSpec stillSpec() {
  SyntheticSpec spec;
  spec.movement = SyntheticMovement::Still;
  spec.repetitions = 1;
  return spec;
}

TEST(Calibration, FindsFacingDirectionAndBodySize) {
  for (double headingDeg : {0.0, 90.0, -35.0}) {
    SyntheticSpec spec = stillSpec();
    spec.headingDeg = headingDeg;
    spec.statureM = 1.62;
    const Trace trace = generateSyntheticTrace(spec);
    const auto cal = calibrate(holdFrames(trace), NeutralPosition::Standing, false, trace.layout.devices);
    ASSERT_TRUE(cal.ok()) << cal.error();
    // Heading 0 faces -z; +90 faces +x (the generator's convention, same as the stage's).
    const glm::dvec3 expected(std::sin(radians(headingDeg)), 0, -std::cos(radians(headingDeg)));
    EXPECT_GT(glm::dot(cal->forward(), expected), std::cos(radians(1.0))) << headingDeg;
    EXPECT_NEAR(cal->superior().y, 1.0, 1e-9);
    EXPECT_NEAR(cal->statureM, 1.62, 0.08);
    EXPECT_GT(cal->pelvisToChestM, 0.2);
    EXPECT_EQ(cal->devices, trace.layout.devices);
  }
}

TEST(Calibration, LyingAndKneelingFaceUpAndDown) {
  SyntheticSpec spec = stillSpec();
  spec.profile = [](double) { return SyntheticPose{}; };
  spec.position = NeutralPosition::Supine;
  auto trace = generateSyntheticTrace(spec);
  auto cal = calibrate(holdFrames(trace), NeutralPosition::Supine, false, trace.layout.devices);
  ASSERT_TRUE(cal.ok()) << cal.error();
  EXPECT_NEAR(cal->forward().y, 1.0, 1e-9);  // anterior points at the ceiling
  spec.position = NeutralPosition::FourPointKneeling;
  trace = generateSyntheticTrace(spec);
  cal = calibrate(holdFrames(trace), NeutralPosition::FourPointKneeling, false, trace.layout.devices);
  ASSERT_TRUE(cal.ok()) << cal.error();
  EXPECT_NEAR(cal->forward().y, -1.0, 1e-9);
}

TEST(Calibration, RefusesMovementDuringTheHold) {
  SyntheticSpec spec = stillSpec();
  spec.neutralHoldS = 0.5;  // the movement starts inside the 2 s we will claim as neutral
  spec.movement = SyntheticMovement::HipHinge;
  const Trace trace = generateSyntheticTrace(spec);
  const auto cal = calibrate(holdFrames(trace, 2.0), NeutralPosition::Standing, false, trace.layout.devices);
  ASSERT_FALSE(cal.ok());
  EXPECT_NE(cal.error().find("during the neutral hold"), std::string::npos) << cal.error();
  EXPECT_NE(cal.error().find("hold still"), std::string::npos);
}

TEST(Calibration, RefusesAMissingTracker) {
  SyntheticSpec spec = stillSpec();
  spec.dropouts = {{Device::Chest, DropoutKind::Invalid, 0.0, 1.5}};
  const Trace trace = generateSyntheticTrace(spec);
  const auto cal = calibrate(holdFrames(trace), NeutralPosition::Standing, false, trace.layout.devices);
  ASSERT_FALSE(cal.ok());
  EXPECT_NE(cal.error().find("chest"), std::string::npos) << cal.error();
}

TEST(Calibration, RefusesWithoutTheHeadset) {
  SyntheticSpec spec = stillSpec();
  const Trace trace = generateSyntheticTrace(spec);
  DeviceSet noHead = trace.layout.devices;
  noHead.reset(index(Device::Head));
  const auto cal = calibrate(holdFrames(trace), NeutralPosition::Standing, false, noHead);
  ASSERT_FALSE(cal.ok());
  EXPECT_NE(cal.error().find("headset"), std::string::npos) << cal.error();
}

TEST(Calibration, RefusesATooShortHold) {
  const Trace trace = generateSyntheticTrace(stillSpec());
  const auto cal = calibrate(holdFrames(trace, 0.2), NeutralPosition::Standing, false, trace.layout.devices);
  ASSERT_FALSE(cal.ok());
  EXPECT_NE(cal.error().find("too short"), std::string::npos);
}

TEST(Calibration, SavedAndLoadedUnchanged) {
  test::TempDir dir;
  const Trace trace = generateSyntheticTrace(stillSpec());
  const auto cal = calibrate(holdFrames(trace), NeutralPosition::Standing, false, trace.layout.devices);
  ASSERT_TRUE(cal.ok());
  ASSERT_TRUE(saveCalibration(dir / "me.cal", *cal).ok());
  const auto back = loadCalibration(dir / "me.cal");
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ(back->devices, cal->devices);
  EXPECT_EQ(back->position, cal->position);
  EXPECT_DOUBLE_EQ(back->statureM, cal->statureM);
  for (Device d : kAllDevices) {
    if (!cal->devices.test(index(d))) continue;
    EXPECT_EQ(back->mount[index(d)], cal->mount[index(d)]) << deviceName(d);
    EXPECT_EQ(back->neutralPositionM[index(d)], cal->neutralPositionM[index(d)]);
  }
  EXPECT_EQ(back->neutralFrame, cal->neutralFrame);
}

TEST(Calibration, MalformedFileNamesLineAndField) {
  test::TempDir dir;
  const auto path = dir.write("bad.cal",
                              "# lumbo-calibration v1\nposition: standing\nneutral_frame: 1 0 0 0\n"
                              "mount.head: 1 0 zero 0\n");
  const auto cal = loadCalibration(path);
  ASSERT_FALSE(cal.ok());
  EXPECT_NE(cal.error().find(":4: field 'mount.head'"), std::string::npos) << cal.error();
  const auto notOurs = loadCalibration(dir.write("x.cal", "hello\n"));
  ASSERT_FALSE(notOurs.ok());
  EXPECT_NE(notOurs.error().find(":1: not a lumbo calibration file"), std::string::npos);
}

TEST(Calibration, AnEmptyPositionIsAnErrorNotAnException) {
  // "position: " with nothing after it threw std::out_of_range out of a Result-returning loader.
  test::TempDir dir;
  for (const char* line : {"position: \n", "position:\n", "position:   \n"}) {
    const auto path = dir.write("empty.cal", std::string("# lumbo-calibration v1\n") + line + "neutral_frame: 1 0 0 0\n");
    Result<Calibration> cal = Error{"not run"};
    EXPECT_NO_THROW(cal = loadCalibration(path));
    ASSERT_FALSE(cal.ok());
    EXPECT_NE(cal.error().find("empty.cal:2: field 'position': expected a position name"), std::string::npos) << cal.error();
  }
}

}  // namespace
}  // namespace lumbo
