// Cardan and swing-twist decompositions against hand-computed rotations.
#include <gtest/gtest.h>

#include <glm/gtc/constants.hpp>

#include "body/angles.h"

namespace lumbo {
namespace {

const glm::dvec3 kX(1, 0, 0), kY(0, 1, 0), kZ(0, 0, 1);

glm::dquat rot(double deg, const glm::dvec3& axis) { return glm::angleAxis(radians(deg), axis); }

TEST(Angles, DegreesAndRadians) {
  EXPECT_DOUBLE_EQ(degrees(glm::pi<double>()), 180.0);
  EXPECT_DOUBLE_EQ(radians(90.0), glm::pi<double>() / 2);
}

// Anatomical frame: x forward, y up, z right.
TEST(Angles, ForwardBendIsPositiveFlexion) {
  // Tipping the thorax forward turns its up axis toward +x: a rotation about +z by a negative
  // angle (right-hand rule: +z rotation takes +x toward +y, i.e. tips the top backward).
  const glm::dquat thorax = rot(-30.0, kZ);
  EXPECT_NEAR((thorax * kY).x, std::sin(radians(30.0)), 1e-12);  // top moved forward
  const auto a = anatomicalAngles(glm::dquat(1, 0, 0, 0), thorax);
  EXPECT_NEAR(a.flexionDeg, 30.0, 1e-9);
  EXPECT_NEAR(a.lateralDeg, 0.0, 1e-9);
  EXPECT_NEAR(a.rotationDeg, 0.0, 1e-9);
}

TEST(Angles, RightBendIsPositiveLateral) {
  const glm::dquat thorax = rot(20.0, kX);
  EXPECT_GT((thorax * kY).z, 0.0);  // top moved to the right (+z)
  const auto a = anatomicalAngles(glm::dquat(1, 0, 0, 0), thorax);
  EXPECT_NEAR(a.lateralDeg, 20.0, 1e-9);
  EXPECT_NEAR(a.flexionDeg, 0.0, 1e-9);
}

TEST(Angles, RightTurnIsPositiveRotation) {
  const glm::dquat thorax = rot(-15.0, kY);
  EXPECT_GT((thorax * kX).z, 0.0);  // the front turned toward the right
  const auto a = anatomicalAngles(glm::dquat(1, 0, 0, 0), thorax);
  EXPECT_NEAR(a.rotationDeg, 15.0, 1e-9);
}

TEST(Angles, CardanOfAHandBuiltMatrix) {
  // R = Rz(a) Rx(b) Ry(c) with a = 30, b = 20, c = 10 degrees, written out element by element.
  const double a = radians(30), b = radians(20), c = radians(10);
  const double ca = std::cos(a), sa = std::sin(a), cb = std::cos(b), sb = std::sin(b),
               cc = std::cos(c), sc = std::sin(c);
  glm::dmat3 r;  // r[col][row]
  r[0][0] = ca * cc - sa * sb * sc;
  r[1][0] = -sa * cb;
  r[2][0] = ca * sc + sa * sb * cc;
  r[0][1] = sa * cc + ca * sb * sc;
  r[1][1] = ca * cb;
  r[2][1] = sa * sc - ca * sb * cc;
  r[0][2] = -cb * sc;
  r[1][2] = sb;
  r[2][2] = cb * cc;
  const CardanZXY out = cardanZXY(r);
  EXPECT_NEAR(degrees(out.aRad), 30.0, 1e-9);
  EXPECT_NEAR(degrees(out.bRad), 20.0, 1e-9);
  EXPECT_NEAR(degrees(out.cRad), 10.0, 1e-9);
  // The composition of elementary rotations gives the same matrix.
  const glm::dmat3 built = fromCardanZXY(out);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) EXPECT_NEAR(built[i][j], r[i][j], 1e-12);
}

TEST(Angles, GimbalLockKeepsTheCombinedAngle) {
  const glm::dmat3 r = fromCardanZXY({radians(25), radians(90), 0.0});
  const CardanZXY out = cardanZXY(r);
  EXPECT_NEAR(degrees(out.bRad), 90.0, 1e-6);
  const glm::dmat3 back = fromCardanZXY(out);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) EXPECT_NEAR(back[i][j], r[i][j], 1e-9);
}

TEST(Angles, RoundTripThroughAnatomicalAngles) {
  for (double f : {-40.0, -5.0, 0.0, 12.0, 70.0})
    for (double l : {-25.0, 0.0, 8.0})
      for (double rr : {-30.0, 3.0, 45.0}) {
        const auto a = anatomicalAngles(glm::dquat(1, 0, 0, 0), fromAnatomicalAngles({f, l, rr}));
        EXPECT_NEAR(a.flexionDeg, f, 1e-9);
        EXPECT_NEAR(a.lateralDeg, l, 1e-9);
        EXPECT_NEAR(a.rotationDeg, rr, 1e-9);
      }
}

TEST(Angles, RelativeAnglesIgnoreACommonHeading) {
  // The same trunk posture seen by a person facing another way: identical angles.
  const glm::dquat heading = rot(117.0, kY);
  const glm::dquat pelvis = rot(-10.0, kZ);  // pelvis tipped forward 10
  const glm::dquat thorax = pelvis * fromAnatomicalAngles({25.0, -6.0, 11.0});
  const auto a = anatomicalAngles(heading * pelvis, heading * thorax);
  EXPECT_NEAR(a.flexionDeg, 25.0, 1e-9);
  EXPECT_NEAR(a.lateralDeg, -6.0, 1e-9);
  EXPECT_NEAR(a.rotationDeg, 11.0, 1e-9);
}

TEST(Angles, SwingTwistSplitsPerpendicularRotations) {
  const glm::dquat q = rot(30.0, kX) * rot(50.0, kY);
  const SwingTwist st = swingTwist(q, kY);
  EXPECT_NEAR(degrees(twistAngleRad(q, kY)), 50.0, 1e-9);
  EXPECT_NEAR(std::abs(glm::dot(st.twist, rot(50.0, kY))), 1.0, 1e-12);
  EXPECT_NEAR(std::abs(glm::dot(st.swing, rot(30.0, kX))), 1.0, 1e-12);
  // swing * twist rebuilds q.
  EXPECT_NEAR(std::abs(glm::dot(st.swing * st.twist, q)), 1.0, 1e-12);
}

TEST(Angles, TwistAngleIsSigned) {
  EXPECT_NEAR(degrees(twistAngleRad(rot(-70.0, kY), kY)), -70.0, 1e-9);
  EXPECT_NEAR(degrees(twistAngleRad(rot(170.0, kY), kY)), 170.0, 1e-9);
  // A pure swing has no twist.
  EXPECT_NEAR(twistAngleRad(rot(40.0, kZ), kY), 0.0, 1e-12);
}

}  // namespace
}  // namespace lumbo
