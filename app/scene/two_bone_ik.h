// Two-bone inverse kinematics: where a middle joint (knee, elbow) lies between a root (hip,
// shoulder) and an end (ankle, wrist) for given bone lengths, bending towards a hint.
#pragma once

#include <glm/vec3.hpp>

namespace lumbo::app {

// The middle joint at `upperM` from `rootM` and `lowerM` from `endM`, on the side of the root-end
// line that `bendHint` points to (e.g. the body's forward for a knee). Where the end is out of
// reach the limb is straight, the joint on the line at `upperM` from the root (the lower bone
// then reaches the end, stretched); where it is nearer than the bones allow the joint folds as
// far as the difference of the lengths. A hint along the line bends towards any perpendicular.
glm::dvec3 twoBoneJoint(const glm::dvec3& rootM, const glm::dvec3& endM, double upperM, double lowerM,
                        const glm::dvec3& bendHint);

}  // namespace lumbo::app
