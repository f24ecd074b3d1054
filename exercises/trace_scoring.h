// Scores a recorded trace against an exercise: calibrates on the trace's neutral window, runs
// the engine over every sample and gathers repetitions, quality and tracking loss.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "body/posture_analysis.h"
#include "body/trace.h"
#include "exercises/exercise.h"
#include "exercises/exercise_engine.h"

namespace lumbo {

struct ScoreReport {
  std::string exerciseId;
  int level = 1;
  std::vector<RepetitionResult> reps;
  double quality = 0.0;  // mean quality of the scored repetitions; meaningless when there are none
  int scoredRepetitions = 0;
  double trackingLostS = 0.0;
  std::vector<TimeWindow> trackingLosses;
  int discardedRepetitions = 0;
  TimeWindow neutral;
  std::string calibrationNote;  // how the neutral was found when not as declared; empty otherwise
  double durationS = 0.0;
  // Which bands were used and where they came from (personal_reference.h's bandsUsedJson), for
  // the JSON report; empty: not said.
  std::string bandsUsed;
};

// The calibration posture an exercise's starting position needs.
NeutralPosition neutralPositionFor(StartingPosition p);

// Fails when the trace cannot be calibrated on its neutral window (the reason from analyzeTrace).
// `observe`, when set, sees every frame's signals and the engine's feedback after its update:
// what `lumbo score --signals` writes, so a therapist can see what each metric did.
using FrameObserver = std::function<void(const Posture&, const LimbSignals&, const Feedback&)>;
Result<ScoreReport> scoreTrace(const Trace& trace, const Exercise& exercise, int level,
                               AnalysisOptions options = {}, const FrameObserver& observe = {});
// The same over two passes of a trace (a file read twice, `passOverFile`): constant memory for a
// recording of any length.
Result<ScoreReport> scoreTrace(const TracePass& pass, const TraceMetadata& metadata, const TraceLayout& layout,
                               const Exercise& exercise, int level, AnalysisOptions options = {},
                               const FrameObserver& observe = {});

// {"exercise", "repetitions", "reps":[{"start_s","end_s","quality","faults":[...]}], "quality",
//  "tracking_lost_s"}; a repetition's quality is null when tracking loss left it unscored, and
// the overall quality (the mean of the scored ones) is null when none was scored.
std::string scoreReportJson(const ScoreReport& report);

}  // namespace lumbo
