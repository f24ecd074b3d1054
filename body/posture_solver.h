// Turns each tracked frame into a Posture relative to the calibrated neutral, measuring what the
// worn devices allow and estimating (never passing off as measured) what they do not.
#pragma once

#include "body/calibration.h"
#include "body/posture.h"
#include "body/tracking_monitor.h"

namespace lumbo {

// Confidence given to estimates, by how directly the worn devices constrain them. They are
// deliberately low: an estimate is shown, never scored.
inline constexpr double kConfidenceTrunkFromHead = 0.5;     // head + pelvis: trunk from their line
inline constexpr double kConfidenceLumbarFromHead = 0.35;   // ...minus the pelvis: lumbar angles
inline constexpr double kConfidenceRotationFromHead = 0.2;  // the head turns on its own
inline constexpr double kConfidenceHeadOnly = 0.25;         // head alone: hips assumed still

class PostureSolver {
 public:
  explicit PostureSolver(Calibration calibration, const TrackingLimits& limits = {});

  // Frames must come in time order (the tracking monitor looks at motion between them).
  Posture solve(const TrackedFrame& frame);

  const Calibration& calibration() const { return calibration_; }
  const TrackingMonitor& monitor() const { return monitor_; }

 private:
  bool usable(const TrackedFrame& frame, Device d) const;
  glm::dquat segment(const TrackedFrame& frame, Device d) const;

  Calibration calibration_;
  TrackingMonitor monitor_;
};

}  // namespace lumbo
