// espeak-ng speech: real samples for real words, unknown voices refused, and the frame mark
// that counts any synthesis made inside a display frame.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

#include "audio/speech_synth.h"
#include "audio/tones.h"

namespace lumbo::audio {
namespace {

double rms(const AudioClip& c) {
  double sum = 0.0;
  for (std::int16_t s : c.samples) sum += static_cast<double>(s) * s;
  return c.samples.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(c.samples.size()));
}

TEST(SpeechSynth, SpeaksWordsAsAudibleSamplesTrimmedOfSilence) {
  auto synth = SpeechSynth::open({});
  ASSERT_TRUE(synth.ok()) << synth.error();
  const AudioClip shortClip = synth->synthesize("three");
  const AudioClip longClip = synth->synthesize("Stand tall, arms by your sides, look ahead and hold still");
  EXPECT_GT(shortClip.rateHz, 8000);
  EXPECT_GT(rms(shortClip), 500.0);
  // A word is well under a second once the synthesiser's padding is gone; a sentence is longer.
  EXPECT_GT(shortClip.durationS(), 0.15);
  EXPECT_LT(shortClip.durationS(), 1.0);
  EXPECT_GT(longClip.durationS(), 2.0 * shortClip.durationS());
  EXPECT_TRUE(synth->synthesize("").empty());
}

TEST(SpeechSynth, RefusesAnUnknownVoiceByName) {
  auto synth = SpeechSynth::open({.voice = "no-such-voice-xx"});
  ASSERT_FALSE(synth.ok());
  EXPECT_NE(synth.error().find("no-such-voice-xx"), std::string::npos) << synth.error();
}

TEST(SpeechSynth, CountsSynthesesMadeInsideAFrame) {
  auto synth = SpeechSynth::open({});
  ASSERT_TRUE(synth.ok());
  const std::uint64_t before = SpeechSynth::synthesesInFrames();
  synth->synthesize("outside");
  EXPECT_EQ(SpeechSynth::synthesesInFrames(), before);
  {
    const SpeechSynth::FrameScope frame;
    synth->synthesize("inside");
  }
  EXPECT_EQ(SpeechSynth::synthesesInFrames(), before + 1);
  synth->synthesize("after");
  EXPECT_EQ(SpeechSynth::synthesesInFrames(), before + 1);
}

TEST(Tones, TickIsShortAndQuieterThanTheChime) {
  const AudioClip tick = tickClip(false);
  const AudioClip chime = chimeClip();
  EXPECT_LT(tick.durationS(), 0.1);
  EXPECT_GT(chime.durationS(), 0.3);
  EXPECT_LT(rms(tick), rms(chime));
  EXPECT_GT(rms(tick), 100.0);
}

}  // namespace
}  // namespace lumbo::audio
