// The session's props (ball, band, weight) and furniture as the renderer's primitives.
#include "app/scene/props_scene.h"

#include <cmath>

#include <glm/geometric.hpp>

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

namespace {

constexpr float kSeatHalfWidthM = 0.21f;
constexpr float kSeatHalfDepthM = 0.20f;
constexpr float kBackHeightM = 0.42f;  // above the seat
const glm::vec4 kWoodRgba{0.56f, 0.38f, 0.22f, 1.0f};
const glm::vec4 kSeatRgba{0.44f, 0.30f, 0.18f, 1.0f};

}  // namespace

ChairPlacement chairPlacementFor(const Calibration& cal) {
  const bool pelvis = cal.devices.test(index(Device::Pelvis));
  const glm::dvec3 standingM = cal.neutralPositionM[index(pelvis ? Device::Pelvis : Device::Head)];
  glm::dvec3 facing = cal.forward();
  facing.y = 0.0;
  facing = glm::length(facing) > 1e-6 ? glm::normalize(facing) : glm::dvec3(0, 0, -1);
  const double statureM = cal.statureM > 0.0 ? cal.statureM : 1.70;
  // The seat's centre about 0.28 m behind the standing pelvis: its front edge is then a few
  // centimetres behind the heels' line, where the backs of the knees meet it.
  const glm::dvec3 seat = standingM - 0.28 * facing;
  ChairPlacement chair;
  chair.seatCentreM = glm::vec3(static_cast<float>(seat.x), static_cast<float>(0.26 * statureM), static_cast<float>(seat.z));
  chair.facing = glm::vec3(facing);
  return chair;
}

void appendChair(render::Scene& scene, const ChairPlacement& chair) {
  const glm::vec3 up(0.0f, 1.0f, 0.0f);
  const glm::vec3 front = glm::normalize(chair.facing);
  const glm::vec3 side = glm::normalize(glm::cross(front, up));
  const glm::vec3 c = chair.seatCentreM;
  const glm::vec3 floor(c.x, 0.0f, c.z);
  const float legR = 0.018f;
  const float slatR = 0.022f;
  // Legs at the corners, from the floor to under the seat.
  for (float s : {-1.0f, 1.0f}) {
    for (float f : {-1.0f, 1.0f}) {
      const glm::vec3 at = floor + (kSeatHalfWidthM - legR) * s * side + (kSeatHalfDepthM - legR) * f * front;
      scene.capsules.push_back({at + glm::vec3(0.0f, legR, 0.0f), at + (c.y - 2.0f * slatR) * up, legR, kWoodRgba});
    }
  }
  // The seat: slats side to side, close enough to read as one board.
  constexpr int kSeatSlats = 5;
  for (int i = 0; i < kSeatSlats; ++i) {
    const float t = -1.0f + 2.0f * static_cast<float>(i) / (kSeatSlats - 1);
    const glm::vec3 mid = c - slatR * up + t * (kSeatHalfDepthM - slatR) * front;
    scene.capsules.push_back({mid - (kSeatHalfWidthM - slatR) * side, mid + (kSeatHalfWidthM - slatR) * side, slatR, kSeatRgba});
  }
  // The backrest: the rear legs carried up, and slats across them.
  const glm::vec3 back = c - (kSeatHalfDepthM - legR) * front;
  for (float s : {-1.0f, 1.0f}) {
    const glm::vec3 at = back + (kSeatHalfWidthM - legR) * s * side;
    scene.capsules.push_back({at - slatR * up, at + kBackHeightM * up - 0.04f * front, legR, kWoodRgba});
  }
  for (float h : {0.22f, 0.31f, 0.40f}) {
    const glm::vec3 mid = back + h * up - 0.04f * (h / kBackHeightM) * front;
    scene.capsules.push_back({mid - (kSeatHalfWidthM - legR) * side, mid + (kSeatHalfWidthM - legR) * side, 0.02f, kWoodRgba});
  }
}

glm::dvec3 exercisePlaceM(const Calibration& calibration) {
  return calibration.devices.test(index(Device::Pelvis)) ? calibration.neutralPositionM[index(Device::Pelvis)]
                                                         : calibration.neutralPositionM[index(Device::Head)];
}

void placeMat(render::Scene& scene, const Calibration& calibration) {
  const glm::dvec3 place = exercisePlaceM(calibration);
  glm::dvec3 along = calibration.position == NeutralPosition::Standing ? calibration.forward() : calibration.superior();
  along.y = 0.0;
  scene.mat.centreM = glm::vec3(static_cast<float>(place.x), 0.0f, static_cast<float>(place.z));
  scene.mat.yawRad = static_cast<float>(std::atan2(along.x, along.z));
}

}  // namespace lumbo::app
