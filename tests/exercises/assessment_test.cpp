// The assessment battery on synthetic movers with known faults names the fault with its value
// and proposes the exercises that target it; clean movers get no findings.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "body/synthetic_motion.h"
#include "exercises/assessment.h"

namespace lumbo {
namespace {

const std::vector<Exercise>& lib() {
  static const std::vector<Exercise> l = [] {
    auto r = loadExerciseLibrary(std::filesystem::path(LUMBO_SOURCE_DIR) / "assets/exercises");
    if (!r) throw std::runtime_error(r.error());
    return *r;
  }();
  return l;
}

TestResult assess(SyntheticMovement m) {
  SyntheticSpec spec;
  spec.movement = m;
  spec.repetitions = 3;
  spec.seed = 11;
  auto r = assessTrace(generateSyntheticTrace(spec), std::string(syntheticMovementName(m)), lib());
  if (!r) throw std::runtime_error(r.error());
  return *r;
}

bool proposes(const Program& p, const std::string& id) {
  const auto& ex = p.stages.front().exercises;
  return std::any_of(ex.begin(), ex.end(), [&](const ProgramExercise& e) { return e.exerciseId == id; });
}

const AssessmentFeature& featureOf(const TestResult& r, const std::string& id) {
  for (const AssessmentFeature& f : r.features) {
    if (f.id == id) return f;
  }
  throw std::runtime_error("no feature " + id);
}

TEST(Assessment, PoorHipHingeIsNamedWithItsLumbarShare) {
  const TestResult bad = assess(SyntheticMovement::HipHingeLumbarFlexion);
  const AssessmentFeature& f = featureOf(bad, "hip_hinge_lumbar_share_pct");
  EXPECT_TRUE(f.suboptimal);
  // The generator bends 30 deg in the lumbar spine and 15 at the hips: about two thirds lumbar.
  EXPECT_NEAR(f.value, 67.0, 12.0);
  EXPECT_NE(f.finding.find("hip hinge poor"), std::string::npos) << f.finding;
  const Program p = proposeProgram({bad}, lib());
  EXPECT_EQ(p.stages.front().exercises.front().exerciseId, "waiters_bow");

  const TestResult good = assess(SyntheticMovement::HipHinge);
  EXPECT_FALSE(featureOf(good, "hip_hinge_lumbar_share_pct").suboptimal);
  EXPECT_LT(featureOf(good, "hip_hinge_lumbar_share_pct").value, 20.0);
}

TEST(Assessment, EachFaultyMoverGetsTheExercisesForItsFault) {
  struct Case {
    SyntheticMovement faulty, clean;
    const char* feature;
    const char* exercise;
  };
  for (const Case& c : {Case{SyntheticMovement::SingleLegStancePelvicDrop, SyntheticMovement::SingleLegStance,
                             "single_leg_stance_pelvic_drop_deg", "single_leg_stance"},
                        Case{SyntheticMovement::BirdDogRotation, SyntheticMovement::BirdDog, "bird_dog_pelvic_rotation_deg", "bird_dog"},
                        Case{SyntheticMovement::BridgeHyperextension, SyntheticMovement::Bridge, "bridge_lumbar_extension_deg", "bridge"}}) {
    SCOPED_TRACE(c.feature);
    const TestResult bad = assess(c.faulty);
    EXPECT_TRUE(featureOf(bad, c.feature).suboptimal) << featureOf(bad, c.feature).finding;
    EXPECT_TRUE(proposes(proposeProgram({bad}, lib()), c.exercise));
    const TestResult good = assess(c.clean);
    EXPECT_FALSE(featureOf(good, c.feature).suboptimal) << featureOf(good, c.feature).finding;
  }
}

TEST(Assessment, CleanMoversGetAMaintenanceProgramThatValidates) {
  const std::vector<TestResult> results = {assess(SyntheticMovement::HipHinge), assess(SyntheticMovement::SingleLegStance)};
  const Program p = proposeProgram(results, lib());
  EXPECT_NE(p.description.find("No suboptimal feature"), std::string::npos);
  auto again = parseProgram(programJson(p), "proposed.json", &lib());
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(again->stages.front().exercises.size(), p.stages.front().exercises.size());
}

TEST(Assessment, ATraceOfNoTestIsRejected) {
  SyntheticSpec spec;
  spec.movement = SyntheticMovement::Still;
  auto r = assessTrace(generateSyntheticTrace(spec), "still.csv", lib());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("still.csv: 'still' is no test of the assessment battery"), std::string::npos) << r.error();
}

}  // namespace
}  // namespace lumbo
