// Coaching in the session's flow: the starting position must hold before anything is counted,
// the ghost's demonstration comes before the first set, and pain that rises between sets stops
// the exercise, recorded in the real store.
#include <gtest/gtest.h>

#include "app/session/guided_session.h"
#include "body/synthetic_motion.h"
#include "body/trace.h"
#include "exercises/exercise.h"
#include "exercises/program.h"
#include "store/session_store.h"
#include "tests/test_support.h"

namespace lumbo::app {
namespace {

Exercise exercise(const std::string& id) {
  auto e = loadExercise(defaultExerciseFolder() / (id + ".json"));
  EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error());
  return e.ok() ? *e : Exercise{};
}

Trace standingRecording() {
  auto trace = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
  EXPECT_TRUE(trace.ok()) << (trace.ok() ? "" : trace.error());
  return trace.ok() ? *trace : Trace{};
}

Trace supineBridges() {
  SyntheticSpec spec;
  spec.movement = SyntheticMovement::Bridge;
  spec.repetitions = 3;
  spec.repetitionS = 8.0;
  return generateSyntheticTrace(spec);
}

// Feeds `trace`'s frames from `fromS` (its own time) on, starting at session-clock `atS`; returns
// the clock after the last frame.
double play(GuidedSession& session, const Trace& trace, double atS, double fromS = 0.0, double toS = 1e9) {
  double lastS = atS;
  for (const TraceSample& s : trace.samples) {
    if (s.frame.timeS < fromS || s.frame.timeS > toS) continue;
    TrackedFrame f = s.frame;
    f.timeS = atS + (s.frame.timeS - fromS);
    session.update(f);
    lastS = f.timeS;
  }
  return lastS;
}

TEST(StartingPositionGate, SupineExerciseStartedStandingCountsNothingAndPromptsToLieDown) {
  GuidedSession session({PlannedExercise{exercise("bridge"), 1, std::nullopt, std::nullopt}}, nullptr, {});
  const Trace standing = standingRecording();
  for (const TraceSample& s : standing.samples) {
    const SessionView& v = session.update(s.frame);
    ASSERT_EQ(v.stage, SessionStage::Calibrating) << s.frame.timeS;
    ASSERT_EQ(v.feedback.repetitions, 0);
  }
  // A standing hold is never taken as the supine neutral.
  EXPECT_FALSE(session.calibration().has_value());
  EXPECT_NE(session.view().instruction.find("Lie on your back on the mat"), std::string::npos)
      << session.view().instruction;
  EXPECT_NE(session.view().calibrationProblem.find("I see you standing"), std::string::npos)
      << session.view().calibrationProblem;

  // Lying down lets it proceed: calibrated supine, and the bridges count.
  play(session, supineBridges(), standing.samples.back().frame.timeS + 0.01);
  ASSERT_TRUE(session.calibration().has_value());
  EXPECT_EQ(session.calibration()->position, NeutralPosition::Supine);
  EXPECT_TRUE(session.view().startingPositionProblem.empty());
  EXPECT_GE(session.view().feedback.repetitions, 2);
}

TEST(StartingPositionGate, NoRepetitionIsCountedWhileThePersonStandsUpFromTheMat) {
  GuidedSession session({PlannedExercise{exercise("bridge"), 1, std::nullopt, std::nullopt}}, nullptr, {});
  const Trace bridges = supineBridges();
  // Calibrated on the supine neutral hold (the first 2 s)...
  double clockS = play(session, bridges, 0.0, 0.0, 1.99);
  ASSERT_EQ(session.view().stage, SessionStage::Exercising);
  // ...then ten squats standing: the pelvis rises 0.8 m over its lying neutral and moves up and
  // down, which the bridge's driver would count, were the position not checked.
  const Trace standing = standingRecording();
  bool prompted = false;
  for (const TraceSample& s : standing.samples) {
    TrackedFrame f = s.frame;
    f.timeS = clockS + 0.01 + s.frame.timeS;
    const SessionView& v = session.update(f);
    ASSERT_EQ(v.feedback.repetitions, 0) << f.timeS;
    prompted = prompted || v.instruction.find("I see you standing. Lie on your back on the mat") != std::string::npos;
  }
  EXPECT_TRUE(prompted);
  clockS += 0.01 + standing.samples.back().frame.timeS;
  // Back on the mat, the bridges count.
  play(session, bridges, clockS + 0.01, 2.0);
  EXPECT_GE(session.view().feedback.repetitions, 2);
  EXPECT_TRUE(session.view().startingPositionProblem.empty());
}

TEST(Demonstration, TheGhostsRepetitionComesFirstAndCountsNothing) {
  GuidedSessionOptions options;
  options.demonstrate = true;
  const Exercise squat = exercise("deep_squat");
  GuidedSession session({PlannedExercise{squat, 1, std::nullopt, std::nullopt}}, nullptr, {}, options);
  std::optional<double> startS, endS;
  for (const TraceSample& s : standingRecording().samples) {
    const SessionView& v = session.update(s.frame);
    if (v.stage == SessionStage::Demonstrating) {
      if (!startS) startS = v.timeS;
      EXPECT_EQ(v.feedback.repetitions, 0);
      EXPECT_NE(v.demonstration.find(squat.instructions.front()), std::string::npos);
      ASSERT_TRUE(session.outcomes().empty());
    } else if (startS && !endS) {
      endS = v.timeS;
      EXPECT_EQ(v.stage, SessionStage::Exercising);
    }
  }
  ASSERT_TRUE(startS && endS);
  // One repetition at the prescribed tempo.
  EXPECT_NEAR(*endS - *startS, squat.tempo.totalS(), 0.05);
  session.finish();
  ASSERT_EQ(session.outcomes().size(), 1u);
  EXPECT_GE(session.outcomes()[0].repetitions.size(), 5u);
  for (const RepetitionResult& r : session.outcomes()[0].repetitions) EXPECT_GE(r.startS, *endS);
}

TEST(Demonstration, ThePersonCanSkipIt) {
  GuidedSessionOptions options;
  options.demonstrate = true;
  GuidedSession session({PlannedExercise{exercise("deep_squat"), 1, std::nullopt, std::nullopt}}, nullptr, {}, options);
  const Trace standing = standingRecording();
  std::size_t i = 0;
  for (; i < standing.samples.size() && session.view().stage != SessionStage::Demonstrating; ++i) {
    session.update(standing.samples[i].frame);
  }
  ASSERT_EQ(session.view().stage, SessionStage::Demonstrating);
  session.apply({SessionCommand::Kind::SkipDemonstration});
  EXPECT_EQ(session.view().stage, SessionStage::Exercising);
  EXPECT_TRUE(session.view().demonstration.empty());
  // Out of turn it changes nothing; the next frame is judged by the exercise.
  session.apply({SessionCommand::Kind::SkipDemonstration});
  session.update(standing.samples[i].frame);
  EXPECT_EQ(session.view().stage, SessionStage::Exercising);
}

struct PainRun {
  std::vector<ExerciseOutcome> outcomes;
  std::vector<SessionStage> stages;  // each distinct stage in order
};

// Two exercises (deep squats: 2 sets of 3; then a standing hold), pain 2 before, asked between
// sets; `answer` is given at the first check-in, and the person goes on after a stop.
PainRun runWithPainAnswer(const std::filesystem::path& db, int answer) {
  PainRun run;
  auto writer = store::SessionWriter::open(db);
  EXPECT_TRUE(writer.ok()) << (writer.ok() ? "" : writer.error());
  if (!writer.ok()) return run;
  store::SessionInfo info;
  info.personId = "p01";
  info.startUnixS = 1.7e9;
  info.painBefore = 2;
  GuidedSessionOptions options;
  options.askPainBetweenSets = true;
  GuidedSession session({PlannedExercise{exercise("deep_squat"), 1, 2, 3},
                         PlannedExercise{exercise("standing_neutral_hold"), 1, 1, 1}},
                        writer->get(), info, options);
  auto note = [&] {
    if (run.stages.empty() || run.stages.back() != session.view().stage) run.stages.push_back(session.view().stage);
  };
  bool answered = false;
  for (const TraceSample& s : standingRecording().samples) {
    session.update(s.frame);
    note();
    if (session.view().stage == SessionStage::PainCheck && !answered) {
      EXPECT_EQ(session.view().feedback.repetitions, 3);
      session.apply({SessionCommand::Kind::AnswerPainCheck, answer});
      answered = true;
      note();
      if (session.view().stage == SessionStage::PainStopped) {
        session.apply({SessionCommand::Kind::NextExercise});
        note();
      }
    }
  }
  session.finish();
  run.outcomes = session.outcomes();
  EXPECT_TRUE((*writer)->flush().ok());
  return run;
}

TEST(PainBetweenSets, ARiseOfTwoStopsTheExerciseAndTheStoreSaysWhy) {
  test::TempDir dir;
  const PainRun run = runWithPainAnswer(dir / "p.db", 4);
  ASSERT_GE(run.outcomes.size(), 1u);
  EXPECT_EQ(run.outcomes[0].repetitions.size(), 3u);  // the second set never began
  EXPECT_FALSE(run.outcomes[0].completed);
  EXPECT_EQ(run.outcomes[0].stoppedBecause, "pain rose from 2 to 4 of 10");
  const std::vector<SessionStage> expected = {SessionStage::Calibrating, SessionStage::Exercising, SessionStage::PainCheck,
                                              SessionStage::PainStopped, SessionStage::Exercising};
  ASSERT_GE(run.stages.size(), expected.size());
  EXPECT_TRUE(std::equal(expected.begin(), expected.end(), run.stages.begin()));
  // The person went on to the next exercise.
  ASSERT_EQ(run.outcomes.size(), 2u);
  EXPECT_EQ(run.outcomes[1].exerciseId, "standing_neutral_hold");

  auto store = store::SessionStore::open(dir / "p.db", {.create = false});
  ASSERT_TRUE(store.ok()) << store.error();
  auto& db = store->connection();
  EXPECT_EQ(db.queryInt("SELECT COUNT(*) FROM event WHERE kind = 'pain_check' AND detail = 'pain 4 of 10' "
                        "AND exercise_id = 'deep_squat'"),
            1);
  EXPECT_EQ(db.queryInt("SELECT COUNT(*) FROM event WHERE kind = 'pain_stop' AND exercise_id = 'deep_squat' "
                        "AND detail = 'pain rose from 2 to 4 of 10: exercise stopped'"),
            1);
}

TEST(PainBetweenSets, ASmallerRiseGoesOnAndSharpPainStops) {
  {
    test::TempDir dir;
    const PainRun run = runWithPainAnswer(dir / "p.db", 3);
    ASSERT_GE(run.outcomes.size(), 1u);
    EXPECT_EQ(run.outcomes[0].repetitions.size(), 6u);
    EXPECT_TRUE(run.outcomes[0].completed);
    EXPECT_TRUE(run.outcomes[0].stoppedBecause.empty());
  }
  test::TempDir dir;
  const PainRun run = runWithPainAnswer(dir / "p.db", SessionCommand::kSharpPain);
  ASSERT_GE(run.outcomes.size(), 1u);
  EXPECT_EQ(run.outcomes[0].repetitions.size(), 3u);
  EXPECT_EQ(run.outcomes[0].stoppedBecause, "sharp pain reported");
  auto store = store::SessionStore::open(dir / "p.db", {.create = false});
  ASSERT_TRUE(store.ok()) << store.error();
  EXPECT_EQ(store->connection().queryInt("SELECT COUNT(*) FROM event WHERE kind = 'pain_stop' "
                                         "AND detail LIKE 'sharp pain reported%'"),
            1);
}

TEST(PainBetweenSets, WithoutABaselineTheFirstAnswerIsIt) {
  PainCheck pain;
  EXPECT_FALSE(pain.answer(3).has_value());
  EXPECT_EQ(pain.baseline(), 3);
  EXPECT_FALSE(pain.answer(4).has_value());
  EXPECT_EQ(pain.answer(5), "pain rose from 3 to 5 of 10");
}

TEST(PainBetweenSets, TheProgramAsksForIt) {
  const std::string base = R"({"id": "p", "name": "P", "sessions_per_week": 3, "exercises": [{"exercise": "bridge"}])";
  auto asked = parseProgram(base + R"(, "pain_between_sets": true})", "p.json");
  ASSERT_TRUE(asked.ok()) << asked.error();
  EXPECT_TRUE(asked->painBetweenSets);
  auto plain = parseProgram(base + "}", "p.json");
  ASSERT_TRUE(plain.ok()) << plain.error();
  EXPECT_FALSE(plain->painBetweenSets);
  auto bad = parseProgram(base + R"(, "pain_between_sets": "yes"})", "p.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("p.json"), std::string::npos) << bad.error();
  EXPECT_NE(bad.error().find("/pain_between_sets"), std::string::npos) << bad.error();
}

}  // namespace
}  // namespace lumbo::app
