// Per-device trust: validity, frozen and creeping poses, impossible jumps and the displacement
// they leave, whole-body freezes and rigid jumps, recovery.
#include "body/tracking_monitor.h"

#include "body/angles.h"

namespace lumbo {

namespace {
// Devices that jumped on the same frame by steps this close to each other moved as one body: the
// tracking space itself jumped (a re-centred or glitching runtime), not a tracker.
constexpr double kRigidStepToleranceM = 0.02;
}  // namespace

std::string_view trackingIssueName(TrackingIssue issue) {
  switch (issue) {
    case TrackingIssue::None: return "tracked";
    case TrackingIssue::Invalid: return "no pose";
    case TrackingIssue::Frozen: return "frozen pose";
    case TrackingIssue::Jump: return "impossible jump";
    case TrackingIssue::Recovering: return "recovering";
  }
  return "";
}

DeviceSet TrackingMonitor::trustedDevices() const {
  DeviceSet out;
  for (Device d : kAllDevices) {
    if (trusted(d)) out.set(index(d));
  }
  return out;
}

DeviceSet TrackingMonitor::trustedPositions() const {
  DeviceSet out;
  for (Device d : kAllDevices) {
    const DeviceTrack& t = state_[index(d)];
    if (t.issue == TrackingIssue::None || (t.positionOk && t.issue != TrackingIssue::Invalid)) out.set(index(d));
  }
  return out;
}

TrackingFault TrackingMonitor::fault(const DeviceSet& among) const {
  TrackingFault worst = TrackingFault::None;
  for (Device d : kAllDevices) {
    const DeviceTrack& t = state_[index(d)];
    if (!among.test(index(d)) || t.issue == TrackingIssue::None) continue;
    const TrackingFault f = t.issue == TrackingIssue::Invalid ? TrackingFault::Lost : t.cause;
    // The enum is ordered from the least to the most telling cause.
    if (static_cast<int>(f) > static_cast<int>(worst)) worst = f;
  }
  return worst;
}

void TrackingMonitor::update(const TrackedFrame& frame) {
  const double nowS = frame.timeS;
  // The whole body first: every valid device repeating its pose bit for bit, or every device
  // jumping by the same step on this frame.
  int validCount = 0, unchangedCount = 0, jumpedCount = 0;
  bool sameStep = true;
  glm::dvec3 firstStep(0.0);
  for (Device d : kAllDevices) {
    const DeviceTrack& t = state_[index(d)];
    const DeviceState& s = frame[d];
    if (!s.valid) continue;
    ++validCount;
    if (!t.havePrevious) continue;
    if (s.pose.positionM == t.previous.positionM && s.pose.orientation == t.previous.orientation) ++unchangedCount;
    const double dt = nowS - t.previousTimeS;
    const glm::dvec3 step = s.pose.positionM - t.previous.positionM;
    if (dt > 0.0 && glm::length(step) / dt > limits_.maxSpeedMPerS) {
      if (jumpedCount == 0) firstStep = step;
      else sameStep = sameStep && glm::length(step - firstStep) < kRigidStepToleranceM;
      ++jumpedCount;
    }
  }
  const bool bodyUnchanged = validCount >= 2 && unchangedCount == validCount;
  if (!bodyUnchanged || !bodyHadPrevious_) bodyUnchangedSinceS_ = nowS;
  bodyHadPrevious_ = validCount > 0;
  const bool bodyFrozen = bodyUnchanged && nowS - bodyUnchangedSinceS_ >= limits_.bodyFrozenAfterS;
  const bool rigidJump = validCount >= 2 && jumpedCount == validCount && sameStep;

  for (Device d : kAllDevices) {
    DeviceTrack& t = state_[index(d)];
    const DeviceState& s = frame[d];
    if (!s.valid) {
      t.issue = TrackingIssue::Invalid;
      t.cause = TrackingFault::Lost;
      t.positionOk = false;
      t.havePrevious = false;
      continue;
    }
    TrackingIssue observed = TrackingIssue::None;
    TrackingFault cause = TrackingFault::None;
    bool turnOnly = false;
    if (t.havePrevious) {
      const double dt = nowS - t.previousTimeS;
      const glm::dvec3 step = s.pose.positionM - t.previous.positionM;
      const double moveM = glm::length(step);
      const double turnDeg = degrees(rotationAngleRad(glm::conjugate(t.previous.orientation) * s.pose.orientation));
      if (s.pose.orientation != t.previous.orientation) t.unchangedSinceS = nowS;
      const bool jumped = dt > 0.0 && (moveM / dt > limits_.maxSpeedMPerS || turnDeg / dt > limits_.maxAngularSpeedDegPerS);
      // A jump out of a frozen pose is the pose catching up with the body, not a displacement.
      // Only a jump of the whole body together leaves a known displacement: one tracker jumping
      // alone is as often a recording spliced back together, and the trunk's own dimensions
      // (the posture solver's stretch check) catch a trunk tracker that stays off.
      if (rigidJump && t.cause != TrackingFault::BodyFrozen) {
        if (glm::length(t.offsetM) <= limits_.displacedToleranceM) t.displacedSinceS = nowS;
        t.offsetM += step;
      }
      if (bodyFrozen) {
        observed = TrackingIssue::Frozen;
        cause = TrackingFault::BodyFrozen;
      } else if (jumped) {
        observed = TrackingIssue::Jump;
        cause = rigidJump ? TrackingFault::BodyJumped : TrackingFault::Jumped;
        turnOnly = moveM / dt <= limits_.maxSpeedMPerS && glm::length(t.offsetM) <= limits_.displacedToleranceM;
      } else if (glm::length(t.offsetM) > limits_.displacedToleranceM) {
        if (nowS - t.displacedSinceS < limits_.maxDisplacedS) {
          // Steady again, but still where the jump put it: not where the body is.
          observed = TrackingIssue::Jump;
          cause = TrackingFault::BodyJumped;
        } else {
          t.offsetM = glm::dvec3(0.0);  // re-seated for good: take it from here
        }
      } else if (nowS - t.unchangedSinceS >= limits_.frozenAfterS) {
        observed = TrackingIssue::Frozen;
        cause = TrackingFault::Frozen;
      }
    } else {
      t.unchangedSinceS = nowS;
    }
    t.previous = s.pose;
    t.previousTimeS = nowS;
    t.havePrevious = true;

    if (observed != TrackingIssue::None) {
      // A spin alone (a foot's orientation about its own long axis, ill-defined) leaves its
      // position trustworthy; once a turn-only episode has begun, a later spin keeps it so.
      t.positionOk = turnOnly && (t.issue == TrackingIssue::None || t.positionOk);
      t.issue = observed;
      t.cause = cause;
      t.goodSinceS = nowS;
      continue;
    }
    if (glm::length(t.offsetM) <= limits_.displacedToleranceM) t.offsetM = glm::dvec3(0.0);
    if (t.issue == TrackingIssue::None) continue;
    if (!t.everTracked) {
      // The very first pose of a device: nothing yet to distrust.
      t.everTracked = true;
      t.issue = TrackingIssue::None;
      continue;
    }
    // Coming back from a problem: trust again only after a run of good samples.
    if (t.issue != TrackingIssue::Recovering) {
      t.issue = TrackingIssue::Recovering;
      t.goodSinceS = nowS;
      if (t.cause == TrackingFault::None) t.cause = TrackingFault::Lost;
    }
    if (nowS - t.goodSinceS >= limits_.recoverAfterS) {
      t.issue = TrackingIssue::None;
      t.cause = TrackingFault::None;
    }
  }
}

}  // namespace lumbo
