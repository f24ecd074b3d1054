// HapticFeedbackPolicy: pulse strength from the excess and the rate limit.
#include "app/session/haptic_feedback.h"

#include <algorithm>

namespace lumbo::app {

float HapticFeedbackPolicy::amplitudeFor(double excess) const {
  const double t = settings_.farExcess > 0.0 ? std::clamp(excess / settings_.farExcess, 0.0, 1.0) : 1.0;
  return static_cast<float>(settings_.minAmplitude + (1.0 - settings_.minAmplitude) * t);
}

std::optional<HapticPulse> HapticFeedbackPolicy::update(const Feedback& feedback, double timeS) {
  const bool out = settings_.enabled && !feedback.paused && feedback.outOfBand;
  if (!out) return std::nullopt;
  // The interval also holds across brief returns to the band: a signal hovering at its limit
  // would otherwise buzz on every crossing.
  if (timeS - lastPulseS_ < settings_.minIntervalS) return std::nullopt;
  lastPulseS_ = timeS;
  return HapticPulse{amplitudeFor(feedback.excess), settings_.durationS, settings_.frequencyHz};
}

}  // namespace lumbo::app
