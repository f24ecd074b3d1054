// HandPointer: poke and pinch from hand joints.
#include "app/scene/hand_pointer.h"

#include <cmath>
#include <optional>

#include <glm/geometric.hpp>

namespace lumbo::app {

namespace {

// A fingertip's poke on the panel it is in front of: the pointer straight at the panel from
// just in front of the tip, pressed when the tip reaches the surface.
std::optional<PanelInput> poke(const glm::vec3& tipM, const glm::vec3& eyeM, const UiPanels& panels) {
  std::optional<PanelInput> best;
  float bestDistanceM = HandPointer::kHoverM;
  for (PanelId panel : {PanelId::Session, PanelId::Controls}) {
    const render::TexturedQuad& q = panels.quad(panel);
    glm::vec3 normal = glm::normalize(glm::cross(q.halfWidthM, q.halfHeightM));
    if (glm::dot(eyeM - q.centreM, normal) < 0.0f) normal = -normal;  // towards the person
    const float distanceM = glm::dot(tipM - q.centreM, normal);
    if (distanceM > bestDistanceM || distanceM < -HandPointer::kPokeDepthM) continue;
    PanelInput input;
    input.rayOrigin = tipM + (std::max(distanceM, 0.0f) + 0.05f) * normal;
    input.rayDirection = -normal;
    input.active = true;
    input.showRay = false;
    if (!panels.hitTest(input)) continue;  // beside the panel
    input.select = distanceM <= HandPointer::kTouchM;
    best = input;
    bestDistanceM = distanceM;
  }
  return best;
}

}  // namespace

PanelInput HandPointer::update(const HandJoints& left, const HandJoints& right, const Pose& head,
                               const UiPanels& panels) {
  const glm::vec3 eyeM(head.positionM);
  const HandJoints* hands[2] = {&left, &right};
  for (int h = 0; h < 2; ++h) {
    const HandJoints& hand = *hands[h];
    if (!hand.active) {
      pinched_[h] = false;
      continue;
    }
    const float gapM = glm::length(hand.thumbTipM - hand.indexTipM);
    pinched_[h] = pinched_[h] ? gapM < kReleaseM : gapM < kPinchM;
  }
  poking_ = false;
  for (int h : {1, 0}) {
    if (!hands[h]->active) continue;
    if (auto input = poke(hands[h]->indexTipM, eyeM, panels)) {
      poking_ = true;
      return *input;
    }
  }
  for (int h : {1, 0}) {
    const HandJoints& hand = *hands[h];
    if (!hand.active) continue;
    // From the shoulder through the pinch: the ray a person aims along with a straight arm.
    const glm::dvec3 headRight = head.orientation * glm::dvec3(1, 0, 0);
    const glm::vec3 shoulderM(head.positionM + glm::dvec3(0, -0.18, 0) + (h == 1 ? 0.17 : -0.17) * headRight);
    // Through the index knuckle, which stays put while the fingers pinch.
    const glm::vec3 throughM = hand.indexKnuckleM;
    if (glm::length(throughM - shoulderM) < 1e-3f) continue;
    PanelInput input;
    input.rayOrigin = throughM;
    input.rayDirection = glm::normalize(throughM - shoulderM);
    input.select = pinched_[h];
    input.active = true;
    return input;
  }
  return {};
}

}  // namespace lumbo::app
