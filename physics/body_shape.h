// The person's collision shape: capsules and spheres for the body parts, sized once from the
// calibration and posed every frame from the tracked devices, deriving what is not tracked.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <glm/vec3.hpp>

#include "body/calibration.h"
#include "body/tracked_frame.h"

namespace lumbo::physics {

// Hands, knees and feet are parts of their own so that contact queries can tell a kneeling knee
// from a shin resting on the floor, or a hand from a forearm.
enum class BodyPart : std::uint8_t {
  Head,
  Trunk,   // from the lumbar spine to the base of the neck: "the back" when supine
  Pelvis,  // across the hip joints: lifted in a bridge
  LUpperArm,
  RUpperArm,
  LForearm,
  RForearm,
  LHand,
  RHand,
  LThigh,
  RThigh,
  LKnee,
  RKnee,
  LShank,
  RShank,
  LFoot,
  RFoot,
};
inline constexpr std::size_t kBodyPartCount = 17;

constexpr std::size_t index(BodyPart p) { return static_cast<std::size_t>(p); }
std::string_view bodyPartName(BodyPart p);  // "left_knee", ...

// How a part's pose this frame was obtained. Derived parts come partly from anthropometric
// proportions or inverse kinematics (an untracked knee between hip and foot), or from a device
// the source only estimated; contact checks treat them as less certain.
enum class PartSource : std::uint8_t { Omitted, Derived, Tracked };

// A capsule's axis is its local y; a sphere has halfLengthM 0.
struct PartDimensions {
  double radiusM = 0.0;
  double halfLengthM = 0.0;  // half the straight part between the two hemispherical caps
  bool sphere() const { return halfLengthM <= 0.0; }
};

// Fixed for a session: Bullet shapes are built from these once.
struct BodyDimensions {
  double statureM = 0.0;
  std::array<PartDimensions, kBodyPartCount> parts{};
  const PartDimensions& operator[](BodyPart p) const { return parts[index(p)]; }
};

struct PartState {
  PartSource source = PartSource::Omitted;
  Pose pose;  // centre and orientation in world; a capsule's axis is the pose's local y
  // Why the part is derived or omitted, for the user ("no elbow tracker: elbow from
  // shoulder and hand"); empty when tracked.
  std::string_view note;
};

struct BodyPose {
  double timeS = 0.0;
  std::array<PartState, kBodyPartCount> parts{};
  PartState& operator[](BodyPart p) { return parts[index(p)]; }
  const PartState& operator[](BodyPart p) const { return parts[index(p)]; }
  bool present(BodyPart p) const { return parts[index(p)].source != PartSource::Omitted; }
};

// The ends of a part's straight axis in world (equal for a sphere).
struct Segment {
  glm::dvec3 aM{0.0};
  glm::dvec3 bM{0.0};
};
Segment partAxis(const PartState& state, const PartDimensions& dims);

// Segment lengths come from the calibrated neutral pose (the joints computed there, so the
// capsules fit the person at neutral); radii and untracked lengths from stature.
BodyDimensions bodyDimensions(const Calibration& calibration);

// Poses every part from one frame. Parts whose devices are missing are derived where the
// anatomy allows it (elbows, knees, shoulders, the top of the trunk from the head) and omitted
// otherwise, with the reason in the part's note.
BodyPose poseBody(const TrackedFrame& frame, const Calibration& calibration, const BodyDimensions& dims);

// Part by part: positions linear, orientations slerped; a part present at only one end takes
// the other end's state as is.
BodyPose interpolate(const BodyPose& a, const BodyPose& b, double t);

}  // namespace lumbo::physics
