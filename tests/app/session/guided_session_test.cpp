// The guided session on a real recording: it calibrates on the still hold, runs the exercise,
// hands every repetition to the real writer and SQLite store.
#include <gtest/gtest.h>

#include "app/session/guided_session.h"
#include "body/trace.h"
#include "exercises/exercise.h"
#include "exercises/trace_scoring.h"
#include "store/session_store.h"
#include "tests/test_support.h"

namespace lumbo::app {
namespace {

Exercise deepSquat() {
  auto e = loadExercise(defaultExerciseFolder() / "deep_squat.json");
  EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error());
  return e.ok() ? *e : Exercise{};
}

TEST(GuidedSession, CalibratesThenLogsEveryRepetition) {
  test::TempDir dir;
  const auto trace = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
  ASSERT_TRUE(trace.ok()) << trace.error();
  const Exercise exercise = deepSquat();

  std::vector<ExerciseOutcome> outcomes;
  double calibratedAtS = -1.0;
  {
    auto writer = store::SessionWriter::open(dir / "p.db");
    ASSERT_TRUE(writer.ok()) << writer.error();
    store::SessionInfo info;
    info.personId = "p01";
    info.startUnixS = 1.7e9;
    GuidedSession session({PlannedExercise{exercise, 1, std::nullopt, std::nullopt}}, writer->get(), info);
    for (const auto& s : trace->samples) {
      const SessionView& v = session.update(s.frame);
      if (calibratedAtS < 0 && v.stage == SessionStage::Exercising) calibratedAtS = v.timeS;
    }
    session.finish(store::SessionStatus::Completed);
    outcomes = session.outcomes();
    ASSERT_TRUE((*writer)->flush().ok());
  }
  // The recording holds still for its first 2 s: the 1.5 s hold fits in it, so calibration
  // completes before the squats start.
  EXPECT_GE(calibratedAtS, 1.45);
  EXPECT_LT(calibratedAtS, 2.0);
  ASSERT_EQ(outcomes.size(), 1u);

  // Offline scoring of the same recording, calibrated on the same hold, counts the same.
  const auto offline = scoreTrace(*trace, exercise, 1);
  ASSERT_TRUE(offline.ok()) << offline.error();
  EXPECT_EQ(outcomes[0].repetitions.size(), offline->reps.size());
  EXPECT_GE(outcomes[0].repetitions.size(), 8u);

  auto store = store::SessionStore::open(dir / "p.db", {.create = false});
  ASSERT_TRUE(store.ok()) << store.error();
  auto& db = store->connection();
  EXPECT_EQ(db.queryInt("SELECT COUNT(*) FROM session WHERE status = 'completed'"), 1);
  EXPECT_EQ(db.queryInt("SELECT COUNT(*) FROM repetition"), static_cast<std::int64_t>(outcomes[0].repetitions.size()));
  EXPECT_EQ(db.queryInt("SELECT COUNT(*) FROM event WHERE kind = 'calibration'"), 1);
  EXPECT_GT(db.queryInt("SELECT COUNT(*) FROM posture_sample"), 100);
}

TEST(GuidedSession, RefusesToCalibrateWhileThePersonMoves) {
  const auto trace = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
  ASSERT_TRUE(trace.ok());
  GuidedSession session({PlannedExercise{deepSquat(), 1, std::nullopt, std::nullopt}}, nullptr, {});
  // Skip the still hold: start in the middle of the squats.
  bool refused = false;
  for (const auto& s : trace->samples) {
    if (s.frame.timeS < 3.0) continue;
    const SessionView& v = session.update(s.frame);
    refused = refused || !v.calibrationProblem.empty();
    if (s.frame.timeS > 6.0) break;
  }
  EXPECT_TRUE(refused);
  EXPECT_EQ(session.view().stage, SessionStage::Calibrating);
  EXPECT_NE(session.view().calibrationProblem.find("hold still"), std::string::npos);
}

}  // namespace
}  // namespace lumbo::app
