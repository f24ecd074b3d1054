// Elastic band: colour grades, Hooke's law at several stretches, slack, line of pull, render points.
#include <gtest/gtest.h>

#include <glm/geometric.hpp>

#include "physics/physics_world.h"

namespace lumbo::physics {
namespace {

void stepFor(PhysicsWorld& world, double seconds) {
  const auto n = static_cast<int>(seconds / world.stepS() + 0.5);
  for (int i = 0; i < n; ++i) world.step();
}

TEST(BandGrade, NamesAndStiffnessRiseWithTheGrade) {
  double previous = 0.0;
  for (BandGrade g : {BandGrade::Yellow, BandGrade::Red, BandGrade::Green, BandGrade::Blue, BandGrade::Black}) {
    EXPECT_EQ(bandGradeFromName(bandGradeName(g)), g);
    EXPECT_GT(bandStiffnessNPerM(g, 1.0), previous);
    previous = bandStiffnessNPerM(g, 1.0);
  }
  EXPECT_NEAR(bandStiffnessNPerM(BandGrade::Red, 1.0), 16.67, 0.01);
  // Half the length, twice as stiff: the same pull at the same elongation.
  EXPECT_DOUBLE_EQ(bandStiffnessNPerM(BandGrade::Blue, 0.5), 2.0 * bandStiffnessNPerM(BandGrade::Blue, 1.0));
  EXPECT_FALSE(bandGradeFromName("purple").has_value());
}

// The free end held still at a distance from the anchor; after settling the tension must be
// k * (distance - rest length), however the rope's nodes arranged themselves on the way.
TEST(Band, TensionFollowsHookesLaw) {
  for (BandGrade grade : {BandGrade::Yellow, BandGrade::Black}) {
    for (double elongation : {0.2, 0.5, 1.0, 1.5}) {
      WorldSettings settings;
      settings.mat = false;
      PhysicsWorld world(settings);
      BandSpec spec;
      spec.grade = grade;
      spec.restLengthM = 1.2;
      spec.anchorM = {0.0, 1.0, 0.0};
      const glm::dvec3 hand = spec.anchorM + glm::dvec3(spec.restLengthM * (1.0 + elongation), 0.0, 0.0);
      world.setBandHandTarget(spec.anchorM + glm::dvec3(spec.restLengthM, 0.0, 0.0));
      world.addBand(spec);
      // Pulled out over half a second, then held.
      for (int i = 1; i <= 120; ++i) {
        world.setBandHandTarget(glm::mix(spec.anchorM + glm::dvec3(spec.restLengthM, 0, 0), hand, i / 120.0));
        world.step();
      }
      stepFor(world, 1.5);
      const BandLoad load = *world.bandLoad();
      const double expectedN = bandStiffnessNPerM(grade, spec.restLengthM) * spec.restLengthM * elongation;
      EXPECT_NEAR(load.tensionN, expectedN, 0.03 * expectedN) << bandGradeName(grade) << " " << elongation;
      EXPECT_NEAR(load.elongationPct, 100.0 * elongation, 3.0);
      // The band pulls the hand back toward the anchor.
      EXPECT_GT(glm::dot(load.lineOfPull, glm::dvec3(-1, 0, 0)), 0.995);
      EXPECT_NEAR(glm::length(load.forceN), load.tensionN, 1e-9);
      EXPECT_FALSE(load.attached);  // no body: the end follows the set target
    }
  }
}

TEST(Band, SlackBandHangsWithoutTension) {
  WorldSettings settings;
  settings.mat = false;
  PhysicsWorld world(settings);
  BandSpec spec;
  spec.restLengthM = 1.0;
  spec.anchorM = {0.0, 1.5, 0.0};
  world.setBandHandTarget(spec.anchorM + glm::dvec3(0.5, 0.0, 0.0));
  world.addBand(spec);
  stepFor(world, 3.0);
  const BandLoad load = *world.bandLoad();
  // Hanging under its own weight the rope stretches a little; the force is well under a newton.
  EXPECT_LT(load.tensionN, 0.5);
  EXPECT_LT(load.elongationPct, 3.0);
  const RenderData r = world.renderData();
  ASSERT_TRUE(r.band.has_value());
  ASSERT_EQ(r.band->pointsM.size(), 33u);
  // The middle sags below the ends.
  EXPECT_LT(r.band->pointsM[16].y, 1.5 - 0.2);
  EXPECT_NEAR(r.band->pointsM.front().x, 0.0f, 1e-6f);
  EXPECT_NEAR(r.band->pointsM.back().x, 0.5f, 1e-6f);
}

}  // namespace
}  // namespace lumbo::physics
