// PhraseQueue: priority, staleness, the cue rate limit and the one-voice rule.
#include "audio/phrase_queue.h"

#include <algorithm>

namespace lumbo::audio {

void PhraseQueue::push(Phrase phrase) {
  if (phrase.text.empty()) return;
  if (phrase.priority == PhrasePriority::Count || phrase.priority == PhrasePriority::Cue) {
    std::erase_if(waiting_, [&](const Phrase& p) { return p.priority == phrase.priority; });
  }
  waiting_.push_back(std::move(phrase));
}

void PhraseQueue::clearGuidance() {
  std::erase_if(waiting_, [](const Phrase& p) { return p.priority == PhrasePriority::Cue || p.priority == PhrasePriority::Instruction; });
}

double PhraseQueue::staleAfterS(PhrasePriority p) const {
  switch (p) {
    case PhrasePriority::Cue: return options_.cueStaleS;
    case PhrasePriority::Count: return options_.countStaleS;
    case PhrasePriority::Instruction: return options_.instructionStaleS;
    case PhrasePriority::Message: return options_.messageStaleS;
  }
  return 0.0;
}

bool PhraseQueue::cueAllowed(const Phrase& cue, double nowS) const {
  const double since = nowS - lastCueS_;
  return since >= options_.cueGapS && (cue.text != lastCue_ || since >= options_.sameCueGapS);
}

std::optional<Phrase> PhraseQueue::next(double nowS) {
  std::erase_if(waiting_, [&](const Phrase& p) { return nowS - p.dueS > staleAfterS(p.priority); });
  if (nowS < busyUntilS_ + options_.pauseS) return std::nullopt;
  // Highest priority first, oldest first within a priority; a cue waits out its rate limit.
  auto best = waiting_.end();
  for (auto it = waiting_.begin(); it != waiting_.end(); ++it) {
    if (it->priority == PhrasePriority::Cue && !cueAllowed(*it, nowS)) continue;
    if (best == waiting_.end() || it->priority > best->priority) best = it;
  }
  if (best == waiting_.end()) return std::nullopt;
  Phrase p = std::move(*best);
  waiting_.erase(best);
  return p;
}

void PhraseQueue::started(const Phrase& phrase, double nowS, double durationS) {
  busyUntilS_ = nowS + durationS;
  if (phrase.priority == PhrasePriority::Cue) {
    lastCueS_ = nowS;
    lastCue_ = phrase.text;
  }
}

}  // namespace lumbo::audio
