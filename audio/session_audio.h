// The coach's voice and sounds for a guided session: every phrase of the plan prepared when the
// plan is made, then, frame by frame from the session's view, the instructions at each stage and
// exercise start, the alignment cue when it changes, counts and hold countdowns, the tempo as
// soft ticks, a chime on a good repetition and a therapist's messages, spoken from the coach's
// position. With `wavOut` the mix is rendered on OpenAL's loopback device in step with the
// session's clock and written there at the end.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <glm/vec3.hpp>

#include "app/session/guided_session.h"
#include "audio/audio_output.h"
#include "audio/phrase_queue.h"
#include "audio/speech_synth.h"

namespace lumbo::audio {

// A phrase the voice started: when, on the session's audio clock, and its words.
struct SpokenPhrase {
  double startS = 0.0;
  std::string text;
  PhrasePriority priority = PhrasePriority::Instruction;
};

struct AudioSettings {
  bool enabled = true;  // false: --no-audio
  float volume = 0.8f;  // 0-1, of full scale
  VoiceSettings voice;
  std::filesystem::path wavOut;  // set: the loopback device, written here by finish()
};

// The listener's head: position and the view's forward and up (world).
struct ListenerPose {
  glm::vec3 positionM{0.0f, 1.6f, 0.0f};
  glm::vec3 forward{0.0f, 0.0f, -1.0f};
  glm::vec3 up{0.0f, 1.0f, 0.0f};
};

class SessionAudio {
 public:
  // Opens the output and synthesises every phrase the plan can say (its exercises' names,
  // instructions and cues, the counts, the starting positions' holds). Fails for an unknown voice or
  // when the loopback device cannot be opened; without a sound device it succeeds silent, and
  // status() says so.
  static Result<std::unique_ptr<SessionAudio>> create(std::span<const app::PlannedExercise> plan, const AudioSettings& settings);
  ~SessionAudio();
  SessionAudio(const SessionAudio&) = delete;
  SessionAudio& operator=(const SessionAudio&) = delete;

  // One display frame: the session's view after it, where the head is and where the coach stands,
  // and the display time since the last frame. Never synthesises.
  void update(const app::SessionView& view, const ListenerPose& listener, const glm::vec3& coachM, double dtS);

  // Says `text` when the voice is free (by priority). From any thread; a phrase not prepared is
  // synthesised on the audio worker thread first.
  void speak(std::string text, PhrasePriority priority);
  // A therapist's message: before anything else still waiting.
  void speakMessage(std::string text) { speak(std::move(text), PhrasePriority::Message); }

  // Lets what is due finish playing and, with wavOut, writes the mix. Idempotent.
  Status finish();

  bool audible() const { return output_ != nullptr; }
  // One line for the person: where the sound goes, or why the session is silent.
  const std::string& status() const { return status_; }
  double clockS() const { return clockS_; }
  std::size_t preparedPhrases() const { return book_.size(); }
  // Every phrase the voice started, in order (the same words are on the panel), and the sounds.
  const std::vector<SpokenPhrase>& transcript() const { return transcript_; }
  std::uint64_t ticksPlayed() const { return ticksPlayed_; }
  std::uint64_t chimesPlayed() const { return chimesPlayed_; }

 private:
  struct Prepared {
    BufferId buffer = 0;
    double durationS = 0.0;
  };
  SessionAudio() = default;
  void prepare(const std::string& text);
  void coach(const app::SessionView& view);
  void collectSyntheses(bool wait);
  void startDue(const glm::vec3& coachM);
  void renderTo(double clockS);
  void worker();

  AudioSettings settings_;
  std::optional<SpeechSynth> synth_;
  std::unique_ptr<AudioOutput> output_;
  std::string status_;
  std::unordered_map<std::string, Prepared> book_;
  BufferId tick_ = 0;
  BufferId accent_ = 0;
  BufferId chime_ = 0;
  PhraseQueue queue_;

  // The session's audio clock: the session's own time, plus display time before it began (pain
  // and ODI questions) and after its exercises.
  double clockS_ = 0.0;
  double beforeS_ = 0.0;
  double afterS_ = 0.0;
  glm::vec3 coachM_{0.0f};
  std::uint64_t renderedFrames_ = 0;
  // Loopback: the mix, interleaved stereo, in blocks of a few seconds each allocated whole. One
  // growing vector would copy the whole session's mix in the frame that outgrows it (1.6 ms at
  // 17 s of audio); blocks are joined once, by finish().
  std::vector<std::vector<std::int16_t>> mixBlocks_;
  bool finished_ = false;

  // What the coach saw last frame, to speak on changes only.
  bool seenView_ = false;
  app::SessionStage stage_ = app::SessionStage::Calibrating;
  std::size_t exercise_ = 0;
  bool paused_ = false;
  bool trackingLost_ = false;
  std::string cue_;
  std::string positionProblem_;
  int repetitions_ = 0;
  bool repetitionInBand_ = true;
  bool inRepetition_ = false;
  int holdCountdown_ = 0;
  std::vector<double> ticksDueS_;   // this repetition's tempo ticks, ascending
  std::vector<bool> ticksAccent_;
  std::size_t nextTick_ = 0;
  std::vector<SpokenPhrase> transcript_;
  std::uint64_t ticksPlayed_ = 0;
  std::uint64_t chimesPlayed_ = 0;

  // Off the frame thread: texts waiting for synthesis, and clips made.
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::deque<std::string> toSynthesize_;
  std::vector<std::pair<std::string, AudioClip>> synthesized_;
  std::unordered_map<std::string, std::vector<Phrase>> awaiting_;  // frame thread only
  std::size_t busy_ = 0;
  bool stopping_ = false;
  std::deque<Phrase> spoken_;  // from other threads, for the frame thread to queue
  std::thread thread_;
};

}  // namespace lumbo::audio
