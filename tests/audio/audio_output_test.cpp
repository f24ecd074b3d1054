// OpenAL Soft's loopback device: silence when nothing plays, sound when a clip plays, the voice
// louder on the side it stands, and WAV files written and read back.
#include <gtest/gtest.h>

#include <cmath>

#include "audio/audio_output.h"
#include "audio/tones.h"
#include "audio/wav_file.h"
#include "tests/test_support.h"

namespace lumbo::audio {
namespace {

struct Energy {
  double left = 0.0;
  double right = 0.0;
};

Energy energy(const std::vector<std::int16_t>& stereo) {
  Energy e;
  for (std::size_t i = 0; i + 1 < stereo.size(); i += 2) {
    e.left += static_cast<double>(stereo[i]) * stereo[i];
    e.right += static_cast<double>(stereo[i + 1]) * stereo[i + 1];
  }
  return e;
}

// A steady tone long enough to measure.
AudioClip tone() {
  AudioClip c;
  c.rateHz = 22050;
  for (int i = 0; i < 22050 / 2; ++i) c.samples.push_back(static_cast<std::int16_t>(8000.0 * std::sin(2.0 * 3.14159265 * 440.0 * i / 22050.0)));
  return c;
}

// The voice at `voiceM` for the listener at the origin facing -z; the stereo mix of 0.25 s.
std::vector<std::int16_t> renderVoiceAt(const glm::vec3& voiceM) {
  auto out = AudioOutput::openLoopback();
  EXPECT_TRUE(out.ok()) << (out.ok() ? "" : out.error());
  if (!out.ok()) return {};
  (*out)->setListener({0, 0, 0}, {0, 0, -1}, {0, 1, 0});
  const BufferId b = (*out)->upload(tone());
  std::vector<std::int16_t> mix;
  (*out)->render(480, mix);  // before anything plays
  // Silence, give or take the last bit of OpenAL's float-to-integer conversion.
  for (std::size_t i = 0; i < mix.size(); ++i) EXPECT_LE(std::abs(static_cast<int>(mix[i])), 1) << i;
  mix.clear();
  (*out)->playVoice(b, voiceM);
  (*out)->render(AudioOutput::kLoopbackRateHz / 4, mix);
  EXPECT_TRUE((*out)->playing());
  return mix;
}

TEST(AudioOutput, TheVoiceIsLouderOnTheSideItStands) {
  const Energy right = energy(renderVoiceAt({0.8f, 0.0f, -0.3f}));
  const Energy left = energy(renderVoiceAt({-0.8f, 0.0f, -0.3f}));
  const Energy ahead = energy(renderVoiceAt({0.0f, 0.0f, -1.0f}));
  EXPECT_GT(right.right, 2.0 * right.left);
  EXPECT_GT(left.left, 2.0 * left.right);
  EXPECT_NEAR(ahead.left / ahead.right, 1.0, 0.05);
  EXPECT_GT(ahead.left, 0.0);
}

TEST(AudioOutput, EffectsAreHeadFixedAndCentred) {
  auto out = AudioOutput::openLoopback();
  ASSERT_TRUE(out.ok()) << out.error();
  (*out)->setListener({0, 0, 0}, {1, 0, 0}, {0, 1, 0});
  (*out)->playEffect((*out)->upload(chimeClip()), 1.0f);
  std::vector<std::int16_t> mix;
  (*out)->render(AudioOutput::kLoopbackRateHz / 5, mix);
  const Energy e = energy(mix);
  EXPECT_GT(e.left, 0.0);
  EXPECT_NEAR(e.left / e.right, 1.0, 0.05);
}

TEST(WavFile, WrittenAndReadBack) {
  test::TempDir dir;
  WavData wav;
  wav.rateHz = 48000;
  wav.samples = {0, 1, -1, 32767, -32768, 12345};
  std::ofstream(dir / "a.wav", std::ios::binary) << wavBytes(wav);
  auto back = readWav(dir / "a.wav");
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ(back->channels, 2);
  EXPECT_EQ(back->rateHz, 48000);
  EXPECT_EQ(back->samples, wav.samples);
  EXPECT_EQ(back->frames(), 3u);
  auto bad = readWav(dir.write("b.wav", "RIFF....WAVEjunk"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("b.wav"), std::string::npos) << bad.error();
}

}  // namespace
}  // namespace lumbo::audio
