// Ghost references: the bundled recording when there is one, else one synthetic repetition shaped
// by the exercise's phases (a cycle out and back, or a rise, a hold and a return).
#include "app/scene/ghost_reference.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string_view>

#include <glm/gtc/constants.hpp>

#include "body/synthetic_motion.h"
#include "exercises/trace_scoring.h"

namespace lumbo::app {

namespace {

// The pose a fraction `f` of the way from `from` to `to` (every field moves together).
SyntheticPose mix(const SyntheticPose& from, const SyntheticPose& to, double f) {
  auto at = [f](double a, double b) { return a + f * (b - a); };
  SyntheticPose p;
  p.lumbarFlexionDeg = at(from.lumbarFlexionDeg, to.lumbarFlexionDeg);
  p.lumbarLateralDeg = at(from.lumbarLateralDeg, to.lumbarLateralDeg);
  p.lumbarRotationDeg = at(from.lumbarRotationDeg, to.lumbarRotationDeg);
  p.pelvicTiltDeg = at(from.pelvicTiltDeg, to.pelvicTiltDeg);
  p.pelvicObliquityDeg = at(from.pelvicObliquityDeg, to.pelvicObliquityDeg);
  p.pelvicRotationDeg = at(from.pelvicRotationDeg, to.pelvicRotationDeg);
  p.pelvisRiseM = at(from.pelvisRiseM, to.pelvisRiseM);
  p.leftArmRaiseDeg = at(from.leftArmRaiseDeg, to.leftArmRaiseDeg);
  p.rightArmRaiseDeg = at(from.rightArmRaiseDeg, to.rightArmRaiseDeg);
  p.leftLegLiftM = at(from.leftLegLiftM, to.leftLegLiftM);
  p.rightLegLiftM = at(from.rightLegLiftM, to.rightLegLiftM);
  return p;
}

// 0 -> 1 -> 0 smoothly over [0, outS + holdS + backS], flat at 1 for holdS, 0 outside.
double plateau(double tS, double outS, double holdS, double backS) {
  auto ease = [](double u) { return 0.5 - 0.5 * std::cos(glm::pi<double>() * std::clamp(u, 0.0, 1.0)); };
  if (tS < outS) return ease(tS / outS);
  if (tS < outS + holdS) return 1.0;
  return 1.0 - ease((tS - outS - holdS) / backS);
}

// How one exercise is performed well by the synthetic model.
struct SyntheticGhost {
  std::string_view id;
  NeutralPosition position;
  SyntheticPose peak;               // the pose at the far end of the movement (or during the hold)
  SyntheticPose rest;               // where each repetition starts, when not the neutral (dead bug)
  bool bothWays = false;            // out to one side and then to the other (tilts, bends, turns)
  double rollDeg = 0.0;             // lying: on the side rather than the back
};

SyntheticPose pose(double flexion, double lateral, double rotation, double tilt, double rise, double leftArm,
                   double rightArm, double leftLeg, double rightLeg) {
  SyntheticPose p;
  p.lumbarFlexionDeg = flexion;
  p.lumbarLateralDeg = lateral;
  p.lumbarRotationDeg = rotation;
  p.pelvicTiltDeg = tilt;
  p.pelvisRiseM = rise;
  p.leftArmRaiseDeg = leftArm;
  p.rightArmRaiseDeg = rightArm;
  p.leftLegLiftM = leftLeg;
  p.rightLegLiftM = rightLeg;
  return p;
}

// The movements' amplitudes follow body/synthetic_motion's named movements where one exists;
// each stays well inside its exercise's bands and beyond its range targets.
const SyntheticGhost kSynthetic[] = {
    {"waiters_bow", NeutralPosition::Standing, pose(3, 0, 0, 45, 0, 0, 0, 0, 0), {}, false},
    {"pelvic_tilt_control", NeutralPosition::Standing, pose(-12, 0, 0, 12, 0, 0, 0, 0, 0), {}, true},
    {"lateral_bending_control", NeutralPosition::Standing, pose(0, 20, 0, 0, 0, 0, 0, 0, 0), {}, true},
    {"trunk_rotation_control", NeutralPosition::Standing, pose(0, 0, 25, 0, 0, 0, 0, 0, 0), {}, true},
    {"single_leg_stance", NeutralPosition::Standing, pose(0, 0, 0, 0, 0, 0, 0, 0, 0.15), {}, false},
    {"standing_neutral_hold", NeutralPosition::Standing, {}, {}, false},
    {"banded_diagonal", NeutralPosition::Standing, pose(0, 0, 0, 0, 0, 120, 120, 0, 0), {}, false},
    {"pallof_press", NeutralPosition::Standing, pose(0, 0, 0, 0, 0, 90, 90, 0, 0), {}, false},
    {"bridge", NeutralPosition::Supine, pose(0, 0, 0, -10, 0.15, 0, 0, 0, 0), {}, false},
    {"abdominal_drawing_in", NeutralPosition::Supine, {}, {}, false},
    // On the side (calibrated against the lying neutral, as side-lying is), the hips lift.
    {"side_plank", NeutralPosition::Supine, pose(0, 0, 0, 0, 0.15, 0, 0, 0, 0), {}, false, 90.0},
    // From table-top (legs lifted, arms to the ceiling) one heel lowers to the floor and back.
    {"dead_bug", NeutralPosition::Supine, pose(0, 0, 0, 0, 0, 90, 90, 0.05, 0.35),
     pose(0, 0, 0, 0, 0, 90, 90, 0.35, 0.35), false},
    {"bird_dog", NeutralPosition::FourPointKneeling, pose(0, 0, 0, 0, 0, 0, 90, 0.3, 0), {}, false},
};

const SyntheticGhost* syntheticGhost(std::string_view id) {
  for (const SyntheticGhost& g : kSynthetic) {
    if (g.id == id) return &g;
  }
  return nullptr;
}

Trace syntheticReference(const SyntheticGhost& g, const Exercise& exercise, int level) {
  const Level& l = exercise.levels[static_cast<std::size_t>(std::clamp(level, 1, static_cast<int>(exercise.levels.size())) - 1)];
  double holdS = 0.0;
  for (const Phase& p : exercise.phases) {
    if (p.role == PhaseRole::Hold) holdS = std::max(holdS, l.holdS > 0.0 ? l.holdS : p.holdS);
  }
  // A little slower than the prescribed tempo and a little longer than the hold: a model
  // repetition is never rushed nor short.
  const double outS = std::max(1.5, exercise.tempo.outS + 0.5);
  const double backS = std::max(1.5, exercise.tempo.backS + 0.5);
  const double heldS = holdS > 0.0 ? holdS + 1.0 : std::max(0.0, exercise.tempo.holdS);
  const double settleS = g.rest.leftLegLiftM > 0.0 || g.rest.rightLegLiftM > 0.0 ? 2.5 : 0.0;  // into the rest pose
  const double cycleS = outS + heldS + backS;

  SyntheticSpec spec;
  spec.position = g.position;
  spec.rollDeg = g.rollDeg;
  spec.repetitions = 1;
  spec.repetitionS = settleS + (g.bothWays ? 2.0 * cycleS : cycleS) + 1.0;
  spec.devices = DeviceSet();
  for (Device d : {Device::Head, Device::Pelvis, Device::Chest, Device::LHand, Device::RHand, Device::LFoot, Device::RFoot}) {
    spec.devices.set(index(d));
  }
  spec.profile = [g, outS, heldS, backS, settleS, cycleS](double tS) {
    if (tS < settleS) return mix({}, g.rest, plateau(tS, settleS - 1.0, 10.0, 1.0));
    const double t = tS - settleS;
    if (g.bothWays && t >= cycleS) return mix({}, g.peak, -plateau(t - cycleS, outS, heldS, backS));
    return mix(g.rest, g.peak, t < cycleS ? plateau(t, outS, heldS, backS) : 0.0);
  };
  Trace trace = generateSyntheticTrace(spec);
  trace.metadata.set("exercise", exercise.id);
  trace.metadata.set("execution", "correct");
  return trace;
}

}  // namespace

std::filesystem::path referenceFolder() { return defaultExerciseFolder().parent_path() / "reference"; }

Result<Trace> ghostReference(const Exercise& exercise, int level) {
  const std::filesystem::path recorded = referenceFolder() / (exercise.id + ".csv");
  if (std::filesystem::exists(recorded)) return readTrace(recorded);
  if (const SyntheticGhost* g = syntheticGhost(exercise.id)) return syntheticReference(*g, exercise, level);
  return Error{"no reference movement for " + exercise.id + " (neither " + recorded.string() +
               " nor a synthetic movement)"};
}

}  // namespace lumbo::app
