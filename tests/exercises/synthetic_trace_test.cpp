// Exercises scored on synthetic traces of their movement (body/synthetic_motion.h): the whole path
// from tracker poses through calibration, posture and limb signals to the engine. A correct
// movement gives its repetitions with no fault; the movement's typical fault is named.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>

#include "body/synthetic_motion.h"
#include "exercises/exercise.h"
#include "exercises/trace_scoring.h"

namespace lumbo {
namespace {

const Exercise& library(const std::string& id) {
  static const std::vector<Exercise> lib = [] {
    auto l = loadExerciseLibrary(std::filesystem::path(LUMBO_SOURCE_DIR) / "assets/exercises");
    if (!l) throw std::runtime_error(l.error());
    return *l;
  }();
  if (const Exercise* e = findExercise(lib, id)) return *e;
  throw std::runtime_error("no exercise " + id);
}

// The person moves at the exercise's own pace: each repetition long enough for its tempo and, at
// level 1, its hold, so that only alignment can cost points.
double repetitionSFor(const Exercise& e) {
  double holdS = 0.0;
  for (const Phase& p : e.phases) {
    if (p.role == PhaseRole::Hold) holdS = e.levels.front().holdS > 0.0 ? e.levels.front().holdS : p.holdS;
  }
  return std::max(4.0, 1.6 * (e.tempo.outS + e.tempo.backS + holdS) + 1.0);
}

ScoreReport score(const std::string& exerciseId, SyntheticMovement m, int reps, double amplitudeScale = 1.0,
                  std::uint32_t seed = 7) {
  SyntheticSpec spec;
  spec.amplitudeScale = amplitudeScale;
  spec.movement = m;
  spec.repetitions = reps;
  spec.repetitionS = repetitionSFor(library(exerciseId));
  spec.seed = seed;
  const Trace trace = generateSyntheticTrace(spec);
  auto r = scoreTrace(trace, library(exerciseId), 1);
  if (!r) throw std::runtime_error(r.error());
  return *r;
}

struct Case {
  const char* exercise;
  SyntheticMovement correct;
  std::optional<SyntheticMovement> faulty;
  MetricId faultMetric;  // the metric the faulty variant must be named for
  // Synthetic tilts, bends and turns go to both sides in each cycle; the exercise counts every
  // excursion from the middle ("finish each tilt in neutral"), so a cycle is two repetitions.
  std::size_t perCycle = 1;
  double amplitudeScale = 1.0;
};

class SyntheticExercise : public ::testing::TestWithParam<Case> {};

TEST_P(SyntheticExercise, CorrectCountsCleanlyAndTheFaultIsNamed) {
  const Case& c = GetParam();
  const ScoreReport good = score(c.exercise, c.correct, 5, c.amplitudeScale);
  EXPECT_EQ(good.reps.size(), 5u * c.perCycle);
  for (const RepetitionResult& r : good.reps) {
    EXPECT_TRUE(r.scored);
    EXPECT_TRUE(r.faults.empty()) << r.faults.front().text;
    EXPECT_DOUBLE_EQ(r.quality, 100.0);
  }
  if (!c.faulty) return;
  const ScoreReport bad = score(c.exercise, *c.faulty, 5, c.amplitudeScale);
  EXPECT_EQ(bad.reps.size(), 5u);
  const auto sig = static_cast<SignalIndex>(c.faultMetric);
  for (const RepetitionResult& r : bad.reps) {
    EXPECT_LT(r.quality, 100.0);
    EXPECT_TRUE(std::any_of(r.faults.begin(), r.faults.end(), [&](const RepFault& f) { return f.signal == sig && f.excess > 0.0; }))
        << "expected a " << metricName(c.faultMetric) << " fault; first: " << (r.faults.empty() ? "none" : r.faults.front().text);
  }
}

using M = SyntheticMovement;
INSTANTIATE_TEST_SUITE_P(
    Library, SyntheticExercise,
    ::testing::Values(Case{"deep_squat", M::Squat, std::nullopt, MetricId::LumbarFlexionDeg, 1, 1.5},
                      Case{"waiters_bow", M::HipHinge, M::HipHingeLumbarFlexion, MetricId::LumbarFlexionDeg},
                      Case{"single_leg_stance", M::SingleLegStance, M::SingleLegStancePelvicDrop, MetricId::PelvicObliquityDeg},
                      Case{"bridge", M::Bridge, M::BridgeHyperextension, MetricId::LumbarFlexionDeg},
                      Case{"bird_dog", M::BirdDog, M::BirdDogRotation, MetricId::PelvicRotationDeg},
                      Case{"pelvic_tilt_control", M::PelvicTilt, std::nullopt, MetricId::PelvicTiltDeg, 2},
                      Case{"lateral_bending_control", M::LateralBend, std::nullopt, MetricId::LumbarLateralDeg, 2},
                      Case{"trunk_rotation_control", M::TrunkRotation, std::nullopt, MetricId::LumbarRotationDeg, 2}),
    [](const ::testing::TestParamInfo<Case>& i) { return std::string(i.param.exercise); });

// The generator's default squat is a partial one (about a third of leg length): as a deep squat
// it falls short of the depth target, and the fault says by how much.
TEST(SyntheticExercise, PartialSquatIsTooShallowForTheDeepSquat) {
  const ScoreReport r = score("deep_squat", SyntheticMovement::Squat, 3);
  ASSERT_EQ(r.reps.size(), 3u);
  for (const RepetitionResult& rep : r.reps) {
    ASSERT_FALSE(rep.faults.empty());
    EXPECT_EQ(rep.faults.front().text.rfind("squat too shallow: pelvis depth reached", 0), 0u) << rep.faults.front().text;
    EXPECT_LT(rep.quality, 100.0);
  }
}

// A full-depth squat flexes the lumbar spine some way (up to about 45 deg in healthy movers);
// rounding through 50 deg at the bottom is beyond that band and named.
TEST(SyntheticExercise, DeepSquatRoundingTheLowBackIsNamed) {
  const ScoreReport r = score("deep_squat", SyntheticMovement::SquatLumbarFlexion, 3, 2.0);
  ASSERT_EQ(r.reps.size(), 3u);
  for (const RepetitionResult& rep : r.reps) {
    // Rounding also tips the trunk forward, so a trunk-lean fault may come with it.
    EXPECT_TRUE(std::any_of(rep.faults.begin(), rep.faults.end(), [](const RepFault& f) {
      return f.signal == static_cast<SignalIndex>(MetricId::LumbarFlexionDeg) &&
             f.text.rfind("lumbar flexion beyond neutral: ", 0) == 0;
    }));
  }
}

}  // namespace
}  // namespace lumbo
