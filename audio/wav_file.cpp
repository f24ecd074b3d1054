// WAV writing and reading (canonical 44-byte header; other chunks are skipped on reading).
#include "audio/wav_file.h"

#include <cstring>
#include <fstream>
#include <iterator>

namespace lumbo::audio {

namespace {

void put(std::string& out, std::uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFFu));
}

std::uint32_t get(const std::string& in, std::size_t at, int bytes) {
  std::uint32_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[at + static_cast<std::size_t>(i)])) << (8 * i);
  return v;
}

}  // namespace

std::string wavBytes(const WavData& wav) {
  const auto dataBytes = static_cast<std::uint32_t>(wav.samples.size() * 2);
  const auto channels = static_cast<std::uint32_t>(wav.channels);
  const auto rate = static_cast<std::uint32_t>(wav.rateHz);
  std::string out;
  out.reserve(44 + dataBytes);
  out += "RIFF";
  put(out, 36 + dataBytes, 4);
  out += "WAVEfmt ";
  put(out, 16, 4);
  put(out, 1, 2);  // PCM
  put(out, channels, 2);
  put(out, rate, 4);
  put(out, rate * channels * 2, 4);
  put(out, channels * 2, 2);
  put(out, 16, 2);
  out += "data";
  put(out, dataBytes, 4);
  for (std::int16_t s : wav.samples) put(out, static_cast<std::uint16_t>(s), 2);
  return out;
}

Result<WavData> readWav(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path.string() + ": cannot be read"};
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() < 12 || bytes.compare(0, 4, "RIFF") != 0 || bytes.compare(8, 4, "WAVE") != 0) {
    return Error{path.string() + ": not a WAV file (no RIFF/WAVE header)"};
  }
  WavData wav;
  bool format = false;
  for (std::size_t at = 12; at + 8 <= bytes.size();) {
    const std::string id = bytes.substr(at, 4);
    const std::size_t size = get(bytes, at + 4, 4);
    const std::size_t body = at + 8;
    if (body + size > bytes.size()) return Error{path.string() + ": chunk '" + id + "' runs past the end of the file"};
    if (id == "fmt ") {
      if (size < 16 || get(bytes, body, 2) != 1 || get(bytes, body + 14, 2) != 16) {
        return Error{path.string() + ": fmt: only 16-bit PCM is read"};
      }
      wav.channels = static_cast<int>(get(bytes, body + 2, 2));
      wav.rateHz = static_cast<int>(get(bytes, body + 4, 4));
      format = true;
    } else if (id == "data") {
      if (!format) return Error{path.string() + ": data before fmt"};
      wav.samples.resize(size / 2);
      std::memcpy(wav.samples.data(), bytes.data() + body, wav.samples.size() * 2);
      return wav;
    }
    at = body + size + (size & 1u);
  }
  return Error{path.string() + ": no data chunk"};
}

}  // namespace lumbo::audio
