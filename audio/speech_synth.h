// Speech synthesis with espeak-ng: text to a mono clip in the chosen voice, and the count that
// proves no frame ever waits for it (synthesis belongs to plan time or a worker thread).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "audio/audio_clip.h"
#include "body/result.h"

namespace lumbo::audio {

struct VoiceSettings {
  std::string voice = "en";  // an espeak-ng voice name: "en", "en-us", "de", "en+f3"
  int rateWpm = 155;          // a little slower than espeak's 175: instructions given while moving
  int pitch = 45;             // 0-100
};

class SpeechSynth {
 public:
  // Fails when espeak-ng or its data cannot be loaded, or the voice is unknown.
  static Result<SpeechSynth> open(const VoiceSettings& voice);

  // The spoken text, trimmed of the synthesiser's leading and trailing silence. Thread-safe
  // (espeak-ng is one engine per process: calls take turns). Empty text gives an empty clip.
  AudioClip synthesize(std::string_view text) const;

  const VoiceSettings& voice() const { return voice_; }

  // Marks the calling thread as inside a display frame for the scope's life. A synthesis on a
  // marked thread is counted: the frame loop marks its frames, tests assert the count stays 0.
  class FrameScope {
   public:
    FrameScope();
    ~FrameScope();
    FrameScope(const FrameScope&) = delete;
    FrameScope& operator=(const FrameScope&) = delete;

   private:
    bool outer_;
  };
  static std::uint64_t synthesesInFrames();
  static std::uint64_t syntheses();  // all, for the tests' own sanity

 private:
  explicit SpeechSynth(VoiceSettings voice) : voice_(std::move(voice)) {}
  VoiceSettings voice_;
};

}  // namespace lumbo::audio
