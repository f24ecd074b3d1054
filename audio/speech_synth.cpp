// SpeechSynth: espeak-ng in synchronous mode, its samples collected through the synth callback.
#include "audio/speech_synth.h"

#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>

namespace lumbo::audio {

namespace {

std::mutex& engineMutex() {
  static std::mutex m;
  return m;
}

std::atomic<std::uint64_t> gSyntheses{0};
std::atomic<std::uint64_t> gSynthesesInFrames{0};
thread_local bool tInFrame = false;

// 0 until espeak-ng is initialised, then its sample rate, or -1 when it cannot be.
int gRateHz = 0;

int collect(short* wav, int count, espeak_EVENT* events) {
  if (wav == nullptr || count <= 0 || events == nullptr) return 0;
  auto* out = static_cast<AudioClip*>(events->user_data);
  if (out != nullptr) out->samples.insert(out->samples.end(), wav, wav + count);
  return 0;
}

// Under engineMutex.
int initialise() {
  if (gRateHz == 0) {
    const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, nullptr, 0);
    gRateHz = rate > 0 ? rate : -1;
    if (gRateHz > 0) espeak_SetSynthCallback(&collect);
  }
  return gRateHz;
}

bool selectVoice(const VoiceSettings& v) {
  if (espeak_SetVoiceByName(v.voice.c_str()) != EE_OK) return false;
  espeak_SetParameter(espeakRATE, std::clamp(v.rateWpm, espeakRATE_MINIMUM, espeakRATE_MAXIMUM), 0);
  espeak_SetParameter(espeakPITCH, std::clamp(v.pitch, 0, 100), 0);
  return true;
}

// The synthesiser pads each utterance with silence; a queue of phrases needs their true length.
void trim(AudioClip& clip) {
  constexpr int kThreshold = 200;  // of 32767: below hearing at speaking volume
  auto loud = [](std::int16_t s) { return std::abs(static_cast<int>(s)) > kThreshold; };
  std::size_t first = 0;
  while (first < clip.samples.size() && !loud(clip.samples[first])) ++first;
  std::size_t last = clip.samples.size();
  while (last > first && !loud(clip.samples[last - 1])) --last;
  // Keep 20 ms either side so the onset and the fade are not clicks.
  const std::size_t pad = static_cast<std::size_t>(clip.rateHz / 50);
  first = first > pad ? first - pad : 0;
  last = std::min(clip.samples.size(), last + pad);
  clip.samples = std::vector<std::int16_t>(clip.samples.begin() + static_cast<std::ptrdiff_t>(first),
                                           clip.samples.begin() + static_cast<std::ptrdiff_t>(last));
}

}  // namespace

Result<SpeechSynth> SpeechSynth::open(const VoiceSettings& voice) {
  std::lock_guard lock(engineMutex());
  if (initialise() < 0) return Error{"espeak-ng could not be initialised (is espeak-ng-data installed?)"};
  if (!selectVoice(voice)) return Error{"--voice: espeak-ng has no voice '" + voice.voice + "' (espeak-ng --voices lists them)"};
  return SpeechSynth(voice);
}

AudioClip SpeechSynth::synthesize(std::string_view text) const {
  ++gSyntheses;
  if (tInFrame) ++gSynthesesInFrames;
  AudioClip clip;
  std::lock_guard lock(engineMutex());
  clip.rateHz = initialise();
  if (text.empty() || clip.rateHz <= 0 || !selectVoice(voice_)) return clip;
  const std::string z(text);
  espeak_Synth(z.c_str(), z.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, &clip);
  espeak_Synchronize();
  trim(clip);
  return clip;
}

SpeechSynth::FrameScope::FrameScope() : outer_(!tInFrame) { tInFrame = true; }
SpeechSynth::FrameScope::~FrameScope() {
  if (outer_) tInFrame = false;
}

std::uint64_t SpeechSynth::synthesesInFrames() { return gSynthesesInFrames.load(); }
std::uint64_t SpeechSynth::syntheses() { return gSyntheses.load(); }

}  // namespace lumbo::audio
