// 16-bit PCM WAV files: the session's mix written by `lumbo demo --audio-out`, and read back.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "body/result.h"

namespace lumbo::audio {

struct WavData {
  int channels = 2;
  int rateHz = 48000;
  std::vector<std::int16_t> samples;  // interleaved

  std::size_t frames() const { return channels > 0 ? samples.size() / static_cast<std::size_t>(channels) : 0; }
};

// The file's bytes: a RIFF header and the samples, little-endian.
std::string wavBytes(const WavData& wav);
// Reads a 16-bit PCM WAV; fails naming the file and what is wrong with it.
Result<WavData> readWav(const std::filesystem::path& path);

}  // namespace lumbo::audio
