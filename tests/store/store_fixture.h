// Fills a store the way weeks of use would: the bundled real recordings (UI-PRMD deep squats)
// scored by the exercise engine and handed to a real SessionWriter, plus pain, Oswestry answers,
// assessments and programs.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "body/posture_analysis.h"
#include "body/trace.h"
#include "exercises/trace_scoring.h"
#include "store/scored_session.h"
#include "store/session_writer.h"
#include "tests/test_support.h"

namespace lumbo::store::test {

inline constexpr double kDayS = 86400.0;
// Monday 2026-01-05 00:00 UTC.
inline constexpr double kMondayS = 1767571200.0;

// Scores a real recording with the exercise engine and turns the score into a session.
inline RecordedSession sessionFromTrace(const std::filesystem::path& tracePath, const std::string& exerciseId, double startUnixS) {
  // Without a trace, exercise or score there is nothing to test: stop the test with the reason.
  auto need = [](bool ok, const std::string& why) {
    if (!ok) throw std::runtime_error(why);
  };
  auto trace = readTrace(tracePath);
  need(trace.ok(), trace.ok() ? "" : trace.error());
  auto exercise = loadExercise(std::filesystem::path(LUMBO_SOURCE_DIR) / "assets" / "exercises" / (exerciseId + ".json"));
  need(exercise.ok(), exercise.ok() ? "" : exercise.error());
  auto score = scoreTrace(*trace, *exercise, 1);
  need(score.ok(), score.ok() ? "" : score.error());
  AnalysisOptions options;
  options.neutral = score->neutral;
  options.position = neutralPositionFor(exercise->startingPosition);
  auto analysis = analyzeTrace(*trace, options);
  need(analysis.ok(), analysis.ok() ? "" : analysis.error());
  SessionInfo info;
  info.personId = "p01";
  info.startUnixS = startUnixS;
  return sessionFromScore(*score, *exercise, info, std::move(analysis->postures), trace->layout.devices);
}

// What fillProfile put in, to check the queries against.
struct FilledProfile {
  std::vector<int> repetitionsPerSession;
  std::vector<double> startsUnixS;
  std::vector<double> durationsS;
  std::vector<double> meanQuality;
  std::vector<int> scoredPerSession;
  int sessionsWeek1 = 0, sessionsWeek2 = 0, sessionsWeek3 = 0;
};

// Three weeks: a program of 3 sessions a week, v2 from week 3 asking for 4; sessions from the
// correct and the incorrect squat recordings; pain before and after; two ODI questionnaires; two
// range-of-motion assessments ("pre-flight", "post-flight"); a level change.
inline FilledProfile fillProfile(const std::filesystem::path& db, bool withName = false) {
  FilledProfile f;
  {
    auto store = SessionStore::open(db);
    EXPECT_TRUE(store) << store.error();
    store->ensurePerson({"p01", withName ? std::optional<std::string>("Ada Example") : std::nullopt});
    store->addProgram("p01", {"mct-basic", 1, 3, 10.0, kMondayS, {{"deep_squat", 1, 10, 0.0}}});
    store->addProgram("p01", {"mct-basic", 2, 4, 10.0, kMondayS + 14 * kDayS, {{"deep_squat", 1, 10, 0.0}}});
    store->addOswestry({"p01", kMondayS, {3, 2, 2, 3, 2, 2, 1, 2, 3, 2}});
    store->addOswestry({"p01", kMondayS + 20 * kDayS, {1, 1, 1, 2, 1, 1, 0, 1, 2, 1}});
    store->addAssessment({"p01", kMondayS + 0.5 * kDayS, "range_of_motion", "pre-flight",
                          {{"lumbar_flexion_rom_deg", 42.0, "deg"}, {"pelvis_drop_m", 0.31, "m"}}, {}});
    store->addAssessment({"p01", kMondayS + 19.5 * kDayS, "range_of_motion", "post-flight",
                          {{"lumbar_flexion_rom_deg", 51.0, "deg"}, {"pelvis_drop_m", 0.36, "m"}}, {}});
  }
  auto writer = SessionWriter::open(db);
  EXPECT_TRUE(writer) << writer.error();
  // Days (from the Monday) of each session: week 1 twice, week 2 three times, week 3 once.
  const double days[] = {0.4, 2.4, 7.4, 9.4, 11.4, 15.4};
  for (std::size_t i = 0; i < std::size(days); ++i) {
    const bool correct = i % 2 == 0;
    RecordedSession s = sessionFromTrace(
        lumbo::test::testData(correct ? "m01_s01_deep_squat_correct.csv" : "m01_s01_deep_squat_incorrect.csv"), "deep_squat",
        kMondayS + days[i] * kDayS);
    s.info.programName = "mct-basic";
    s.info.context = days[i] < 7 ? "pre-flight" : days[i] > 14 ? "post-flight" : "";
    s.info.painBefore = 6 - static_cast<int>(i);
    s.painAfter = 5 - static_cast<int>(i);
    if (i == 3) s.events.push_back({s.durationS - 1.0, EventKind::LevelChange, "quality above 80 in 3 sessions", "deep_squat", 1, 2});
    f.repetitionsPerSession.push_back(static_cast<int>(s.repetitions.size()));
    f.startsUnixS.push_back(s.info.startUnixS);
    f.durationsS.push_back(s.durationS);
    double sum = 0.0;
    int scored = 0;
    for (const auto& r : s.repetitions) {
      if (r.quality) sum += *r.quality, ++scored;
    }
    f.meanQuality.push_back(scored ? sum / scored : 0.0);
    f.scoredPerSession.push_back(scored);
    EXPECT_TRUE(replaySession(**writer, s, false));
  }
  f.sessionsWeek1 = 2;
  f.sessionsWeek2 = 3;
  f.sessionsWeek3 = 1;
  return f;
}

}  // namespace lumbo::store::test
