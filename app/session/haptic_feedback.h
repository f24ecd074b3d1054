// When to pulse the controllers: a pulse when alignment leaves its band, stronger the further
// out, rate-limited so it informs rather than nags, and off by a setting.
#pragma once

#include <optional>

#include "exercises/exercise_engine.h"

namespace lumbo::app {

struct HapticSettings {
  bool enabled = true;
  double minIntervalS = 0.6;     // at most one pulse this often while out of band
  double farExcess = 10.0;       // excess (signal units, mostly degrees) felt at full strength
  float minAmplitude = 0.25f;    // the faintest pulse still noticed through a controller
  double durationS = 0.08;
  float frequencyHz = 0.0f;      // 0: the runtime's default (XR_FREQUENCY_UNSPECIFIED)
};

// What the frame loop turns into xrApplyHapticFeedback (XrHapticVibration).
struct HapticPulse {
  float amplitude = 0.0f;  // 0-1
  double durationS = 0.0;
  float frequencyHz = 0.0f;
};

class HapticFeedbackPolicy {
 public:
  explicit HapticFeedbackPolicy(const HapticSettings& settings = {}) : settings_(settings) {}

  // Called once per frame with the engine's feedback; returns the pulse to play now, if any.
  // Out of band pulses at once, and again every minIntervalS while it stays out.
  // Nothing while tracking is lost (the engine is not judging then) or when disabled.
  std::optional<HapticPulse> update(const Feedback& feedback, double timeS);

  void setEnabled(bool enabled) { settings_.enabled = enabled; }
  const HapticSettings& settings() const { return settings_; }

  // Strength for an excess beyond the band: minAmplitude just outside, 1 at farExcess.
  float amplitudeFor(double excess) const;

 private:
  HapticSettings settings_;
  double lastPulseS_ = -1e9;
};

}  // namespace lumbo::app
