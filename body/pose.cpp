// Rigid-transform arithmetic.
#include "body/pose.h"

#include <algorithm>
#include <cmath>

namespace lumbo {

Pose operator*(const Pose& a, const Pose& b) {
  return Pose{a.positionM + a.orientation * b.positionM,
              glm::normalize(a.orientation * b.orientation)};
}

Pose inverse(const Pose& p) {
  const glm::dquat inv = glm::conjugate(p.orientation);
  return Pose{-(inv * p.positionM), inv};
}

Pose relativePose(const Pose& parent, const Pose& child) { return inverse(parent) * child; }

glm::dquat slerpShortest(const glm::dquat& a, glm::dquat b, double t) {
  double cosTheta = glm::dot(a, b);
  if (cosTheta < 0.0) {
    b = -b;
    cosTheta = -cosTheta;
  }
  if (cosTheta > 0.9995) {
    return glm::normalize(a * (1.0 - t) + b * t);
  }
  const double theta = std::acos(std::clamp(cosTheta, -1.0, 1.0));
  const double sinTheta = std::sin(theta);
  const double wa = std::sin((1.0 - t) * theta) / sinTheta;
  const double wb = std::sin(t * theta) / sinTheta;
  return glm::normalize(a * wa + b * wb);
}

Pose interpolate(const Pose& a, const Pose& b, double t) {
  return Pose{a.positionM + (b.positionM - a.positionM) * t,
              slerpShortest(a.orientation, b.orientation, t)};
}

double rotationAngleRad(const glm::dquat& q) {
  const double w = std::clamp(std::abs(q.w), 0.0, 1.0);
  const double vecLen = std::sqrt(q.x * q.x + q.y * q.y + q.z * q.z);
  return 2.0 * std::atan2(vecLen, w);
}

}  // namespace lumbo
