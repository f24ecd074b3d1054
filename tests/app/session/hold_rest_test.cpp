// The therapist's hold and rest in the session: a prescribed hold times every hold in place of
// the level's own (a shorter one is flagged), and between sets the person rests for the
// prescribed time on the session's own clock, may end the rest early, and is asked about pain
// first when the program asks for it.
#include <gtest/gtest.h>

#include "app/session/guided_session.h"
#include "body/synthetic_motion.h"
#include "exercises/exercise.h"
#include "store/session_store.h"
#include "tests/test_support.h"

namespace lumbo::app {
namespace {

Exercise exercise(const std::string& id) {
  auto e = loadExercise(defaultExerciseFolder() / (id + ".json"));
  EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error());
  return e.ok() ? *e : Exercise{};
}

// A person standing still: the neutral hold, then `seconds` more of standing in it.
Trace standingStill(double seconds) {
  SyntheticSpec spec;
  spec.movement = SyntheticMovement::Still;
  spec.repetitions = 1;
  spec.repetitionS = seconds;
  return generateSyntheticTrace(spec);
}

PlannedExercise standingHold(int sets, int reps, std::optional<double> holdS, double restS) {
  PlannedExercise p{exercise("standing_neutral_hold"), 1, sets, reps};
  p.holdS = holdS;
  p.restS = restS;
  return p;
}

// Each distinct stage in order, with the session time it began.
struct Stages {
  std::vector<SessionStage> stages;
  std::vector<double> atS;
  void note(const SessionView& v) {
    if (stages.empty() || stages.back() != v.stage) {
      stages.push_back(v.stage);
      atS.push_back(v.timeS);
    }
  }
  double at(SessionStage s, std::size_t nth = 0) const {
    for (std::size_t i = 0; i < stages.size(); ++i) {
      if (stages[i] == s && nth-- == 0) return atS[i];
    }
    return -1.0;
  }
};

TEST(PrescribedHold, EveryHoldIsTimedByThePrescription) {
  const Exercise e = exercise("standing_neutral_hold");
  ASSERT_FALSE(e.levels.empty());
  const double levelHoldS = e.levels[0].holdS;
  ASSERT_GT(levelHoldS, 6.0);  // the level's own is longer than the 4 s prescribed here
  GuidedSession session({standingHold(1, 3, 4.0, 0.0)}, nullptr, {});
  // 3 holds of the level's own time would need more than this; 3 of 4 s fit.
  for (const TraceSample& s : standingStill(3 * levelHoldS - 2.0).samples) session.update(s.frame);
  session.finish();
  ASSERT_EQ(session.outcomes().size(), 1u);
  const ExerciseOutcome& o = session.outcomes()[0];
  EXPECT_TRUE(o.completed);
  ASSERT_EQ(o.repetitions.size(), 3u);
  for (const RepetitionResult& r : o.repetitions) {
    EXPECT_GE(r.holdS, 4.0);
    EXPECT_LT(r.holdS, 4.1);
    EXPECT_LT(r.endS - r.startS, levelHoldS);
  }
}

TEST(PrescribedHold, AHoldShorterThanPrescribedIsFlagged) {
  SyntheticSpec spec;
  spec.movement = SyntheticMovement::Bridge;
  spec.repetitions = 3;
  spec.repetitionS = 8.0;
  const Trace bridges = generateSyntheticTrace(spec);
  auto run = [&](std::optional<double> holdS) {
    PlannedExercise p{exercise("bridge"), 1, 1, 3};
    p.holdS = holdS;
    GuidedSession session({p}, nullptr, {});
    for (const TraceSample& s : bridges.samples) session.update(s.frame);
    session.finish();
    return session.outcomes().empty() ? std::vector<RepetitionResult>{} : session.outcomes()[0].repetitions;
  };
  // No bridge of this recording is held 30 s: each is counted, with its hold flagged as short of
  // the prescription's 30 s (not the level's own).
  const auto prescribed = run(30.0);
  ASSERT_GE(prescribed.size(), 2u);
  for (const RepetitionResult& r : prescribed) {
    ASSERT_FALSE(r.faults.empty());
    bool flagged = false;
    for (const RepFault& f : r.faults) flagged = flagged || (f.text.find("hold too short") == 0 && f.text.find("of 30.0 s") != std::string::npos);
    EXPECT_TRUE(flagged) << r.faults.front().text;
    EXPECT_LT(r.holdS, 30.0);
  }
  // The same recording without a prescribed hold is never judged against 30 s.
  for (const RepetitionResult& r : run(std::nullopt)) {
    for (const RepFault& f : r.faults) EXPECT_EQ(f.text.find("of 30.0 s"), std::string::npos) << f.text;
  }
}

TEST(RestBetweenSets, ThePersonRestsForThePrescribedTime) {
  test::TempDir dir;
  auto writer = store::SessionWriter::open(dir / "p.db");
  ASSERT_TRUE(writer.ok()) << writer.error();
  store::SessionInfo info;
  info.personId = "p01";
  info.startUnixS = 1.7e9;
  GuidedSession session({standingHold(2, 1, 3.0, 8.0)}, writer->get(), info);
  Stages seen;
  double lastRemainingS = 1e9;
  bool countedDown = true;
  for (const TraceSample& s : standingStill(25.0).samples) {
    const SessionView& v = session.update(s.frame);
    seen.note(v);
    if (v.stage == SessionStage::Resting) {
      EXPECT_EQ(v.instruction, restInstruction(8.0));
      EXPECT_DOUBLE_EQ(v.restS, 8.0);
      countedDown = countedDown && v.restRemainingS <= lastRemainingS && v.restRemainingS <= 8.0;
      lastRemainingS = v.restRemainingS;
      // Nothing is counted while resting.
      EXPECT_EQ(v.feedback.repetitions, 1);
    }
  }
  session.finish();
  EXPECT_TRUE(countedDown);
  const std::vector<SessionStage> expected = {SessionStage::Calibrating, SessionStage::Exercising, SessionStage::Resting,
                                              SessionStage::Exercising, SessionStage::Finished};
  EXPECT_EQ(seen.stages, expected);
  const double restS = seen.at(SessionStage::Exercising, 1) - seen.at(SessionStage::Resting);
  EXPECT_NEAR(restS, 8.0, 0.02);
  ASSERT_EQ(session.outcomes().size(), 1u);
  const auto& reps = session.outcomes()[0].repetitions;
  ASSERT_EQ(reps.size(), 2u);
  EXPECT_TRUE(session.outcomes()[0].completed);
  // The second set began only after the rest.
  EXPECT_GE(reps[1].startS - reps[0].endS, 8.0 - 0.02);
  ASSERT_TRUE((*writer)->flush().ok());
  auto store = store::SessionStore::open(dir / "p.db", {.create = false});
  ASSERT_TRUE(store.ok()) << store.error();
  EXPECT_EQ(store->connection().queryInt("SELECT COUNT(*) FROM repetition"), 2);
}

TEST(RestBetweenSets, ContinueEndsItEarlyAndStopEndsTheSession) {
  GuidedSession session({standingHold(3, 1, 3.0, 60.0)}, nullptr, {});
  Stages seen;
  // A stale Continue before any rest changes nothing.
  session.apply({SessionCommand::Kind::EndRest});
  double restStartS = -1.0;
  bool continued = false;
  for (const TraceSample& s : standingStill(20.0).samples) {
    const SessionView& v = session.update(s.frame);
    seen.note(v);
    if (v.stage == SessionStage::Resting && restStartS < 0) restStartS = v.timeS;
    if (v.stage == SessionStage::Resting && !continued && v.timeS - restStartS >= 2.0) {
      session.apply({SessionCommand::Kind::EndRest});
      continued = true;
      EXPECT_EQ(session.view().stage, SessionStage::Exercising);
      session.apply({SessionCommand::Kind::EndRest});  // again, out of turn: ignored
      EXPECT_EQ(session.view().stage, SessionStage::Exercising);
    }
    if (v.stage == SessionStage::Resting && continued) {
      // The second rest: the person stops the session there.
      session.apply({SessionCommand::Kind::Stop});
      break;
    }
  }
  ASSERT_TRUE(continued);
  EXPECT_TRUE(session.view().stopped);
  EXPECT_EQ(session.view().stage, SessionStage::Finished);
  ASSERT_EQ(session.outcomes().size(), 1u);
  const auto& reps = session.outcomes()[0].repetitions;
  ASSERT_EQ(reps.size(), 2u);
  EXPECT_FALSE(session.outcomes()[0].completed);
  // Ended after 2 s of the 60: the second set followed at once.
  EXPECT_LT(reps[1].startS - reps[0].endS, 3.0);
}

TEST(RestBetweenSets, ThePainQuestionComesFirstAndItsTimeIsPartOfTheRest) {
  GuidedSessionOptions options;
  options.askPainBetweenSets = true;
  store::SessionInfo info;
  info.painBefore = 2;
  GuidedSession session({standingHold(2, 1, 3.0, 8.0)}, nullptr, info, options);
  Stages seen;
  for (const TraceSample& s : standingStill(25.0).samples) {
    const SessionView& v = session.update(s.frame);
    seen.note(v);
    if (v.stage == SessionStage::PainCheck) {
      session.apply({SessionCommand::Kind::AnswerPainCheck, 2});
      seen.note(session.view());
      EXPECT_EQ(session.view().stage, SessionStage::Resting);
    }
  }
  const std::vector<SessionStage> expected = {SessionStage::Calibrating, SessionStage::Exercising, SessionStage::PainCheck,
                                              SessionStage::Resting, SessionStage::Exercising, SessionStage::Finished};
  EXPECT_EQ(seen.stages, expected);
  // Timed from the end of the set, the question included.
  EXPECT_NEAR(seen.at(SessionStage::Exercising, 1) - seen.at(SessionStage::PainCheck), 8.0, 0.02);
  // A rise that stops the exercise leaves no rest to sit out.
  GuidedSession stopped({standingHold(2, 1, 3.0, 8.0)}, nullptr, info, options);
  for (const TraceSample& s : standingStill(10.0).samples) {
    stopped.update(s.frame);
    if (stopped.view().stage == SessionStage::PainCheck) {
      stopped.apply({SessionCommand::Kind::AnswerPainCheck, 6});
      EXPECT_EQ(stopped.view().stage, SessionStage::PainStopped);
      break;
    }
  }
  EXPECT_EQ(stopped.view().stage, SessionStage::PainStopped);
}

}  // namespace
}  // namespace lumbo::app
