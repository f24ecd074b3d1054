// A ghost for every exercise of the library at every level, each one a correct repetition as the
// real engine scores it: counted, scored, free of faults and good enough to progress on.
#include <gtest/gtest.h>

#include "app/scene/ghost_reference.h"
#include "app/scene/session_scene.h"
#include "exercises/exercise.h"
#include "exercises/program.h"
#include "exercises/trace_scoring.h"

namespace lumbo::app {
namespace {

TEST(GhostLibrary, EveryExerciseAtEveryLevelHasACorrectRepetitionToShow) {
  auto library = loadExerciseLibrary(defaultExerciseFolder());
  ASSERT_TRUE(library.ok()) << library.error();
  ASSERT_GE(library->size(), 19u);
  // A model repetition must be at least as good as the quality that earns a level.
  const double passQuality = ProgressionRules{}.progressQuality;
  for (const Exercise& e : *library) {
    for (int level = 1; level <= static_cast<int>(e.levels.size()); ++level) {
      SCOPED_TRACE(e.id + " level " + std::to_string(level));
      const auto reference = ghostReference(e, level);
      ASSERT_TRUE(reference.ok()) << reference.error();
      const auto ghost = GhostMotion::fromReference(*reference, e, level);
      ASSERT_TRUE(ghost.ok()) << ghost.error();
      ASSERT_FALSE(ghost->segments().empty());

      // The engine, run afresh over the reference, finds the repetition the ghost plays.
      const auto report = scoreTrace(*reference, e, level);
      ASSERT_TRUE(report.ok()) << report.error();
      const double fromS = ghost->segments().front().startS;
      const double toS = ghost->segments().back().endS;
      const RepetitionResult* shown = nullptr;
      for (const RepetitionResult& r : report->reps) {
        if (r.startS <= fromS + 1e-6 && r.endS >= toS - 1e-6) shown = &r;
      }
      ASSERT_NE(shown, nullptr) << "no repetition spans " << fromS << "-" << toS << " s";
      EXPECT_TRUE(shown->scored);
      for (const RepFault& f : shown->faults) ADD_FAILURE() << "fault: " << f.text;
      EXPECT_GE(shown->quality, passQuality);
      // It moves: a repetition exercise's ghost passes through more than one phase.
      if (e.kind == ExerciseKind::Repetitions) {
        EXPECT_GE(ghost->segments().size(), 2u);
      }
    }
  }
}

TEST(GhostLibrary, APlanOfTheWholeLibraryGetsAGhostForEachExercise) {
  auto library = loadExerciseLibrary(defaultExerciseFolder());
  ASSERT_TRUE(library.ok()) << library.error();
  std::vector<PlannedExercise> plan;
  for (const Exercise& e : *library) plan.push_back(PlannedExercise{e, 1, std::nullopt, std::nullopt});
  const auto ghosts = ghostsFor(plan);
  ASSERT_EQ(ghosts.size(), plan.size());
  for (std::size_t i = 0; i < plan.size(); ++i) EXPECT_TRUE(ghosts[i].has_value()) << plan[i].exercise.id;
}

TEST(GhostLibrary, TheDemonstrationPlaysTheRepetitionThrough) {
  auto e = loadExercise(defaultExerciseFolder() / "bridge.json");
  ASSERT_TRUE(e.ok()) << e.error();
  auto ghost = ghostFor(*e, 1);
  ASSERT_TRUE(ghost.has_value());
  ghost->showDemonstration(0.0);
  EXPECT_DOUBLE_EQ(ghost->referenceTimeS(), ghost->segments().front().startS);
  ghost->showDemonstration(0.5);
  const double midS = ghost->referenceTimeS();
  EXPECT_GT(midS, ghost->segments().front().startS);
  EXPECT_LT(midS, ghost->segments().back().endS);
  ghost->showDemonstration(1.0);
  EXPECT_DOUBLE_EQ(ghost->referenceTimeS(), ghost->segments().back().endS);
  EXPECT_EQ(ghost->segmentIndex(), ghost->segments().size() - 1);
  // Then in step with the person: at rest, the ghost starts the repetition again.
  ghost->update(Feedback{}, 0.01);
  EXPECT_EQ(ghost->segmentIndex(), 0u);
}

// The side plank's ghost lies on its side (its feet stacked one above the other), the bridge's
// on its back (feet side by side on the floor).
TEST(GhostLibrary, TheSidePlankGhostLiesOnItsSide) {
  auto footGapM = [](const char* id) {
    auto e = loadExercise(defaultExerciseFolder() / (std::string(id) + ".json"));
    EXPECT_TRUE(e.ok());
    auto reference = ghostReference(*e, 1);
    EXPECT_TRUE(reference.ok());
    const TrackedFrame& f = reference->samples.front().frame;
    return std::abs(f[Device::LFoot].pose.positionM.y - f[Device::RFoot].pose.positionM.y);
  };
  EXPECT_GT(footGapM("side_plank"), 0.15);
  EXPECT_LT(footGapM("bridge"), 0.03);
}

}  // namespace
}  // namespace lumbo::app
