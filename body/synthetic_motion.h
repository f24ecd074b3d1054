// Synthetic motion with known ground truth: a kinematic trunk model posed by a movement profile,
// worn trackers strapped at random angles, sensor noise and tracker drop-outs, written as traces
// with gt_* columns. It covers what the real recordings lack (pelvic tilts, bridge, bird dog, hip
// hinge with and without lumbar flexion, lateral bends, rotations, lying and kneeling).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "body/calibration.h"
#include "body/trace.h"

namespace lumbo {

// Ground truth of the model at one instant. Angles follow body/posture.h; the pelvis angles are
// relative to the neutral body frame.
struct SyntheticPose {
  double lumbarFlexionDeg = 0.0;
  double lumbarLateralDeg = 0.0;
  double lumbarRotationDeg = 0.0;
  double pelvicTiltDeg = 0.0;
  double pelvicObliquityDeg = 0.0;
  double pelvicRotationDeg = 0.0;
  double pelvisRiseM = 0.0;       // vertical (world) displacement of the hips from neutral
  double leftArmRaiseDeg = 0.0;   // arm raised forward (overhead at 180) from hanging / resting
  double rightArmRaiseDeg = 0.0;
  double leftLegLiftM = 0.0;      // foot lifted from the floor
  double rightLegLiftM = 0.0;
};

enum class SyntheticMovement : std::uint8_t {
  Still,
  PelvicTilt,              // standing anterior/posterior pelvic tilts, thorax still
  HipHinge,                // waiter's bow with a neutral lumbar spine
  HipHingeLumbarFlexion,   // the fault: bending through the lumbar spine instead of the hips
  Squat,
  SquatLumbarFlexion,      // squat with the lumbar spine flexing at the bottom
  LateralBend,
  TrunkRotation,
  SingleLegStance,         // level pelvis on one leg
  SingleLegStancePelvicDrop,
  Bridge,                  // supine
  BridgeHyperextension,    // supine, lumbar extension at the top
  BirdDog,                 // four-point kneeling, opposite arm and leg, trunk still
  BirdDogRotation,         // ...with the trunk rotating toward the lifted leg
};

std::string_view syntheticMovementName(SyntheticMovement m);

enum class DropoutKind : std::uint8_t { Invalid, Frozen, Jump };

struct Dropout {
  Device device = Device::Chest;
  DropoutKind kind = DropoutKind::Invalid;
  double startS = 0.0;
  double endS = 0.0;
};

struct SyntheticSpec {
  SyntheticMovement movement = SyntheticMovement::Still;
  // Overrides `movement` when set: the pose at time t after the neutral hold.
  std::function<SyntheticPose(double tS)> profile;
  NeutralPosition position = NeutralPosition::Standing;  // set from the movement when defaulted
  int repetitions = 5;
  double repetitionS = 4.0;
  double amplitudeScale = 1.0;  // scales the movement's typical amplitudes
  double neutralHoldS = 2.0;
  double sampleRateHz = 100.0;
  double headingDeg = 0.0;       // facing direction: 0 = -z (stage forward), +90 = +x
  // Lying: rolled about the body's long axis from supine (90: on the side, as in a side plank);
  // ignored in other positions.
  double rollDeg = 0.0;
  double statureM = 1.75;
  double mountMaxDeg = 15.0;     // trackers strapped up to this far off the segment axes
  double positionNoiseM = 0.001;
  double angleNoiseDeg = 0.3;
  std::uint32_t seed = 1;
  DeviceSet devices = DeviceSet()
                          .set(index(Device::Head))
                          .set(index(Device::Pelvis))
                          .set(index(Device::Chest))
                          .set(index(Device::LHand))
                          .set(index(Device::RHand))
                          .set(index(Device::LFoot))
                          .set(index(Device::RFoot));
  std::vector<Dropout> dropouts;
};

// The ground-truth pose of a named movement at time t (seconds into the movement).
SyntheticPose syntheticMovementPose(SyntheticMovement m, double tS, double repetitionS, double amplitudeScale);
NeutralPosition syntheticMovementPosition(SyntheticMovement m);

// The trace, with gt_lumbar_{flexion,lateral,rotation}_deg, gt_trunk_inclination_deg,
// gt_pelvic_{tilt,obliquity,rotation}_deg and gt_pelvis_height_m (all zero at neutral), and
// metadata source/exercise/neutral/repetitions.
Trace generateSyntheticTrace(const SyntheticSpec& spec);

}  // namespace lumbo
