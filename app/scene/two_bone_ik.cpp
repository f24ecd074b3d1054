// The law of cosines in the plane of the root, the end and the bend hint.
#include "app/scene/two_bone_ik.h"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>

namespace lumbo::app {

glm::dvec3 twoBoneJoint(const glm::dvec3& rootM, const glm::dvec3& endM, double upperM, double lowerM,
                        const glm::dvec3& bendHint) {
  const glm::dvec3 span = endM - rootM;
  const double distanceM = glm::length(span);
  if (distanceM < 1e-9) return rootM + upperM * glm::normalize(bendHint + glm::dvec3(0, 1e-9, 0));
  const glm::dvec3 along = span / distanceM;
  // The bend direction: the hint without its part along the limb.
  glm::dvec3 bend = bendHint - glm::dot(bendHint, along) * along;
  if (glm::length(bend) < 1e-9) {
    const glm::dvec3 helper = std::abs(along.y) < 0.9 ? glm::dvec3(0, 1, 0) : glm::dvec3(1, 0, 0);
    bend = glm::cross(along, helper);
  }
  bend = glm::normalize(bend);
  if (distanceM >= upperM + lowerM) return rootM + upperM * along;
  const double reachM = std::max(distanceM, std::abs(upperM - lowerM) + 1e-9);
  // Distance along the line to the foot of the perpendicular from the joint, and its height.
  const double x = (upperM * upperM - lowerM * lowerM + reachM * reachM) / (2.0 * reachM);
  const double h = std::sqrt(std::max(upperM * upperM - x * x, 0.0));
  return rootM + x * along + h * bend;
}

}  // namespace lumbo::app
