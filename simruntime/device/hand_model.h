// The simulated person's hand: where each of the 26 XR_EXT_hand_tracking joints sits relative to
// the wrist for a gesture (open, point, pinch, fist), so that a trace's hand pose and a scripted
// gesture become a whole tracked hand.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>

#include <glm/vec3.hpp>

namespace lumbo::simxr {

enum class HandGesture { Open, Point, Pinch, Fist };

// "open", "point", "pinch", "fist"; nullopt for anything else.
std::optional<HandGesture> handGestureFromName(const std::string& name);

// The joints in XR_EXT_hand_tracking's order (palm, wrist, thumb metacarpal ... little tip).
inline constexpr std::size_t kHandJointCount = 26;
inline constexpr std::size_t kPalmJoint = 0;
inline constexpr std::size_t kWristJoint = 1;
inline constexpr std::size_t kThumbTipJoint = 5;
inline constexpr std::size_t kIndexTipJoint = 10;

struct HandJointOffsets {
  // Positions in the wrist joint's frame, metres: -z runs towards the fingertips and +y out of
  // the back of the hand, as the extension defines the joint axes.
  std::array<glm::dvec3, kHandJointCount> positionM{};
  std::array<double, kHandJointCount> radiusM{};
};

// An adult hand (about 19 cm from wrist to the middle fingertip). `left` mirrors it across the
// wrist's x axis, so the thumb is always on the side towards the body's midline.
HandJointOffsets handJointOffsets(HandGesture gesture, bool left);

}  // namespace lumbo::simxr
