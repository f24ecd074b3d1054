// The avatar drawn from a real recording's tracked body, coloured where alignment leaves its band.
#include <gtest/gtest.h>

#include "app/scene/avatar_scene.h"
#include "body/trace.h"
#include "tests/test_support.h"

namespace lumbo::app {
namespace {

TEST(AvatarScene, DrawsTheTrackedBodyAndColoursTheFaultyPart) {
  const auto trace = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
  ASSERT_TRUE(trace.ok());
  std::vector<TrackedFrame> hold;
  for (const auto& s : trace->samples) {
    if (s.frame.timeS < 2.0) hold.push_back(s.frame);
  }
  const auto cal = calibrate(hold, NeutralPosition::Standing, false, trace->layout.devices);
  ASSERT_TRUE(cal.ok());
  const TrackedFrame& frame = trace->samples[0].frame;

  render::Scene scene;
  appendAvatar(scene, frame, *cal, nullptr);
  // Pelvis, lumbar spine, upper trunk, two arms and two legs; the head is a sphere.
  EXPECT_EQ(scene.capsules.size(), 7u);
  ASSERT_EQ(scene.spheres.size(), 1u);
  // The head sphere sits just behind the headset's view point.
  EXPECT_LT(glm::distance(scene.spheres[0].centreM, glm::vec3(frame[Device::Head].pose.positionM)), 0.12f);
  for (const auto& c : scene.capsules) {
    EXPECT_GT(c.aM.y, -0.05f);  // nothing below the floor
    EXPECT_LT(c.aM.y, 1.8f);
  }

  // Lumbar flexion out of band by 12 deg: the lumbar capsule turns far-out red, the rest not.
  Feedback fb;
  fb.outOfBand = true;
  fb.signal = static_cast<SignalIndex>(MetricId::LumbarFlexionDeg);
  fb.excess = 12.0;
  render::Scene faulty;
  appendAvatar(faulty, frame, *cal, &fb);
  int red = 0;
  for (const auto& c : faulty.capsules) red += c.rgba == kFarOutRgba ? 1 : 0;
  EXPECT_EQ(red, 1);

  // Without the chest tracker the trunk is drawn from pelvis to head; missing feet drop the legs.
  TrackedFrame partial = frame;
  partial[Device::Chest].valid = false;
  partial[Device::LFoot].valid = false;
  partial[Device::RFoot].valid = false;
  render::Scene reduced;
  appendAvatar(reduced, partial, *cal, nullptr);
  EXPECT_EQ(reduced.capsules.size(), 5u);
}

TEST(AvatarScene, DeviationColourRunsFromInBandToFarOut) {
  EXPECT_EQ(deviationColour(0.0, 10.0), kInBandRgba);
  EXPECT_EQ(deviationColour(5.0, 10.0), kSlightlyOutRgba);
  EXPECT_EQ(deviationColour(25.0, 10.0), kFarOutRgba);
}

}  // namespace
}  // namespace lumbo::app
