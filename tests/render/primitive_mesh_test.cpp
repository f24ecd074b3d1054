// Tests that the generated meshes are closed, outward-facing and shaped as the shader expects.
#include <gtest/gtest.h>

#include <glm/geometric.hpp>

#include "render/primitive_mesh.h"

namespace lumbo::render {
namespace {

// Position of a capsule vertex for ends a = (0,-1,0), b = (0,1,0), radius 0.5, as the vertex
// shader places it (the capsule frame is the identity for an axis along +y).
glm::vec3 placed(const MeshVertex& v) {
  const glm::vec3 a(0.0f, -1.0f, 0.0f);
  const glm::vec3 b(0.0f, 1.0f, 0.0f);
  return a + (b - a) * v.endWeight + 0.5f * v.position;
}

TEST(CapsuleMesh, TrianglesFaceOutwards) {
  const Mesh mesh = makeCapsuleMesh(16, 6);
  ASSERT_EQ(mesh.indices.size() % 3, 0u);
  int nonDegenerate = 0;
  for (size_t i = 0; i < mesh.indices.size(); i += 3) {
    const glm::vec3 p0 = placed(mesh.vertices[mesh.indices[i]]);
    const glm::vec3 p1 = placed(mesh.vertices[mesh.indices[i + 1]]);
    const glm::vec3 p2 = placed(mesh.vertices[mesh.indices[i + 2]]);
    const glm::vec3 normal = glm::cross(p1 - p0, p2 - p0);
    if (glm::length(normal) < 1e-7f) continue;  // pole fans collapse to points
    ++nonDegenerate;
    // Outward: away from the nearest point on the axis segment.
    const glm::vec3 centroid = (p0 + p1 + p2) / 3.0f;
    const glm::vec3 axisPoint(0.0f, glm::clamp(centroid.y, -1.0f, 1.0f), 0.0f);
    EXPECT_GT(glm::dot(normal, centroid - axisPoint), 0.0f) << "triangle " << i / 3;
  }
  EXPECT_GT(nonDegenerate, 16 * 12);
}

TEST(CapsuleMesh, HemispheresHangOffTheirEnds) {
  const Mesh mesh = makeCapsuleMesh(12, 4);
  for (const MeshVertex& v : mesh.vertices) {
    EXPECT_NEAR(glm::length(v.position), 1.0f, 1e-5f);
    if (v.endWeight == 0.0f) {
      EXPECT_LE(v.position.y, 1e-6f);
    } else {
      EXPECT_EQ(v.endWeight, 1.0f);
      EXPECT_GE(v.position.y, -1e-6f);
    }
  }
}

TEST(BoxMesh, UnitCubeWithOutwardFaces) {
  const Mesh mesh = makeBoxMesh();
  EXPECT_EQ(mesh.vertices.size(), 24u);
  EXPECT_EQ(mesh.indices.size(), 36u);
  for (size_t i = 0; i < mesh.indices.size(); i += 3) {
    const MeshVertex& v0 = mesh.vertices[mesh.indices[i]];
    const glm::vec3 normal = glm::cross(mesh.vertices[mesh.indices[i + 1]].position - v0.position,
                                        mesh.vertices[mesh.indices[i + 2]].position - v0.position);
    EXPECT_GT(glm::dot(normal, v0.normal), 0.0f);
    EXPECT_GT(glm::dot(v0.position, v0.normal), 0.0f);
  }
  for (const MeshVertex& v : mesh.vertices) {
    EXPECT_FLOAT_EQ(glm::abs(v.position.x), 0.5f);
  }
}

}  // namespace
}  // namespace lumbo::render
