// Personal references on real recordings: bands made from a person's own good repetitions lie
// within the exercise's safety limits and cover that person's other good repetitions; a recording
// with too few scored repetitions or one beyond a safety limit is refused with its reasons; the
// storage form round-trips.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "body/trace.h"
#include "exercises/exercise.h"
#include "exercises/personal_reference.h"
#include "exercises/trace_scoring.h"
#include "tests/test_support.h"

namespace lumbo {
namespace {

Exercise deepSquat() {
  auto x = loadExercise(std::filesystem::path(LUMBO_SOURCE_DIR) / "assets/exercises/deep_squat.json");
  if (!x) throw std::runtime_error(x.error());
  return *x;
}

Trace recording(const std::string& name) {
  auto x = readTrace(test::testData(name));
  if (!x) throw std::runtime_error(x.error());
  return *x;
}

TEST(PersonalReference, BandsFromOwnRepetitionsStayWithinSafetyAndFitThePerson) {
  const Exercise e = deepSquat();
  const Trace good = recording("m01_s01_deep_squat_correct.csv");
  auto ref = makePersonalReference(good, e, "good.csv", 3);
  ASSERT_TRUE(ref) << ref.error();
  EXPECT_EQ(ref->repetitions, 3);
  std::size_t i = 0;
  bool narrower = false;
  for (const Phase& p : e.phases) {
    for (const Target& t : p.targets) {
      const Band safe = safetyBand(e, t);
      const Band& b = ref->bands[i++];
      EXPECT_LE(b.max, safe.max) << signalName(t.signal);
      EXPECT_GE(b.min, safe.min) << signalName(t.signal);
      EXPECT_LE(b.min, 0.0);
      EXPECT_GE(b.max, 0.0);
      narrower = narrower || (std::isfinite(t.band.max) && b.max < t.band.max);
    }
  }
  EXPECT_TRUE(narrower) << "a controlled person's own range is tighter than the population's somewhere";
  auto personal = personalised(e, *ref);
  ASSERT_TRUE(personal);
  // The person's own remaining good repetitions score well against their bands; the incorrect
  // ones of the same person score lower.
  auto own = scoreTrace(good, *personal, 1);
  auto bad = scoreTrace(recording("m01_s01_deep_squat_incorrect.csv"), *personal, 1);
  ASSERT_TRUE(own && bad);
  double goodSum = 0.0, badSum = 0.0;
  int goodN = 0, badN = 0;
  for (std::size_t k = 3; k < own->reps.size(); ++k) {
    if (own->reps[k].scored) goodSum += own->reps[k].quality, ++goodN;
  }
  for (const RepetitionResult& r : bad->reps) {
    if (r.scored) badSum += r.quality, ++badN;
  }
  ASSERT_GT(goodN, 3);
  ASSERT_GT(badN, 3);
  EXPECT_GT(goodSum / goodN, 85.0);
  EXPECT_LT(badSum / badN, goodSum / goodN - 30.0);
}

TEST(PersonalReference, RefusedWithReasons) {
  Exercise e = deepSquat();
  // One repetition is not enough.
  auto one = makePersonalReference(recording("m01_s01_deep_squat_correct.csv"), e, "one.csv", 1);
  ASSERT_FALSE(one);
  EXPECT_NE(one.error().find("1 scored repetition(s) in the recording, 2 needed"), std::string::npos) << one.error();
  // With the safety limits at the population bands, this person's incorrect squats (trunk
  // leaning 34-78 deg) leave them: every such repetition is named.
  e.personal.safetyScale = 1.0;
  auto bad = makePersonalReference(recording("m01_s01_deep_squat_incorrect.csv"), e, "bad.csv");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().find("beyond the safety limit of 30.0 deg"), std::string::npos) << bad.error();
  EXPECT_NE(bad.error().find("trunk lean reached"), std::string::npos) << bad.error();
}

TEST(PersonalReference, StorageFormRoundTripsAndChecksTheExercise) {
  const Exercise e = deepSquat();
  auto ref = makePersonalReference(recording("m01_s01_deep_squat_correct.csv"), e, "good.csv");
  ASSERT_TRUE(ref);
  auto back = parsePersonalReference(personalReferenceJson(*ref), e, "db");
  ASSERT_TRUE(back) << back.error();
  ASSERT_EQ(back->bands.size(), ref->bands.size());
  for (std::size_t i = 0; i < ref->bands.size(); ++i) {
    EXPECT_NEAR(back->bands[i].max, ref->bands[i].max, 1e-3);
    EXPECT_EQ(std::isfinite(back->bands[i].min), std::isfinite(ref->bands[i].min));
  }
  Exercise other = e;
  other.phases[1].targets.pop_back();  // the exercise file changed since
  auto stale = parsePersonalReference(personalReferenceJson(*ref), other, "db");
  ASSERT_FALSE(stale);
  EXPECT_NE(stale.error().find("record the reference again"), std::string::npos);
}

}  // namespace
}  // namespace lumbo
