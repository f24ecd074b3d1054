// The meshes generated at start-up: a unit capsule for every avatar primitive and a unit box.
#pragma once

#include <cstdint>
#include <vector>

#include <glm/vec3.hpp>

namespace lumbo::render {

struct MeshVertex {
  glm::vec3 position{0.0f};  // capsule: offset on the unit sphere; box: position in the unit cube
  glm::vec3 normal{0.0f};
  float endWeight = 0.0f;  // capsule: 0 = attached to end a, 1 = attached to end b; box: unused
};

struct Mesh {
  std::vector<MeshVertex> vertices;
  std::vector<uint16_t> indices;  // triangle list, counter-clockwise seen from outside
};

// A capsule of unit radius whose two hemispheres hang off the ends a (offset y <= 0) and b
// (offset y >= 0). The vertex shader places each vertex at mix(a, b, endWeight) + radius * offset
// in a frame whose +y runs from a to b, so one mesh draws capsules of any length, and spheres
// when a == b (the cylinder band then has zero height). `segments` around the axis, `capRings`
// latitude steps per hemisphere.
Mesh makeCapsuleMesh(int segments, int capRings);

// The cube [-0.5, 0.5]^3 with flat normals (24 vertices).
Mesh makeBoxMesh();

}  // namespace lumbo::render
