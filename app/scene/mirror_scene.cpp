// Mirror and side-view placement for each starting position, and their primitives.
#include "app/scene/mirror_scene.h"

#include <glm/geometric.hpp>
#include <glm/gtc/quaternion.hpp>

#include "body/pose.h"

namespace lumbo::app {

MirrorPlacement mirrorPlacementFor(NeutralPosition position, const glm::vec3& pelvisM,
                                   const glm::vec3& anterior, const glm::vec3& superior) {
  const glm::vec3 up(0.0f, 1.0f, 0.0f);
  const glm::vec3 floorM(pelvisM.x, 0.0f, pelvisM.z);
  MirrorPlacement m;
  m.sideViewPivotM = floorM;
  switch (position) {
    case NeutralPosition::Standing: {
      const glm::vec3 forward = horizontal(anterior, {0.0f, 0.0f, -1.0f});
      const glm::vec3 right = glm::cross(forward, up);
      m.sizeM = {1.0f, 1.9f};
      m.centreM = floorM + 2.0f * forward + glm::vec3(0.0f, 0.05f + 0.5f * m.sizeM.y, 0.0f);
      m.normal = -forward;
      m.up = up;
      m.sideViewAxis = up;
      m.sideViewAnchorM = floorM + 1.8f * forward + 1.05f * right;
      break;
    }
    case NeutralPosition::Supine: {
      // Overhead: the person sees the body's length reflected, from pelvis to head.
      const glm::vec3 crownward = horizontal(superior, {0.0f, 0.0f, -1.0f});
      const glm::vec3 right = glm::cross(up, crownward);  // the person's right, lying face up
      constexpr float kHeightM = 1.9f;
      m.sizeM = {1.0f, 1.9f};
      m.centreM = glm::vec3(pelvisM.x, kHeightM, pelvisM.z) + 0.25f * crownward;
      m.normal = -up;
      m.up = crownward;
      m.sideViewPivotM = pelvisM;
      m.sideViewAxis = crownward;  // the profile then faces down, at the person
      m.sideViewAnchorM = glm::vec3(pelvisM.x, kHeightM - 0.35f, pelvisM.z) + 1.0f * right;
      break;
    }
    case NeutralPosition::FourPointKneeling: {
      const glm::vec3 crownward = horizontal(superior, {0.0f, 0.0f, -1.0f});
      const glm::vec3 right = glm::cross(crownward, up);
      m.sizeM = {1.4f, 1.1f};
      m.centreM = floorM + 2.2f * crownward + glm::vec3(0.0f, 0.5f * m.sizeM.y, 0.0f);
      m.normal = -crownward;
      m.up = up;
      m.sideViewAxis = up;
      m.sideViewAnchorM = floorM + 2.0f * crownward + 1.4f * right;
      break;
    }
  }
  return m;
}

MirrorPlacement mirrorPlacementFor(const Calibration& calibration) {
  return mirrorPlacementFor(calibration.position,
                            glm::vec3(calibration.neutralPositionM[index(Device::Pelvis)]),
                            glm::vec3(calibration.forward()), glm::vec3(calibration.superior()));
}

glm::vec3 reflectAcross(const MirrorPlacement& mirror, const glm::vec3& pointM) {
  return pointM - 2.0f * glm::dot(pointM - mirror.centreM, mirror.normal) * mirror.normal;
}

void appendMirror(render::Scene& scene, const MirrorPlacement& mirror, std::size_t firstCapsule,
                  std::size_t firstSphere) {
  const std::size_t capsuleEnd = scene.capsules.size();
  const std::size_t sphereEnd = scene.spheres.size();
  const std::size_t copies = mirror.sideView ? 2 : 1;
  scene.capsules.reserve(capsuleEnd + copies * (capsuleEnd - firstCapsule) + 4);
  scene.spheres.reserve(sphereEnd + copies * (sphereEnd - firstSphere));

  for (std::size_t i = firstCapsule; i < capsuleEnd; ++i) {
    render::CapsulePrimitive c = scene.capsules[i];
    c.aM = reflectAcross(mirror, c.aM);
    c.bM = reflectAcross(mirror, c.bM);
    scene.capsules.push_back(c);
  }
  for (std::size_t i = firstSphere; i < sphereEnd; ++i) {
    render::SpherePrimitive s = scene.spheres[i];
    s.centreM = reflectAcross(mirror, s.centreM);
    scene.spheres.push_back(s);
  }

  if (mirror.sideView) {
    const glm::quat turn = glm::angleAxis(mirror.sideViewAngleRad, mirror.sideViewAxis);
    const float k = mirror.sideViewScale;
    auto place = [&](const glm::vec3& p) {
      return mirror.sideViewAnchorM + k * (turn * (p - mirror.sideViewPivotM));
    };
    for (std::size_t i = firstCapsule; i < capsuleEnd; ++i) {
      render::CapsulePrimitive c = scene.capsules[i];
      c.aM = place(c.aM);
      c.bM = place(c.bM);
      c.radiusM *= k;
      c.radiusBM *= k;
      scene.capsules.push_back(c);
    }
    for (std::size_t i = firstSphere; i < sphereEnd; ++i) {
      render::SpherePrimitive s = scene.spheres[i];
      s.centreM = place(s.centreM);
      s.radiusM *= k;
      scene.spheres.push_back(s);
    }
  }

  // The frame: four bars just proud of the glass, so they read as its edge from any angle.
  const glm::vec3 right = glm::normalize(glm::cross(mirror.up, mirror.normal));
  const glm::vec3 halfW = 0.5f * mirror.sizeM.x * right;
  const glm::vec3 halfH = 0.5f * mirror.sizeM.y * mirror.up;
  const glm::vec3 c = mirror.centreM + 0.02f * mirror.normal;
  const glm::vec3 corners[4] = {c - halfW - halfH, c + halfW - halfH, c + halfW + halfH,
                                c - halfW + halfH};
  for (int i = 0; i < 4; ++i) {
    scene.capsules.push_back({corners[i], corners[(i + 1) % 4], 0.025f, mirror.frameRgba});
  }
  render::TexturedQuad glass;
  glass.centreM = mirror.centreM;
  glass.halfWidthM = halfW;
  glass.halfHeightM = halfH;
  glass.tintRgba = mirror.glassRgba;
  scene.quads.push_back(glass);
}

}  // namespace lumbo::app
