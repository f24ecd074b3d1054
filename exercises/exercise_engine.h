// The per-frame exercise engine: from a Posture stream (plus limb signals) it tracks the phase,
// gives live feedback, detects repetitions and holds, and scores each repetition's alignment.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "body/posture.h"
#include "body/trace.h"
#include "exercises/exercise.h"
#include "exercises/signals.h"

namespace lumbo {

// One deviation within a repetition: which signal, how far out, how long, in which phase.
struct RepFault {
  std::string text;        // "lumbar flexion 18 deg beyond neutral during the hinge (0.8 s)"
  std::string cue;         // what to tell the person next time
  SignalIndex signal = 0;  // for range faults: the first driver signal
  std::string phase;       // phase name; empty for whole-repetition faults (range, tempo)
  double excess = 0.0;     // in the signal's unit (s for hold and tempo faults)
  double durationS = 0.0;  // time spent beyond the band
  double points = 0.0;     // quality points it cost
};

struct RepetitionResult {
  int number = 0;  // 1-based
  double startS = 0.0;
  double endS = 0.0;
  double quality = 100.0;  // 0-100: 100 is within every band for the whole repetition
  double excursion = 0.0;  // how far the driver went, in its unit
  double holdS = 0.0;      // time in the hold phase
  // False when tracking of a scored metric was lost during the repetition: it still counts
  // (its driver was measured throughout, or came back within a short gap) but has no quality.
  bool scored = true;
  double lostS = 0.0;      // time without tracking inside the repetition
  TrackingFault trackingFault = TrackingFault::None;  // the most telling cause of that loss
  std::vector<RepFault> faults;  // largest cost first
  // What the movement did, for personal references: per target (all phases flattened, as in the
  // exercise file) the lowest and highest value of its signal in its phase, and per range target
  // the most it reached. Empty bands (min > max) where the phase was not entered.
  std::vector<Band> targetSpans;
  std::vector<double> rangePeaks;
};

// A fault smaller or shorter than this is not reported and costs nothing: tracking noise and a
// frame's wobble are no movement pattern. Sizes in the signal's unit.
inline constexpr double kMinFaultDurationS = 0.1;
double minFaultExcess(SignalIndex s);

// What the engine says about the current frame. Cheap to produce every frame.
struct Feedback {
  double timeS = 0.0;
  std::size_t phase = 0;        // index into Exercise::phases
  bool paused = false;          // tracking lost: nothing is counted or scored
  bool outOfBand = false;       // a target of the current phase is violated now
  SignalIndex signal = 0;       // the worst one, when outOfBand
  double value = 0.0;           // its value now
  double excess = 0.0;          // how far beyond the band, in its unit
  const std::string* cue = nullptr;    // its cue, when outOfBand
  const std::string* fault = nullptr;  // its fault words, when outOfBand
  int repetitions = 0;          // completed so far
  int set = 1;                  // 1-based, from the level's repetitions per set
  double holdS = 0.0;           // time in the current hold
  bool repetitionCompleted = false;  // a repetition ended on this frame
  bool repetitionDiscarded = false;  // tracking loss interrupted one on this frame
};

class ExerciseEngine {
 public:
  // `exercise` must outlive the engine. `level` is 1-based and clamped to the exercise's levels.
  explicit ExerciseEngine(const Exercise& exercise, int level = 1);

  const Feedback& update(const Posture& posture, const LimbSignals& limbs);
  const Feedback& update(const Posture& posture) { return update(posture, LimbSignals{}); }
  // A driver lost for longer than this drops the repetition in progress; a shorter gap resumes it.
  static constexpr double kMaxResumeGapS = 1.0;
  // Ends the session at `timeS`: closes an open tracking loss. An unfinished repetition is
  // dropped: it was never completed, so it is neither counted nor scored.
  void finish(double timeS);

  // A new prescription of repetitions per set from now on (a therapist's change during the
  // exercise); what was counted stays counted. At least 1.
  void setRepetitionsPerSet(int repetitions) { level_.repetitions = repetitions < 1 ? 1 : repetitions; }

  const Exercise& exercise() const { return *exercise_; }
  const Level& level() const { return level_; }
  int levelNumber() const { return levelNumber_; }
  const std::vector<RepetitionResult>& repetitions() const { return reps_; }
  const Feedback& feedback() const { return feedback_; }
  double trackingLostS() const { return trackingLostS_; }
  const std::vector<TimeWindow>& trackingLosses() const { return losses_; }
  int discardedRepetitions() const { return discarded_; }
  bool complete() const { return static_cast<int>(reps_.size()) >= level_.repetitions * level_.sets; }

 private:
  struct Accumulator {
    double peakExcess = 0.0;
    double peakValue = 0.0;
    double timeOutS = 0.0;
  };

  bool targetsTracked(const Posture& posture, const LimbSignals& limbs) const;
  bool driverTracked(const Posture& posture, const LimbSignals& limbs, double& driver) const;
  void enterPhase(std::size_t phase, double timeS);
  void resetRepetition(double timeS);
  void accumulate(const Posture& posture, const LimbSignals& limbs, double dtS);
  void completeRepetition(double timeS);
  void startPause(double timeS);
  void countUnderwayRepetition(double timeS);
  double holdTargetS(const Phase& p) const { return level_.holdS > 0.0 ? level_.holdS : p.holdS; }

  const Exercise* exercise_;
  Level level_;
  int levelNumber_ = 1;
  std::vector<Band> bands_;              // per target, all phases flattened, scaled by the level
  std::vector<std::size_t> firstTarget_; // per phase: index of its first target in bands_
  std::vector<SignalIndex> required_;    // target signals that must be measured
  std::size_t restPhase_ = 0, outPhase_ = 0, holdPhase_ = 0, backPhase_ = 0;
  bool hasHold_ = false;

  Feedback feedback_;
  std::vector<Accumulator> acc_;
  std::vector<double> rangePeak_;        // per range target: the most reached in this repetition
  std::vector<RepetitionResult> reps_;
  std::vector<TimeWindow> losses_;
  double trackingLostS_ = 0.0;
  int discarded_ = 0;

  bool started_ = false;
  bool paused_ = false;
  double pausedSinceS_ = 0.0;  // while the driver is lost
  bool repUnscored_ = false;
  double repLostS_ = 0.0;
  TrackingFault repFault_ = TrackingFault::None;
  TrackingFault pauseFault_ = TrackingFault::None;  // the most telling cause during this pause
  bool keptRestRefSet_ = false;  // where rest was when a pause at rest grew too long
  double keptRestRef_ = 0.0;
  std::vector<Band> spans_;            // per target: what its signal did in this repetition
  double lastTimeS_ = 0.0;
  double repStartS_ = 0.0;
  double restRef_ = 0.0;       // smallest excursion seen in the rest phase
  bool restRefSet_ = false;
  double peak_ = 0.0;          // largest excursion in this repetition
  double holdS_ = 0.0;
  bool awaitingReturn_ = false;  // hold exercises: completed, waiting for the person to let go
  // Session start: a recording cut from a longer capture can begin in the middle of a
  // repetition (calibrated on its first frame). Such a repetition shows only its return.
  bool firstDriverSet_ = false;
  double firstDriver_ = 0.0;
  double lastDriver_ = 0.0;
  bool anyRepetitionStarted_ = false;
};

}  // namespace lumbo
