// The props of a session's physics world (ball, band, free weight) as render primitives, for the
// scene and its mirror.
#pragma once

#include "physics/physics_world.h"
#include "render/scene.h"

namespace lumbo::app {

// Appends the world's props to `scene`; a band is drawn in its grade's colour, as real bands are.
void appendProps(render::Scene& scene, const physics::PhysicsWorld& world);

}  // namespace lumbo::app
