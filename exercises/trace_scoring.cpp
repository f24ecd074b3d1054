// Offline scoring of a trace: posture analysis, limb signals and the engine, sample by sample.
#include "exercises/trace_scoring.h"

#include <cmath>

#include <nlohmann/json.hpp>

namespace lumbo {

NeutralPosition neutralPositionFor(StartingPosition p) {
  switch (p) {
    case StartingPosition::Supine:
    case StartingPosition::SideLying:
    case StartingPosition::Prone:
      // Lying positions all calibrate against a lying neutral; side-lying and prone have no
      // calibration of their own yet.
      return NeutralPosition::Supine;
    case StartingPosition::FourPointKneeling:
      return NeutralPosition::FourPointKneeling;
    case StartingPosition::Standing:
    case StartingPosition::Sitting:
      break;
  }
  return NeutralPosition::Standing;
}

Result<ScoreReport> scoreTrace(const Trace& trace, const Exercise& exercise, int level, AnalysisOptions options,
                               const FrameObserver& observe) {
  return scoreTrace(passOver(trace), trace.metadata, trace.layout, exercise, level, std::move(options), observe);
}

Result<ScoreReport> scoreTrace(const TracePass& pass, const TraceMetadata& metadata, const TraceLayout& layout,
                               const Exercise& exercise, int level, AnalysisOptions options, const FrameObserver& observe) {
  options.position = neutralPositionFor(exercise.startingPosition);
  // A refused calibration fails the scoring: a neutral taken from moving frames would bias every
  // band, and the declared window is the only one the recording vouches for.
  LimbTracker limbs;
  auto analysis = StreamingAnalysis::calibrate(pass, metadata, layout, options,
                                               [&limbs](const TrackedFrame& f) { limbs.addNeutralFrame(f); });
  if (!analysis) return Error{analysis.error()};
  limbs.finishCalibration();

  // The second pass: each sample solved, its limb signals and the engine, nothing kept.
  ExerciseEngine engine(exercise, level);
  std::optional<double> firstS, lastS;
  const Status read = pass([&](const TraceSample& s) {
    const Posture posture = analysis->solve(s.frame);
    const LimbSignals l = limbs.compute(s.frame, posture.trusted);
    const Feedback& fb = engine.update(posture, l);
    if (observe) observe(posture, l, fb);
    if (!firstS) firstS = s.frame.timeS;
    lastS = posture.timeS;
    return true;
  });
  if (!read) return Error{read.error()};
  if (lastS) engine.finish(*lastS);

  ScoreReport r;
  r.exerciseId = exercise.id;
  r.level = engine.levelNumber();
  r.reps = engine.repetitions();
  double sum = 0.0;
  int scored = 0;
  for (const RepetitionResult& rep : r.reps) {
    if (!rep.scored) continue;
    sum += rep.quality;
    ++scored;
  }
  r.scoredRepetitions = scored;
  r.quality = scored == 0 ? 0.0 : sum / scored;
  r.trackingLostS = engine.trackingLostS();
  r.trackingLosses = engine.trackingLosses();
  r.discardedRepetitions = engine.discardedRepetitions();
  r.neutral = analysis->neutral();
  r.durationS = firstS ? *lastS - *firstS : 0.0;
  return r;
}

std::string scoreReportJson(const ScoreReport& report) {
  using nlohmann::json;
  auto round = [](double v, double unit) { return std::round(v / unit) * unit; };
  json reps = json::array();
  for (const RepetitionResult& r : report.reps) {
    json faults = json::array();
    for (const RepFault& f : r.faults) faults.push_back(f.text);
    reps.push_back({{"start_s", round(r.startS, 0.001)},
                    {"end_s", round(r.endS, 0.001)},
                    {"quality", r.scored ? json(round(r.quality, 0.1)) : json(nullptr)},
                    {"faults", std::move(faults)}});
  }
  json j = {{"exercise", report.exerciseId},
            {"repetitions", report.reps.size()},
            {"reps", std::move(reps)},
            {"quality", report.scoredRepetitions == 0 ? json(nullptr) : json(round(report.quality, 0.1))},
            {"tracking_lost_s", round(report.trackingLostS, 0.001)}};
  if (!report.bandsUsed.empty()) j["bands"] = json::parse(report.bandsUsed);
  return j.dump(2) + "\n";
}

}  // namespace lumbo
