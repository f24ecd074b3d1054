// Tick and chime synthesis: decaying sines, quiet next to speech so they never cover it.
#include "audio/tones.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace lumbo::audio {

namespace {

constexpr double kTwoPi = 6.283185307179586;

struct Note {
  double startS;
  double frequencyHz;
  double amplitude;  // of full scale
  double decayS;     // time constant
};

AudioClip render(std::initializer_list<Note> notes, double lengthS, int rateHz) {
  AudioClip clip;
  clip.rateHz = rateHz;
  const std::size_t n = static_cast<std::size_t>(lengthS * rateHz);
  clip.samples.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / rateHz;
    double v = 0.0;
    for (const Note& note : notes) {
      if (t < note.startS) continue;
      const double u = t - note.startS;
      // 3 ms attack: no click at the onset.
      const double attack = std::min(1.0, u / 0.003);
      v += note.amplitude * attack * std::exp(-u / note.decayS) * std::sin(kTwoPi * note.frequencyHz * u);
    }
    clip.samples[i] = static_cast<std::int16_t>(std::lround(std::clamp(v, -1.0, 1.0) * 32767.0));
  }
  return clip;
}

}  // namespace

AudioClip tickClip(bool accented, int rateHz) {
  return accented ? render({{0.0, 1320.0, 0.22, 0.012}}, 0.06, rateHz) : render({{0.0, 990.0, 0.14, 0.010}}, 0.05, rateHz);
}

AudioClip chimeClip(int rateHz) {
  // A rising major third (E6, G#6): reads as "well done" without words.
  return render({{0.0, 1318.5, 0.28, 0.18}, {0.09, 1661.2, 0.24, 0.22}}, 0.6, rateHz);
}

}  // namespace lumbo::audio
