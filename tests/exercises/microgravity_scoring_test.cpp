// The astronaut program scores in microgravity: every exercise of its first stage, and the
// in-flight program's neutral control, scored from synthetic recordings in gravity-free mode
// (angles relative to the neutral calibrated in the station frame) give scored repetitions, where
// before the mode dropped pelvic tilt and trunk inclination and left them all unscored.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "body/synthetic_motion.h"
#include "exercises/exercise.h"
#include "exercises/program.h"
#include "exercises/trace_scoring.h"

namespace lumbo {
namespace {

const std::vector<Exercise>& lib() {
  static const std::vector<Exercise> l = [] {
    auto x = loadExerciseLibrary(std::filesystem::path(LUMBO_SOURCE_DIR) / "assets/exercises");
    if (!x) throw std::runtime_error(x.error());
    return *x;
  }();
  return l;
}

// What the person does for each exercise, done well.
const std::map<std::string, SyntheticMovement> kMovement = {
    {"abdominal_drawing_in", SyntheticMovement::Still},  {"pelvic_tilt_control", SyntheticMovement::PelvicTilt},
    {"standing_neutral_hold", SyntheticMovement::Still}, {"trunk_rotation_control", SyntheticMovement::TrunkRotation},
};

void expectScoresWithoutGravity(const std::string& programFile, std::size_t stage) {
  auto program = loadProgram(std::filesystem::path(LUMBO_SOURCE_DIR) / "assets/programs" / programFile, &lib());
  ASSERT_TRUE(program) << program.error();
  ASSERT_LT(stage, program->stages.size());
  int checked = 0;
  for (const ProgramExercise& pe : program->stages[stage].exercises) {
    const auto m = kMovement.find(pe.exerciseId);
    if (m == kMovement.end()) continue;  // moved by the hands (banded): no synthetic recording of it
    const Exercise* e = findExercise(lib(), pe.exerciseId);
    ASSERT_NE(e, nullptr);
    SyntheticSpec spec;
    spec.movement = m->second;
    spec.position = neutralPositionFor(e->startingPosition);
    spec.repetitions = 4;
    spec.repetitionS = 12.0;
    const Trace trace = generateSyntheticTrace(spec);
    AnalysisOptions free;
    free.gravityFree = true;
    auto r = scoreTrace(trace, *e, pe.startLevel, free);
    ASSERT_TRUE(r) << pe.exerciseId << ": " << r.error();
    EXPECT_GT(r->scoredRepetitions, 0) << pe.exerciseId;
    for (const RepetitionResult& rep : r->reps) {
      EXPECT_TRUE(rep.scored) << pe.exerciseId << ": " << (rep.faults.empty() ? "" : rep.faults.front().text);
    }
    // The same recording with gravity scores the same: only the frame of reference differs.
    auto g = scoreTrace(trace, *e, pe.startLevel);
    ASSERT_TRUE(g);
    ASSERT_EQ(g->reps.size(), r->reps.size()) << pe.exerciseId;
    for (std::size_t i = 0; i < g->reps.size(); ++i) EXPECT_EQ(g->reps[i].quality, r->reps[i].quality) << pe.exerciseId;
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

TEST(Microgravity, AstronautProgramFirstStageScores) { expectScoresWithoutGravity("astronaut_reconditioning.json", 0); }

TEST(Microgravity, InFlightProgramScores) { expectScoresWithoutGravity("inflight_elastic_band.json", 0); }

}  // namespace
}  // namespace lumbo
