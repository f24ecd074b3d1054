// Kinematic trunk model and movement profiles for synthetic traces.
//
// The model is built in body coordinates (x anterior, y superior, z right, origin on the floor
// between the feet when standing) and placed in the world by the neutral body frame of the
// position: standing upright, lying supine (anterior = up) or on hands and knees (anterior =
// down). Segment dimensions are fractions of stature from anthropometric tables.
#include "body/synthetic_motion.h"

#include <cmath>
#include <glm/gtc/constants.hpp>
#include <random>

#include "body/angles.h"
#include "body/calibration.h"

namespace lumbo {

namespace {

const glm::dvec3 kUp(0, 1, 0);

double raisedCosine(double tS, double periodS) {
  return 0.5 - 0.5 * std::cos(glm::two_pi<double>() * tS / periodS);
}

glm::dquat axisAngleDeg(double deg, const glm::dvec3& axis) { return glm::angleAxis(radians(deg), axis); }

// The headset's axes (-z forward, +y up, +x right) expressed in a segment frame.
glm::dquat headsetInSegment() {
  return glm::normalize(glm::quat_cast(glm::dmat3(glm::dvec3(0, 0, 1), glm::dvec3(0, 1, 0), glm::dvec3(-1, 0, 0))));
}

glm::dquat randomRotation(std::mt19937& rng, double maxDeg) {
  std::uniform_real_distribution<double> angle(0.3 * maxDeg, maxDeg);
  std::normal_distribution<double> n(0.0, 1.0);
  glm::dvec3 axis(n(rng), n(rng), n(rng));
  axis = glm::normalize(axis);
  return axisAngleDeg(angle(rng), axis);
}

struct ModelFrame {
  std::array<Pose, kDeviceCount> devices;  // world poses, noise-free
  SyntheticPose truth;
  double trunkInclinationDeg = 0.0;
};

}  // namespace

std::string_view syntheticMovementName(SyntheticMovement m) {
  switch (m) {
    case SyntheticMovement::Still: return "still";
    case SyntheticMovement::PelvicTilt: return "pelvic_tilt";
    case SyntheticMovement::HipHinge: return "hip_hinge";
    case SyntheticMovement::HipHingeLumbarFlexion: return "hip_hinge_lumbar_flexion";
    case SyntheticMovement::Squat: return "squat";
    case SyntheticMovement::SquatLumbarFlexion: return "squat_lumbar_flexion";
    case SyntheticMovement::LateralBend: return "lateral_bend";
    case SyntheticMovement::TrunkRotation: return "trunk_rotation";
    case SyntheticMovement::SingleLegStance: return "single_leg_stance";
    case SyntheticMovement::SingleLegStancePelvicDrop: return "single_leg_stance_pelvic_drop";
    case SyntheticMovement::Bridge: return "bridge";
    case SyntheticMovement::BridgeHyperextension: return "bridge_hyperextension";
    case SyntheticMovement::BirdDog: return "bird_dog";
    case SyntheticMovement::BirdDogRotation: return "bird_dog_rotation";
  }
  return "";
}

NeutralPosition syntheticMovementPosition(SyntheticMovement m) {
  switch (m) {
    case SyntheticMovement::Bridge:
    case SyntheticMovement::BridgeHyperextension: return NeutralPosition::Supine;
    case SyntheticMovement::BirdDog:
    case SyntheticMovement::BirdDogRotation: return NeutralPosition::FourPointKneeling;
    default: return NeutralPosition::Standing;
  }
}

SyntheticPose syntheticMovementPose(SyntheticMovement m, double tS, double repetitionS, double a) {
  const double u = raisedCosine(tS, repetitionS);                    // 0 -> 1 -> 0 per repetition
  const double s = std::sin(glm::two_pi<double>() * tS / repetitionS);  // both directions
  SyntheticPose p;
  switch (m) {
    case SyntheticMovement::Still: break;
    case SyntheticMovement::PelvicTilt:
      p.pelvicTiltDeg = 12.0 * a * s;
      p.lumbarFlexionDeg = -p.pelvicTiltDeg;  // thorax held still: the lumbar spine takes it up
      break;
    case SyntheticMovement::HipHinge:
      p.pelvicTiltDeg = 45.0 * a * u;
      p.lumbarFlexionDeg = 3.0 * a * u;
      break;
    case SyntheticMovement::HipHingeLumbarFlexion:
      p.pelvicTiltDeg = 15.0 * a * u;
      p.lumbarFlexionDeg = 30.0 * a * u;
      break;
    case SyntheticMovement::Squat:
      p.pelvisRiseM = -0.35 * a * u;
      p.pelvicTiltDeg = 15.0 * a * u;
      p.lumbarFlexionDeg = 5.0 * a * u;
      p.leftArmRaiseDeg = p.rightArmRaiseDeg = 80.0 * u;
      break;
    case SyntheticMovement::SquatLumbarFlexion:
      p.pelvisRiseM = -0.35 * a * u;
      p.pelvicTiltDeg = -5.0 * a * u;
      p.lumbarFlexionDeg = 25.0 * a * u;
      p.leftArmRaiseDeg = p.rightArmRaiseDeg = 80.0 * u;
      break;
    case SyntheticMovement::LateralBend:
      p.lumbarLateralDeg = 20.0 * a * s;
      p.pelvicObliquityDeg = 3.0 * a * s;
      break;
    case SyntheticMovement::TrunkRotation:
      p.lumbarRotationDeg = 25.0 * a * s;
      p.pelvicRotationDeg = 5.0 * a * s;
      break;
    case SyntheticMovement::SingleLegStance:
    case SyntheticMovement::SingleLegStancePelvicDrop:
      p.rightLegLiftM = 0.15 * std::min(1.0, 3.0 * u);
      // Standing on the left leg, a weak left hip lets the unsupported right side drop.
      if (m == SyntheticMovement::SingleLegStancePelvicDrop) p.pelvicObliquityDeg = 7.0 * a * u;
      break;
    case SyntheticMovement::Bridge:
      p.pelvisRiseM = 0.15 * a * u;
      p.pelvicTiltDeg = -10.0 * a * u;
      break;
    case SyntheticMovement::BridgeHyperextension:
      p.pelvisRiseM = 0.17 * a * u;
      p.pelvicTiltDeg = 5.0 * a * u;
      p.lumbarFlexionDeg = -15.0 * a * u;
      break;
    case SyntheticMovement::BirdDog:
    case SyntheticMovement::BirdDogRotation:
      p.rightArmRaiseDeg = 90.0 * u;
      p.leftLegLiftM = 0.3 * u;
      if (m == SyntheticMovement::BirdDogRotation) {
        p.lumbarRotationDeg = 10.0 * a * u;
        p.pelvicRotationDeg = -8.0 * a * u;
      }
      break;
  }
  return p;
}

Trace generateSyntheticTrace(const SyntheticSpec& spec) {
  const NeutralPosition position =
      spec.profile ? spec.position : syntheticMovementPosition(spec.movement);
  const double h = spec.statureM;
  const glm::dvec3 facing(std::sin(radians(spec.headingDeg)), 0.0, -std::cos(radians(spec.headingDeg)));

  // Neutral body frame in the world, and where the body origin sits.
  glm::dvec3 anterior = facing, superior = kUp;
  glm::dvec3 originM(0.0);
  const double hipHeightM = 0.52 * h;
  if (position == NeutralPosition::Supine) {
    superior = facing;
    anterior = glm::angleAxis(radians(spec.rollDeg), superior) * kUp;
    originM = glm::dvec3(0, 0.12, 0) - superior * hipHeightM;  // sacrum resting on the floor
  } else if (position == NeutralPosition::FourPointKneeling) {
    anterior = -kUp;
    superior = facing;
    originM = glm::dvec3(0, 0.60, 0) - superior * hipHeightM;  // hips over the knees
  }
  const glm::dvec3 right = glm::cross(anterior, superior);
  const glm::dquat neutral = glm::normalize(glm::quat_cast(glm::dmat3(anterior, superior, right)));
  const glm::dvec3 upInBody = glm::conjugate(neutral) * kUp;
  const glm::dvec3 armRest = position == NeutralPosition::FourPointKneeling ? glm::dvec3(1, 0, 0) : glm::dvec3(0, -1, 0);

  auto model = [&](const SyntheticPose& t) {
    ModelFrame f;
    f.truth = t;
    const glm::dquat pelvis = fromAnatomicalAngles({t.pelvicTiltDeg, t.pelvicObliquityDeg, t.pelvicRotationDeg});
    const glm::dquat thorax = pelvis * fromAnatomicalAngles({t.lumbarFlexionDeg, t.lumbarLateralDeg, t.lumbarRotationDeg});
    f.trunkInclinationDeg = anatomicalAngles(glm::dquat(1, 0, 0, 0), thorax).flexionDeg;
    const glm::dvec3 hip = glm::dvec3(0, hipHeightM, 0) + upInBody * t.pelvisRiseM;
    const glm::dvec3 lumbarJoint = hip + pelvis * glm::dvec3(-0.05, 0.12, 0);
    const glm::dvec3 neck = lumbarJoint + thorax * glm::dvec3(-0.02, 0.235 * h, 0);
    auto place = [&](Device d, const glm::dvec3& p, const glm::dquat& q) {
      f.devices[index(d)] = Pose{neutral * p + originM, glm::normalize(neutral * q)};
    };
    place(Device::Pelvis, hip + pelvis * glm::dvec3(-0.10, 0.08, 0), pelvis);
    place(Device::Lumbar, lumbarJoint + pelvis * glm::dvec3(-0.08, 0.05, 0), pelvis);
    place(Device::Chest, lumbarJoint + thorax * glm::dvec3(0.14, 0.16 * h, 0), thorax);
    place(Device::Head, neck + thorax * glm::dvec3(0.10, 0.11 * h, 0), thorax * headsetInSegment());
    for (int side = -1; side <= 1; side += 2) {
      const bool isRight = side > 0;
      const double raise = isRight ? t.rightArmRaiseDeg : t.leftArmRaiseDeg;
      const glm::dvec3 shoulder = neck + thorax * glm::dvec3(0, -0.03 * h, 0.11 * h * side);
      const glm::dquat arm = thorax * axisAngleDeg(raise, glm::dvec3(0, 0, 1));
      place(isRight ? Device::RElbow : Device::LElbow, shoulder + arm * (armRest * (0.19 * h)), arm);
      place(isRight ? Device::RHand : Device::LHand, shoulder + arm * (armRest * (0.36 * h)), arm * headsetInSegment());
      place(isRight ? Device::RShoulder : Device::LShoulder, shoulder, thorax);
      const double lift = isRight ? t.rightLegLiftM : t.leftLegLiftM;
      glm::dvec3 foot, knee;
      if (position == NeutralPosition::FourPointKneeling) {
        knee = glm::dvec3(0.60, hipHeightM, 0.06 * h * side);
        foot = glm::dvec3(0.55, hipHeightM - 0.40, 0.06 * h * side);
      } else {
        knee = glm::dvec3(0.02, 0.28 * h, 0.06 * h * side);
        foot = glm::dvec3(0.05, 0.04, 0.06 * h * side);
      }
      foot += upInBody * lift;
      knee += upInBody * (0.5 * lift);
      place(isRight ? Device::RKnee : Device::LKnee, knee, glm::dquat(1, 0, 0, 0));
      place(isRight ? Device::RFoot : Device::LFoot, foot, glm::dquat(1, 0, 0, 0));
    }
    return f;
  };

  std::mt19937 rng(spec.seed);
  std::array<glm::dquat, kDeviceCount> mount{};
  for (Device d : kAllDevices) {
    // The headset sits on the head as designed; trackers and controllers are held or strapped
    // at whatever angle.
    mount[index(d)] = d == Device::Head ? glm::dquat(1, 0, 0, 0) : randomRotation(rng, spec.mountMaxDeg);
  }
  std::normal_distribution<double> noise(0.0, 1.0);

  Trace trace;
  const std::string name = spec.profile ? "custom" : std::string(syntheticMovementName(spec.movement));
  trace.metadata.set("source", "lumbo synthetic motion (seed " + std::to_string(spec.seed) + ")");
  trace.metadata.set("exercise", name);
  trace.metadata.set("position", std::string(neutralPositionName(position)));
  trace.metadata.set("repetitions", std::to_string(spec.repetitions));
  char window[64];
  std::snprintf(window, sizeof window, "0.0-%.1f", spec.neutralHoldS);
  trace.metadata.set("neutral", window);
  trace.layout.devices = spec.devices;
  trace.layout.groundTruth = {"gt_lumbar_flexion_deg", "gt_lumbar_lateral_deg",  "gt_lumbar_rotation_deg",
                              "gt_trunk_inclination_deg", "gt_pelvic_tilt_deg", "gt_pelvic_obliquity_deg",
                              "gt_pelvic_rotation_deg", "gt_pelvis_height_m"};

  const ModelFrame neutralFrame = model(SyntheticPose{});
  const double durationS = spec.neutralHoldS + spec.repetitions * spec.repetitionS + 1.0;
  const auto samples = static_cast<std::size_t>(durationS * spec.sampleRateHz);
  std::array<Pose, kDeviceCount> frozen{};
  for (std::size_t i = 0; i < samples; ++i) {
    const double tS = static_cast<double>(i) / spec.sampleRateHz;
    const double moveS = tS - spec.neutralHoldS;
    SyntheticPose truth;
    if (moveS >= 0.0 && moveS < spec.repetitions * spec.repetitionS) {
      truth = spec.profile ? spec.profile(moveS)
                           : syntheticMovementPose(spec.movement, moveS, spec.repetitionS, spec.amplitudeScale);
    }
    const ModelFrame f = model(truth);
    TraceSample s;
    s.frame.timeS = tS;
    for (Device d : kAllDevices) {
      if (!spec.devices.test(index(d))) continue;
      Pose p = f.devices[index(d)];
      p.orientation = glm::normalize(p.orientation * glm::conjugate(mount[index(d)]));
      p.positionM += spec.positionNoiseM * glm::dvec3(noise(rng), noise(rng), noise(rng));
      const glm::dvec3 axis = glm::normalize(glm::dvec3(noise(rng), noise(rng), noise(rng)));
      p.orientation = glm::normalize(p.orientation * axisAngleDeg(spec.angleNoiseDeg * noise(rng), axis));
      DeviceState& state = s.frame[d];
      state.valid = true;
      state.pose = p;
      for (const Dropout& drop : spec.dropouts) {
        if (drop.device != d || tS < drop.startS || tS >= drop.endS) continue;
        switch (drop.kind) {
          case DropoutKind::Invalid: state = DeviceState{}; break;
          case DropoutKind::Frozen:
            if (tS - drop.startS < 0.5 / spec.sampleRateHz) frozen[index(d)] = p;
            state.pose = frozen[index(d)];
            break;
          case DropoutKind::Jump: state.pose.positionM += glm::dvec3(0.4, 0.3, 0.0); break;
        }
      }
    }
    const double heightM = (f.devices[index(Device::Pelvis)].positionM - neutralFrame.devices[index(Device::Pelvis)].positionM).y;
    s.groundTruth = {truth.lumbarFlexionDeg,  truth.lumbarLateralDeg,   truth.lumbarRotationDeg,
                     f.trunkInclinationDeg,   truth.pelvicTiltDeg,      truth.pelvicObliquityDeg,
                     truth.pelvicRotationDeg, heightM};
    trace.samples.push_back(std::move(s));
  }
  return trace;
}

}  // namespace lumbo
