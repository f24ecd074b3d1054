// Rigid transforms (position + orientation) and the pose arithmetic the rest of Lumbo shares.
#pragma once

#include <type_traits>

#include <glm/geometric.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/vec3.hpp>

namespace lumbo {

// A rigid transform from a local frame into a parent frame (for device poses: device-local to
// world). Positions in metres. Orientation is kept unit length by every operation here.
struct Pose {
  glm::dvec3 positionM{0.0};
  glm::dquat orientation{1.0, 0.0, 0.0, 0.0};  // w, x, y, z

  // Applies this transform to a point given in the local frame.
  glm::dvec3 transformPoint(const glm::dvec3& localM) const {
    return positionM + orientation * localM;
  }
  glm::dvec3 transformVector(const glm::dvec3& local) const { return orientation * local; }
};

// a * b: first b, then a (maps b's local frame through a into a's parent).
Pose operator*(const Pose& a, const Pose& b);
Pose inverse(const Pose& p);

// The pose of `child` expressed in the frame of `parent`: inverse(parent) * child.
Pose relativePose(const Pose& parent, const Pose& child);

// Interpolation at fraction t in [0, 1]: linear in position, shortest-arc slerp in orientation.
Pose interpolate(const Pose& a, const Pose& b, double t);

// Spherical interpolation along the shorter arc; falls back to normalised lerp when the two
// rotations are nearly equal, where slerp's division becomes ill-conditioned.
glm::dquat slerpShortest(const glm::dquat& a, glm::dquat b, double t);

// Rotation angle of a unit quaternion, radians in [0, pi].
double rotationAngleRad(const glm::dquat& q);

// The heading of `v` on the floor (stage frame, +y up): its horizontal part, unit length. A
// vertical `v` has no heading, so `fallback` is returned instead; callers that must refuse such
// input pass zero and test the length.
template <typename T>
glm::vec<3, T> horizontal(const glm::vec<3, T>& v, const glm::vec<3, T>& fallback = glm::vec<3, T>(0)) {
  // Shorter than this the direction is rounding noise of the type (float keeps about 7 digits).
  const T minLength = std::is_same_v<T, float> ? T(1e-4) : T(1e-9);
  const glm::vec<3, T> h(v.x, T(0), v.z);
  const T length = glm::length(h);
  return length > minLength ? h / length : fallback;
}

}  // namespace lumbo
