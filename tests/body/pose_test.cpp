// Rigid transforms and time-stamped interpolation against hand-computed cases.
#include <gtest/gtest.h>

#include "body/angles.h"
#include "body/pose.h"
#include "body/pose_track.h"

namespace lumbo {
namespace {

void expectNear(const glm::dvec3& a, const glm::dvec3& b, double tol = 1e-12) {
  EXPECT_NEAR(a.x, b.x, tol);
  EXPECT_NEAR(a.y, b.y, tol);
  EXPECT_NEAR(a.z, b.z, tol);
}

TEST(Pose, ComposeAppliesRightOperandFirst) {
  // a: rotate 90 deg about +y then move to (1, 0, 0). b: move 2 m along +x.
  const Pose a{{1, 0, 0}, glm::angleAxis(radians(90.0), glm::dvec3(0, 1, 0))};
  const Pose b{{2, 0, 0}, glm::dquat(1, 0, 0, 0)};
  // +x rotated 90 deg about +y is -z, so b's origin lands at (1, 0, -2).
  expectNear((a * b).positionM, {1, 0, -2});
  expectNear(a.transformPoint({2, 0, 0}), {1, 0, -2});
}

TEST(Pose, InverseUndoes) {
  const Pose p{{0.3, 1.2, -0.7}, glm::normalize(glm::dquat(0.9, 0.1, -0.3, 0.2))};
  const Pose id = p * inverse(p);
  expectNear(id.positionM, {0, 0, 0});
  EXPECT_NEAR(std::abs(id.orientation.w), 1.0, 1e-12);
  const Pose rel = relativePose(p, p * Pose{{0, 0.5, 0}, glm::dquat(1, 0, 0, 0)});
  expectNear(rel.positionM, {0, 0.5, 0});
}

TEST(Pose, InterpolationMidpoint) {
  const Pose a{{0, 0, 0}, glm::dquat(1, 0, 0, 0)};
  const Pose b{{2, 4, 0}, glm::angleAxis(radians(90.0), glm::dvec3(0, 0, 1))};
  const Pose m = interpolate(a, b, 0.5);
  expectNear(m.positionM, {1, 2, 0});
  EXPECT_NEAR(degrees(rotationAngleRad(m.orientation)), 45.0, 1e-9);
}

TEST(Pose, SlerpTakesTheShortWayForOppositeSigns) {
  const glm::dquat a = glm::angleAxis(radians(10.0), glm::dvec3(0, 1, 0));
  const glm::dquat b = -glm::angleAxis(radians(30.0), glm::dvec3(0, 1, 0));  // same rotation as +
  const glm::dquat m = slerpShortest(a, b, 0.5);
  EXPECT_NEAR(degrees(rotationAngleRad(m)), 20.0, 1e-9);
}

TEST(PoseTrack, InterpolatesBetweenSamplesAndRefusesGaps) {
  std::vector<PoseSample> s = {
      {0.0, Pose{{0, 0, 0}, {1, 0, 0, 0}}, true},
      {1.0, Pose{{1, 0, 0}, {1, 0, 0, 0}}, true},
      {2.0, Pose{{5, 0, 0}, {1, 0, 0, 0}}, false},
      {3.0, Pose{{3, 0, 0}, {1, 0, 0, 0}}, true},
  };
  expectNear(interpolatePoseAt(s, 0.25)->positionM, {0.25, 0, 0});
  expectNear(interpolatePoseAt(s, -1.0)->positionM, {0, 0, 0});  // holds the first
  expectNear(interpolatePoseAt(s, 9.0)->positionM, {3, 0, 0});   // holds the last
  EXPECT_FALSE(interpolatePoseAt(s, 1.5).has_value());
  EXPECT_FALSE(interpolatePoseAt(s, 2.5).has_value());
  EXPECT_FALSE(interpolatePoseAt({}, 0.0).has_value());
}

TEST(Horizontal, DropsTheVerticalAndNormalises) {
  expectNear(horizontal(glm::dvec3(3, 5, -4)), {0.6, 0, -0.8});
  const glm::vec3 h = horizontal(glm::vec3(0.0f, -2.0f, 0.5f), glm::vec3(1.0f, 0.0f, 0.0f));
  EXPECT_FLOAT_EQ(h.x, 0.0f);
  EXPECT_FLOAT_EQ(h.y, 0.0f);
  EXPECT_FLOAT_EQ(h.z, 1.0f);
}

TEST(Horizontal, VerticalHasNoHeadingSoGivesTheFallback) {
  // Default fallback is zero, so callers can refuse a head looking straight down.
  expectNear(horizontal(glm::dvec3(1e-12, -1, 0)), {0, 0, 0});
  const glm::vec3 h = horizontal(glm::vec3(1e-5f, 1.0f, 0.0f), glm::vec3(0.0f, 0.0f, -1.0f));
  EXPECT_EQ(h, glm::vec3(0.0f, 0.0f, -1.0f));
}

}  // namespace
}  // namespace lumbo
