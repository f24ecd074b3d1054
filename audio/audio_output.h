// Spatial playback through OpenAL Soft: on the system's sound device, or on its loopback device
// (ALC_SOFT_loopback), which renders the mix on request so a session's audio can be written to a
// file in step with the session's clock. One voice source placed in the world; a few head-fixed
// sources for ticks and chimes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include "audio/audio_clip.h"
#include "body/result.h"

namespace lumbo::audio {

using BufferId = std::uint32_t;

class AudioOutput {
 public:
  static constexpr int kLoopbackRateHz = 48000;

  // The default sound device. Fails (with the reason) when there is none: a machine without
  // sound hardware, or OpenAL Soft's "No Output" fallback.
  static Result<std::unique_ptr<AudioOutput>> openDevice();
  // A stereo 16-bit loopback device at `rateHz`, without HRTF (plain panning: left and right).
  static Result<std::unique_ptr<AudioOutput>> openLoopback(int rateHz = kLoopbackRateHz);
  ~AudioOutput();
  AudioOutput(const AudioOutput&) = delete;
  AudioOutput& operator=(const AudioOutput&) = delete;

  BufferId upload(const AudioClip& clip);

  // The listener: the head's position and its view's forward and up (world, unit).
  void setListener(const glm::vec3& positionM, const glm::vec3& forward, const glm::vec3& up);
  void setMasterGain(float gain);  // 0-1

  // The voice, from a point in the world; replaces what the voice was playing.
  void playVoice(BufferId buffer, const glm::vec3& positionM);
  void moveVoice(const glm::vec3& positionM);
  // A head-fixed sound (tick, chime) at `gain` of the voice's level; may overlap the voice.
  void playEffect(BufferId buffer, float gain);
  bool playing() const;  // any source
  bool voicePlaying() const;

  bool loopback() const { return renderSamples_ != nullptr; }
  int rateHz() const { return rateHz_; }
  std::string deviceName() const { return deviceName_; }
  // Loopback only: mixes the next `frames` stereo frames and appends them, interleaved L R.
  void render(std::size_t frames, std::vector<std::int16_t>& interleaved);

 private:
  AudioOutput() = default;
  Status createContext(const int* attributes);

  void* device_ = nullptr;   // ALCdevice
  void* context_ = nullptr;  // ALCcontext
  void (*renderSamples_)(void*, void*, int) = nullptr;
  int rateHz_ = 0;
  std::string deviceName_;
  std::uint32_t voice_ = 0;
  std::vector<std::uint32_t> effects_;
  std::size_t nextEffect_ = 0;
  std::vector<std::uint32_t> buffers_;
};

}  // namespace lumbo::audio
