// Per-device trust: validity, frozen poses, impossible jumps, recovery.
#include "body/tracking_monitor.h"

#include "body/angles.h"

namespace lumbo {

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

void TrackingMonitor::update(const TrackedFrame& frame) {
  for (Device d : kAllDevices) {
    DeviceTrack& t = state_[index(d)];
    const DeviceState& s = frame[d];
    if (!s.valid) {
      t.issue = TrackingIssue::Invalid;
      t.havePrevious = false;
      continue;
    }
    const double nowS = frame.timeS;
    TrackingIssue observed = TrackingIssue::None;
    if (t.havePrevious) {
      const double dt = nowS - t.previousTimeS;
      const double moveM = glm::length(s.pose.positionM - t.previous.positionM);
      const double turnDeg = degrees(rotationAngleRad(glm::conjugate(t.previous.orientation) * s.pose.orientation));
      const bool identical = moveM == 0.0 && turnDeg == 0.0;
      if (!identical) t.unchangedSinceS = nowS;
      if (identical && nowS - t.unchangedSinceS >= limits_.frozenAfterS) {
        observed = TrackingIssue::Frozen;
      } else if (dt > 0.0 && (moveM / dt > limits_.maxSpeedMPerS || turnDeg / dt > limits_.maxAngularSpeedDegPerS)) {
        observed = TrackingIssue::Jump;
      }
    } else {
      t.unchangedSinceS = nowS;
    }
    t.previous = s.pose;
    t.previousTimeS = nowS;
    t.havePrevious = true;

    if (observed != TrackingIssue::None) {
      t.issue = observed;
      t.goodSinceS = nowS;
      continue;
    }
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
    }
    if (nowS - t.goodSinceS >= limits_.recoverAfterS) t.issue = TrackingIssue::None;
  }
}

}  // namespace lumbo
