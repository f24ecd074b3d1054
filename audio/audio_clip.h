// A sound held in memory: mono 16-bit samples at a rate, the unit every phrase, tick and chime
// is prepared as before the session's first frame.
#pragma once

#include <cstdint>
#include <vector>

namespace lumbo::audio {

struct AudioClip {
  std::vector<std::int16_t> samples;  // mono
  int rateHz = 22050;

  double durationS() const { return rateHz > 0 ? static_cast<double>(samples.size()) / rateHz : 0.0; }
  bool empty() const { return samples.empty(); }
};

}  // namespace lumbo::audio
