// The signals an exercise can watch: the Posture metrics plus limb heights and reach taken from
// the tracked frame, all as changes from the calibrated neutral posture.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include <glm/vec3.hpp>

#include "body/posture.h"
#include "body/tracked_frame.h"

namespace lumbo {

// Limb signals complement Posture: leg raises, hurdle steps, bird dogs and band presses are
// driven by where a foot or a hand goes, which no spinal metric says.
enum class LimbSignal : std::uint8_t {
  LFootHeightM,   // left foot height change from neutral, up +
  RFootHeightM,   // right foot height change from neutral, up +
  FeetHeightM,    // sum of both feet height changes: whichever foot moves drives it
  LHandHeightM,   // left hand height change, up +
  RHandHeightM,   // right hand height change, up +
  HandsHeightM,   // sum of both hands height changes
  HandsReachM,    // horizontal distance of the hands' midpoint from the chest, change, away +
  // Angle between the pelvis-to-head line and that line in the neutral hold, in any direction:
  // how far the trunk (with the head on it) leans off its neutral alignment. Unlike the sagittal
  // trunk inclination it also sees leaning sideways and back, as in a hurdle step or leg raise.
  TrunkLeanDeg,
  // How far the pelvis has come down, as a share of its neutral height above the feet (about
  // leg length), down +: squat and lunge depth independent of the person's size.
  PelvisDepthPct,
  // Tension of an elastic band in the hand, from the physics simulation of the band between its
  // anchor and the tracked hand: the external load of banded exercises. Set by the live session
  // (app/), not from a tracked frame: unavailable when no band is simulated.
  BandTensionN,
};
inline constexpr std::size_t kLimbSignalCount = 10;

struct LimbSignals {
  std::array<Metric, kLimbSignalCount> values{};
  const Metric& operator[](LimbSignal s) const { return values[static_cast<std::size_t>(s)]; }
  Metric& operator[](LimbSignal s) { return values[static_cast<std::size_t>(s)]; }
};

// One index space over Posture metrics [0, kMetricCount) and limb signals after them, so an
// exercise file names either kind the same way ("pelvis_height_m", "feet_height_m").
using SignalIndex = std::uint8_t;
inline constexpr std::size_t kSignalCount = kMetricCount + kLimbSignalCount;

std::string_view signalName(SignalIndex s);
std::optional<SignalIndex> signalFromName(std::string_view name);
// A load the session simulates (the band's tension), not a movement of the person: a target on it
// is judged only on frames where the simulation gives it (a recording scored without a band
// leaves it out), and its band is set by the level's load, so the level's tolerance scale and a
// person's reference leave it as the exercise file gives it.
bool isSimulatedLoad(SignalIndex s);
// "deg", "m" or "%": the unit a person reads after a value of this signal.
std::string_view signalUnit(SignalIndex s);
// "lumbar flexion", "pelvis height": the name without its unit, for sentences.
std::string signalWords(SignalIndex s);

inline const Metric& signalValue(const Posture& posture, const LimbSignals& limbs, SignalIndex s) {
  return s < kMetricCount ? posture.metrics[s] : limbs.values[s - kMetricCount];
}

// Turns tracked frames into limb signals relative to a neutral reference averaged over frames
// the caller picks (the same neutral window as the posture calibration).
class LimbTracker {
 public:
  // Averages each device's position over the frames where it is valid and measured. Devices
  // never seen stay unavailable.
  void calibrate(std::span<const TrackedFrame> neutralFrames);
  void addNeutralFrame(const TrackedFrame& frame);
  void finishCalibration();

  // Only devices in `trusted` (Posture::trusted: what the tracking monitor still believes) feed a
  // signal; a signal built on any other device is unavailable.
  LimbSignals compute(const TrackedFrame& frame, const DeviceSet& trusted = DeviceSet().set()) const;

 private:
  struct Reference {
    double sumY = 0.0;
    int count = 0;
    double y = 0.0;
  };
  std::array<Reference, kDeviceCount> ref_{};
  glm::dvec3 leanSum_{0.0};  // head minus pelvis
  int leanCount_ = 0;
  glm::dvec3 leanRef_{0.0};
  double pelvisSumY_ = 0.0;
  double feetSumY_ = 0.0;
  int depthCount_ = 0;
  double pelvisY_ = 0.0;
  double legM_ = 0.0;  // neutral pelvis height above the feet; 0 when unknown
  double reachSum_ = 0.0;
  int reachCount_ = 0;
  double reachM_ = 0.0;
  bool haveReach_ = false;
};

}  // namespace lumbo
