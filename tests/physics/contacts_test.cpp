// Body shape and contacts from synthetic traces in each starting position.
#include <gtest/gtest.h>

#include <glm/geometric.hpp>

#include "physics/physics_world.h"
#include "tests/physics/synthetic_body.h"

namespace lumbo::physics {
namespace {

using test::allDevices;
using test::defaultDevices;
using test::makeSyntheticBody;
using test::SyntheticBody;

std::string describe(const StartCheck& c) {
  std::string s;
  for (const auto& m : c.unmet) s += "unmet: " + m + "\n";
  for (const auto& m : c.unknown) s += "unknown: " + m + "\n";
  return s;
}

// Puts the body of one frame in a world (mat under the trunk's usual place) and reports contacts.
ContactReport contactsAt(const SyntheticBody& body, double tS, WorldSettings settings = {}) {
  PhysicsWorld world(settings);
  world.setBody(body.calibration);
  world.updateBody(body.frameAt(tS));
  world.step();
  return world.contacts();
}

TEST(BodyShape, TrackedPartsAreTrackedAndMissingOnesSaySo) {
  const SyntheticBody full = makeSyntheticBody(SyntheticMovement::Still, allDevices());
  const BodyDimensions dims = bodyDimensions(full.calibration);
  const BodyPose pose = poseBody(full.frameAt(1.0), full.calibration, dims);
  for (std::size_t i = 0; i < kBodyPartCount; ++i) {
    EXPECT_EQ(pose.parts[i].source, PartSource::Tracked) << bodyPartName(static_cast<BodyPart>(i));
  }
  // Segment lengths fit the person: thigh and shank about a quarter of stature each.
  const double stature = full.calibration.statureM;
  EXPECT_NEAR(dims[BodyPart::LThigh].halfLengthM * 2 + 2 * dims[BodyPart::LThigh].radiusM, 0.24 * stature, 0.03);
  EXPECT_NEAR(dims[BodyPart::RShank].halfLengthM * 2 + 2 * dims[BodyPart::RShank].radiusM, 0.23 * stature, 0.03);

  const SyntheticBody reduced = makeSyntheticBody(SyntheticMovement::Still, defaultDevices());
  const BodyPose r = poseBody(reduced.frameAt(1.0), reduced.calibration, bodyDimensions(reduced.calibration));
  EXPECT_EQ(r[BodyPart::Trunk].source, PartSource::Tracked);
  EXPECT_EQ(r[BodyPart::LKnee].source, PartSource::Derived);
  EXPECT_NE(r[BodyPart::LKnee].note.find("knee"), std::string_view::npos);
  EXPECT_EQ(r[BodyPart::RUpperArm].source, PartSource::Derived);
  // A derived knee still lands near where the knee really is.
  const SyntheticBody truth = full;
  const glm::dvec3 trueKnee = truth.frameAt(1.0)[Device::LKnee].pose.positionM;
  EXPECT_LT(glm::length(r[BodyPart::LKnee].pose.positionM - trueKnee), 0.06);

  // Without the waist tracker the pelvis, trunk and legs cannot be placed.
  TrackedFrame noPelvis = reduced.frameAt(1.0);
  noPelvis[Device::Pelvis].valid = false;
  const BodyPose np = poseBody(noPelvis, reduced.calibration, bodyDimensions(reduced.calibration));
  EXPECT_FALSE(np.present(BodyPart::Pelvis));
  EXPECT_FALSE(np.present(BodyPart::Trunk));
  EXPECT_FALSE(np.present(BodyPart::LThigh));
  EXPECT_TRUE(np.present(BodyPart::Head));
  EXPECT_FALSE(np[BodyPart::Pelvis].note.empty());
}

TEST(Contacts, StandingFeetOnTheFloor) {
  for (double heading : {0.0, 90.0, -40.0}) {
    const SyntheticBody body = makeSyntheticBody(SyntheticMovement::Still, allDevices(), heading);
    const ContactReport c = contactsAt(body, 1.0);
    EXPECT_TRUE(c[BodyPart::LFoot].onGround());
    EXPECT_TRUE(c[BodyPart::RFoot].onGround());
    const StartCheck check = checkStartingPosition(c, StartingPosition::Standing);
    EXPECT_TRUE(check.ok) << heading << "\n" << describe(check);
    EXPECT_TRUE(check.certain);
    EXPECT_FALSE(checkStartingPosition(c, StartingPosition::Supine).ok);
    EXPECT_FALSE(checkStartingPosition(c, StartingPosition::FourPointKneeling).ok);
  }
}

TEST(Contacts, SupineBackAndPelvisOnTheMat) {
  const SyntheticBody body = makeSyntheticBody(SyntheticMovement::Bridge, allDevices());
  const ContactReport c = contactsAt(body, 1.0);
  EXPECT_TRUE(c[BodyPart::Trunk].mat) << c[BodyPart::Trunk].matClearanceM;
  EXPECT_FALSE(c[BodyPart::Trunk].floor);  // the mat is under it
  EXPECT_TRUE(c[BodyPart::Pelvis].onGround());
  const StartCheck check = checkStartingPosition(c, StartingPosition::Supine);
  EXPECT_TRUE(check.ok) << describe(check);
  EXPECT_FALSE(checkStartingPosition(c, StartingPosition::Standing).ok);
  EXPECT_FALSE(checkStartingPosition(c, StartingPosition::Bridge).ok);

  // Without a mat the same back is on the floor.
  WorldSettings bare;
  bare.mat = false;
  const ContactReport f = contactsAt(body, 1.0, bare);
  EXPECT_TRUE(f[BodyPart::Trunk].floor);
  EXPECT_FALSE(f[BodyPart::Trunk].mat);
}

TEST(Contacts, BridgeLiftsThePelvis) {
  const SyntheticBody body = makeSyntheticBody(SyntheticMovement::Bridge, allDevices());
  // The top of the first repetition: neutral hold (2 s) plus half a repetition (4 s).
  const ContactReport top = contactsAt(body, 4.0);
  EXPECT_FALSE(top[BodyPart::Pelvis].onGround());
  EXPECT_GT(top[BodyPart::Pelvis].groundClearanceM(), 0.1);
  EXPECT_FALSE(checkStartingPosition(top, StartingPosition::Supine).ok);

  // The generator raises the whole trunk in its bridge and lies with straight legs held above
  // the floor. A real bridge pivots on the shoulders: keep the chest, head and arms where they
  // rest, take the pelvis from the top of the bridge, and rest the heels on a small ball (a
  // ball bridge).
  TrackedFrame frame = body.frameAt(1.0);
  frame[Device::Pelvis] = body.frameAt(4.0)[Device::Pelvis];
  PhysicsWorld world;
  world.setBody(body.calibration);
  world.updateBody(frame);
  world.step();
  const glm::dvec3 lFoot = world.bodyPose()[BodyPart::LFoot].pose.positionM;
  const glm::dvec3 rFoot = world.bodyPose()[BodyPart::RFoot].pose.positionM;
  BallSpec ball;
  ball.radiusM = 0.12;
  ball.positionM = 0.5 * (lFoot + rFoot);
  ball.positionM.y = ball.radiusM;
  world.addBall(ball);
  world.step();
  const ContactReport c = world.contacts();
  EXPECT_TRUE(c[BodyPart::Trunk].onGround()) << c[BodyPart::Trunk].groundClearanceM();
  EXPECT_TRUE(c[BodyPart::LFoot].ball);
  EXPECT_TRUE(c[BodyPart::RFoot].ball);
  const StartCheck check = checkStartingPosition(c, StartingPosition::Bridge);
  EXPECT_TRUE(check.ok) << describe(check);
  EXPECT_TRUE(check.certain);
  // Lowered, the same position is no bridge and says why.
  const StartCheck lowered = checkStartingPosition(contactsAt(body, 1.0), StartingPosition::Bridge);
  EXPECT_FALSE(lowered.ok);
  ASSERT_FALSE(lowered.unmet.empty());
  EXPECT_NE(lowered.unmet[0].find("pelvis not lifted"), std::string::npos) << describe(lowered);
}

TEST(Contacts, FourPointKneelingHandsAndKneesDown) {
  const SyntheticBody body = makeSyntheticBody(SyntheticMovement::BirdDog, allDevices(), 30.0);
  const ContactReport c = contactsAt(body, 1.0);
  const StartCheck check = checkStartingPosition(c, StartingPosition::FourPointKneeling);
  EXPECT_TRUE(check.ok) << describe(check);
  EXPECT_TRUE(check.certain);
  EXPECT_FALSE(checkStartingPosition(c, StartingPosition::Standing).ok);
  EXPECT_FALSE(checkStartingPosition(c, StartingPosition::Supine).ok);
  // Bird dog: at the top the right hand and the left knee are up.
  const ContactReport up = contactsAt(body, 4.0);
  EXPECT_FALSE(up[BodyPart::RHand].onGround());
  EXPECT_TRUE(up[BodyPart::LHand].onGround());
  EXPECT_FALSE(checkStartingPosition(up, StartingPosition::FourPointKneeling).ok);
}

// Knees derived from hip and foot by inverse kinematics with anthropometric thigh and shank
// lengths: never enough to confirm kneeling, which the check must not claim to know.
TEST(Contacts, DerivedKneesNeverMakeKneelingCertain) {
  const SyntheticBody body = makeSyntheticBody(SyntheticMovement::BirdDog, defaultDevices());
  PhysicsWorld world;
  world.setBody(body.calibration);
  world.updateBody(body.frameAt(1.0));
  world.step();
  EXPECT_EQ(world.bodyPose()[BodyPart::LKnee].source, PartSource::Derived);
  const ContactReport c = world.contacts();
  EXPECT_TRUE(c[BodyPart::LKnee].derived);
  EXPECT_TRUE(c[BodyPart::LHand].onGround());
  EXPECT_FALSE(checkStartingPosition(c, StartingPosition::FourPointKneeling).certain);
}

TEST(Contacts, OmittedPartsMakeTheCheckUnknownNotFailed) {
  DeviceSet devices = allDevices();
  devices.reset(index(Device::LFoot));
  const SyntheticBody body = makeSyntheticBody(SyntheticMovement::Still, devices);
  const StartCheck check = checkStartingPosition(contactsAt(body, 1.0), StartingPosition::Standing);
  EXPECT_TRUE(check.ok) << describe(check);
  EXPECT_FALSE(check.certain);
  ASSERT_EQ(check.unknown.size(), 1u);
  EXPECT_NE(check.unknown[0].find("left_foot"), std::string::npos);
}

TEST(Contacts, BallUnderTheHandAndHeldWeightLoad) {
  const SyntheticBody body = makeSyntheticBody(SyntheticMovement::Still, allDevices());
  PhysicsWorld world;
  world.setBody(body.calibration);
  world.updateBody(body.frameAt(1.0));
  world.step();
  const glm::dvec3 hand = world.bodyPose()[BodyPart::RHand].pose.positionM;
  BallSpec ball;
  // Beside the hand, on the side away from the body.
  const glm::dvec3 right = body.calibration.neutralFrame * glm::dvec3(0, 0, 1);
  ball.positionM = hand + right * (ball.radiusM + world.bodyDimensions()[BodyPart::RHand].radiusM + 0.01);
  world.addBall(ball);
  world.setGravity(kMicrogravityMPerS2);  // the ball stays where it is put
  world.addWeight();
  world.holdWeight(false);
  for (int i = 0; i < 5; ++i) world.step();
  const ContactReport c = world.contacts();
  EXPECT_TRUE(c[BodyPart::RHand].ball);
  EXPECT_FALSE(c[BodyPart::LHand].ball);
  // Held still in microgravity a weight weighs nothing; on Earth, m g.
  EXPECT_NEAR(glm::length(world.weightLoad().forceN), 0.0, 1e-6);
  world.setGravity(kEarthGravityMPerS2);
  EXPECT_NEAR(world.weightLoad().forceN.y, -2.0 * 9.80665, 1e-6);
  EXPECT_NEAR(glm::length(world.weight()->positionM - world.bodyPose()[BodyPart::LHand].pose.positionM), 0.0, 1e-5);
}

}  // namespace
}  // namespace lumbo::physics

namespace lumbo::physics {
namespace {

using test::allDevices;
using test::makeSyntheticBody;
using test::SyntheticBody;

// The body is kinematic: a hand swept into the ball over a few display frames pushes it away.
TEST(BodyAndProps, HandSweepPushesTheBall) {
  const SyntheticBody body = makeSyntheticBody(SyntheticMovement::Still, allDevices());
  WorldSettings settings;
  settings.gravityMPerS2 = kMicrogravityMPerS2;
  PhysicsWorld world(settings);
  world.setBody(body.calibration);
  TrackedFrame frame = body.frameAt(1.0);
  world.updateBody(frame);
  world.advance(1.0 / 90.0);
  const glm::dvec3 right = body.calibration.neutralFrame * glm::dvec3(0, 0, 1);
  BallSpec ball;
  ball.radiusM = 0.2;
  ball.positionM = world.bodyPose()[BodyPart::RHand].pose.positionM + right * 0.3;
  world.addBall(ball);
  for (int i = 1; i <= 18; ++i) {  // 0.2 s at 90 Hz, the hand moving 0.6 m/s to the right
    TrackedFrame f = frame;
    f[Device::RHand].pose.positionM += right * (0.6 * i / 90.0);
    world.updateBody(f);
    world.advance(1.0 / 90.0);
  }
  const RigidState s = *world.ball();
  EXPECT_GT(glm::dot(s.velocityMPerS, right), 0.3);
  EXPECT_GT(glm::dot(s.positionM - ball.positionM, right), 0.0);
}

// With a body, the band's free end is the hand: it follows the hand and pulls it to the anchor.
TEST(BodyAndProps, BandHeldInTheHandPullsTowardTheAnchor) {
  const SyntheticBody body = makeSyntheticBody(SyntheticMovement::Still, allDevices());
  PhysicsWorld world;
  world.setBody(body.calibration);
  world.updateBody(body.frameAt(1.0));
  world.step();
  const glm::dvec3 hand = world.bodyPose()[BodyPart::RHand].pose.positionM;
  const glm::dvec3 forward = body.calibration.forward();
  BandSpec spec;
  spec.grade = BandGrade::Green;
  spec.restLengthM = 0.8;
  spec.anchorM = hand + forward * 1.2;  // 50 % elongation
  world.addBand(spec);
  for (int i = 0; i < 480; ++i) world.step();
  const BandLoad load = *world.bandLoad();
  EXPECT_TRUE(load.attached);
  EXPECT_NEAR(load.tensionN, bandStiffnessNPerM(BandGrade::Green, 0.8) * 0.4, 0.03 * bandStiffnessNPerM(BandGrade::Green, 0.8) * 0.4);
  EXPECT_GT(glm::dot(load.lineOfPull, forward), 0.99);
  const RenderData r = world.renderData();
  ASSERT_TRUE(r.band.has_value());
  EXPECT_LT(glm::length(glm::dvec3(r.band->pointsM.back()) - hand), 1e-5);
}

TEST(BodyAndProps, ReleasedWeightLeavesWithTheHandsVelocity) {
  const SyntheticBody body = makeSyntheticBody(SyntheticMovement::Still, allDevices());
  WorldSettings settings;
  settings.gravityMPerS2 = kMicrogravityMPerS2;
  PhysicsWorld world(settings);
  world.setBody(body.calibration);
  TrackedFrame frame = body.frameAt(1.0);
  world.updateBody(frame);
  world.step();
  world.addWeight();
  world.holdWeight(true);
  const glm::dvec3 forward = body.calibration.forward();
  for (int i = 1; i <= 24; ++i) {  // the hand moves forward at 0.5 m/s
    TrackedFrame f = frame;
    f[Device::RHand].pose.positionM += forward * (0.5 * i * world.stepS());
    world.updateBody(f);
    world.step();
  }
  EXPECT_TRUE(world.weightLoad().held);
  world.releaseWeight();
  EXPECT_FALSE(world.weightLoad().held);
  for (int i = 0; i < 24; ++i) world.step();
  EXPECT_NEAR(glm::dot(world.weight()->velocityMPerS, forward), 0.5, 0.01);
}

}  // namespace
}  // namespace lumbo::physics
