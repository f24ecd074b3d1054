// World: fixed-rate stepping, gravity, the ball at rest and in microgravity, the free weight, render data.
#include <gtest/gtest.h>

#include <glm/geometric.hpp>

#include "physics/physics_world.h"

namespace lumbo::physics {
namespace {

WorldSettings noMat() {
  WorldSettings s;
  s.mat = false;
  return s;
}

void stepFor(PhysicsWorld& world, double seconds) {
  const auto n = static_cast<int>(seconds / world.stepS() + 0.5);
  for (int i = 0; i < n; ++i) world.step();
}

TEST(PhysicsWorld, BallDroppedComesToRestOnTheFloor) {
  PhysicsWorld world(noMat());
  BallSpec spec;
  spec.positionM = {0.0, spec.radiusM + 0.3, 0.0};
  world.addBall(spec);
  stepFor(world, 4.0);
  const RigidState s = *world.ball();
  EXPECT_NEAR(s.positionM.y, spec.radiusM, 0.002);
  EXPECT_NEAR(s.positionM.x, 0.0, 0.002);
  EXPECT_NEAR(s.positionM.z, 0.0, 0.002);
  EXPECT_LT(glm::length(s.velocityMPerS), 0.01);
  EXPECT_LT(glm::length(s.angularVelocityRadPerS), 0.05);
}

TEST(PhysicsWorld, BallRestsOnTheMatAtItsThickness) {
  WorldSettings settings;
  settings.matPose = Pose{glm::dvec3(0.0)};
  PhysicsWorld world(settings);
  BallSpec spec;
  spec.positionM = {0.0, spec.radiusM + 0.2, 0.0};
  world.addBall(spec);
  stepFor(world, 4.0);
  EXPECT_NEAR(world.ball()->positionM.y, spec.radiusM + settings.matSizeM.y, 0.002);
}

TEST(PhysicsWorld, MicrogravityBallKeepsItsVelocity) {
  WorldSettings settings = noMat();
  settings.gravityMPerS2 = kMicrogravityMPerS2;
  PhysicsWorld world(settings);
  world.addBall();
  RigidState start;
  start.positionM = {0.0, 2.0, 0.0};
  start.velocityMPerS = {0.3, 0.05, -0.2};  // slow enough that a sleeping body would stop
  start.angularVelocityRadPerS = {0.0, 0.7, 0.0};
  world.setBallState(start);
  stepFor(world, 5.0);
  const RigidState s = *world.ball();
  EXPECT_NEAR(glm::length(s.velocityMPerS - start.velocityMPerS), 0.0, 1e-5);
  EXPECT_NEAR(glm::length(s.angularVelocityRadPerS - start.angularVelocityRadPerS), 0.0, 1e-5);
  const glm::dvec3 expected = start.positionM + start.velocityMPerS * world.simulatedTimeS();
  EXPECT_NEAR(glm::length(s.positionM - expected), 0.0, 1e-3);
}

TEST(PhysicsWorld, GravityCanBeSetAndSwitchedOff) {
  PhysicsWorld world(noMat());
  world.addBall();
  world.setGravity(kMoonGravityMPerS2);
  RigidState start;
  start.positionM = {0.0, 3.0, 0.0};
  world.setBallState(start);
  stepFor(world, 0.5);
  const double t = world.simulatedTimeS();
  EXPECT_NEAR(world.ball()->velocityMPerS.y, -1.62 * t, 1e-3);
  EXPECT_NEAR(world.ball()->positionM.y, 3.0 - 0.5 * 1.62 * t * t, 5e-3);  // semi-implicit Euler
  world.setGravity(kMicrogravityMPerS2);
  const double v = world.ball()->velocityMPerS.y;
  stepFor(world, 0.5);
  EXPECT_NEAR(world.ball()->velocityMPerS.y, v, 1e-6);
  EXPECT_EQ(world.gravity(), kMicrogravityMPerS2);
}

TEST(PhysicsWorld, FixedStepsIndependentOfTheDisplayRate) {
  for (double displayHz : {72.0, 90.0, 120.0, 144.0}) {
    PhysicsWorld world(noMat());
    int steps = 0;
    for (int i = 0; i < static_cast<int>(displayHz) * 2; ++i) {
      steps += world.advance(1.0 / displayHz);
      EXPECT_GE(world.interpolationAlpha(), 0.0);
      EXPECT_LT(world.interpolationAlpha(), 1.0);
    }
    // Two seconds of display time are 480 steps at 240 Hz, give or take the one in progress.
    EXPECT_NEAR(steps, 480, 1) << displayHz;
    EXPECT_EQ(world.stepCount(), static_cast<std::uint64_t>(steps));
    EXPECT_EQ(world.droppedSteps(), 0u);
  }
}

TEST(PhysicsWorld, StallDropsTimeInsteadOfCatchingUp) {
  PhysicsWorld world(noMat());
  EXPECT_EQ(world.advance(1.0), world.settings().maxStepsPerAdvance);
  EXPECT_EQ(world.droppedSteps(), 240u - static_cast<std::uint64_t>(world.settings().maxStepsPerAdvance));
  EXPECT_LT(world.interpolationAlpha(), 1.0);
}

TEST(PhysicsWorld, RenderDataInterpolatesBetweenSteps) {
  WorldSettings settings = noMat();
  settings.gravityMPerS2 = kMicrogravityMPerS2;
  PhysicsWorld world(settings);
  world.addBall();
  RigidState start;
  start.positionM = {0.0, 1.0, 0.0};
  start.velocityMPerS = {2.4, 0.0, 0.0};  // 1 cm per step
  world.setBallState(start);
  world.advance(2.5 / 240.0);
  EXPECT_EQ(world.stepCount(), 2u);
  const RenderData r = world.renderData();
  ASSERT_TRUE(r.ball.has_value());
  EXPECT_NEAR(world.interpolationAlpha(), 0.5, 1e-6);
  EXPECT_NEAR(r.ball->transform.positionM.x, world.ball()->positionM.x - 0.005, 1e-5);
  EXPECT_FLOAT_EQ(r.ball->radiusM, 0.325f);
  EXPECT_FALSE(r.band.has_value());
  EXPECT_FALSE(r.mat.has_value());
}

TEST(PhysicsWorld, FreeWeightFallsAndSettles) {
  PhysicsWorld world(noMat());
  WeightSpec spec;
  spec.positionM = {0.0, 0.5, 0.0};
  world.addWeight(spec);
  stepFor(world, 3.0);
  EXPECT_NEAR(world.weight()->positionM.y, spec.radiusM, 0.003);
  EXPECT_FALSE(world.weightLoad().held);
}

}  // namespace
}  // namespace lumbo::physics
