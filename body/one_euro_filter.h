// Low-latency smoothing of posture values for display (Casiez, Roussel and Vogel, "1 Euro
// filter", CHI 2012): heavy smoothing when a value is still, little when it moves fast, so the
// avatar and numbers do not jitter yet do not lag. Scoring always uses the raw values.
#pragma once

#include <array>

#include "body/posture.h"

namespace lumbo {

struct OneEuroParams {
  double minCutoffHz = 1.0;  // smoothing at rest: lower is smoother
  double beta = 0.05;        // how fast the cutoff rises with speed (per unit/s)
  double derivativeCutoffHz = 1.0;
};

class OneEuroFilter {
 public:
  explicit OneEuroFilter(const OneEuroParams& params = {}) : params_(params) {}

  // Filters one sample taken at timeS (seconds, increasing).
  double filter(double value, double timeS);
  void reset() { initialised_ = false; }

 private:
  OneEuroParams params_;
  bool initialised_ = false;
  double lastTimeS_ = 0.0;
  double lastValue_ = 0.0;
  double lastDerivative_ = 0.0;
};

// One filter per metric. A metric that becomes unavailable restarts its filter, so a value never
// glides across a tracking gap.
class PostureFilter {
 public:
  explicit PostureFilter(const OneEuroParams& angleParams = {},
                         const OneEuroParams& heightParams = {1.0, 5.0, 1.0});
  Posture filter(const Posture& raw);

 private:
  std::array<OneEuroFilter, kMetricCount> filters_;
};

}  // namespace lumbo
