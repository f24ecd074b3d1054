// What the coach's voice says next: phrases wait by priority, a cue is rate limited and never
// repeated at once, a newer count replaces an older one, phrases too late to help are dropped,
// and nothing starts while the voice is still speaking.
#pragma once

#include <deque>
#include <optional>
#include <string>

namespace lumbo::audio {

// Higher wins. A therapist's message goes first; then a count (one short word, useless late),
// slotted between the lines of the instructions; alignment cues last (said again while the
// fault lasts).
enum class PhrasePriority : unsigned char { Cue, Instruction, Count, Message };

struct Phrase {
  std::string text;
  PhrasePriority priority = PhrasePriority::Instruction;
  double dueS = 0.0;  // when it was asked for, on the session's audio clock
};

struct PhraseQueueOptions {
  double cueGapS = 4.0;      // between the starts of two cues
  double sameCueGapS = 10.0;  // before the same cue is said again
  double pauseS = 0.25;      // silence between two phrases
  // How late a phrase may still start: a count or cue said seconds after its moment misleads.
  double cueStaleS = 2.0;
  double countStaleS = 2.5;
  double instructionStaleS = 45.0;
  double messageStaleS = 120.0;
};

class PhraseQueue {
 public:
  explicit PhraseQueue(const PhraseQueueOptions& options = {}) : options_(options) {}

  // A count replaces any count still waiting; a cue any cue still waiting.
  void push(Phrase phrase);
  // Forgets the instructions and cues waiting: a new stage or exercise makes them moot. Counts
  // and messages stay (the last repetition's count is still due when the next exercise starts).
  void clearGuidance();

  // The phrase to start now, if the voice is free and one may start; the caller then says how
  // long it lasts with started(). Drops stale phrases.
  std::optional<Phrase> next(double nowS);
  void started(const Phrase& phrase, double nowS, double durationS);

  bool speaking(double nowS) const { return nowS < busyUntilS_; }
  bool idle(double nowS) const { return !speaking(nowS) && waiting_.empty(); }
  std::size_t waiting() const { return waiting_.size(); }

 private:
  double staleAfterS(PhrasePriority p) const;
  bool cueAllowed(const Phrase& cue, double nowS) const;

  PhraseQueueOptions options_;
  std::deque<Phrase> waiting_;
  double busyUntilS_ = -1e9;
  double lastCueS_ = -1e9;
  std::string lastCue_;
};

}  // namespace lumbo::audio
