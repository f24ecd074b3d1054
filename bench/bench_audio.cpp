// What the coach's audio costs: synthesising a phrase (the reason it is never done in a frame)
// and mixing one 45 Hz frame's worth of audio on the loopback device while the voice speaks.
#include <benchmark/benchmark.h>

#include "audio/audio_output.h"
#include "audio/speech_synth.h"

namespace {

void BM_SynthesizeInstruction(benchmark::State& state) {
  auto synth = lumbo::audio::SpeechSynth::open({});
  if (!synth) {
    state.SkipWithError(synth.error().c_str());
    return;
  }
  double spokenS = 0.0;
  for (auto _ : state) {
    const lumbo::audio::AudioClip clip = synth->synthesize("Squat as low as you can with heels down and chest up.");
    spokenS = clip.durationS();
    benchmark::DoNotOptimize(clip.samples.data());
  }
  state.counters["spoken_s"] = spokenS;
}
BENCHMARK(BM_SynthesizeInstruction)->Unit(benchmark::kMillisecond);

void BM_LoopbackMixOneFrame(benchmark::State& state) {
  auto out = lumbo::audio::AudioOutput::openLoopback();
  auto synth = lumbo::audio::SpeechSynth::open({});
  if (!out || !synth) {
    state.SkipWithError("no loopback device or no speech");
    return;
  }
  const lumbo::audio::BufferId voice = (*out)->upload(synth->synthesize("Keep your back long: bend at the hips, not the low back"));
  (*out)->setListener({0, 1.6f, 0}, {0, 0, -1}, {0, 1, 0});
  std::vector<std::int16_t> mix;
  const std::size_t frames = lumbo::audio::AudioOutput::kLoopbackRateHz / 45;
  for (auto _ : state) {
    if (!(*out)->playing()) (*out)->playVoice(voice, {0.8f, 1.6f, 0.0f});
    mix.clear();
    (*out)->render(frames, mix);
    benchmark::DoNotOptimize(mix.data());
  }
}
BENCHMARK(BM_LoopbackMixOneFrame)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
