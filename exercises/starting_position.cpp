// Telling the starting position from a frame: trunk direction first, then heights.
#include "exercises/starting_position.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <glm/geometric.hpp>

#include "body/angles.h"

namespace lumbo {

std::string_view observedPositionName(ObservedPosition p) {
  switch (p) {
    case ObservedPosition::Standing: return "standing";
    case ObservedPosition::Sitting: return "sitting";
    case ObservedPosition::Lying: return "lying down";
    case ObservedPosition::FourPointKneeling: return "on hands and knees";
    case ObservedPosition::Unknown: return "between positions";
  }
  return "between positions";
}

ObservedPosition observePosition(const TrackedFrame& frame, const StartingPositionLimits& limits) {
  if (!frame.valid(Device::Head)) return ObservedPosition::Unknown;
  const glm::dvec3 head = frame[Device::Head].pose.positionM;
  std::optional<glm::dvec3> low;  // the lowest trunk point tracked
  if (frame.valid(Device::Pelvis)) low = frame[Device::Pelvis].pose.positionM;
  else if (frame.valid(Device::Lumbar)) low = frame[Device::Lumbar].pose.positionM;
  if (!low) {
    // The headset alone: only its height tells anything, and only for the clear cases.
    if (head.y >= limits.standingMinHeadM) return ObservedPosition::Standing;
    if (head.y <= limits.lyingMaxHeadM) return ObservedPosition::Lying;
    return ObservedPosition::Unknown;
  }
  const glm::dvec3 axis = head - *low;
  if (glm::length(axis) < 0.2) return ObservedPosition::Unknown;
  const double tiltDeg = degrees(std::acos(std::clamp(glm::normalize(axis).y, -1.0, 1.0)));
  const double pelvisM = low->y;
  if (tiltDeg <= limits.uprightMaxTiltDeg) {
    if (pelvisM >= limits.standingMinPelvisM && head.y >= limits.standingMinHeadM) return ObservedPosition::Standing;
    if (pelvisM <= limits.sittingMaxPelvisM && head.y >= limits.sittingMinHeadM && head.y <= limits.sittingMaxHeadM) {
      return ObservedPosition::Sitting;
    }
    return ObservedPosition::Unknown;
  }
  if (tiltDeg >= limits.horizontalMinTiltDeg) {
    if (pelvisM <= limits.lyingMaxPelvisM && head.y <= limits.lyingMaxHeadM) return ObservedPosition::Lying;
    if (pelvisM >= limits.kneelingMinPelvisM && pelvisM <= limits.kneelingMaxPelvisM &&
        head.y <= limits.kneelingMaxHeadM) {
      return ObservedPosition::FourPointKneeling;
    }
  }
  return ObservedPosition::Unknown;
}

bool positionMatches(ObservedPosition seen, StartingPosition needed) {
  switch (needed) {
    case StartingPosition::Standing: return seen == ObservedPosition::Standing;
    case StartingPosition::Sitting: return seen == ObservedPosition::Sitting;
    case StartingPosition::Supine:
    case StartingPosition::SideLying:
    case StartingPosition::Prone: return seen == ObservedPosition::Lying;
    case StartingPosition::FourPointKneeling: return seen == ObservedPosition::FourPointKneeling;
  }
  return false;
}

std::string positionPrompt(StartingPosition needed) {
  switch (needed) {
    case StartingPosition::Standing: return "Stand up on the mat, feet hip width apart";
    case StartingPosition::Sitting: return "Sit on the chair, feet flat on the floor";
    case StartingPosition::Supine: return "Lie on your back on the mat, knees bent";
    case StartingPosition::SideLying: return "Lie on your side on the mat";
    case StartingPosition::Prone: return "Lie face down on the mat";
    case StartingPosition::FourPointKneeling: return "Kneel on the mat on your hands and knees";
  }
  return "Get into the starting position";
}

std::string positionMismatch(ObservedPosition seen, StartingPosition needed) {
  const std::string prompt = positionPrompt(needed);
  if (seen == ObservedPosition::Unknown) return prompt + ".";
  return "I see you " + std::string(observedPositionName(seen)) + ". " + prompt + ".";
}

}  // namespace lumbo
