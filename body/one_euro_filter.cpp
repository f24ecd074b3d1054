// The 1 Euro filter and its per-metric use.
#include "body/one_euro_filter.h"

#include <cmath>
#include <glm/gtc/constants.hpp>

namespace lumbo {

namespace {
double smoothingFactor(double dtS, double cutoffHz) {
  const double tau = 1.0 / (glm::two_pi<double>() * cutoffHz);
  return 1.0 / (1.0 + tau / dtS);
}
}  // namespace

double OneEuroFilter::filter(double value, double timeS) {
  if (!initialised_ || timeS <= lastTimeS_) {
    initialised_ = true;
    lastTimeS_ = timeS;
    lastValue_ = value;
    lastDerivative_ = 0.0;
    return value;
  }
  const double dtS = timeS - lastTimeS_;
  const double derivative = (value - lastValue_) / dtS;
  const double aD = smoothingFactor(dtS, params_.derivativeCutoffHz);
  lastDerivative_ += aD * (derivative - lastDerivative_);
  const double cutoffHz = params_.minCutoffHz + params_.beta * std::abs(lastDerivative_);
  const double a = smoothingFactor(dtS, cutoffHz);
  lastValue_ += a * (value - lastValue_);
  lastTimeS_ = timeS;
  return lastValue_;
}

PostureFilter::PostureFilter(const OneEuroParams& angleParams, const OneEuroParams& heightParams) {
  for (std::size_t i = 0; i < kMetricCount; ++i) {
    const auto id = static_cast<MetricId>(i);
    const bool metres = id == MetricId::PelvisHeightM || id == MetricId::HeadHeightM;
    filters_[i] = OneEuroFilter(metres ? heightParams : angleParams);
  }
}

Posture PostureFilter::filter(const Posture& raw) {
  Posture out = raw;
  for (std::size_t i = 0; i < kMetricCount; ++i) {
    if (!raw.metrics[i].available()) {
      filters_[i].reset();
      continue;
    }
    out.metrics[i].value = filters_[i].filter(raw.metrics[i].value, raw.timeS);
  }
  return out;
}

}  // namespace lumbo
