// Builds Posture streams with known movement for engine tests: every metric measured at 0
// (neutral) unless a test moves it, sampled at 100 Hz.
#pragma once

#include <cmath>
#include <functional>
#include <numbers>
#include <vector>

#include "exercises/exercise.h"
#include "exercises/signals.h"

namespace lumbo::test {

struct Frame {
  Posture posture;
  LimbSignals limbs;
};

inline constexpr double kRateHz = 100.0;

inline Frame neutralFrame(double timeS) {
  Frame f;
  f.posture.timeS = timeS;
  for (Metric& m : f.posture.metrics) m = {0.0, 1.0, MetricSource::Measured};
  for (Metric& m : f.limbs.values) m = {0.0, 1.0, MetricSource::Measured};
  // As in a recording: no band is simulated, so there is no tension.
  f.limbs[LimbSignal::BandTensionN] = {};
  return f;
}

inline Metric& signalRef(Frame& f, SignalIndex s) {
  return s < kMetricCount ? f.posture.metrics[s] : f.limbs.values[s - kMetricCount];
}

// A smooth 0 -> 1 -> 0 bump over `durationS` (raised cosine), with a flat top of `plateauS`.
inline double bump(double tS, double durationS, double plateauS = 0.0) {
  if (tS <= 0.0 || tS >= durationS) return 0.0;
  const double rampS = 0.5 * (durationS - plateauS);
  if (tS < rampS) return 0.5 - 0.5 * std::cos(std::numbers::pi * tS / rampS);
  if (tS < rampS + plateauS) return 1.0;
  return 0.5 - 0.5 * std::cos(std::numbers::pi * (durationS - tS) / rampS);
}

// `reps` movements of the exercise's driver out to `excursion` and back, each `repS` long with
// `restS` still between them and `leadS` still at the start; `shape(frame, repIndex, phase01)`
// may add deviations (phase01 is the bump height 0-1 during a repetition, else 0). Range signals
// follow the bump to 1.2 times their reach.
inline std::vector<Frame> repetitionStream(const Exercise& e, int reps, double excursion, double repS,
                                           double plateauS = 0.0, double restS = 1.0, double leadS = 1.0,
                                           const std::function<void(Frame&, int, double)>& shape = {}) {
  std::vector<Frame> out;
  const double totalS = leadS + reps * (repS + restS);
  const int n = static_cast<int>(totalS * kRateHz);
  for (int i = 0; i < n; ++i) {
    const double t = i / kRateHz;
    Frame f = neutralFrame(t);
    const double inRep = t - leadS;
    int rep = -1;
    double h = 0.0;
    if (inRep >= 0.0) {
      rep = static_cast<int>(inRep / (repS + restS));
      h = bump(inRep - rep * (repS + restS), repS, plateauS);
    }
    for (SignalIndex s : e.driver.signals) {
      double v = h * excursion;
      if (e.driver.mode == DriverMode::Decrease) v = -v;
      if (e.driver.mode == DriverMode::Magnitude && rep % 2 == 1) v = -v;
      signalRef(f, s).value = v;
    }
    // A well done repetition reaches the exercise's ranges (squat depth) as it goes out.
    for (const RangeTarget& r : e.ranges) signalRef(f, r.signal).value = h * 1.2 * r.reach;
    if (shape) shape(f, rep, h);
    out.push_back(f);
  }
  return out;
}

}  // namespace lumbo::test
