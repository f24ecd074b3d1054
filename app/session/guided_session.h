// A guided MCT session, independent of where its frames come from (an OpenXR runtime, a trace):
// a still neutral hold for calibration, then each planned exercise at its level with live
// feedback, every repetition and event handed to the session writer as it happens.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "body/calibration.h"
#include "body/one_euro_filter.h"
#include "body/posture_solver.h"
#include "exercises/exercise.h"
#include "exercises/exercise_engine.h"
#include "app/session/session_physics.h"
#include "exercises/signals.h"
#include "store/session_writer.h"

namespace lumbo::app {

struct PlannedExercise {
  Exercise exercise;
  int level = 1;
  // The prescription, when it differs from the level's own sets and repetitions.
  std::optional<int> sets;
  std::optional<int> repetitionsPerSet;
};

struct GuidedSessionOptions {
  double calibrationHoldS = 1.5;   // still time the neutral hold needs
  double calibrationRetryS = 0.25;  // how often a failing hold is re-examined
  bool gravityFree = false;
  // Recorded right after the session begins, e.g. the level changes its prescription made.
  std::vector<store::EventRecord> openingEvents;
};

enum class SessionStage { Calibrating, Exercising, Finished };

// What the UI, the avatar and the haptics need to know after each frame.
struct SessionView {
  SessionStage stage = SessionStage::Calibrating;
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
};

struct ExerciseOutcome {
  std::string exerciseId;
  int level = 1;
  std::vector<RepetitionResult> repetitions;
  double trackingLostS = 0.0;
  bool completed = false;  // all prescribed repetitions done
};

class GuidedSession {
 public:
  // `writer` may be null (nothing is logged). The session begins in the writer at the first frame.
  GuidedSession(std::vector<PlannedExercise> plan, store::SessionWriter* writer, store::SessionInfo info,
                const GuidedSessionOptions& options = {});

  const SessionView& update(const TrackedFrame& frame);

  // Ends the session: closes the exercise in progress (an unfinished repetition is dropped),
  // and ends it in the writer with its status and the pain after it. Idempotent.
  void finish(store::SessionStatus status, std::optional<int> painAfter = std::nullopt);

  // Pain before the session (0-10), when it is asked in the headset: before the first frame.
  void setPainBefore(int pain) { info_.painBefore = pain; }
  // The person paused: frames are not judged until they resume (the repetition in progress is
  // dropped if the pause is long). Recorded as pause and resume events.
  void setPaused(bool paused);
  bool paused() const { return paused_; }

  const SessionView& view() const { return view_; }
  const std::vector<ExerciseOutcome>& outcomes() const { return outcomes_; }
  const std::optional<Calibration>& calibration() const { return calibration_; }
  const SessionPhysics& physics() const { return physics_; }
  // Every planned exercise is done (or finish() was called).
  bool finished() const { return view_.stage == SessionStage::Finished; }

 private:
  void tryCalibrate(const TrackedFrame& frame);
  void startExercise(std::size_t index, double timeS);
  void closeExercise(double timeS);
  double sessionTime(const TrackedFrame& frame) const { return frame.timeS - firstFrameS_; }

  std::vector<PlannedExercise> plan_;
  store::SessionWriter* writer_;
  store::SessionInfo info_;
  GuidedSessionOptions options_;

  bool started_ = false;
  bool ended_ = false;
  bool paused_ = false;
  double firstFrameS_ = 0.0;
  double lastAttemptS_ = -1e9;
  std::deque<TrackedFrame> hold_;
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
  std::vector<ExerciseOutcome> outcomes_;
  SessionView view_;
};

}  // namespace lumbo::app
