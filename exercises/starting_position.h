// Which starting position a person is in, told from one tracked frame by heights above the floor
// and the trunk's direction, and what to say to bring them into the one an exercise needs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "body/tracked_frame.h"
#include "exercises/exercise.h"

namespace lumbo {

// The positions a frame can be told apart by: lying covers supine, side-lying and prone (which
// way the chest faces is not known before calibration, since trackers are strapped at any angle).
enum class ObservedPosition : std::uint8_t { Standing, Sitting, Lying, FourPointKneeling, Unknown };
std::string_view observedPositionName(ObservedPosition p);  // "standing", "lying down", ...

// Heights are for adults on a stage floor at y = 0 (OpenXR STAGE); they leave wide margins
// between the positions, so a person between two of them reads as Unknown rather than wrong.
struct StartingPositionLimits {
  // The trunk's line is taken from the pelvis (a belt tracker over the sacrum) to the headset (in
  // front of the eyes): standing people measure up to about 40 degrees from vertical on it.
  double uprightMaxTiltDeg = 45.0;
  double horizontalMinTiltDeg = 60.0;
  double standingMinPelvisM = 0.75;
  double standingMinHeadM = 1.25;
  double sittingMaxPelvisM = 0.72;
  double sittingMinHeadM = 1.0;  // on a chair; the bottom of a squat is lower
  double sittingMaxHeadM = 1.45;
  double lyingMaxHeadM = 0.50;
  double lyingMaxPelvisM = 0.45;
  double kneelingMinPelvisM = 0.45;  // hips over the knees
  double kneelingMaxPelvisM = 0.95;
  double kneelingMaxHeadM = 1.0;
};

// Unknown when the headset is not tracked or the body is between positions.
ObservedPosition observePosition(const TrackedFrame& frame, const StartingPositionLimits& limits = {});

// Whether what is seen is the starting position the exercise needs.
bool positionMatches(ObservedPosition seen, StartingPosition needed);

// What to tell the person: "Lie on your back on the mat, knees bent" for a supine exercise.
std::string positionPrompt(StartingPosition needed);

// The sentence for a mismatch: "I see you standing. Lie on your back on the mat, knees bent."
std::string positionMismatch(ObservedPosition seen, StartingPosition needed);

}  // namespace lumbo
