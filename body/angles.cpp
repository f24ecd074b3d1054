// Swing-twist and Cardan decompositions.
#include "body/angles.h"

#include <algorithm>
#include <cmath>
#include <glm/gtc/constants.hpp>

namespace lumbo {

double degrees(double rad) { return rad * 180.0 / glm::pi<double>(); }
double radians(double deg) { return deg * glm::pi<double>() / 180.0; }

SwingTwist swingTwist(const glm::dquat& q, const glm::dvec3& axis) {
  const glm::dvec3 v(q.x, q.y, q.z);
  const glm::dvec3 p = glm::dot(v, axis) * axis;
  glm::dquat twist(q.w, p.x, p.y, p.z);
  const double len = glm::length(twist);
  if (len < 1e-12) {
    // A 180-degree swing: the twist is undefined, the identity is as good as any.
    twist = glm::dquat(1.0, 0.0, 0.0, 0.0);
  } else {
    twist = twist / len;
  }
  return SwingTwist{glm::normalize(q * glm::conjugate(twist)), twist};
}

double twistAngleRad(const glm::dquat& q, const glm::dvec3& axis) {
  const glm::dquat t = swingTwist(q, axis).twist;
  const double s = glm::dot(glm::dvec3(t.x, t.y, t.z), axis);
  double angle = 2.0 * std::atan2(s, t.w);
  if (angle > glm::pi<double>()) angle -= 2.0 * glm::pi<double>();
  if (angle < -glm::pi<double>()) angle += 2.0 * glm::pi<double>();
  return angle;
}

CardanZXY cardanZXY(const glm::dmat3& r) {
  // GLM is column-major: r[col][row]. Element (row i, col j) of the matrix is r[j][i].
  // For R = Rz(a) Rx(b) Ry(c): R(2,1) = sin b, R(0,1) = -sin a cos b, R(1,1) = cos a cos b,
  // R(2,0) = -cos b sin c, R(2,2) = cos b cos c.
  const double sb = std::clamp(r[1][2], -1.0, 1.0);
  CardanZXY out;
  out.bRad = std::asin(sb);
  if (std::abs(sb) < 1.0 - 1e-12) {
    out.aRad = std::atan2(-r[1][0], r[1][1]);
    out.cRad = std::atan2(-r[0][2], r[2][2]);
  } else {
    // Gimbal lock: only a + c (or a - c) is defined; put it all in a.
    out.aRad = std::atan2(r[0][1], r[0][0]);
    out.cRad = 0.0;
  }
  return out;
}

glm::dmat3 fromCardanZXY(const CardanZXY& angles) {
  const glm::dquat qz = glm::angleAxis(angles.aRad, glm::dvec3(0, 0, 1));
  const glm::dquat qx = glm::angleAxis(angles.bRad, glm::dvec3(1, 0, 0));
  const glm::dquat qy = glm::angleAxis(angles.cRad, glm::dvec3(0, 1, 0));
  return glm::mat3_cast(qz * qx * qy);
}

AnatomicalAngles anatomicalAngles(const glm::dquat& proximal, const glm::dquat& distal) {
  const glm::dmat3 rel = glm::mat3_cast(glm::conjugate(proximal) * distal);
  const CardanZXY c = cardanZXY(rel);
  return AnatomicalAngles{-degrees(c.aRad), degrees(c.bRad), -degrees(c.cRad)};
}

glm::dquat fromAnatomicalAngles(const AnatomicalAngles& angles) {
  const glm::dquat qz = glm::angleAxis(-radians(angles.flexionDeg), glm::dvec3(0, 0, 1));
  const glm::dquat qx = glm::angleAxis(radians(angles.lateralDeg), glm::dvec3(1, 0, 0));
  const glm::dquat qy = glm::angleAxis(-radians(angles.rotationDeg), glm::dvec3(0, 1, 0));
  return glm::normalize(qz * qx * qy);
}

}  // namespace lumbo
