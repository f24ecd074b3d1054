// Pressing a panel button with a tracked hand: poking it with the index fingertip, or aiming a
// ray from the shoulder through the hand and pinching thumb and index finger together.
#pragma once

#include <glm/vec3.hpp>

#include "app/scene/ui_panels.h"
#include "body/pose.h"

namespace lumbo::app {

// A tracked hand's joints that pointing needs, in world space (XR_EXT_hand_tracking's).
struct HandJoints {
  bool active = false;
  glm::vec3 wristM{0.0f};
  glm::vec3 indexTipM{0.0f};
  glm::vec3 thumbTipM{0.0f};
  glm::vec3 indexKnuckleM{0.0f};
};

class HandPointer {
 public:
  // A fingertip this close in front of a panel hovers over it; at the surface (or through it, up
  // to kPokeDepthM) it presses.
  static constexpr float kHoverM = 0.12f;
  static constexpr float kTouchM = 0.01f;
  static constexpr float kPokeDepthM = 0.06f;
  // Thumb and index tips closer than this pinch; they must part beyond kReleaseM to let go, so
  // tracking jitter at the threshold does not click twice.
  static constexpr float kPinchM = 0.02f;
  static constexpr float kReleaseM = 0.035f;

  // The pointer of this frame: a poke where a fingertip is at a panel (either hand, right first),
  // otherwise the pinch ray of the right hand (the left when the right is not tracked); inactive
  // when no hand is tracked. `head` places the shoulders the pinch ray starts from.
  PanelInput update(const HandJoints& left, const HandJoints& right, const Pose& head, const UiPanels& panels);

  bool poking() const { return poking_; }
  bool pinching() const { return pinched_[0] || pinched_[1]; }

 private:
  bool poking_ = false;
  bool pinched_[2] = {false, false};
};

}  // namespace lumbo::app
