// The ghost from a correct UI-PRMD deep squat: its phases, tempo and keeping in step.
#include <gtest/gtest.h>

#include "app/scene/ghost_motion.h"
#include "app/scene/session_scene.h"
#include "body/trace.h"
#include "exercises/exercise.h"
#include "tests/test_support.h"

namespace lumbo::app {
namespace {

class GhostMotionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto trace = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
    ASSERT_TRUE(trace.ok()) << trace.error();
    auto exercise = loadExercise(defaultExerciseFolder() / "deep_squat.json");
    ASSERT_TRUE(exercise.ok()) << exercise.error();
    exercise_ = *exercise;
    auto ghost = GhostMotion::fromReference(*trace, exercise_);
    ASSERT_TRUE(ghost.ok()) << ghost.error();
    ghost_.emplace(std::move(*ghost));
  }
  Exercise exercise_;
  std::optional<GhostMotion> ghost_;
};

TEST_F(GhostMotionTest, ReferenceRepetitionIsCutIntoTheExercisePhases) {
  const auto& segments = ghost_->segments();
  ASSERT_GE(segments.size(), 2u);
  for (std::size_t i = 1; i < segments.size(); ++i) {
    EXPECT_NE(segments[i].phase, segments[i - 1].phase);
    EXPECT_DOUBLE_EQ(segments[i].startS, segments[i - 1].endS);
  }
  // Played at the prescribed tempo: the reference repetition takes tempo.totalS() of session time.
  const double repetitionS = segments.back().endS - segments.front().startS;
  EXPECT_NEAR(repetitionS / ghost_->playbackRate(), exercise_.tempo.totalS(), 1e-9);
}

TEST_F(GhostMotionTest, LeadsByOnePhaseThenWaitsForThePerson) {
  Feedback person;  // at rest, phase 0
  const std::size_t firstPhase = ghost_->segments().front().phase;
  ASSERT_LE(firstPhase, 1u);
  for (int i = 0; i < 1000; ++i) ghost_->update(person, 0.01);
  const double waitingAtS = ghost_->referenceTimeS();
  EXPECT_LE(ghost_->segments()[ghost_->segmentIndex()].phase, person.phase + 1);
  ghost_->update(person, 0.5);
  EXPECT_DOUBLE_EQ(ghost_->referenceTimeS(), waitingAtS);  // waiting, not running away

  // The person moves on to the last phase: the ghost goes there at once.
  person.phase = ghost_->segments().back().phase;
  ghost_->update(person, 0.01);
  EXPECT_EQ(ghost_->segmentIndex(), ghost_->segments().size() - 1);

  // A completed repetition starts the demonstration again.
  person.phase = 0;
  person.repetitionCompleted = true;
  ghost_->update(person, 0.01);
  EXPECT_EQ(ghost_->segmentIndex(), 0u);
  EXPECT_DOUBLE_EQ(ghost_->referenceTimeS(), ghost_->segments().front().startS);
}

TEST_F(GhostMotionTest, AppendsATranslucentFigureBesideThePerson) {
  render::Scene scene;
  const glm::vec3 pelvisM(1.0f, 0.95f, 2.0f);
  ghost_->append(scene, pelvisM, {0.0f, 0.0f, -1.0f});
  ASSERT_GT(scene.capsules.size() + scene.spheres.size(), 5u);
  glm::vec3 sumM(0.0f);
  for (const auto& c : scene.capsules) {
    EXPECT_LT(c.rgba.a, 1.0f);
    EXPECT_EQ(c.rgba, GhostOptions{}.rgba);
    sumM += 0.5f * (c.aM + c.bM);
  }
  // Centred 0.8 m to the person's right (+x when facing -z), near the same depth.
  const glm::vec3 meanM = sumM / static_cast<float>(scene.capsules.size());
  EXPECT_NEAR(meanM.x, pelvisM.x + 0.8f, 0.2f);
  EXPECT_NEAR(meanM.z, pelvisM.z, 0.3f);
}

// The plan's ghosts are made before the session, one per planned exercise: from the bundled
// recording (deep squat) or from synthetic motion (bridge, drawing-in).
TEST(PlanGhosts, PreparedForEveryPlannedExerciseBeforeTheFirstFrame) {
  std::vector<PlannedExercise> plan;
  for (const char* id : {"deep_squat", "bridge", "deep_squat", "abdominal_drawing_in"}) {
    auto e = loadExercise(defaultExerciseFolder() / (std::string(id) + ".json"));
    ASSERT_TRUE(e.ok()) << e.error();
    plan.push_back(PlannedExercise{*e, 1, std::nullopt, std::nullopt});
  }
  const auto ghosts = ghostsFor(plan);
  ASSERT_EQ(ghosts.size(), plan.size());
  ASSERT_TRUE(ghosts[0].has_value());
  ASSERT_TRUE(ghosts[1].has_value());
  EXPECT_TRUE(ghosts[3].has_value());
  // The repeated exercise gets the same movement, cut the same way.
  ASSERT_TRUE(ghosts[2].has_value());
  ASSERT_EQ(ghosts[2]->segments().size(), ghosts[0]->segments().size());
  for (std::size_t i = 0; i < ghosts[0]->segments().size(); ++i) {
    EXPECT_EQ(ghosts[2]->segments()[i].startS, ghosts[0]->segments()[i].startS);
  }
  EXPECT_NE(ghosts[1]->segments().size(), 0u);
}

// With a personal reference the ghost is the person at their best: cut from their own recording
// (here subject 1's squats), not the bundled one (subject 3's).
TEST(PlanGhosts, PersonalReferenceIsTheGhost) {
  auto e = loadExercise(defaultExerciseFolder() / "deep_squat.json");
  ASSERT_TRUE(e.ok()) << e.error();
  auto own = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
  ASSERT_TRUE(own.ok()) << own.error();
  const std::vector<PlannedExercise> plan = {PlannedExercise{*e, 1, std::nullopt, std::nullopt}};
  const std::vector<std::shared_ptr<const Trace>> personal = {std::make_shared<const Trace>(*own)};
  const auto bundled = ghostsFor(plan);
  const auto mine = ghostsFor(plan, personal);
  auto expected = GhostMotion::fromReference(*own, *e);
  ASSERT_TRUE(expected.ok() && bundled[0] && mine[0]);
  ASSERT_EQ(mine[0]->segments().size(), expected->segments().size());
  for (std::size_t i = 0; i < expected->segments().size(); ++i) {
    EXPECT_EQ(mine[0]->segments()[i].startS, expected->segments()[i].startS);
  }
  EXPECT_NE(mine[0]->segments().front().startS, bundled[0]->segments().front().startS);
}

}  // namespace
}  // namespace lumbo::app
