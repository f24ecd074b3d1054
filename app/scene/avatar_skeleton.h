// The joints the avatar is drawn through, from the tracked devices and the calibration: measured
// where a tracker gives them, estimated by two-bone IK (knees, elbows) or anatomical offsets
// where none does, and marked so. Built only for drawing: body/ and exercises/ never see it, so
// an estimated joint can never be scored.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include <glm/vec3.hpp>

#include "body/calibration.h"
#include "body/tracked_frame.h"

namespace lumbo::app {

enum class AvatarJoint : std::uint8_t {
  HeadCentre, Neck, Thoracolumbar, HipCentre,
  LShoulder, RShoulder, LElbow, RElbow, LWrist, RWrist,
  LHip, RHip, LKnee, RKnee, LAnkle, RAnkle,
};
inline constexpr std::size_t kAvatarJointCount = 16;

// Segment lengths as fractions of stature (Drillis and Contini; Winter, Biomechanics and Motor
// Control of Human Movement): hip to knee, knee to ankle, shoulder to elbow, elbow to wrist.
inline constexpr double kThighPerStature = 0.245;
inline constexpr double kShankPerStature = 0.246;
inline constexpr double kUpperArmPerStature = 0.186;
inline constexpr double kForearmPerStature = 0.146;

struct AvatarSkeleton {
  std::array<std::optional<glm::dvec3>, kAvatarJointCount> positionM{};
  std::array<bool, kAvatarJointCount> estimated{};  // placed by IK, not by a tracker
  glm::dvec3 right{1, 0, 0};    // the body's axes this frame (pelvis, else chest)
  glm::dvec3 forward{0, 0, -1};
  double statureM = 1.70;

  const std::optional<glm::dvec3>& operator[](AvatarJoint j) const { return positionM[static_cast<std::size_t>(j)]; }
  bool isEstimated(AvatarJoint j) const { return estimated[static_cast<std::size_t>(j)]; }
};

// Joints with no device to place them stay empty (no trunk without pelvis or head, no leg without
// its foot, no arm without its hand). A knee or elbow with a tracker is measured (estimated when
// its source says so, as body-tracking extensions do); without one it is solved from hip and
// ankle (shoulder and wrist) at the stature's bone lengths, knees bending forward and elbows back
// and out.
AvatarSkeleton avatarSkeleton(const TrackedFrame& frame, const Calibration& calibration);

}  // namespace lumbo::app
