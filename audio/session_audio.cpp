// SessionAudio: the phrase book of a plan, the coach's rules from view to phrases, the audio
// worker for phrases not prepared, and the loopback render kept in step with the session clock.
#include "audio/session_audio.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "audio/tones.h"
#include "audio/wav_file.h"
#include "exercises/trace_scoring.h"
#include "store/private_file.h"

namespace lumbo::audio {

namespace {

using app::SessionStage;

constexpr float kTickGain = 0.5f;
constexpr float kChimeGain = 0.8f;
// How long finish() lets the last phrases play before it writes the file.
constexpr double kMaxTailS = 30.0;
constexpr double kTailStepS = 1.0 / 45.0;
// The loopback mix's blocks: 4 s of 48 kHz stereo is 750 KiB, allocated once every 4 s.
constexpr std::size_t kMixBlockS = 4;

// The tempo's ticks for one repetition, in seconds from its start: about every 0.75 s through
// each of the tempo's phases (out, hold, back), accented where each phase begins and at the end.
void tempoTicks(const Tempo& tempo, std::vector<double>& atS, std::vector<bool>& accent) {
  atS.clear();
  accent.clear();
  double startS = 0.0;
  for (double lengthS : {tempo.outS, tempo.holdS, tempo.backS}) {
    if (lengthS <= 0.0) continue;
    const int beats = std::max(1, static_cast<int>(std::lround(lengthS / 0.75)));
    for (int b = 0; b < beats; ++b) {
      atS.push_back(startS + lengthS * b / beats);
      accent.push_back(b == 0);
    }
    startS += lengthS;
  }
  if (!atS.empty()) {
    atS.push_back(startS);
    accent.push_back(true);
  }
}

double holdTargetS(const app::PlannedExercise& p, std::size_t phase) {
  const Exercise& e = p.exercise;
  if (phase >= e.phases.size() || e.phases[phase].role != PhaseRole::Hold) return 0.0;
  if (p.holdS && *p.holdS > 0.0) return *p.holdS;  // the prescription's, as the session times it
  const std::size_t level = static_cast<std::size_t>(std::max(1, p.level) - 1);
  if (level < e.levels.size() && e.levels[level].holdS > 0.0) return e.levels[level].holdS;
  return e.phases[phase].holdS;
}

bool atRest(const Exercise& e, std::size_t phase) { return phase >= e.phases.size() || e.phases[phase].role == PhaseRole::Rest; }

}  // namespace

Result<std::unique_ptr<SessionAudio>> SessionAudio::create(std::span<const app::PlannedExercise> plan,
                                                            const AudioSettings& settings) {
  std::unique_ptr<SessionAudio> a(new SessionAudio());
  a->settings_ = settings;
  if (!settings.enabled) {
    a->status_ = "audio: off (--no-audio); every phrase is on the panel";
    return a;
  }
  if (!settings.wavOut.empty()) {
    auto out = AudioOutput::openLoopback();
    if (!out) return Error{"--audio-out: " + out.error()};
    a->output_ = std::move(*out);
    a->status_ = "audio: rendering the session's mix to " + settings.wavOut.string();
  } else if (auto out = AudioOutput::openDevice()) {
    a->output_ = std::move(*out);
    a->status_ = "audio: " + a->output_->deviceName() + ", voice " + settings.voice.voice;
  } else {
    // Nothing would be heard: the session runs as before, its words on the panel alone.
    a->status_ = "audio: " + out.error() + "; the session runs silently, every phrase on the panel";
    return a;
  }
  auto synth = SpeechSynth::open(settings.voice);
  if (!synth) return Error{synth.error()};
  a->synth_ = std::move(*synth);
  a->output_->setMasterGain(std::clamp(settings.volume, 0.0f, 1.0f));
  a->tick_ = a->output_->upload(tickClip(false));
  a->accent_ = a->output_->upload(tickClip(true));
  a->chime_ = a->output_->upload(chimeClip());

  // Every phrase the plan can say, synthesised now: nothing of the kind may happen in a frame.
  int maxCount = 10;
  std::vector<NeutralPosition> positions;
  for (const app::PlannedExercise& p : plan) {
    const Exercise& e = p.exercise;
    a->prepare(e.name);
    for (const std::string& line : e.instructions) a->prepare(line);
    for (const Phase& phase : e.phases) {
      for (const Target& t : phase.targets) a->prepare(t.cue);
    }
    for (const RangeTarget& r : e.ranges) a->prepare(r.cue);
    a->prepare(e.driver.rangeCue);
    for (const Level& l : e.levels) maxCount = std::max(maxCount, l.repetitions * l.sets);
    if (p.sets && p.repetitionsPerSet) maxCount = std::max(maxCount, *p.sets * *p.repetitionsPerSet);
    if (p.restS > 0.0) a->prepare(app::restInstruction(p.restS));
    const NeutralPosition position = neutralPositionFor(e.startingPosition);
    if (std::find(positions.begin(), positions.end(), position) == positions.end()) positions.push_back(position);
  }
  for (NeutralPosition position : positions) a->prepare(app::holdInstruction(position));
  for (int n = 1; n <= maxCount; ++n) a->prepare(std::to_string(n));
  a->thread_ = std::thread([raw = a.get()] { raw->worker(); });
  return a;
}

SessionAudio::~SessionAudio() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SessionAudio::prepare(const std::string& text) {
  if (text.empty() || book_.contains(text)) return;
  const AudioClip clip = synth_->synthesize(text);
  book_[text] = Prepared{output_->upload(clip), clip.durationS()};
}

void SessionAudio::worker() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || !toSynthesize_.empty(); });
    if (stopping_) return;
    const std::string text = std::move(toSynthesize_.front());
    toSynthesize_.pop_front();
    ++busy_;
    lock.unlock();
    AudioClip clip = synth_->synthesize(text);
    lock.lock();
    synthesized_.emplace_back(text, std::move(clip));
    --busy_;
    done_.notify_all();
  }
}

void SessionAudio::speak(std::string text, PhrasePriority priority) {
  if (!output_ || text.empty()) return;
  std::lock_guard lock(mutex_);
  spoken_.push_back(Phrase{std::move(text), priority, -1.0});  // due: the frame that takes it
}

void SessionAudio::collectSyntheses(bool wait) {
  std::unique_lock lock(mutex_);
  for (Phrase& p : spoken_) {
    p.dueS = clockS_;
    if (book_.contains(p.text)) {
      queue_.push(std::move(p));
      continue;
    }
    auto& waiting = awaiting_[p.text];
    if (waiting.empty()) toSynthesize_.push_back(p.text);
    waiting.push_back(std::move(p));
  }
  if (!spoken_.empty()) wake_.notify_all();
  spoken_.clear();
  // Rendering to a file, a phrase is played when it was asked for however long its synthesis
  // took (on the worker): the file is the same on every run.
  if (wait) done_.wait(lock, [&] { return toSynthesize_.empty() && busy_ == 0; });
  for (auto& [text, clip] : synthesized_) {
    if (!book_.contains(text)) book_[text] = Prepared{output_->upload(clip), clip.durationS()};
    for (Phrase& p : awaiting_[text]) queue_.push(std::move(p));
    awaiting_.erase(text);
  }
  synthesized_.clear();
}

void SessionAudio::update(const app::SessionView& view, const ListenerPose& listener, const glm::vec3& coachM,
                          double dtS) {
  if (!output_ || finished_) return;
  const double stepS = std::max(0.0, dtS);
  if (view.stage == SessionStage::Odi || view.stage == SessionStage::PainBefore) beforeS_ += stepS;
  if (view.stage == SessionStage::PainAfter || view.stage == SessionStage::Summary || view.stage == SessionStage::Finished) {
    afterS_ += stepS;
  }
  clockS_ = std::max(clockS_, beforeS_ + view.timeS + afterS_);
  // The audio up to this frame first: what this frame starts begins at its time.
  renderTo(clockS_);
  output_->setListener(listener.positionM, listener.forward, listener.up);
  coachM_ = coachM;
  output_->moveVoice(coachM);
  coach(view);
  collectSyntheses(output_->loopback());
  startDue(coachM);
}

void SessionAudio::coach(const app::SessionView& view) {
  const bool stageChanged = !seenView_ || view.stage != stage_;
  const bool exercising = view.stage == SessionStage::Exercising && view.exercise != nullptr;
  const bool exerciseChanged = exercising && (stageChanged || view.exerciseIndex != exercise_);
  seenView_ = true;
  stage_ = view.stage;
  auto say = [&](const std::string& text, PhrasePriority p) {
    if (text.empty()) return;
    std::lock_guard lock(mutex_);
    spoken_.push_back(Phrase{text, p, clockS_});
  };
  if (exerciseChanged) {
    // A new exercise: what was waiting belongs to the last one.
    queue_.clearGuidance();
    exercise_ = view.exerciseIndex;
    repetitions_ = view.feedback.repetitions;
    cue_.clear();
    positionProblem_.clear();
    inRepetition_ = false;
    nextTick_ = ticksDueS_.size();
    say(view.exercise->exercise.name, PhrasePriority::Instruction);
    for (const std::string& line : view.exercise->exercise.instructions) say(line, PhrasePriority::Instruction);
  } else if (stageChanged && !exercising) {
    queue_.clearGuidance();
    nextTick_ = ticksDueS_.size();
    say(view.instruction, PhrasePriority::Instruction);
  }
  if (view.paused != paused_) {
    paused_ = view.paused;
    say(view.instruction, PhrasePriority::Instruction);
  }
  if (!exercising || view.paused) return;

  const Feedback& f = view.feedback;
  const Exercise& e = view.exercise->exercise;
  if (f.paused != trackingLost_) {
    trackingLost_ = f.paused;
    if (f.paused) say(view.instruction, PhrasePriority::Instruction);
  }
  if (view.positionProblem != positionProblem_) {
    positionProblem_ = view.positionProblem;
    if (!positionProblem_.empty()) say(view.instruction, PhrasePriority::Cue);
  }
  const std::string cue = f.outOfBand && f.cue != nullptr ? *f.cue : std::string();
  if (cue != cue_) {
    cue_ = cue;
    if (!cue.empty()) say(cue, PhrasePriority::Cue);
  }
  if (f.outOfBand || f.paused) repetitionInBand_ = false;

  // The tempo: ticks from the moment the person leaves rest.
  const bool resting = atRest(e, f.phase);
  if (!resting && !inRepetition_) {
    inRepetition_ = true;
    repetitionInBand_ = !f.outOfBand && !f.paused;
    if (e.kind == ExerciseKind::Repetitions && e.tempo.totalS() > 0.0) {
      tempoTicks(e.tempo, ticksDueS_, ticksAccent_);
      for (double& t : ticksDueS_) t += clockS_;
      nextTick_ = 0;
    }
  }
  if (f.repetitionDiscarded) {
    inRepetition_ = false;
    nextTick_ = ticksDueS_.size();
  }
  if (f.repetitionCompleted && f.repetitions != repetitions_) {
    repetitions_ = f.repetitions;
    if (repetitionInBand_) {
      output_->playEffect(chime_, kChimeGain);
      ++chimesPlayed_;
    }
    say(std::to_string(f.repetitions), PhrasePriority::Count);
    inRepetition_ = !resting;
    nextTick_ = ticksDueS_.size();
  } else if (resting && inRepetition_ && !f.repetitionCompleted) {
    inRepetition_ = false;
  }

  // A hold counts down its last seconds aloud.
  const double targetS = holdTargetS(*view.exercise, f.phase);
  if (targetS > 0.0 && f.holdS > 0.0) {
    const int remaining = static_cast<int>(std::ceil(targetS - f.holdS));
    const bool spoken = remaining >= 1 && (remaining <= 3 || (remaining == 5 && targetS >= 8.0) || (remaining % 10 == 0 && targetS > remaining + 2.0));
    if (remaining != holdCountdown_ && spoken) say(std::to_string(remaining), PhrasePriority::Count);
    holdCountdown_ = remaining;
  } else {
    holdCountdown_ = 0;
  }
}

void SessionAudio::startDue(const glm::vec3& coachM) {
  while (nextTick_ < ticksDueS_.size() && ticksDueS_[nextTick_] <= clockS_) {
    output_->playEffect(ticksAccent_[nextTick_] ? accent_ : tick_, kTickGain);
    ++ticksPlayed_;
    ++nextTick_;
  }
  // On a sound device the session's clock can run ahead of the device's (a free-running
  // simulated runtime): the voice itself must also have finished, so no phrase is ever cut.
  if (!output_->loopback() && output_->voicePlaying()) return;
  while (auto phrase = queue_.next(clockS_)) {
    const auto it = book_.find(phrase->text);
    if (it == book_.end() || it->second.durationS <= 0.0) continue;  // nothing came of the synthesis
    output_->playVoice(it->second.buffer, coachM);
    queue_.started(*phrase, clockS_, it->second.durationS);
    transcript_.push_back({clockS_, phrase->text, phrase->priority});
    break;
  }
}

void SessionAudio::renderTo(double clockS) {
  if (!output_->loopback()) return;
  const auto target = static_cast<std::uint64_t>(std::llround(clockS * output_->rateHz()));
  if (target <= renderedFrames_) return;
  const auto frames = static_cast<std::size_t>(target - renderedFrames_);
  if (mixBlocks_.empty() || mixBlocks_.back().size() + 2 * frames > mixBlocks_.back().capacity()) {
    mixBlocks_.emplace_back().reserve(std::max<std::size_t>(2 * frames, 2 * kMixBlockS * static_cast<std::size_t>(output_->rateHz())));
  }
  output_->render(frames, mixBlocks_.back());
  renderedFrames_ = target;
}

Status SessionAudio::finish() {
  if (!output_ || finished_) return Done{};
  finished_ = true;
  // What is waiting or playing still plays: the last count, "session complete".
  collectSyntheses(true);
  for (double tailS = 0.0; tailS < kMaxTailS; tailS += kTailStepS) {
    startDue(coachM_);
    if (queue_.idle(clockS_) && nextTick_ >= ticksDueS_.size() && !output_->playing()) break;
    clockS_ += kTailStepS;
    if (output_->loopback()) renderTo(clockS_);
    else std::this_thread::sleep_for(std::chrono::duration<double>(kTailStepS));
  }
  if (settings_.wavOut.empty()) return Done{};
  WavData wav;
  wav.channels = 2;
  wav.rateHz = output_->rateHz();
  wav.samples.reserve(2 * renderedFrames_);
  for (const auto& block : mixBlocks_) wav.samples.insert(wav.samples.end(), block.begin(), block.end());
  mixBlocks_.clear();
  if (auto st = store::writeFileAtomically(settings_.wavOut, wavBytes(wav)); !st) return Error{"--audio-out: " + st.error()};
  return Done{};
}

}  // namespace lumbo::audio
