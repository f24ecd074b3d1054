// Calibration from a still neutral hold: tracker-to-segment alignment, facing direction and body
// dimensions, with refusal of holds that cannot give a trustworthy neutral.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>

#include "body/result.h"
#include "body/tracked_frame.h"

namespace lumbo {

enum class NeutralPosition : std::uint8_t { Standing, Supine, FourPointKneeling };

// What "forward" means for angles relative to the world (trunk inclination, pelvic tilt and
// obliquity). Person: the person's own facing direction at calibration (the clinical meaning).
// Stage: the horizontal stage axis nearest to it, as motion laboratories report segment angles
// about their room's progression axis; for comparing with such systems.
enum class AngleReference : std::uint8_t { Person, Stage };

struct CalibrationLimits {
  double maxMovementM = 0.03;       // a device drifting further moved during the hold
  double maxRotationDeg = 5.0;      // likewise for orientation
  double minValidFraction = 0.9;    // share of hold samples with a valid pose
  double minHoldS = 0.5;
};

// What the neutral hold established. Segment frames are anatomical: x anterior, y superior,
// z right. At neutral every segment frame equals `neutralFrame`, so every metric reads 0 there.
struct Calibration {
  NeutralPosition position = NeutralPosition::Standing;
  // Microgravity: calibrated in the station's frame when the person stands or lies on its floor,
  // else in the body's own; world-relative angles are then relative to that neutral.
  bool gravityFree = false;
  DeviceSet devices;  // devices calibrated (valid and still during the hold)

  // The person's body frame during the hold, in world: columns anterior, superior, right. With
  // gravity its superior axis is the world vertical for standing (for lying and kneeling the
  // anterior axis is vertical); without gravity it comes from the body itself.
  glm::dquat neutralFrame{1, 0, 0, 0};
  // The frame world-relative angles (inclination, tilt, obliquity) are taken in: the neutral
  // frame, or with AngleReference::Stage the neutral frame turned to the nearest stage axis.
  glm::dquat referenceFrame{1, 0, 0, 0};

  // Per device: rotation from the device's own axes to its segment's anatomical axes
  // (segment = device * mount). Trackers are strapped at arbitrary angles; this undoes it.
  std::array<glm::dquat, kDeviceCount> mount{};
  std::array<glm::dvec3, kDeviceCount> neutralPositionM{};

  // Body dimensions.
  double eyeHeightM = 0.0;          // head device height above the floor, standing
  double statureM = 0.0;            // estimated from eye height (anthropometric ratio)
  double pelvisToChestM = 0.0;      // tracker distances: trunk segment lengths
  double chestToHeadM = 0.0;
  double pelvisToHeadM = 0.0;

  glm::dvec3 forward() const { return neutralFrame * glm::dvec3(1, 0, 0); }
  // The direction heights are measured along: the world's (station's) up, unless the person
  // floated free of the station's floor at calibration, then the body's superior axis.
  glm::dvec3 heightAxis() const {
    const glm::dvec3 up(0, 1, 0);
    if (!gravityFree) return up;
    const glm::dvec3 s = superior(), a = forward();
    return std::abs(glm::dot(s, up)) > 0.999999 || std::abs(glm::dot(a, up)) > 0.999999 ? up : s;
  }
  glm::dvec3 superior() const { return neutralFrame * glm::dvec3(0, 1, 0); }
};

// Calibrates from the frames of a neutral hold. `use` limits which devices count (reduced
// setups). Refuses, with the reason, a hold during which a needed device moved or was missing.
Result<Calibration> calibrate(std::span<const TrackedFrame> hold, NeutralPosition position,
                              bool gravityFree, DeviceSet use = DeviceSet().set(),
                              const CalibrationLimits& limits = {},
                              AngleReference reference = AngleReference::Person);

// Saved as a small text file ("lumbo-calibration v1") so a session can reuse it.
Status saveCalibration(const std::filesystem::path& path, const Calibration& calibration);
Result<Calibration> loadCalibration(const std::filesystem::path& path);

std::string_view neutralPositionName(NeutralPosition p);
std::optional<NeutralPosition> neutralPositionFromName(std::string_view name);

}  // namespace lumbo
