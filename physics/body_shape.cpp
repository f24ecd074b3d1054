// Body collision shape: joint positions from tracked devices (or derived), capsules between them.
#include "physics/body_shape.h"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/mat3x3.hpp>

namespace lumbo::physics {
namespace {

// Without a head at calibration there is no stature; an average adult keeps the shapes usable.
constexpr double kDefaultStatureM = 1.70;
// Offsets below are for a 1.75 m person and scale with stature.
constexpr double kReferenceStatureM = 1.75;

// Anthropometric proportions of stature (Drillis & Contini, as tabulated by Winter), used for
// segments whose ends are not both tracked and for the widths no tracker measures.
constexpr double kTrunkLength = 0.235;     // lumbar spine to the base of the neck
constexpr double kUpperArmLength = 0.19;   // shoulder to elbow
constexpr double kForearmLength = 0.17;    // elbow to the hand's grip (where a controller is)
constexpr double kThighLength = 0.24;      // hip to knee
constexpr double kShankLength = 0.23;      // knee to ankle
constexpr double kFootLength = 0.15;
constexpr double kHipHalfWidth = 0.05;     // hip joint centre from the midline
constexpr double kShoulderHalfWidth = 0.11;

struct Joint {
  bool ok = false;
  glm::dvec3 p{0.0};
  PartSource source = PartSource::Omitted;
  std::string_view note;
};

Joint tracked(const glm::dvec3& p, PartSource s) { return {true, p, s, {}}; }
Joint derived(const glm::dvec3& p, std::string_view note) { return {true, p, PartSource::Derived, note}; }

PartSource weakest(PartSource a, PartSource b) { return std::min(a, b); }

// A device as the shape builder sees it: a position, its segment's anatomical frame, and how
// far to trust them. Uncalibrated devices have no known mounting, so their segment frame falls
// back to the neutral body frame and everything built from them is derived.
struct DeviceView {
  bool valid = false;
  PartSource source = PartSource::Omitted;
  glm::dvec3 positionM{0.0};
  glm::dquat frame{1, 0, 0, 0};
};

DeviceView view(const TrackedFrame& f, const Calibration& cal, Device d) {
  DeviceView v;
  const DeviceState& s = f[d];
  if (!s.valid) return v;
  v.valid = true;
  v.positionM = s.pose.positionM;
  const bool calibrated = cal.devices.test(index(d));
  v.frame = calibrated ? glm::normalize(s.pose.orientation * cal.mount[index(d)]) : cal.neutralFrame;
  v.source = calibrated && !s.estimated ? PartSource::Tracked : PartSource::Derived;
  return v;
}

glm::dvec3 unitOr(const glm::dvec3& v, const glm::dvec3& fallback) {
  const double n = glm::length(v);
  return n > 1e-9 ? v / n : fallback;
}

// A rotation whose local y is `yAxis` and whose local x is as close to `xHint` as allowed.
glm::dquat frameAlong(const glm::dvec3& yAxis, const glm::dvec3& xHint) {
  const glm::dvec3 y = unitOr(yAxis, glm::dvec3(0, 1, 0));
  glm::dvec3 x = xHint - y * glm::dot(xHint, y);
  if (glm::length(x) < 1e-6) {
    const glm::dvec3 other = std::abs(y.x) < 0.9 ? glm::dvec3(1, 0, 0) : glm::dvec3(0, 0, 1);
    x = other - y * glm::dot(other, y);
  }
  x = glm::normalize(x);
  const glm::dvec3 z = glm::cross(x, y);
  return glm::normalize(glm::quat_cast(glm::dmat3(x, y, z)));
}

// The middle joint of a two-segment limb (elbow, knee) bending toward `pole`; a limb reaching
// further than its length is drawn straight, in proportion.
glm::dvec3 twoBoneJoint(const glm::dvec3& a, const glm::dvec3& c, double l1, double l2, const glm::dvec3& pole) {
  const glm::dvec3 d = c - a;
  const double dist = glm::length(d);
  if (dist < 1e-9) return a + unitOr(pole, glm::dvec3(1, 0, 0)) * l1;
  const glm::dvec3 dir = d / dist;
  if (dist >= l1 + l2) return a + dir * (dist * l1 / (l1 + l2));
  const double along = (l1 * l1 - l2 * l2 + dist * dist) / (2.0 * dist);
  const double out = std::sqrt(std::max(0.0, l1 * l1 - along * along));
  glm::dvec3 perp = pole - dir * glm::dot(pole, dir);
  perp = unitOr(perp, glm::abs(dir.y) < 0.9 ? glm::cross(dir, glm::dvec3(0, 1, 0)) : glm::dvec3(1, 0, 0));
  return a + dir * along + glm::normalize(perp) * out;
}

// Every joint of one frame. Offsets place joint centres relative to where the trackers are worn:
// the waist tracker on the back of the belt, the chest tracker on the sternum, the headset in
// front of the eyes, controllers in the fists, knee and shoulder trackers over the joints, foot
// trackers on the instep.
struct Skeleton {
  double h = kDefaultStatureM;
  double s = 1.0;  // stature relative to the reference
  Joint head, upperTrunk, hipCentre, lowerTrunk, pelvisCentre;
  glm::dquat headFrame{1, 0, 0, 0}, trunkFrame{1, 0, 0, 0}, pelvisFrame{1, 0, 0, 0};
  std::array<Joint, 2> shoulder, elbow, hand, hip, knee, ankle, foot;
  std::array<glm::dquat, 2> footFrame{};
};

Skeleton skeleton(const TrackedFrame& f, const Calibration& cal, double statureM) {
  Skeleton k;
  k.h = statureM;
  k.s = statureM / kReferenceStatureM;
  const double h = k.h, s = k.s;
  const DeviceView head = view(f, cal, Device::Head);
  const DeviceView chest = view(f, cal, Device::Chest);
  const DeviceView pelvis = view(f, cal, Device::Pelvis);

  if (head.valid) {
    k.headFrame = head.frame;
    k.head = tracked(head.positionM + head.frame * glm::dvec3(-0.09 * s, -0.03 * s, 0), head.source);
  }
  if (chest.valid) {
    k.trunkFrame = chest.frame;
    k.upperTrunk = tracked(chest.positionM + chest.frame * glm::dvec3(-0.10 * s, 0.07 * h, 0), chest.source);
  } else if (head.valid) {
    k.trunkFrame = head.frame;
    k.upperTrunk = derived(head.positionM + head.frame * glm::dvec3(-0.04 * s, -0.11 * h, 0),
                           "no chest tracker: top of the trunk from the headset");
  }
  if (pelvis.valid) {
    k.pelvisFrame = pelvis.frame;
    if (!chest.valid && !head.valid) k.trunkFrame = pelvis.frame;
    k.hipCentre = tracked(pelvis.positionM + pelvis.frame * glm::dvec3(0.10 * s, -0.08 * s, 0), pelvis.source);
    k.pelvisCentre = k.hipCentre;
    k.pelvisCentre.p += pelvis.frame * glm::dvec3(0, 0.03 * s, 0);
    k.lowerTrunk = k.hipCentre;
    k.lowerTrunk.p += pelvis.frame * glm::dvec3(0, 0.12 * s, 0);
  }

  for (int i = 0; i < 2; ++i) {
    const bool right = i == 1;
    const double side = right ? 1.0 : -1.0;
    const DeviceView shoulderDev = view(f, cal, right ? Device::RShoulder : Device::LShoulder);
    const DeviceView elbowDev = view(f, cal, right ? Device::RElbow : Device::LElbow);
    const DeviceView handDev = view(f, cal, right ? Device::RHand : Device::LHand);
    const DeviceView kneeDev = view(f, cal, right ? Device::RKnee : Device::LKnee);
    const DeviceView footDev = view(f, cal, right ? Device::RFoot : Device::LFoot);

    if (shoulderDev.valid) {
      k.shoulder[i] = tracked(shoulderDev.positionM, shoulderDev.source);
    } else if (chest.valid) {
      k.shoulder[i] = derived(chest.positionM + chest.frame * glm::dvec3(-0.16 * s, 0.045 * h, side * kShoulderHalfWidth * h),
                              "no shoulder tracker: shoulder from the chest tracker");
    } else if (head.valid) {
      k.shoulder[i] = derived(head.positionM + head.frame * glm::dvec3(-0.10 * s, -0.14 * h, side * kShoulderHalfWidth * h),
                              "no shoulder or chest tracker: shoulder from the headset");
    }
    if (handDev.valid) k.hand[i] = tracked(handDev.positionM, handDev.source);
    if (elbowDev.valid) {
      k.elbow[i] = tracked(elbowDev.positionM, elbowDev.source);
    } else if (k.shoulder[i].ok && k.hand[i].ok) {
      // Elbows bend backward and out.
      const glm::dvec3 pole = k.trunkFrame * glm::dvec3(-1.0, 0.0, 0.5 * side);
      k.elbow[i] = derived(twoBoneJoint(k.shoulder[i].p, k.hand[i].p, kUpperArmLength * h, kForearmLength * h, pole),
                           "no elbow tracker: elbow from shoulder and hand");
    }

    if (k.hipCentre.ok) {
      k.hip[i] = k.hipCentre;
      k.hip[i].p += pelvis.frame * glm::dvec3(0, 0, side * kHipHalfWidth * h);
    }
    if (footDev.valid) {
      k.footFrame[i] = footDev.frame;
      k.foot[i] = tracked(footDev.positionM + footDev.frame * glm::dvec3(0.02 * s, -0.01 * s, 0), footDev.source);
      k.ankle[i] = tracked(footDev.positionM + footDev.frame * glm::dvec3(-0.04 * s, 0.05 * s, 0), footDev.source);
    }
    if (kneeDev.valid) {
      k.knee[i] = tracked(kneeDev.positionM, kneeDev.source);
    } else if (k.hip[i].ok && k.ankle[i].ok) {
      // Knees bend forward of the hip-ankle line, in the pelvis's anterior direction.
      k.knee[i] = derived(twoBoneJoint(k.hip[i].p, k.ankle[i].p, kThighLength * h, kShankLength * h,
                                       pelvis.frame * glm::dvec3(1, 0, 0)),
                          "no knee tracker: knee from hip and foot");
    }
  }
  return k;
}

void placeSegment(PartState& part, const Joint& a, const Joint& b, const glm::dvec3& xHint,
                  std::string_view missingNote) {
  if (!a.ok || !b.ok) {
    part = PartState{PartSource::Omitted, Pose{}, missingNote};
    return;
  }
  part.source = weakest(a.source, b.source);
  part.note = !a.note.empty() ? a.note : b.note;
  part.pose.positionM = 0.5 * (a.p + b.p);
  part.pose.orientation = frameAlong(b.p - a.p, xHint);
}

void placeSphere(PartState& part, const Joint& j, const glm::dquat& frame, std::string_view missingNote) {
  if (!j.ok) {
    part = PartState{PartSource::Omitted, Pose{}, missingNote};
    return;
  }
  part.source = j.source;
  part.note = j.note;
  part.pose = Pose{j.p, frame};
}

double statureOf(const Calibration& cal) { return cal.statureM > 0.5 ? cal.statureM : kDefaultStatureM; }

// The tracked frame a calibration describes: every calibrated device at its neutral position with
// its segment frame equal to the neutral body frame.
TrackedFrame neutralFrameOf(const Calibration& cal) {
  TrackedFrame f;
  for (Device d : kAllDevices) {
    if (!cal.devices.test(index(d))) continue;
    DeviceState& s = f[d];
    s.valid = true;
    s.pose.positionM = cal.neutralPositionM[index(d)];
    s.pose.orientation = glm::normalize(cal.neutralFrame * glm::conjugate(cal.mount[index(d)]));
  }
  return f;
}

}  // namespace

std::string_view bodyPartName(BodyPart p) {
  static constexpr std::array<std::string_view, kBodyPartCount> kNames = {
      "head",      "trunk",      "pelvis",     "left_upper_arm", "right_upper_arm", "left_forearm",
      "right_forearm", "left_hand", "right_hand", "left_thigh",  "right_thigh",     "left_knee",
      "right_knee", "left_shank", "right_shank", "left_foot",    "right_foot"};
  return kNames[index(p)];
}

Segment partAxis(const PartState& state, const PartDimensions& dims) {
  const glm::dvec3 half = state.pose.orientation * glm::dvec3(0, dims.halfLengthM, 0);
  return {state.pose.positionM - half, state.pose.positionM + half};
}

BodyDimensions bodyDimensions(const Calibration& cal) {
  BodyDimensions d;
  const double h = statureOf(cal);
  const double s = h / kReferenceStatureM;
  d.statureM = h;
  const Skeleton k = skeleton(neutralFrameOf(cal), cal, h);

  // A segment's length between its joints at neutral, or the anthropometric one.
  auto length = [](const Joint& a, const Joint& b, double fallbackM) {
    if (!a.ok || !b.ok) return fallbackM;
    const double m = glm::length(b.p - a.p);
    return m > 0.02 ? m : fallbackM;
  };
  // Capsules span joint to joint: the straight part is the length less both caps.
  auto capsule = [](double lengthM, double radiusM) {
    return PartDimensions{radiusM, std::max(0.005, 0.5 * lengthM - radiusM)};
  };
  auto set = [&](BodyPart p, PartDimensions v) { d.parts[index(p)] = v; };

  set(BodyPart::Head, {0.10 * s, 0.0});
  set(BodyPart::Trunk, capsule(length(k.lowerTrunk, k.upperTrunk, kTrunkLength * h) + 2 * 0.11 * s, 0.11 * s));
  set(BodyPart::Pelvis, capsule(2 * kHipHalfWidth * h + 2 * 0.10 * s, 0.10 * s));
  for (int i = 0; i < 2; ++i) {
    const bool right = i == 1;
    set(right ? BodyPart::RUpperArm : BodyPart::LUpperArm,
        capsule(length(k.shoulder[i], k.elbow[i], kUpperArmLength * h), 0.045 * s));
    set(right ? BodyPart::RForearm : BodyPart::LForearm,
        capsule(length(k.elbow[i], k.hand[i], kForearmLength * h), 0.04 * s));
    set(right ? BodyPart::RHand : BodyPart::LHand, {0.05 * s, 0.0});
    set(right ? BodyPart::RThigh : BodyPart::LThigh, capsule(length(k.hip[i], k.knee[i], kThighLength * h), 0.07 * s));
    set(right ? BodyPart::RKnee : BodyPart::LKnee, {0.05 * s, 0.0});
    set(right ? BodyPart::RShank : BodyPart::LShank, capsule(length(k.knee[i], k.ankle[i], kShankLength * h), 0.05 * s));
    set(right ? BodyPart::RFoot : BodyPart::LFoot, capsule(kFootLength * h, 0.035 * s));
  }
  return d;
}

BodyPose poseBody(const TrackedFrame& frame, const Calibration& cal, const BodyDimensions& dims) {
  BodyPose b;
  b.timeS = frame.timeS;
  const Skeleton k = skeleton(frame, cal, dims.statureM > 0.5 ? dims.statureM : statureOf(cal));

  placeSphere(b[BodyPart::Head], k.head, k.headFrame, "no headset pose: head omitted");
  placeSegment(b[BodyPart::Trunk], k.lowerTrunk, k.upperTrunk, k.trunkFrame * glm::dvec3(1, 0, 0),
               k.lowerTrunk.ok ? "no chest tracker or headset: trunk omitted" : "no waist tracker: trunk omitted");
  if (k.pelvisCentre.ok) {
    // The pelvis capsule lies across the hips: its axis is the pelvis's right.
    placeSphere(b[BodyPart::Pelvis], k.pelvisCentre,
                glm::normalize(k.pelvisFrame * glm::angleAxis(glm::half_pi<double>(), glm::dvec3(1, 0, 0))), {});
  } else {
    b[BodyPart::Pelvis] = PartState{PartSource::Omitted, Pose{}, "no waist tracker: pelvis and legs omitted"};
  }

  for (int i = 0; i < 2; ++i) {
    const bool right = i == 1;
    auto part = [&](BodyPart l, BodyPart r) -> PartState& { return b[right ? r : l]; };
    const glm::dvec3 trunkAnterior = k.trunkFrame * glm::dvec3(1, 0, 0);
    placeSegment(part(BodyPart::LUpperArm, BodyPart::RUpperArm), k.shoulder[i], k.elbow[i], trunkAnterior,
                 "no elbow tracker and no hand: upper arm omitted");
    placeSegment(part(BodyPart::LForearm, BodyPart::RForearm), k.elbow[i], k.hand[i], trunkAnterior,
                 "no hand controller: forearm omitted");
    placeSphere(part(BodyPart::LHand, BodyPart::RHand), k.hand[i], k.trunkFrame, "no hand controller: hand omitted");
    const glm::dvec3 pelvisAnterior = k.pelvisFrame * glm::dvec3(1, 0, 0);
    placeSegment(part(BodyPart::LThigh, BodyPart::RThigh), k.hip[i], k.knee[i], pelvisAnterior,
                 "no knee tracker and no foot: thigh omitted");
    placeSphere(part(BodyPart::LKnee, BodyPart::RKnee), k.knee[i], k.pelvisFrame,
                "no knee tracker and no foot: knee omitted");
    placeSegment(part(BodyPart::LShank, BodyPart::RShank), k.knee[i], k.ankle[i], pelvisAnterior,
                 "no foot tracker: shank omitted");
    if (k.foot[i].ok) {
      // The foot capsule runs heel to toe, along the foot's anterior axis.
      placeSphere(part(BodyPart::LFoot, BodyPart::RFoot), k.foot[i],
                  glm::normalize(k.footFrame[i] * glm::angleAxis(-glm::half_pi<double>(), glm::dvec3(0, 0, 1))), {});
    } else {
      part(BodyPart::LFoot, BodyPart::RFoot) = PartState{PartSource::Omitted, Pose{}, "no foot tracker: foot omitted"};
    }
  }
  return b;
}

BodyPose interpolate(const BodyPose& a, const BodyPose& b, double t) {
  BodyPose r = b;
  r.timeS = a.timeS + (b.timeS - a.timeS) * t;
  for (std::size_t i = 0; i < kBodyPartCount; ++i) {
    if (a.parts[i].source == PartSource::Omitted || b.parts[i].source == PartSource::Omitted) continue;
    r.parts[i].pose = lumbo::interpolate(a.parts[i].pose, b.parts[i].pose, t);
  }
  return r;
}

}  // namespace lumbo::physics
