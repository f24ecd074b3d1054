// The exercise engine on Posture streams with known movement: repetitions, holds, faults with
// their size and phase, live cues, tracking loss, and every bundled exercise on its own movement.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <string>

#include "exercises/exercise_engine.h"
#include "tests/exercises/posture_stream.h"

namespace lumbo {
namespace {

using test::Frame;

const Exercise& library(const std::string& id) {
  static const std::vector<Exercise> lib = [] {
    auto l = loadExerciseLibrary(std::filesystem::path(LUMBO_SOURCE_DIR) / "assets/exercises");
    if (!l.ok()) throw std::runtime_error(l.error());
    return std::move(l).value();
  }();
  if (const Exercise* e = findExercise(lib, id)) return *e;
  throw std::runtime_error("no exercise " + id);
}

void run(ExerciseEngine& engine, const std::vector<Frame>& frames) {
  for (const Frame& f : frames) engine.update(f.posture, f.limbs);
  if (!frames.empty()) engine.finish(frames.back().posture.timeS);
}

MetricId kFlex = MetricId::LumbarFlexionDeg;
SignalIndex idx(MetricId m) { return static_cast<SignalIndex>(m); }

TEST(ExerciseEngine, CleanSquatsCountWithFullQuality) {
  const Exercise& e = library("deep_squat");
  ExerciseEngine engine(e, 1);
  run(engine, test::repetitionStream(e, 6, 0.45, 3.0));
  ASSERT_EQ(engine.repetitions().size(), 6u);
  for (const RepetitionResult& r : engine.repetitions()) {
    EXPECT_DOUBLE_EQ(r.quality, 100.0);
    EXPECT_TRUE(r.faults.empty());
    EXPECT_NEAR(r.excursion, 0.45, 0.01);
    EXPECT_GT(r.endS - r.startS, 1.5);
  }
  EXPECT_EQ(engine.trackingLostS(), 0.0);
}

TEST(ExerciseEngine, SmallSwayIsNotARepetition) {
  const Exercise& e = library("deep_squat");
  ExerciseEngine engine(e);
  // 3 cm of pelvis and head bobbing: below the 6 cm start excursion.
  run(engine, test::repetitionStream(e, 5, 0.03, 2.0));
  EXPECT_TRUE(engine.repetitions().empty());
}

TEST(ExerciseEngine, FaultNamesMetricSizeAndPhase) {
  const Exercise& e = library("waiters_bow");
  ExerciseEngine engine(e, 2);  // level 2: tolerance scale 1, lumbar flexion band +-10 deg
  // Bows to 40 deg of trunk inclination; from the third on, 28 deg of it is lumbar flexion.
  run(engine, test::repetitionStream(e, 4, 40.0, 4.0, 1.0, 1.0, 1.0, [](Frame& f, int rep, double h) {
        if (rep >= 2) f.posture[kFlex].value = 28.0 * h;
      }));
  const auto& reps = engine.repetitions();
  ASSERT_EQ(reps.size(), 4u);
  EXPECT_DOUBLE_EQ(reps[0].quality, 100.0);
  EXPECT_DOUBLE_EQ(reps[1].quality, 100.0);
  for (int i = 2; i < 4; ++i) {
    ASSERT_FALSE(reps[i].faults.empty());
    const RepFault& f = reps[i].faults.front();
    EXPECT_EQ(f.signal, idx(kFlex));
    EXPECT_NEAR(f.excess, 18.0, 0.2);  // 28 deg against a 10 deg limit
    EXPECT_EQ(f.phase, "hinge");
    EXPECT_NE(f.text.find("lumbar flexion beyond neutral: 18 deg past the 10 deg limit during the hinge"),
              std::string::npos) << f.text;
    // 2 points per degree, held well beyond the 0.3 s full-weight time.
    EXPECT_NEAR(f.points, 2.0 * 18.0, 0.5);
    double lost = 0.0;
    for (const RepFault& g : reps[i].faults) lost += g.points;
    EXPECT_NEAR(reps[i].quality, 100.0 - lost, 1e-9);
  }
}

TEST(ExerciseEngine, LargerDeviationScoresLower) {
  const Exercise& e = library("deep_squat");
  auto qualityWithLean = [&](double leanDeg) {
    ExerciseEngine engine(e, 1);  // trunk lean band up to 30 deg
    run(engine, test::repetitionStream(e, 1, 0.45, 3.0, 0.5, 1.0, 1.0, [&](Frame& f, int, double h) {
          f.limbs[LimbSignal::TrunkLeanDeg].value = leanDeg * h;
        }));
    EXPECT_EQ(engine.repetitions().size(), 1u);
    return engine.repetitions().empty() ? -1.0 : engine.repetitions()[0].quality;
  };
  const double within = qualityWithLean(25.0);
  const double some = qualityWithLean(40.0);
  const double much = qualityWithLean(55.0);
  EXPECT_DOUBLE_EQ(within, 100.0);
  EXPECT_LT(some, within);
  EXPECT_LT(much, some);
}

TEST(ExerciseEngine, DirectionalFaultWordsAndLevelTolerance) {
  const Exercise& e = library("single_leg_stance");
  // Level 2: obliquity band +-4 deg; the pelvis drops 7 deg on the left (negative obliquity).
  ExerciseEngine engine(e, 2);
  run(engine, test::repetitionStream(e, 1, 0.15, 24.0, 21.0, 1.0, 1.0, [](Frame& f, int, double h) {
        f.posture[MetricId::PelvicObliquityDeg].value = -7.0 * h;
      }));
  ASSERT_EQ(engine.repetitions().size(), 1u);
  const RepetitionResult& r = engine.repetitions()[0];
  EXPECT_GE(r.holdS, 20.0);
  ASSERT_FALSE(r.faults.empty());
  EXPECT_NE(r.faults[0].text.find("pelvis dropped on the left: 3 deg past the 4 deg limit"),
            std::string::npos) << r.faults[0].text;
  // Level 1 widens the band by 1.3 to +-5.2 deg: the same drop costs less.
  ExerciseEngine easier(e, 1);
  run(easier, test::repetitionStream(e, 1, 0.15, 19.0, 16.0, 1.0, 1.0, [](Frame& f, int, double h) {
        f.posture[MetricId::PelvicObliquityDeg].value = -7.0 * h;
      }));
  ASSERT_EQ(easier.repetitions().size(), 1u);
  EXPECT_GT(easier.repetitions()[0].quality, r.quality);
}

TEST(ExerciseEngine, LiveFeedbackGivesTheCueWhileOutOfBand) {
  const Exercise& e = library("deep_squat");
  ExerciseEngine engine(e, 1);
  const auto frames = test::repetitionStream(e, 1, 0.45, 3.0, 0.5, 1.0, 1.0, [](Frame& f, int, double h) {
    f.limbs[LimbSignal::TrunkLeanDeg].value = 55.0 * h;
  });
  bool sawCue = false, sawDescent = false;
  for (const Frame& f : frames) {
    const Feedback& fb = engine.update(f.posture, f.limbs);
    if (e.phases[fb.phase].name == "descent") sawDescent = true;
    if (fb.outOfBand) {
      sawCue = true;
      EXPECT_EQ(fb.signal, static_cast<SignalIndex>(kMetricCount + static_cast<std::size_t>(LimbSignal::TrunkLeanDeg)));
      EXPECT_NEAR(fb.excess, fb.value - e.phases[1].targets[0].band.max, 1e-9);  // trunk lean limit
      ASSERT_NE(fb.cue, nullptr);
      EXPECT_NE(fb.cue->find("chest"), std::string::npos);
    }
  }
  EXPECT_TRUE(sawCue);
  EXPECT_TRUE(sawDescent);
}

// Four squats of 3 s every 4 s from t = 1 s; `lose` blanks metrics from `fromS` for `forS`.
std::vector<Frame> squatsWithLoss(const Exercise& e, std::initializer_list<MetricId> lose, double fromS, double forS) {
  auto frames = test::repetitionStream(e, 4, 0.45, 3.0);
  for (Frame& f : frames) {
    if (f.posture.timeS >= fromS && f.posture.timeS < fromS + forS) {
      // During the loss the values would read as a huge fault if anything scored them.
      for (MetricId m : lose) f.posture[m] = {80.0, 0.0, MetricSource::Unavailable};
    }
  }
  return frames;
}

TEST(ExerciseEngine, ScoredMetricLostMidRepetitionCountsButIsNeverScored) {
  const Exercise& e = library("deep_squat");
  ExerciseEngine engine(e, 1);
  // The chest is lost for 0.5 s at the bottom of the second squat (5-8 s); pelvis and head,
  // which drive the count, stay measured.
  const auto frames = squatsWithLoss(e, {MetricId::TrunkInclinationDeg, MetricId::LumbarFlexionDeg,
                                         MetricId::LumbarLateralDeg, MetricId::LumbarRotationDeg}, 6.25, 0.5);
  bool sawPause = false;
  for (const Frame& f : frames) sawPause |= engine.update(f.posture, f.limbs).paused;
  engine.finish(frames.back().posture.timeS);
  EXPECT_TRUE(sawPause);
  ASSERT_EQ(engine.repetitions().size(), 4u);
  for (int i : {0, 2, 3}) {
    EXPECT_TRUE(engine.repetitions()[i].scored);
    EXPECT_DOUBLE_EQ(engine.repetitions()[i].quality, 100.0);
  }
  const RepetitionResult& r = engine.repetitions()[1];
  EXPECT_FALSE(r.scored);
  EXPECT_NEAR(r.lostS, 0.5, 0.02);
  ASSERT_EQ(r.faults.size(), 1u);
  EXPECT_NE(r.faults[0].text.find("not scored: tracking lost for 0.5 s"), std::string::npos) << r.faults[0].text;
  EXPECT_EQ(engine.discardedRepetitions(), 0);
  EXPECT_NEAR(engine.trackingLostS(), 0.5, 0.02);
  ASSERT_EQ(engine.trackingLosses().size(), 1u);
  EXPECT_NEAR(engine.trackingLosses()[0].startS, 6.25, 0.011);
}

TEST(ExerciseEngine, DriverLostBrieflyResumesTheRepetition) {
  const Exercise& e = library("deep_squat");
  ExerciseEngine engine(e, 1);
  run(engine, squatsWithLoss(e, {MetricId::PelvisHeightM, MetricId::HeadHeightM}, 6.25, 0.4));
  ASSERT_EQ(engine.repetitions().size(), 4u);
  EXPECT_FALSE(engine.repetitions()[1].scored);
  EXPECT_EQ(engine.discardedRepetitions(), 0);
}

TEST(ExerciseEngine, DriverLostLongDropsTheRepetition) {
  const Exercise& e = library("deep_squat");
  ExerciseEngine engine(e, 1);
  // 1.5 s without pelvis and head from the middle of the second squat's descent.
  std::vector<bool> discarded;
  const auto frames = squatsWithLoss(e, {MetricId::PelvisHeightM, MetricId::HeadHeightM}, 5.6, 1.5);
  bool sawDiscard = false;
  for (const Frame& f : frames) sawDiscard |= engine.update(f.posture, f.limbs).repetitionDiscarded;
  engine.finish(frames.back().posture.timeS);
  EXPECT_TRUE(sawDiscard);
  EXPECT_EQ(engine.discardedRepetitions(), 1);
  ASSERT_EQ(engine.repetitions().size(), 3u);
  for (const RepetitionResult& r : engine.repetitions()) {
    EXPECT_TRUE(r.scored);
    EXPECT_TRUE(r.endS < 5.6 || r.startS > 7.1) << r.startS << "-" << r.endS;
  }
  EXPECT_NEAR(engine.trackingLostS(), 1.5, 0.02);
}

TEST(ExerciseEngine, LowConfidenceOrEstimatedMetricsAreNeverScored) {
  const Exercise& e = library("deep_squat");
  for (MetricSource src : {MetricSource::Estimated, MetricSource::Measured}) {
    // A scored metric estimated, or measured with too little confidence: the squats count (their
    // driver is measured) but none is scored.
    ExerciseEngine engine(e, 1);
    auto frames = test::repetitionStream(e, 3, 0.45, 3.0);
    for (Frame& f : frames) {
      f.posture[MetricId::LumbarFlexionDeg].source = src;
      f.posture[MetricId::LumbarFlexionDeg].confidence = src == MetricSource::Measured ? 0.2 : 0.9;
    }
    run(engine, frames);
    ASSERT_EQ(engine.repetitions().size(), 3u);
    for (const RepetitionResult& r : engine.repetitions()) EXPECT_FALSE(r.scored);
    EXPECT_GT(engine.trackingLostS(), 10.0);

    // The driver itself estimated: nothing counts.
    ExerciseEngine noDriver(e, 1);
    for (Frame& f : frames) {
      for (MetricId m : {MetricId::PelvisHeightM, MetricId::HeadHeightM}) {
        f.posture[m].source = src;
        f.posture[m].confidence = src == MetricSource::Measured ? 0.2 : 0.9;
      }
    }
    run(noDriver, frames);
    EXPECT_TRUE(noDriver.repetitions().empty());
  }
}

TEST(ExerciseEngine, OneDriverSignalLostIsEnoughToKeepCounting) {
  // Squats are driven by pelvis or head height, whichever moved more: losing the head alone
  // (a headset lifted for a moment) must not stop counting.
  const Exercise& e = library("deep_squat");
  ExerciseEngine engine(e, 1);
  auto frames = test::repetitionStream(e, 3, 0.45, 3.0);
  for (Frame& f : frames) f.posture[MetricId::HeadHeightM] = {};
  run(engine, frames);
  EXPECT_EQ(engine.repetitions().size(), 3u);
}

TEST(ExerciseEngine, HoldTooShortIsAFaultInTheHoldPhase) {
  const Exercise& e = library("bridge");
  ExerciseEngine engine(e, 2);  // level 2: 5 s hold at the top
  // Bridge 1 holds 6 s at 0.14 m; bridge 2 holds 2 s.
  std::vector<Frame> frames = test::repetitionStream(e, 1, 0.14, 9.0, 6.0);
  const double offset = frames.back().posture.timeS + 0.01;
  for (Frame f : test::repetitionStream(e, 1, 0.14, 5.0, 2.0)) {
    f.posture.timeS += offset;
    frames.push_back(f);
  }
  run(engine, frames);
  ASSERT_EQ(engine.repetitions().size(), 2u);
  EXPECT_DOUBLE_EQ(engine.repetitions()[0].quality, 100.0);
  const RepetitionResult& r = engine.repetitions()[1];
  EXPECT_LT(r.holdS, 3.5);
  ASSERT_FALSE(r.faults.empty());
  EXPECT_NE(r.faults[0].text.find("hold too short"), std::string::npos) << r.faults[0].text;
  EXPECT_NE(r.faults[0].text.find("hold at the top"), std::string::npos) << r.faults[0].text;
}

TEST(ExerciseEngine, RangeShortOfTargetIsAFault) {
  const Exercise& e = library("bridge");
  ExerciseEngine engine(e, 2);
  // Hips lifted only 0.07 m of the 0.10 m target: never reaches the hold either.
  run(engine, test::repetitionStream(e, 1, 0.07, 4.0, 1.0));
  ASSERT_EQ(engine.repetitions().size(), 1u);
  const auto& faults = engine.repetitions()[0].faults;
  EXPECT_TRUE(std::any_of(faults.begin(), faults.end(), [](const RepFault& f) {
    return f.text.find("hips not lifted high enough: moved 0.07 m of the 0.10 m target") != std::string::npos;
  }));
}

TEST(ExerciseEngine, StaticHoldCountsEachCompletedHold) {
  const Exercise& e = library("standing_neutral_hold");
  ExerciseEngine level1(e, 1);  // 10 s holds
  ExerciseEngine level2(e, 2);  // 20 s holds
  std::vector<Frame> frames;
  for (int i = 0; i <= 4500; ++i) frames.push_back(test::neutralFrame(i / 100.0));  // 45 s still
  run(level1, frames);
  run(level2, frames);
  EXPECT_EQ(level1.repetitions().size(), 4u);
  EXPECT_EQ(level2.repetitions().size(), 2u);
  for (const auto& r : level2.repetitions()) EXPECT_NEAR(r.holdS, 20.0, 0.02);
}

// The Pallof press holds the simulated band's tension within its range while the trunk stays
// square: a hold with the band slack or pulling too hard is flagged; without a simulated band
// (a recording scored afterwards) the tension is left out and the same presses score in full.
TEST(ExerciseEngine, PallofPressHoldJudgesTheBandsTension) {
  const Exercise& e = library("pallof_press");
  const SignalIndex tension = static_cast<SignalIndex>(kMetricCount + static_cast<std::size_t>(LimbSignal::BandTensionN));
  const Target* load = nullptr;
  for (const Target& t : e.phases[2].targets) {
    if (t.signal == tension) load = &t;
  }
  ASSERT_NE(load, nullptr) << "the hold should judge the band's tension";
  const double holdS = e.phases[2].holdS;
  auto presses = [&](const std::function<double(int, double)>& tensionN) {
    return test::repetitionStream(e, 3, 1.2 * e.driver.targetExcursion, holdS + 4.0, holdS + 1.0, 1.5, 1.0,
                                  [&](Frame& f, int rep, double h) {
                                    if (tensionN) f.limbs[LimbSignal::BandTensionN] = Metric{tensionN(rep, h), 1.0, MetricSource::Measured};
                                  });
  };
  // Level 1 widens the angle bands by 1.3; the tension range is the load's and stays 3-16 N,
  // so 18.5 N is too much there as well.
  ExerciseEngine banded(e, 1);
  run(banded, presses([](int rep, double h) { return rep == 0 ? 2.0 + 5.0 * h : rep == 1 ? 0.5 : 2.0 + 16.5 * h; }));
  ASSERT_EQ(banded.repetitions().size(), 3u);
  const auto& r = banded.repetitions();
  EXPECT_DOUBLE_EQ(r[0].quality, 100.0) << (r[0].faults.empty() ? "" : r[0].faults[0].text);
  ASSERT_FALSE(r[1].faults.empty());
  EXPECT_EQ(r[1].faults.front().signal, tension);
  EXPECT_EQ(r[1].faults.front().text.rfind("band slack: 2.5 N past the 3.0 N limit during the hold", 0), 0u) << r[1].faults.front().text;
  EXPECT_LT(r[1].quality, 100.0);
  ASSERT_FALSE(r[2].faults.empty());
  EXPECT_EQ(r[2].faults.front().text.rfind("band pulling too hard: 2.5 N past the 16.0 N limit during the hold", 0), 0u)
      << r[2].faults.front().text;
  EXPECT_LT(r[2].quality, 100.0);

  ExerciseEngine unbanded(e, 1);
  run(unbanded, presses({}));
  ASSERT_EQ(unbanded.repetitions().size(), 3u);
  for (const auto& rep : unbanded.repetitions()) {
    EXPECT_TRUE(rep.scored);
    EXPECT_DOUBLE_EQ(rep.quality, 100.0);
  }
}

// Every bundled exercise, on a synthetic movement of its own driver: clean repetitions count
// with full quality, and its first out or hold target pushed 12 units beyond the band is named.
TEST(ExerciseEngine, EveryExerciseRunsCorrectAndWithItsTypicalFault) {
  auto lib = loadExerciseLibrary(std::filesystem::path(LUMBO_SOURCE_DIR) / "assets/exercises");
  ASSERT_TRUE(lib.ok()) << lib.error();
  for (const Exercise& e : *lib) {
    SCOPED_TRACE(e.id);
    const double excursion = e.driver.targetExcursion > 0.0 ? 1.2 * e.driver.targetExcursion : 4.0 * e.driver.startExcursion;
    const Phase& work = e.phases[1];
    const double holdS = work.role == PhaseRole::Hold ? work.holdS : (e.phases.size() == 4 ? e.phases[2].holdS : 0.0);
    // A hold with no driver starts at once and runs back to back: the stream then is exactly
    // two holds long, with the movement bumps shifted by half a second.
    const bool staticHold = e.driver.signals.empty();
    const double plateauS = staticHold ? holdS - 1.0 : holdS + 1.0;
    const double repS = staticHold ? holdS : plateauS + 3.0;
    const double restS = staticHold ? 0.0 : 1.5;
    const double leadS = staticHold ? 0.5 : 1.0;
    const int reps = e.kind == ExerciseKind::Hold ? 2 : 4;

    ExerciseEngine clean(e, 2);
    run(clean, test::repetitionStream(e, reps, excursion, repS, plateauS, restS, leadS));
    ASSERT_EQ(static_cast<int>(clean.repetitions().size()), reps);
    for (const auto& r : clean.repetitions()) {
      EXPECT_DOUBLE_EQ(r.quality, 100.0) << (r.faults.empty() ? "" : r.faults[0].text);
    }

    ASSERT_FALSE(work.targets.empty());
    const Target& t = work.targets.front();
    const double bad = std::isfinite(t.band.max) ? t.band.max + 12.0 * (signalUnit(t.signal) == "m" ? 0.01 : 1.0)
                                                 : t.band.min - 12.0;
    ExerciseEngine faulty(e, 2);
    run(faulty, test::repetitionStream(e, reps, excursion, repS, plateauS, restS, leadS, [&](Frame& f, int, double h) {
          test::signalRef(f, t.signal).value += bad * h;
        }));
    ASSERT_EQ(static_cast<int>(faulty.repetitions().size()), reps);
    for (const auto& r : faulty.repetitions()) {
      EXPECT_LT(r.quality, 100.0);
      ASSERT_FALSE(r.faults.empty());
      EXPECT_EQ(r.faults.front().signal, t.signal) << r.faults.front().text;
      const std::string& words = bad < 0.0 && !t.faultBelow.empty() ? t.faultBelow : t.fault;
      EXPECT_EQ(r.faults.front().text.rfind(words, 0), 0u) << r.faults.front().text;
      EXPECT_EQ(r.faults.front().cue, t.cue);
    }
  }
}

}  // namespace
}  // namespace lumbo
