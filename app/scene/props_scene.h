// The props of a session's physics world (ball, band, free weight) as render primitives, for the
// scene and its mirror; and the furniture an exercise uses (the chair of sit to stand).
#pragma once

#include "body/calibration.h"
#include "physics/physics_world.h"
#include "render/scene.h"

namespace lumbo::app {

// Appends the world's props to `scene`; a band is drawn in its grade's colour, as real bands are.
void appendProps(render::Scene& scene, const physics::PhysicsWorld& world);

// A chair: the centre of the top of its seat on the floor plan and the way its front faces.
struct ChairPlacement {
  glm::vec3 seatCentreM{0.0f, 0.46f, 0.0f};  // y is the seat's height
  glm::vec3 facing{0.0f, 0.0f, -1.0f};       // horizontal, from the backrest to the front edge
};

// Behind the person standing at neutral, facing the way they face, the seat at knee height
// (0.26 of stature), its front edge where the backs of the knees are: where sitting down lands.
ChairPlacement chairPlacementFor(const Calibration& calibration);

// Where the person exercises: the neutral pelvis (the head without a pelvis tracker), the point
// the mat, ghost and coach are placed from.
glm::dvec3 exercisePlaceM(const Calibration& calibration);

// The mat under `exercisePlaceM`, along the body: the way a standing person faces, else the way
// a lying or kneeling person's head points.
void placeMat(render::Scene& scene, const Calibration& calibration);

// A wooden chair of capsules: four legs, a slatted seat, two uprights and a slatted backrest.
void appendChair(render::Scene& scene, const ChairPlacement& chair);

}  // namespace lumbo::app
