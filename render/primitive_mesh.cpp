// Generation of the capsule and box meshes.
#include "render/primitive_mesh.h"

#include <cassert>
#include <cmath>
#include <numbers>

namespace lumbo::render {

Mesh makeCapsuleMesh(int segments, int capRings) {
  assert(segments >= 3 && capRings >= 1);
  Mesh mesh;
  // Rings run from the pole under end a up to the pole over end b. The equator appears twice,
  // once attached to each end, and the band between those two copies is the cylinder.
  const int ringsPerCap = capRings + 1;
  const int ringCount = 2 * ringsPerCap;
  for (int ring = 0; ring < ringCount; ++ring) {
    const bool upper = ring >= ringsPerCap;
    const int step = upper ? ring - ringsPerCap : ring;  // 0..capRings within the hemisphere
    // Latitude from -90 to 0 degrees in the lower cap, 0 to 90 in the upper.
    const double fraction = static_cast<double>(step) / capRings;
    const double latitudeRad =
        (upper ? fraction : fraction - 1.0) * std::numbers::pi / 2.0;
    const float y = static_cast<float>(std::sin(latitudeRad));
    const float r = static_cast<float>(std::cos(latitudeRad));
    for (int s = 0; s < segments; ++s) {
      const double longitudeRad = 2.0 * std::numbers::pi * s / segments;
      const glm::vec3 offset(r * static_cast<float>(std::cos(longitudeRad)), y,
                             r * static_cast<float>(std::sin(longitudeRad)));
      mesh.vertices.push_back({offset, offset, upper ? 1.0f : 0.0f});
    }
  }
  auto at = [segments](int ring, int s) {
    return static_cast<uint16_t>(ring * segments + (s % segments));
  };
  for (int ring = 0; ring + 1 < ringCount; ++ring) {
    for (int s = 0; s < segments; ++s) {
      const uint16_t a = at(ring, s);
      const uint16_t b = at(ring, s + 1);
      const uint16_t c = at(ring + 1, s);
      const uint16_t d = at(ring + 1, s + 1);
      // Longitude runs from +x towards +z, i.e. clockwise seen from above (+y), so going up a
      // ring and back along it keeps the outside counter-clockwise.
      mesh.indices.insert(mesh.indices.end(), {a, c, b, b, c, d});
    }
  }
  return mesh;
}

Mesh makeBoxMesh() {
  Mesh mesh;
  // Each face: its normal and two in-plane axes u, v with u x v = normal, so (0,1,2) and (0,2,3)
  // over the corners -u-v, +u-v, +u+v, -u+v are counter-clockwise seen from outside.
  struct Face {
    glm::vec3 normal, u, v;
  };
  const Face faces[] = {
      {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},  {{-1, 0, 0}, {0, 0, 1}, {0, 1, 0}},
      {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}},  {{0, -1, 0}, {1, 0, 0}, {0, 0, 1}},
      {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}},  {{0, 0, -1}, {0, 1, 0}, {1, 0, 0}},
  };
  for (const Face& face : faces) {
    const auto base = static_cast<uint16_t>(mesh.vertices.size());
    const float corners[4][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
    for (const auto& corner : corners) {
      const glm::vec3 p = 0.5f * (face.normal + corner[0] * face.u + corner[1] * face.v);
      mesh.vertices.push_back({p, face.normal, 0.0f});
    }
    mesh.indices.insert(mesh.indices.end(),
                        {base, static_cast<uint16_t>(base + 1), static_cast<uint16_t>(base + 2),
                         base, static_cast<uint16_t>(base + 2), static_cast<uint16_t>(base + 3)});
  }
  return mesh;
}

}  // namespace lumbo::render
