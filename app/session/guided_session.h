// A guided MCT session, independent of where its frames come from (an OpenXR runtime, a trace)
// and of how it is shown: its whole flow (pain before, a still neutral hold for calibration, each
// planned exercise at its level with live feedback, pause and stop, pain after, the summary), every
// repetition and event handed to the session writer as it happens. Panels and other controls only
// show its view and send it commands.
#pragma once

#include <array>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "body/calibration.h"
#include "body/one_euro_filter.h"
#include "body/posture_solver.h"
#include "exercises/exercise.h"
#include "exercises/exercise_engine.h"
#include "app/session/pain_check.h"
#include "app/session/session_physics.h"
#include "exercises/signals.h"
#include "store/session_writer.h"

namespace lumbo::app {

struct PlannedExercise {
  PlannedExercise() = default;
  // Brace lists that stop after the repetitions keep meaning what they meant before the hold
  // and rest were prescribed (a constructor: an aggregate would warn of the missing members).
  PlannedExercise(Exercise e, int lv, std::optional<int> setCount = std::nullopt, std::optional<int> perSet = std::nullopt,
                  std::optional<double> hold = std::nullopt, double rest = 0.0)
      : exercise(std::move(e)), level(lv), sets(setCount), repetitionsPerSet(perSet), holdS(hold), restS(rest) {}

  Exercise exercise;
  int level = 1;
  // The prescription, when it differs from the level's own sets and repetitions.
  std::optional<int> sets;
  std::optional<int> repetitionsPerSet;
  // The prescribed hold of each repetition in place of the level's (exercises with a hold), and
  // the rest between sets (0: none timed, the next set starts when the person does).
  std::optional<double> holdS;
  double restS = 0.0;
};

struct GuidedSessionOptions {
  double calibrationHoldS = 1.5;   // still time the neutral hold needs
  double calibrationRetryS = 0.25;  // how often a failing hold is re-examined
  bool gravityFree = false;
  // Recorded right after the session begins, e.g. the level changes its prescription made.
  std::vector<store::EventRecord> openingEvents;
  // Ask how the back feels before the first frame is judged (else SessionInfo::painBefore holds
  // it, or nothing), and after the exercises, followed by the summary until it is closed.
  bool askPainBefore = false;
  bool askPainAfter = false;
  // Ask the Oswestry Disability Index first (when the program says it is due): ten sections,
  // each answered 0-5 or skipped.
  bool askOdi = false;
  // Before the first set of each exercise the ghost performs one repetition while the panel (and
  // voice) explain it; the person may skip it. No repetition is counted meanwhile.
  bool demonstrate = false;
  // Ask how the back feels between sets (the program's "pain_between_sets"); a rise of
  // PainCheck::kStopRise or more over the session's first answer, or sharp pain, stops the
  // exercise.
  bool askPainBetweenSets = false;
};

// The flow, in order. Odi, PainBefore, PainAfter and Summary happen only when asked for.
// Demonstrating comes before an exercise's first set; PainCheck between its sets; PainStopped
// after pain stopped an exercise, until the person chooses the next exercise or the end. Resting
// between sets, for the prescribed rest, after the PainCheck when there is one.
enum class SessionStage { Odi, PainBefore, Calibrating, Exercising, PainAfter, Summary, Finished,
                          Demonstrating, PainCheck, PainStopped, Resting };
// The stage in words for a therapist's screens and logs ("pain check between sets").
const char* stageName(SessionStage stage);

inline constexpr std::size_t kOdiSections = 10;

// What the calibration asks of the person for a starting position (also what the voice says,
// prepared when the plan is made).
std::string holdInstruction(NeutralPosition p);
// What the rest between sets asks (also the voice's, prepared when the plan is made): the same
// words for the whole rest, the countdown being on the panel.
std::string restInstruction(double restS);

// What a person (through the panels) or a therapist asks of the session. Commands that do not fit
// the current stage are ignored: a stale button press cannot skip a stage.
struct SessionCommand {
  // EndExercise, SetLevel, SetRepetitions and Message come from a therapist watching live.
  enum class Kind : std::uint8_t {
    AnswerOdiSection, AnswerPainBefore, AnswerPainAfter, Pause, Resume, Stop, CloseSummary,
    SkipDemonstration, AnswerPainCheck, NextExercise, EndRest, EndExercise, SetLevel, SetRepetitions, Message
  };
  Kind kind = Kind::Pause;
  // The answer: 0-10 (numeric rating scale) for the two pain answers; 0-5 for an ODI section,
  // or kSkip when the person leaves the section unanswered. SetLevel: the level (1-based);
  // SetRepetitions: repetitions per set.
  int value = 0;
  static constexpr int kSkip = -1;
  static constexpr int kSharpPain = PainCheck::kSharp;  // AnswerPainCheck: "sharp pain" rather than a number
  std::string text = {};  // Message: what the person's panel shows (empty clears it)
  std::string by = {};    // who sent it, recorded with its event; empty: the person
  bool operator==(const SessionCommand&) const = default;
};

// What the UI, the avatar and the haptics need to know after each frame.
struct SessionView {
  SessionStage stage = SessionStage::Calibrating;
  bool paused = false;              // by the person (tracking loss is feedback.paused)
  bool stopped = false;             // the person ended the session before its exercises were done
  std::optional<int> painBefore;    // 0-10
  std::optional<int> painAfter;
  std::size_t odiSection = 0;       // the ODI section being asked (0-9)
  std::array<std::optional<int>, kOdiSections> odiAnswers{};  // 0-5; empty: skipped or not asked
  double timeS = 0.0;               // since the session's first frame
  std::string instruction;          // what the person should do now, in words
  double calibrationProgress = 0.0; // 0-1 of the still hold
  std::string calibrationProblem;   // why the hold was refused, when it was
  std::size_t exerciseIndex = 0;
  const PlannedExercise* exercise = nullptr;
  Feedback feedback;                // valid while exercising
  Posture posture;                  // raw, for scoring displays
  Posture displayPosture;           // filtered, for the avatar and numbers
  int targetRepetitions = 0;        // of the current exercise (sets x repetitions)
  // What the body's contacts say is not yet as the starting position needs ("left_knee not on
  // the floor or mat"); empty when it is, or when physics cannot tell.
  std::string positionProblem;
  // "recording paused: disk full (...)" while the store cannot be written; empty when it can.
  std::string recordingProblem;
  // Until the exercise's starting position holds: what is seen instead and what to do ("I see
  // you standing. Lie on your back on the mat, knees bent."); empty when it holds.
  std::string startingPositionProblem;
  // While Demonstrating: what the ghost shows, in words (the exercise's instructions, each line
  // a sentence), and how far through its repetition it is (0-1).
  std::string demonstration;
  double demonstrationProgress = 0.0;
  // The pain check-ins between sets, in order (0-10; PainCheck::kSharp for sharp pain), and why
  // the exercise stopped while PainStopped.
  std::vector<int> painChecks;
  std::string painStopReason;
  bool hasNextExercise = false;  // while PainStopped: another exercise follows
  // The last message a therapist sent, shown on the person's panel; empty: none.
  std::string message;
  std::string messageBy;
  double messageTimeS = 0.0;
  // While Resting: the prescribed rest and what is left of it (s).
  double restS = 0.0;
  double restRemainingS = 0.0;
};

// The longest therapist message kept; longer ones are cut at a character boundary.
inline constexpr std::size_t kMaxSessionMessageBytes = 200;

struct ExerciseOutcome {
  std::string exerciseId;
  int level = 1;
  std::vector<RepetitionResult> repetitions;
  double trackingLostS = 0.0;
  bool completed = false;  // all prescribed repetitions done
  std::string stoppedBecause;  // why the session stopped it early ("pain rose from 2 to 5 of 10")
};

class GuidedSession {
 public:
  // `writer` may be null (nothing is logged). The session begins in the writer at the first frame.
  GuidedSession(std::vector<PlannedExercise> plan, store::SessionWriter* writer, store::SessionInfo info,
                const GuidedSessionOptions& options = {});

  // One tracked frame. Before the pain question is answered frames are not used: the session (and
  // its record) begins with the first frame after it.
  const SessionView& update(const TrackedFrame& frame);

  // Pain answers (before, between sets, after), skipping the demonstration, ending the rest
  // between sets early, going on after pain stopped an exercise, pause and resume (frames are not judged while paused; a long pause drops the
  // repetition in progress; both are recorded as events), stop (closes the exercise in progress
  // and goes on to the pain question, or ends), closing the summary.
  void apply(const SessionCommand& command);

  // Ends the session in the writer: closes the exercise in progress (an unfinished repetition is
  // dropped) and records the pain after it. Without a status, it is completed when every exercise
  // was done or the person stopped, interrupted otherwise (the runtime closed or was lost).
  // Idempotent.
  void finish(std::optional<store::SessionStatus> status = std::nullopt);

  const SessionView& view() const { return view_; }
  const std::vector<ExerciseOutcome>& outcomes() const { return outcomes_; }
  // The repetitions of the exercise in progress so far (none between exercises).
  std::span<const RepetitionResult> currentRepetitions() const {
    return engine_ ? std::span<const RepetitionResult>(engine_->repetitions()) : std::span<const RepetitionResult>();
  }
  const std::optional<Calibration>& calibration() const { return calibration_; }
  const SessionPhysics& physics() const { return physics_; }
  const std::vector<PlannedExercise>& plan() const { return plan_; }
  const store::SessionInfo& info() const { return info_; }
  // The flow is over: nothing more to show or ask (the app may close the session).
  bool finished() const { return view_.stage == SessionStage::Finished; }
  // Every planned exercise was done (the person did not stop early).
  bool exercisesDone() const { return exercisesDone_; }
  // How the session ends if it ends now: completed when every exercise was done or the person
  // stopped, interrupted otherwise (the runtime closed or was lost midway).
  store::SessionStatus endStatus() const {
    return exercisesDone_ || view_.stopped ? store::SessionStatus::Completed : store::SessionStatus::Interrupted;
  }

 private:
  void tryCalibrate(const TrackedFrame& frame);
  void startExercise(std::size_t index, double timeS);
  void closeExercise(double timeS, const std::string& stoppedBecause = "");
  void setPaused(bool paused, const std::string& by = {});
  void applyTherapistChange(const SessionCommand& command);
  void recordEvent(store::EventKind kind, std::string detail, int fromLevel = 0, int toLevel = 0);
  void askPainOrCalibrate();
  void endExercises();
  void startDemonstration(double timeS);
  void beginSets(double timeS);
  void answerPainCheck(int value);
  void restOrGoOn();
  // Sets view_.startingPositionProblem; `betweenHolds`: a body between positions counts as in it.
  bool startingPositionHolds(const TrackedFrame& frame, bool betweenHolds);
  double sessionTime(const TrackedFrame& frame) const { return frame.timeS - firstFrameS_; }

  std::vector<PlannedExercise> plan_;
  store::SessionWriter* writer_;
  store::SessionInfo info_;
  GuidedSessionOptions options_;

  bool started_ = false;
  bool ended_ = false;
  bool exercisesDone_ = false;
  double firstFrameS_ = 0.0;
  double lastAttemptS_ = -1e9;
  std::deque<TrackedFrame> hold_;
  bool wrongPosition_ = false;  // the hold was last refused for being in another position
  std::optional<double> otherPositionSinceS_;  // seen in another starting position since
  static constexpr double kOtherPositionS = 0.5;
  std::optional<Calibration> calibration_;
  std::unique_ptr<PostureSolver> solver_;
  PostureFilter filter_;
  LimbTracker limbs_;
  SessionPhysics physics_;
  double lastFrameS_ = 0.0;
  double lastPositionCheckS_ = -1e9;
  std::unique_ptr<ExerciseEngine> engine_;
  std::size_t reportedRepetitions_ = 0;
  bool wasPaused_ = false;
  double exerciseStartS_ = 0.0;
  std::vector<bool> demonstrated_;   // per planned exercise
  double demonstrationStartS_ = 0.0;
  double demonstrationS_ = 0.0;
  int lastCheckedSet_ = 0;           // the set after which pain was last asked (or rest began)
  double restEndsS_ = 0.0;           // the rest after the last set ends here (session time)
  PainCheck pain_;
  std::vector<ExerciseOutcome> outcomes_;
  SessionView view_;
};

}  // namespace lumbo::app
