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

GuidedSessionOptions askingPain() {
  GuidedSessionOptions options;
  options.askPainBefore = true;
  options.askPainAfter = true;
  return options;
}

// The whole flow is the session's: frames wait for the pain answer, the exercises run, the pain
// after and the summary follow, and commands out of turn change nothing.
TEST(GuidedSession, OwnsItsFlowFromPainBeforeToTheClosedSummary) {
  test::TempDir dir;
  const auto trace = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
  ASSERT_TRUE(trace.ok()) << trace.error();
  using Kind = SessionCommand::Kind;
  std::size_t repetitions = 0;
  double lastRepetitionEndS = 0.0;
  {
    auto writer = store::SessionWriter::open(dir / "p.db");
    ASSERT_TRUE(writer.ok()) << writer.error();
    store::SessionInfo info;
    info.personId = "p01";
    info.startUnixS = 1.7e9;
    // Five squats prescribed: the recording's ten are more than enough.
    GuidedSession session({PlannedExercise{deepSquat(), 1, 1, 5}}, writer->get(), info, askingPain());
    ASSERT_EQ(session.view().stage, SessionStage::PainBefore);
    // Out of turn: no exercise to stop, no summary to close yet.
    session.apply({Kind::Stop});
    session.apply({Kind::CloseSummary});
    session.apply({Kind::AnswerPainAfter, 9});
    EXPECT_EQ(session.view().stage, SessionStage::PainBefore);
    // A person reading the question while standing still (the recording's first 2 s) is not
    // calibrated: frames wait for the answer.
    for (std::size_t i = 0; i < 300; ++i) session.update(trace->samples[i].frame);
    EXPECT_EQ(session.view().stage, SessionStage::PainBefore);
    EXPECT_FALSE(session.calibration().has_value());

    session.apply({Kind::AnswerPainBefore, 4});
    EXPECT_EQ(session.view().stage, SessionStage::Calibrating);
    session.apply({Kind::AnswerPainBefore, 8});  // a second press changes nothing
    EXPECT_EQ(session.view().painBefore, 4);
    // The person answered and the recording plays from its start.
    for (const auto& sample : trace->samples) {
      const SessionView& v = session.update(sample.frame);
      if (v.feedback.repetitionCompleted) lastRepetitionEndS = sample.frame.timeS;
    }
    ASSERT_TRUE(session.exercisesDone());
    EXPECT_EQ(session.view().stage, SessionStage::PainAfter);
    session.apply({Kind::Pause});  // nothing left to pause
    EXPECT_FALSE(session.view().paused);
    session.apply({Kind::AnswerPainAfter, 3});
    EXPECT_EQ(session.view().stage, SessionStage::Summary);
    EXPECT_FALSE(session.finished());
    session.apply({Kind::CloseSummary});
    EXPECT_TRUE(session.finished());
    EXPECT_EQ(session.endStatus(), store::SessionStatus::Completed);
    session.finish();
    ASSERT_EQ(session.outcomes().size(), 1u);
    repetitions = session.outcomes()[0].repetitions.size();
    ASSERT_TRUE((*writer)->flush().ok());
  }
  auto store = store::SessionStore::open(dir / "p.db", {.create = false});
  ASSERT_TRUE(store.ok()) << store.error();
  auto& db = store->connection();
  EXPECT_EQ(db.queryInt("SELECT COUNT(*) FROM session WHERE status = 'completed'"), 1);
  EXPECT_EQ(db.queryInt("SELECT score FROM pain WHERE phase = 'before'"), 4);
  EXPECT_EQ(db.queryInt("SELECT score FROM pain WHERE phase = 'after'"), 3);
  EXPECT_EQ(db.queryInt("SELECT COUNT(*) FROM repetition"), static_cast<std::int64_t>(repetitions));
  EXPECT_EQ(repetitions, 5u);
  // The frames before the answer were never the session's: its time runs from the first frame
  // after the answer to the frame that completed the fifth repetition.
  const double expectedS = lastRepetitionEndS - trace->samples.front().frame.timeS;
  EXPECT_EQ(db.queryInt("SELECT COUNT(*) FROM session WHERE ABS((end_unix_s - start_unix_s) - " +
                        std::to_string(expectedS) + ") < 0.05"),
            1);
}

TEST(GuidedSession, StopEndsTheExercisesKeepingWhatWasDone) {
  const auto trace = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
  ASSERT_TRUE(trace.ok()) << trace.error();
  GuidedSessionOptions options;
  options.askPainAfter = true;
  GuidedSession session({PlannedExercise{deepSquat(), 1, std::nullopt, std::nullopt}}, nullptr, {}, options);
  std::size_t i = 0;
  for (; i < trace->samples.size() && session.view().feedback.repetitions < 3; ++i) session.update(trace->samples[i].frame);
  ASSERT_EQ(session.view().feedback.repetitions, 3);
  session.apply({SessionCommand::Kind::Pause});
  EXPECT_TRUE(session.view().paused);
  session.apply({SessionCommand::Kind::Stop});
  EXPECT_TRUE(session.view().stopped);
  EXPECT_FALSE(session.view().paused);
  EXPECT_EQ(session.view().stage, SessionStage::PainAfter);
  ASSERT_EQ(session.outcomes().size(), 1u);
  EXPECT_EQ(session.outcomes()[0].repetitions.size(), 3u);
  EXPECT_FALSE(session.outcomes()[0].completed);
  // The rest of the recording is not judged: the exercise is over.
  for (; i < trace->samples.size(); ++i) session.update(trace->samples[i].frame);
  EXPECT_EQ(session.outcomes()[0].repetitions.size(), 3u);
  EXPECT_FALSE(session.exercisesDone());
  // Stopped by the person is a completed session (ended on purpose), not an interrupted one.
  EXPECT_EQ(session.endStatus(), store::SessionStatus::Completed);
}

TEST(GuidedSession, AsksTheOswestryIndexSectionBySectionBeforeThePain) {
  GuidedSessionOptions options = askingPain();
  options.askOdi = true;
  GuidedSession session({PlannedExercise{deepSquat(), 1, 1, 5}}, nullptr, {}, options);
  ASSERT_EQ(session.view().stage, SessionStage::Odi);
  using Kind = SessionCommand::Kind;
  session.apply({Kind::AnswerPainBefore, 5});  // out of turn
  EXPECT_EQ(session.view().stage, SessionStage::Odi);
  const int answers[kOdiSections] = {3, 2, SessionCommand::kSkip, 1, 0, 5, 7, 2, 1, 0};
  for (std::size_t i = 0; i < kOdiSections; ++i) {
    EXPECT_EQ(session.view().odiSection, i);
    session.apply({Kind::AnswerOdiSection, answers[i]});
  }
  EXPECT_EQ(session.view().stage, SessionStage::PainBefore);
  const auto& odi = session.view().odiAnswers;
  EXPECT_EQ(odi[0], 3);
  EXPECT_FALSE(odi[2].has_value());  // skipped
  EXPECT_EQ(odi[5], 5);
  EXPECT_EQ(odi[6], 5);  // 7 is beyond the section's 0-5 and is taken as its most
  session.apply({Kind::AnswerOdiSection, 4});  // no eleventh section
  EXPECT_EQ(session.view().odiAnswers[9], 0);
  session.apply({Kind::AnswerPainBefore, 5});
  EXPECT_EQ(session.view().stage, SessionStage::Calibrating);
}

}  // namespace
}  // namespace lumbo::app

namespace lumbo::app {
namespace {

// Feeds the recording until `until` holds (or it ends); returns whether it held.
template <typename Until>
bool playUntil(GuidedSession& session, const Trace& trace, std::size_t& next, Until until) {
  for (; next < trace.samples.size(); ++next) {
    session.update(trace.samples[next].frame);
    if (until(session.view())) {
      ++next;
      return true;
    }
  }
  return false;
}

TEST(GuidedSessionTherapist, ActionsChangeTheExerciseAndAreRecordedWithWhoSentThem) {
  test::TempDir dir;
  const auto trace = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
  ASSERT_TRUE(trace.ok()) << trace.error();
  const Exercise squat = deepSquat();
  ASSERT_GE(squat.levels.size(), 2u);
  using Kind = SessionCommand::Kind;
  {
    auto writer = store::SessionWriter::open(dir / "p.db");
    ASSERT_TRUE(writer.ok()) << writer.error();
    store::SessionInfo info;
    info.personId = "p01";
    info.startUnixS = 1.7e9;
    GuidedSession session({PlannedExercise{squat, 1, std::nullopt, std::nullopt}, PlannedExercise{squat, 1, std::nullopt, std::nullopt}},
                          writer->get(), info);
    std::size_t next = 0;
    ASSERT_TRUE(playUntil(session, *trace, next, [](const SessionView& v) { return v.feedback.repetitions >= 2; }));

    session.apply({Kind::Message, 0, "Keep your chest up", "anna"});
    EXPECT_EQ(session.view().message, "Keep your chest up");
    EXPECT_EQ(session.view().messageBy, "anna");

    // Fewer repetitions per set: the two done stay counted, the target shrinks.
    session.apply({Kind::SetRepetitions, 3, "", "anna"});
    EXPECT_EQ(session.view().targetRepetitions, 3 * squat.levels[0].sets);
    EXPECT_EQ(session.view().feedback.repetitions, 2);

    session.apply({Kind::SetLevel, 2, "", "anna"});
    EXPECT_EQ(session.view().exercise->level, 2);
    EXPECT_EQ(session.view().stage, SessionStage::Exercising);
    ASSERT_EQ(session.outcomes().size(), 1u);  // what was done at level 1 is closed
    EXPECT_EQ(session.outcomes()[0].level, 1);

    session.apply({Kind::Pause, 0, "", "anna"});
    EXPECT_TRUE(session.view().paused);
    session.apply({Kind::Resume, 0, "", "anna"});
    EXPECT_FALSE(session.view().paused);

    session.apply({Kind::EndExercise, 0, "", "anna"});
    EXPECT_EQ(session.view().exerciseIndex, 1u);  // on to the second one
    ASSERT_EQ(session.outcomes().size(), 2u);
    // A level beyond the exercise's is clamped to its hardest.
    session.apply({Kind::SetLevel, 99, "", "anna"});
    EXPECT_EQ(session.view().exercise->level, static_cast<int>(squat.levels.size()));
    session.finish(store::SessionStatus::Completed);
    ASSERT_TRUE((*writer)->flush().ok());
  }
  auto store = store::SessionStore::open(dir / "p.db", {.create = false});
  ASSERT_TRUE(store.ok()) << store.error();
  auto& db = store->connection();
  EXPECT_EQ(db.queryText("SELECT detail FROM event WHERE kind = 'message'"), "by anna: Keep your chest up");
  EXPECT_EQ(db.queryText("SELECT detail FROM event WHERE kind = 'repetitions_change'"), "deep_squat " +
            std::to_string(squat.levels[0].repetitions) + " -> 3 repetitions per set by anna");
  EXPECT_EQ(db.queryInt("SELECT count(*) FROM event WHERE kind = 'level_change' AND from_level = 1 AND to_level = 2 "
                        "AND detail LIKE '%by anna'"), 1);
  EXPECT_EQ(db.queryText("SELECT detail FROM event WHERE kind = 'pause'"), "by anna");
  EXPECT_EQ(db.queryText("SELECT detail FROM event WHERE kind = 'resume' ORDER BY id LIMIT 1"), "by anna");
  EXPECT_EQ(db.queryInt("SELECT count(*) FROM event WHERE kind = 'exercise_ended' AND detail = 'by anna'"), 1);
}

TEST(GuidedSessionTherapist, ActionsOutOfTurnAreIgnored) {
  GuidedSessionOptions o;
  o.askPainBefore = true;
  GuidedSession session({PlannedExercise{deepSquat(), 1, std::nullopt, std::nullopt}}, nullptr, {}, o);
  ASSERT_EQ(session.view().stage, SessionStage::PainBefore);
  using Kind = SessionCommand::Kind;
  session.apply({Kind::EndExercise, 0, "", "anna"});
  session.apply({Kind::SetLevel, 2, "", "anna"});
  session.apply({Kind::Message, 0, "hello", "anna"});
  EXPECT_EQ(session.view().stage, SessionStage::PainBefore);
  EXPECT_EQ(session.view().exercise->level, 1);
  EXPECT_TRUE(session.view().message.empty());
  // A long message is cut, never inside a UTF-8 character.
  session.apply({Kind::AnswerPainBefore, 3});
  std::string longText(kMaxSessionMessageBytes - 1, 'a');
  longText += "\xC3\xA9\xC3\xA9";
  session.apply({Kind::Message, 0, longText, "anna"});
  EXPECT_EQ(session.view().message, std::string(kMaxSessionMessageBytes - 1, 'a'));
}

}  // namespace
}  // namespace lumbo::app
