// The avatar drawn from a real recording's tracked body, coloured where alignment leaves its band;
// knees and elbows without trackers solved by two-bone IK at the stature's bone lengths, bending
// the right way, and marked (and drawn) as estimated.
#include <gtest/gtest.h>

#include <cmath>
#include <tuple>

#include <glm/geometric.hpp>

#include "app/scene/avatar_scene.h"
#include "app/scene/avatar_skeleton.h"
#include "app/scene/two_bone_ik.h"
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
  // Trunk: pelvis, lumbar spine, chest core, two rib-cage sides, shoulder girdle, two shoulder
  // caps and the neck; each arm upper arm, forearm and hand, each leg thigh, shank and foot. The
  // head is a sphere.
  EXPECT_EQ(scene.capsules.size(), 9u + 6u + 6u);
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
  EXPECT_EQ(reduced.capsules.size(), 9u + 6u);
}

TEST(TwoBoneIk, TheJointIsAtBothBoneLengthsOnTheHintsSide) {
  const glm::dvec3 hip(0.1, 0.9, 0.0);
  const glm::dvec3 ankle(0.1, 0.35, 0.05);  // 0.55 m below, nearer than 0.42 + 0.42: bent
  const glm::dvec3 forward(0, 0, -1);
  const glm::dvec3 knee = twoBoneJoint(hip, ankle, 0.42, 0.42, forward);
  EXPECT_NEAR(glm::distance(hip, knee), 0.42, 1e-9);
  EXPECT_NEAR(glm::distance(knee, ankle), 0.42, 1e-9);
  // In front of the hip-ankle line, by the isosceles triangle's height.
  const glm::dvec3 mid = 0.5 * (hip + ankle);
  EXPECT_LT(knee.z, mid.z);
  const double half = 0.5 * glm::distance(hip, ankle);
  EXPECT_NEAR(glm::distance(knee, mid), std::sqrt(0.42 * 0.42 - half * half), 1e-9);
  // The hint's part along the limb does not matter; out of reach the limb is straight.
  EXPECT_LT(glm::distance(twoBoneJoint(hip, ankle, 0.42, 0.42, forward + glm::dvec3(0, 5, 0)), knee), 1e-9);
  const glm::dvec3 straight = twoBoneJoint(hip, glm::dvec3(0.1, -0.2, 0.0), 0.42, 0.42, forward);
  EXPECT_NEAR(straight.z, 0.0, 1e-9);
  EXPECT_NEAR(straight.y, 0.9 - 0.42, 1e-9);
}

TEST(AvatarSkeleton, KneesAndElbowsWithoutTrackersAreSolvedAndMarkedEstimated) {
  const auto trace = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
  ASSERT_TRUE(trace.ok());
  ASSERT_FALSE(trace->layout.devices.test(index(Device::LKnee)));  // no knee or elbow trackers
  std::vector<TrackedFrame> hold;
  for (const auto& s : trace->samples) {
    if (s.frame.timeS < 2.0) hold.push_back(s.frame);
  }
  const auto cal = calibrate(hold, NeutralPosition::Standing, false, trace->layout.devices);
  ASSERT_TRUE(cal.ok());
  // Deep in a squat (the pelvis at its lowest): the legs are folded.
  std::size_t deepest = 0;
  for (std::size_t i = 0; i < trace->samples.size(); ++i) {
    if (trace->samples[i].frame[Device::Pelvis].pose.positionM.y < trace->samples[deepest].frame[Device::Pelvis].pose.positionM.y) deepest = i;
  }
  const TrackedFrame& frame = trace->samples[deepest].frame;
  const AvatarSkeleton body = avatarSkeleton(frame, *cal);
  const double h = cal->statureM;
  for (const auto& [hipJ, kneeJ, ankleJ] : {std::tuple{AvatarJoint::LHip, AvatarJoint::LKnee, AvatarJoint::LAnkle},
                                            std::tuple{AvatarJoint::RHip, AvatarJoint::RKnee, AvatarJoint::RAnkle}}) {
    ASSERT_TRUE(body[hipJ] && body[kneeJ] && body[ankleJ]);
    EXPECT_TRUE(body.isEstimated(kneeJ));
    EXPECT_FALSE(body.isEstimated(ankleJ));
    EXPECT_NEAR(glm::distance(*body[hipJ], *body[kneeJ]), kThighPerStature * h, 1e-6);
    EXPECT_NEAR(glm::distance(*body[kneeJ], *body[ankleJ]), kShankPerStature * h, 1e-6);
    // Forward of both the hip and the ankle along the body's anterior axis: a squatting knee.
    EXPECT_GT(glm::dot(*body[kneeJ] - *body[hipJ], body.forward), 0.05);
    EXPECT_GT(glm::dot(*body[kneeJ] - *body[ankleJ], body.forward), 0.05);
  }
  for (AvatarJoint elbow : {AvatarJoint::LElbow, AvatarJoint::RElbow}) {
    ASSERT_TRUE(body[elbow].has_value());
    EXPECT_TRUE(body.isEstimated(elbow));
  }
  EXPECT_FALSE(body.isEstimated(AvatarJoint::HipCentre));
  // The avatar draws those limbs in the estimated shade; the frame the session scores is
  // untouched: still no knee in it.
  render::Scene scene;
  appendAvatar(scene, frame, *cal, nullptr);
  int estimated = 0;
  for (const auto& c : scene.capsules) estimated += c.rgba == kEstimatedRgba ? 1 : 0;
  EXPECT_EQ(estimated, 8);  // thigh, shank, upper arm, forearm on each side
  EXPECT_FALSE(frame.valid(Device::LKnee));

  // A tracked knee is used as it is and drawn as measured.
  TrackedFrame withKnee = frame;
  const glm::dvec3 kneeM = *body[AvatarJoint::LKnee] + glm::dvec3(0.0, 0.02, 0.0);
  withKnee[Device::LKnee] = DeviceState{Pose{kneeM, glm::dquat(1, 0, 0, 0)}, true, false};
  Calibration kneeCal = *cal;
  kneeCal.devices.set(index(Device::LKnee));
  const AvatarSkeleton measured = avatarSkeleton(withKnee, kneeCal);
  EXPECT_FALSE(measured.isEstimated(AvatarJoint::LKnee));
  EXPECT_LT(glm::distance(*measured[AvatarJoint::LKnee], kneeM), 1e-12);
  EXPECT_TRUE(measured.isEstimated(AvatarJoint::RKnee));
  // A knee a body-tracking source only inferred stays estimated.
  withKnee[Device::LKnee].estimated = true;
  EXPECT_TRUE(avatarSkeleton(withKnee, kneeCal).isEstimated(AvatarJoint::LKnee));
}

TEST(AvatarScene, DeviationColourRunsFromInBandToFarOut) {
  EXPECT_EQ(deviationColour(0.0, 10.0), kInBandRgba);
  EXPECT_EQ(deviationColour(5.0, 10.0), kSlightlyOutRgba);
  EXPECT_EQ(deviationColour(25.0, 10.0), kFarOutRgba);
}

}  // namespace
}  // namespace lumbo::app
