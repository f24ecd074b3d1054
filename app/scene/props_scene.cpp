// The session's props (ball, band, weight) as the renderer's primitives.
#include "app/scene/props_scene.h"

namespace lumbo::app {

void appendProps(render::Scene& scene, const physics::PhysicsWorld& world) {
  const physics::RenderData data = world.renderData();
  if (data.ball) {
    scene.spheres.push_back({data.ball->transform.positionM, data.ball->radiusM, glm::vec4(0.30f, 0.45f, 0.85f, 1.0f)});
  }
  if (data.weight) {
    const glm::vec3 axis = data.weight->transform.orientation * glm::vec3(1, 0, 0) * (0.5f * data.weight->lengthM);
    scene.capsules.push_back({data.weight->transform.positionM - axis, data.weight->transform.positionM + axis,
                              data.weight->radiusM, glm::vec4(0.25f, 0.25f, 0.28f, 1.0f)});
  }
  if (data.band) {
    // The band's colour is its grade's, as the real bands are coloured.
    const glm::vec4 colour = data.band->grade == physics::BandGrade::Yellow ? glm::vec4(0.95f, 0.85f, 0.20f, 1.0f)
                             : data.band->grade == physics::BandGrade::Green ? glm::vec4(0.20f, 0.70f, 0.30f, 1.0f)
                                                                            : glm::vec4(0.85f, 0.20f, 0.20f, 1.0f);
    const auto& p = data.band->pointsM;
    for (std::size_t i = 1; i < p.size(); ++i) scene.capsules.push_back({p[i - 1], p[i], 0.008f, colour});
  }
}

}  // namespace lumbo::app
