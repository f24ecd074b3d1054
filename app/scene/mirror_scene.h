// The mirror in front of the person and the side view beside it: the avatar's primitives
// reflected across the mirror plane behind a framed glass, and a smaller copy turned a quarter
// turn so the sagittal plane (lordosis, pelvic tilt, hip hinge) faces the person.
#pragma once

#include <cstddef>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

#include "body/calibration.h"
#include "render/scene.h"

namespace lumbo::app {

struct MirrorPlacement {
  glm::vec3 centreM{0.0f, 1.0f, -2.0f};  // centre of the glass
  glm::vec3 normal{0.0f, 0.0f, 1.0f};    // unit, towards the person
  glm::vec3 up{0.0f, 1.0f, 0.0f};        // unit, along the glass's height
  glm::vec2 sizeM{1.0f, 1.9f};           // width, height
  glm::vec4 frameRgba{0.30f, 0.26f, 0.22f, 1.0f};
  // A faint tint: enough to read as glass, little enough to keep the reflection's colours.
  glm::vec4 glassRgba{0.80f, 0.90f, 1.00f, 0.10f};

  bool sideView = true;
  glm::vec3 sideViewPivotM{0.0f};                 // the person's position the copy turns about
  glm::vec3 sideViewAxis{0.0f, 1.0f, 0.0f};       // unit: vertical standing and kneeling
  float sideViewAngleRad = 1.5707963f;
  glm::vec3 sideViewAnchorM{1.0f, 0.0f, -1.9f};   // where the pivot lands
  float sideViewScale = 0.6f;
};

// Standing: a full-length mirror 2 m ahead, the side view to its right on the floor. Supine: a
// mirror overhead along the body, the side view (turned about the body's long axis) beside it.
// Four-point kneeling: a low, wide mirror ahead, the side view beside it on the floor.
// `pelvisM` is the pelvis at neutral; `anterior` and `superior` the body's axes there.
MirrorPlacement mirrorPlacementFor(NeutralPosition position, const glm::vec3& pelvisM,
                                   const glm::vec3& anterior, const glm::vec3& superior);
MirrorPlacement mirrorPlacementFor(const Calibration& calibration);

// Reflection of a point across the mirror's plane.
glm::vec3 reflectAcross(const MirrorPlacement& mirror, const glm::vec3& pointM);

// Appends the reflection of scene.capsules[firstCapsule..] and scene.spheres[firstSphere..]
// (the avatar, appended just before), the side-view copy of them, the frame and the glass.
// Reflecting each primitive is exact for our capsule-and-sphere scene and costs no extra pass.
void appendMirror(render::Scene& scene, const MirrorPlacement& mirror, std::size_t firstCapsule,
                  std::size_t firstSphere);

}  // namespace lumbo::app
