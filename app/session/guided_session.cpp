// The guided session's stages and what it hands to the store.
#include "app/session/guided_session.h"

#include <algorithm>
#include <cstdio>

#include "exercises/starting_position.h"
#include "exercises/trace_scoring.h"
#include "store/scored_session.h"

namespace lumbo::app {

const char* stageName(SessionStage stage) {
  switch (stage) {
    case SessionStage::Odi: return "ODI questionnaire";
    case SessionStage::PainBefore: return "pain question (before)";
    case SessionStage::Calibrating: return "calibrating";
    case SessionStage::Demonstrating: return "demonstrating";
    case SessionStage::Exercising: return "exercising";
    case SessionStage::PainCheck: return "pain check between sets";
    case SessionStage::PainStopped: return "stopped for pain";
    case SessionStage::Resting: return "resting between sets";
    case SessionStage::PainAfter: return "pain question (after)";
    case SessionStage::Summary: return "summary";
    case SessionStage::Finished: return "finished";
  }
  return "?";
}

std::string holdInstruction(NeutralPosition p) {
  switch (p) {
    case NeutralPosition::Standing: return "Stand tall, arms by your sides, look ahead and hold still";
    case NeutralPosition::Supine: return "Lie on your back, knees bent, spine relaxed, and hold still";
    case NeutralPosition::FourPointKneeling: return "Kneel on hands and knees, back flat, and hold still";
  }
  return "Hold still";
}

std::string restInstruction(double restS) {
  char text[160];
  std::snprintf(text, sizeof text, "Set done. Rest for %.0f seconds: relax and breathe slowly. Press Continue when you are ready.",
                restS);
  return text;
}

namespace {

// How long the ghost's one repetition takes: the prescribed tempo, or for a hold the time to get
// into it, hold and come out.
double demonstrationSeconds(const Exercise& exercise, const Level& level) {
  const double tempoS = exercise.tempo.totalS();
  double holdS = 0.0;
  for (const Phase& p : exercise.phases) {
    if (p.role == PhaseRole::Hold) holdS += level.holdS > 0.0 ? level.holdS : p.holdS;
  }
  return std::clamp(tempoS > 0.0 ? tempoS : holdS + 3.0, 3.0, 20.0);
}

std::string demonstrationText(const Exercise& exercise) {
  std::string text;
  for (const std::string& line : exercise.instructions) text += (text.empty() ? "" : " ") + line;
  return text.empty() ? exercise.name : text;
}

}  // namespace

GuidedSession::GuidedSession(std::vector<PlannedExercise> plan, store::SessionWriter* writer,
                             store::SessionInfo info, const GuidedSessionOptions& options)
    : plan_(std::move(plan)), writer_(writer), info_(std::move(info)), options_(options), physics_(options.gravityFree) {
  // A prescription's sets, repetitions and hold replace the level's, so the engine counts to them
  // and times every hold by the prescription (a shorter one is a "hold too short" fault).
  for (PlannedExercise& p : plan_) {
    auto& levels = p.exercise.levels;
    if (levels.empty()) continue;
    p.level = std::clamp(p.level, 1, static_cast<int>(levels.size()));
    Level& level = levels[static_cast<std::size_t>(p.level - 1)];
    if (p.sets) level.sets = *p.sets;
    if (p.repetitionsPerSet) level.repetitions = *p.repetitionsPerSet;
    if (p.holdS && *p.holdS > 0.0) level.holdS = *p.holdS;
  }
  view_.painBefore = info_.painBefore;
  if (info_.painBefore) pain_.setBaseline(*info_.painBefore);
  demonstrated_.assign(plan_.size(), false);
  if (plan_.empty()) {
    view_.stage = SessionStage::Finished;
    return;
  }
  view_.exercise = &plan_[0];
  if (options_.askOdi) {
    view_.stage = SessionStage::Odi;
    view_.instruction = "Oswestry questionnaire: how your back affects your everyday life today";
  } else {
    askPainOrCalibrate();
  }
}

void GuidedSession::askPainOrCalibrate() {
  if (options_.askPainBefore && !info_.painBefore) {
    view_.stage = SessionStage::PainBefore;
    view_.instruction = "How much back pain do you feel right now? 0 is none, 10 the worst imaginable.";
  } else {
    view_.stage = SessionStage::Calibrating;
    view_.instruction = holdInstruction(neutralPositionFor(plan_[0].exercise.startingPosition));
  }
}

void GuidedSession::apply(const SessionCommand& command) {
  using Kind = SessionCommand::Kind;
  const SessionStage stage = view_.stage;
  const bool active = stage == SessionStage::Calibrating || stage == SessionStage::Exercising ||
                      stage == SessionStage::Demonstrating;
  switch (command.kind) {
    case Kind::AnswerOdiSection:
      if (stage != SessionStage::Odi || view_.odiSection >= kOdiSections) return;
      if (command.value != SessionCommand::kSkip) view_.odiAnswers[view_.odiSection] = std::clamp(command.value, 0, 5);
      if (++view_.odiSection == kOdiSections) askPainOrCalibrate();
      return;
    case Kind::AnswerPainBefore:
      if (stage != SessionStage::PainBefore) return;
      info_.painBefore = std::clamp(command.value, 0, 10);
      view_.painBefore = info_.painBefore;
      pain_.setBaseline(*info_.painBefore);
      view_.stage = SessionStage::Calibrating;
      view_.instruction = holdInstruction(neutralPositionFor(plan_[0].exercise.startingPosition));
      return;
    case Kind::Pause:
    case Kind::Resume:
      if (active) setPaused(command.kind == Kind::Pause, command.by);
      return;
    case Kind::EndExercise:
    case Kind::SetLevel:
    case Kind::SetRepetitions:
    case Kind::Message:
      if (active) applyTherapistChange(command);
      return;
    case Kind::Stop:
      if (!active && stage != SessionStage::PainCheck && stage != SessionStage::PainStopped && stage != SessionStage::Resting) {
        return;
      }
      setPaused(false);
      view_.stopped = true;
      closeExercise(view_.timeS);
      endExercises();
      return;
    case Kind::AnswerPainAfter:
      if (stage != SessionStage::PainAfter) return;
      view_.painAfter = std::clamp(command.value, 0, 10);
      view_.stage = SessionStage::Summary;
      view_.instruction = "Session summary";
      return;
    case Kind::CloseSummary:
      if (stage != SessionStage::Summary) return;
      view_.stage = SessionStage::Finished;
      view_.instruction = "Session complete";
      return;
    case Kind::SkipDemonstration:
      if (stage == SessionStage::Demonstrating) beginSets(view_.timeS);
      return;
    case Kind::AnswerPainCheck:
      if (stage == SessionStage::PainCheck) answerPainCheck(command.value);
      return;
    case Kind::EndRest:
      if (stage != SessionStage::Resting) return;
      view_.restRemainingS = 0.0;
      view_.stage = SessionStage::Exercising;
      return;
    case Kind::NextExercise:
      if (stage != SessionStage::PainStopped) return;
      if (view_.exerciseIndex + 1 < plan_.size()) {
        startExercise(view_.exerciseIndex + 1, view_.timeS);
      } else {
        endExercises();
      }
      return;
  }
}

void GuidedSession::setPaused(bool paused, const std::string& by) {
  if (paused == view_.paused) return;
  view_.paused = paused;
  recordEvent(paused ? store::EventKind::Pause : store::EventKind::Resume, by.empty() ? "by the person" : "by " + by);
}

void GuidedSession::recordEvent(store::EventKind kind, std::string detail, int fromLevel, int toLevel) {
  if (!writer_ || !started_) return;
  writer_->event({view_.timeS, kind, std::move(detail), view_.exercise ? view_.exercise->exercise.id : std::string(),
                  fromLevel, toLevel});
}

// A therapist's change to the exercise in progress. Each is recorded with who sent it, so the
// session's record says why it differs from its plan.
void GuidedSession::applyTherapistChange(const SessionCommand& command) {
  using Kind = SessionCommand::Kind;
  const std::string by = command.by.empty() ? "the person" : command.by;
  if (command.kind == Kind::Message) {
    std::string text = command.text.substr(0, kMaxSessionMessageBytes);
    // Never end inside a UTF-8 sequence: drop continuation bytes left without their lead.
    if (text.size() < command.text.size()) {
      while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
      if (!text.empty() && (static_cast<unsigned char>(text.back()) & 0x80)) text.pop_back();
    }
    view_.message = text;
    view_.messageBy = command.by;
    view_.messageTimeS = view_.timeS;
    recordEvent(store::EventKind::Message, text.empty() ? "cleared by " + by : "by " + by + ": " + text);
    return;
  }
  if (command.kind == Kind::EndExercise) {
    recordEvent(store::EventKind::ExerciseEnded, "by " + by);
    setPaused(false, command.by);
    const std::size_t index = view_.exerciseIndex;
    closeExercise(view_.timeS);
    if (index + 1 < plan_.size()) {
      startExercise(index + 1, view_.timeS);
    } else {
      endExercises();
    }
    return;
  }
  // Level and repetitions change the exercise being done, so they wait for it to have started.
  if (view_.stage != SessionStage::Exercising || !engine_) return;
  PlannedExercise& current = plan_[view_.exerciseIndex];
  auto& levels = current.exercise.levels;
  if (levels.empty()) return;
  if (command.kind == Kind::SetRepetitions) {
    const int perSet = std::clamp(command.value, 1, 100);
    Level& level = levels[static_cast<std::size_t>(current.level - 1)];
    if (perSet == level.repetitions) return;
    recordEvent(store::EventKind::RepetitionsChange,
                current.exercise.id + " " + std::to_string(level.repetitions) + " -> " + std::to_string(perSet) +
                    " repetitions per set by " + by);
    level.repetitions = perSet;
    current.repetitionsPerSet = perSet;
    engine_->setRepetitionsPerSet(perSet);
    view_.targetRepetitions = perSet * engine_->level().sets;
    return;
  }
  // SetLevel: what was done at the old level is closed as its own sets, and the exercise starts
  // again at the new one, with that level's prescription.
  const int to = std::clamp(command.value, 1, static_cast<int>(levels.size()));
  if (to == current.level) return;
  recordEvent(store::EventKind::LevelChange,
              current.exercise.id + " " + std::to_string(current.level) + "->" + std::to_string(to) + ": by " + by,
              current.level, to);
  closeExercise(view_.timeS);
  Level& level = levels[static_cast<std::size_t>(to - 1)];
  if (current.sets) level.sets = *current.sets;
  if (current.repetitionsPerSet) level.repetitions = *current.repetitionsPerSet;
  current.level = to;
  startExercise(view_.exerciseIndex, view_.timeS);
}

void GuidedSession::endExercises() {
  if (options_.askPainAfter) {
    view_.stage = SessionStage::PainAfter;
    view_.instruction = "How much back pain do you feel now? 0 is none, 10 the worst imaginable.";
  } else {
    view_.stage = SessionStage::Finished;
    view_.instruction = "Session complete";
  }
}

const SessionView& GuidedSession::update(const TrackedFrame& raw) {
  const bool judging = view_.stage == SessionStage::Calibrating || view_.stage == SessionStage::Exercising ||
                       view_.stage == SessionStage::Demonstrating || view_.stage == SessionStage::Resting;
  if (!judging || ended_) {
    // Per-frame events belong to the frame they happened on.
    view_.feedback.repetitionCompleted = false;
    view_.feedback.repetitionDiscarded = false;
    return view_;
  }
  if (view_.paused) {
    if (started_) view_.timeS = sessionTime(raw);
    view_.instruction = "Paused";
    return view_;
  }
  if (!started_) {
    started_ = true;
    firstFrameS_ = raw.timeS;
    if (writer_) {
      writer_->beginSession(info_);
      for (const store::EventRecord& e : options_.openingEvents) writer_->event(e);
    }
  }
  // Everything downstream works in session time, as the store keeps it.
  TrackedFrame frame = raw;
  frame.timeS = sessionTime(raw);
  view_.timeS = frame.timeS;
  if (writer_) view_.recordingProblem = writer_->recordingProblem();

  if (view_.stage == SessionStage::Calibrating) {
    tryCalibrate(frame);
    if (view_.stage == SessionStage::Calibrating) return view_;
  }

  const Posture posture = solver_->solve(frame);
  LimbSignals limbs = limbs_.compute(frame, posture.trusted);
  physics_.update(frame, std::max(0.0, frame.timeS - lastFrameS_));
  lastFrameS_ = frame.timeS;
  limbs[LimbSignal::BandTensionN] = physics_.bandTension();
  view_.posture = posture;
  view_.displayPosture = filter_.filter(posture);
  if (view_.stage == SessionStage::Resting) {
    // The rest is timed by the session's clock: shown and recorded, never counted.
    if (writer_) writer_->posture(posture, frame.trackedMask());
    view_.restRemainingS = std::max(0.0, restEndsS_ - frame.timeS);
    if (view_.restRemainingS <= 0.0) view_.stage = SessionStage::Exercising;
    return view_;
  }
  if (view_.stage == SessionStage::Demonstrating) {
    // The person watches (and may copy) the ghost: shown, recorded, never counted.
    if (writer_) writer_->posture(posture, frame.trackedMask());
    view_.demonstrationProgress = std::clamp((frame.timeS - demonstrationStartS_) / demonstrationS_, 0.0, 1.0);
    if (frame.timeS - demonstrationStartS_ >= demonstrationS_) beginSets(frame.timeS);
    return view_;
  }
  const PlannedExercise& current = plan_[view_.exerciseIndex];
  // No repetition starts until the starting position holds: at rest, frames of another position
  // never reach the engine. Between positions is not yet the position either: a person getting
  // up from the mat would otherwise start a bridge on the way up.
  const bool positionHolds = startingPositionHolds(frame, false);
  const std::size_t restingPhase = engine_->feedback().phase;
  const bool atRest = restingPhase < current.exercise.phases.size() &&
                      current.exercise.phases[restingPhase].role == PhaseRole::Rest;
  Feedback fb = engine_->feedback();
  if (positionHolds || !atRest) {
    fb = engine_->update(posture, limbs);
  } else {
    fb.timeS = frame.timeS;
    fb.repetitionCompleted = false;
    fb.repetitionDiscarded = false;
  }
  view_.feedback = fb;
  if (fb.repetitions == 0 && frame.timeS - lastPositionCheckS_ >= 0.5) {
    // Until the first repetition, say what keeps the body from the starting position.
    lastPositionCheckS_ = frame.timeS;
    const auto check = physics_.startCheck(current.exercise.startingPosition);
    view_.positionProblem = check && !check->ok && !check->unmet.empty() ? check->unmet.front() : "";
  } else if (fb.repetitions > 0) {
    view_.positionProblem.clear();
  }
  view_.instruction = fb.paused ? "Tracking lost: the exercise is paused until your trackers are seen again"
                      : !positionHolds && atRest ? view_.startingPositionProblem
                      : fb.outOfBand && fb.cue ? *fb.cue
                      : !view_.positionProblem.empty() ? "Get into the starting position: " + view_.positionProblem
                      : current.exercise.instructions.empty() ? current.exercise.name
                                                              : current.exercise.instructions.front();
  if (writer_) {
    writer_->posture(posture, frame.trackedMask());
    if (fb.paused != wasPaused_) {
      writer_->event({frame.timeS, fb.paused ? store::EventKind::TrackingLost : store::EventKind::TrackingRegained,
                      "", current.exercise.id, 0, 0});
    }
    const auto& reps = engine_->repetitions();
    const int perSet = std::max(engine_->level().repetitions, 1);
    for (; reportedRepetitions_ < reps.size(); ++reportedRepetitions_) {
      writer_->repetition(store::repetitionRecord(reps[reportedRepetitions_], current.exercise.id, perSet));
    }
  }
  wasPaused_ = fb.paused;
  if ((options_.askPainBetweenSets || current.restS > 0.0) && fb.repetitionCompleted && !engine_->complete()) {
    const int perSet = std::max(engine_->level().repetitions, 1);
    const int done = static_cast<int>(engine_->repetitions().size());
    if (done % perSet == 0 && done / perSet > lastCheckedSet_) {
      lastCheckedSet_ = done / perSet;
      // The rest is timed from the end of the set. The pain question comes first, at the rest's
      // start: right after the set is when its effect on the back shows, the answering time is
      // part of the rest rather than added to it, and a rise that stops the exercise leaves no
      // rest to sit out before a set that will not come.
      restEndsS_ = frame.timeS + current.restS;
      if (options_.askPainBetweenSets) {
        view_.stage = SessionStage::PainCheck;
        view_.instruction = "Set done. How much back pain do you feel now? 0 is none, 10 the worst imaginable. "
                            "Tell me if it is a sharp pain.";
      } else {
        restOrGoOn();
      }
      return view_;
    }
  }
  if (engine_->complete()) {
    closeExercise(frame.timeS);
    if (view_.exerciseIndex + 1 < plan_.size()) {
      startExercise(view_.exerciseIndex + 1, frame.timeS);
    } else {
      // All done; the record itself ends with finish(), once the pain after it is known.
      exercisesDone_ = true;
      endExercises();
    }
  }
  return view_;
}

bool GuidedSession::startingPositionHolds(const TrackedFrame& frame, bool betweenHolds) {
  // Without gravity there is no floor to measure heights from: any position is accepted.
  if (options_.gravityFree) {
    view_.startingPositionProblem.clear();
    return true;
  }
  const StartingPosition needed = plan_[view_.exerciseIndex].exercise.startingPosition;
  const ObservedPosition seen = observePosition(frame);
  const bool holds = (betweenHolds && seen == ObservedPosition::Unknown) || positionMatches(seen, needed);
  if (holds) {
    view_.startingPositionProblem.clear();
  } else {
    view_.startingPositionProblem = positionMismatch(seen, needed);
  }
  return holds;
}

void GuidedSession::tryCalibrate(const TrackedFrame& frame) {
  const StartingPosition starting = plan_[view_.exerciseIndex].exercise.startingPosition;
  const NeutralPosition position = neutralPositionFor(starting);
  // A neutral taken in the wrong position would be accepted as this one's (a standing hold as a
  // supine neutral): the hold waits until the person is in the position. Another position must
  // be seen for half a second, and between positions counts as none, so that passing through one
  // (the middle of a squat) is not taken for it.
  const bool positionHolds = startingPositionHolds(frame, true);
  if (positionHolds) {
    otherPositionSinceS_.reset();
  } else if (!otherPositionSinceS_) {
    otherPositionSinceS_ = frame.timeS;
  }
  if (!positionHolds && frame.timeS - *otherPositionSinceS_ >= kOtherPositionS) {
    hold_.clear();
    view_.calibrationProgress = 0.0;
    view_.calibrationProblem = view_.startingPositionProblem;
    view_.instruction = positionPrompt(starting);
    wrongPosition_ = true;
    return;
  }
  hold_.push_back(frame);
  while (!hold_.empty() && frame.timeS - hold_.front().timeS > options_.calibrationHoldS) hold_.pop_front();
  const double spanS = hold_.back().timeS - hold_.front().timeS;
  view_.calibrationProgress = std::min(1.0, spanS / options_.calibrationHoldS);
  // After a wrong position the prompt stays until the hold in the right one succeeds.
  view_.instruction = wrongPosition_ ? positionPrompt(starting) : holdInstruction(position);
  if (spanS < options_.calibrationHoldS * 0.98 || frame.timeS - lastAttemptS_ < options_.calibrationRetryS) return;
  lastAttemptS_ = frame.timeS;

  // Calibrate what is worn now: a device that was never seen cannot hold anyone back.
  DeviceSet worn;
  for (Device d : kAllDevices) {
    if (frame.valid(d)) worn.set(index(d));
  }
  const std::vector<TrackedFrame> frames(hold_.begin(), hold_.end());
  auto cal = calibrate(frames, position, options_.gravityFree, worn);
  if (!cal) {
    // Start the hold again: the person has to be still for the whole of it.
    view_.calibrationProblem = cal.error();
    hold_.clear();
    view_.calibrationProgress = 0.0;
    return;
  }
  view_.calibrationProblem.clear();
  wrongPosition_ = false;
  calibration_ = std::move(*cal);
  solver_ = std::make_unique<PostureSolver>(*calibration_);
  physics_.setBody(*calibration_);
  lastFrameS_ = frame.timeS;
  limbs_ = LimbTracker();
  limbs_.calibrate(frames);
  for (const TrackedFrame& f : frames) solver_->solve(f);  // the monitor learns the devices' motion
  if (writer_) {
    char detail[96];
    std::snprintf(detail, sizeof detail, "%s neutral hold of %.1f s", std::string(neutralPositionName(position)).c_str(),
                  options_.calibrationHoldS);
    writer_->event({frame.timeS, store::EventKind::Calibration, detail, plan_[view_.exerciseIndex].exercise.id, 0, 0});
  }
  hold_.clear();
  startExercise(view_.exerciseIndex, frame.timeS);
}

void GuidedSession::startExercise(std::size_t index, double timeS) {
  view_.exerciseIndex = index;
  view_.exercise = &plan_[index];
  const NeutralPosition needed = neutralPositionFor(plan_[index].exercise.startingPosition);
  if (!calibration_ || calibration_->position != needed) {
    // A new starting position needs its own neutral.
    calibration_.reset();
    view_.stage = SessionStage::Calibrating;
    view_.calibrationProgress = 0.0;
    view_.instruction = holdInstruction(needed);
    return;
  }
  if (options_.demonstrate && !demonstrated_[index]) {
    startDemonstration(timeS);
    return;
  }
  beginSets(timeS);
}

void GuidedSession::startDemonstration(double timeS) {
  const std::size_t index = view_.exerciseIndex;
  demonstrated_[index] = true;
  const PlannedExercise& p = plan_[index];
  const Level level = p.exercise.levels.empty() ? Level{} : p.exercise.levels[static_cast<std::size_t>(p.level - 1)];
  demonstrationStartS_ = timeS;
  demonstrationS_ = demonstrationSeconds(p.exercise, level);
  view_.demonstration = demonstrationText(p.exercise);
  view_.demonstrationProgress = 0.0;
  view_.instruction = "Watch the coach do one repetition, then it is your turn";
  view_.stage = SessionStage::Demonstrating;
}

void GuidedSession::beginSets(double timeS) {
  const std::size_t index = view_.exerciseIndex;
  demonstrated_[index] = true;
  view_.demonstration.clear();
  view_.demonstrationProgress = 0.0;
  lastCheckedSet_ = 0;
  engine_ = std::make_unique<ExerciseEngine>(plan_[index].exercise, plan_[index].level);
  physics_.setExercise(plan_[index].exercise, plan_[index].level);
  lastPositionCheckS_ = -1e9;
  view_.targetRepetitions = engine_->level().repetitions * engine_->level().sets;
  reportedRepetitions_ = 0;
  wasPaused_ = false;
  exerciseStartS_ = timeS;
  view_.stage = SessionStage::Exercising;
}

void GuidedSession::answerPainCheck(int value) {
  const bool sharp = value == PainCheck::kSharp;
  const int pain = sharp ? PainCheck::kSharp : std::clamp(value, 0, 10);
  view_.painChecks.push_back(pain);
  const std::string exerciseId = plan_[view_.exerciseIndex].exercise.id;
  if (writer_ && started_) {
    writer_->event({view_.timeS, store::EventKind::PainCheck,
                    sharp ? "sharp pain" : "pain " + std::to_string(pain) + " of 10", exerciseId, 0, 0});
  }
  const std::optional<std::string> stop = pain_.answer(pain);
  if (!stop) {
    restOrGoOn();
    return;
  }
  closeExercise(view_.timeS, *stop);
  if (writer_ && started_) {
    writer_->event({view_.timeS, store::EventKind::PainStop, *stop + ": exercise stopped", exerciseId, 0, 0});
  }
  view_.painStopReason = *stop;
  view_.hasNextExercise = view_.exerciseIndex + 1 < plan_.size();
  view_.stage = SessionStage::PainStopped;
  view_.instruction = std::string("Let us stop this exercise here: stopping when pain rises is the right thing to do. "
                                  "Rest in a comfortable position and breathe slowly.") +
                      (view_.hasNextExercise ? " When you are ready, go on to the next exercise or end the session."
                                             : " When you are ready, end the session.");
}

void GuidedSession::restOrGoOn() {
  const double restS = plan_[view_.exerciseIndex].restS;
  if (restS <= 0.0) {
    view_.stage = SessionStage::Exercising;
    return;
  }
  view_.stage = SessionStage::Resting;
  view_.restS = restS;
  view_.restRemainingS = std::max(0.0, restEndsS_ - view_.timeS);
  view_.instruction = restInstruction(restS);
}

void GuidedSession::closeExercise(double timeS, const std::string& stoppedBecause) {
  if (!engine_) return;
  engine_->finish(timeS);
  const PlannedExercise& current = plan_[view_.exerciseIndex];
  ExerciseOutcome outcome;
  outcome.exerciseId = current.exercise.id;
  outcome.level = engine_->levelNumber();
  outcome.repetitions = engine_->repetitions();
  outcome.trackingLostS = engine_->trackingLostS();
  outcome.completed = engine_->complete();
  outcome.stoppedBecause = stoppedBecause;
  if (writer_) {
    const int perSet = std::max(engine_->level().repetitions, 1);
    const auto& reps = outcome.repetitions;
    for (std::size_t i = 0; i < reps.size();) {
      const int set = (reps[i].number - 1) / perSet + 1;
      store::ExerciseSetRecord rec{current.exercise.id, set, outcome.level, perSet, reps[i].startS, reps[i].endS};
      for (; i < reps.size() && (reps[i].number - 1) / perSet + 1 == set; ++i) rec.endS = reps[i].endS;
      writer_->set(rec);
    }
    if (reps.empty()) writer_->set({current.exercise.id, 1, outcome.level, perSet, exerciseStartS_, timeS});
  }
  outcomes_.push_back(std::move(outcome));
  engine_.reset();
}

void GuidedSession::finish(std::optional<store::SessionStatus> status) {
  if (ended_) return;
  ended_ = true;
  closeExercise(view_.timeS);
  view_.stage = SessionStage::Finished;
  view_.instruction = "Session complete";
  if (writer_ && started_) writer_->endSession(info_.startUnixS + view_.timeS, status.value_or(endStatus()), view_.painAfter);
}

}  // namespace lumbo::app
