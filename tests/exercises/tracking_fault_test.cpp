// No score from bad tracking, on a real recording (ten correct deep squats of UI-PRMD): the
// recording is damaged the way runtimes and trackers fail (the whole body freezing, every device
// jumping together, one tracker frozen while it creeps, a device lost), and every repetition the
// damage touches must come out unscored with its reason, while the untouched ones still score.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <string>

#include "body/trace.h"
#include "exercises/exercise.h"
#include "exercises/trace_scoring.h"
#include "tests/test_support.h"

namespace lumbo {
namespace {

const Exercise& deepSquat() {
  static const Exercise e = [] {
    auto x = loadExercise(std::filesystem::path(LUMBO_SOURCE_DIR) / "assets/exercises/deep_squat.json");
    if (!x) throw std::runtime_error(x.error());
    return *x;
  }();
  return e;
}

const Trace& recording() {
  static const Trace t = [] {
    auto x = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
    if (!x) throw std::runtime_error(x.error());
    return *x;
  }();
  return t;
}

// The middle of the recording's fourth repetition, as the undamaged recording scores it.
struct Window {
  double startS, endS;
};
Window fourthRepetition() {
  auto r = scoreTrace(recording(), deepSquat(), 1);
  if (!r || r->reps.size() < 6) throw std::runtime_error("the clean recording no longer scores");
  return {r->reps[3].startS, r->reps[3].endS};
}

using Damage = std::function<void(TraceSample&, double /*since fault start*/, const TraceSample& atStart)>;

// Damages the samples from fromS for durationS; returns the scored report.
ScoreReport damaged(double fromS, double durationS, const Damage& damage) {
  Trace t = recording();
  const TraceSample* start = nullptr;
  TraceSample first;
  for (TraceSample& s : t.samples) {
    const double tS = s.frame.timeS;
    if (tS < fromS || tS >= fromS + durationS) continue;
    if (!start) {
      first = s;
      start = &first;
    }
    damage(s, tS - fromS, *start);
  }
  auto r = scoreTrace(t, deepSquat(), 1);
  if (!r) throw std::runtime_error(r.error());
  return *r;
}

bool overlaps(const RepetitionResult& r, double fromS, double toS) { return r.startS < toS && r.endS > fromS; }

// Every repetition touching [fromS, toS] is unscored and says why (`because`); the others score.
void expectTouchedUnscored(const ScoreReport& r, double fromS, double toS, const std::string& because) {
  int touched = 0, clean = 0;
  std::string all;
  for (const RepetitionResult& rep : r.reps) {
    all += std::to_string(rep.startS) + "-" + std::to_string(rep.endS) + (rep.scored ? " scored " : " unscored ") +
           (rep.faults.empty() ? "" : rep.faults.front().text) + "\n";
    if (overlaps(rep, fromS, toS)) {
      ++touched;
      EXPECT_FALSE(rep.scored) << "repetition " << rep.number << " at " << rep.startS << "-" << rep.endS
                               << " scored " << rep.quality;
      ASSERT_FALSE(rep.faults.empty());
      EXPECT_NE(rep.faults.front().text.find(because), std::string::npos) << rep.faults.front().text;
    } else if (rep.scored) {
      ++clean;
    }
  }
  // The touched repetition is counted unscored, or dropped as interrupted (never both unseen).
  EXPECT_TRUE(touched > 0 || r.discardedRepetitions > 0) << all;
  EXPECT_GE(clean, 6) << "damage in one repetition must not unscore the others";
}

TEST(TrackingFaults, WholeBodyFreezeLeavesNoScore) {
  const Window w = fourthRepetition();
  const double from = 0.5 * (w.startS + w.endS) - 0.3;
  const ScoreReport r = damaged(from, 1.0, [](TraceSample& s, double, const TraceSample& start) {
    const double t = s.frame.timeS;
    s.frame = start.frame;  // every device repeats its pose bit for bit
    s.frame.timeS = t;
  });
  expectTouchedUnscored(r, from, from + 1.0, "every tracker frozen");
}

TEST(TrackingFaults, RigidJumpOfEveryDeviceLeavesNoScore) {
  const Window w = fourthRepetition();
  const double from = 0.5 * (w.startS + w.endS);
  const ScoreReport r = damaged(from, 2.0, [](TraceSample& s, double, const TraceSample&) {
    for (DeviceState& d : s.frame.devices) {
      if (d.valid) d.pose.positionM.y += 0.3;
    }
  });
  expectTouchedUnscored(r, from, from + 2.0, "every tracker jumped together");
}

TEST(TrackingFaults, FrozenTrackerCreepingSlowlyLeavesNoScore) {
  const Window w = fourthRepetition();
  const double from = w.startS + 0.2;
  const double forS = w.endS - from + 0.2;
  const ScoreReport r = damaged(from, forS, [](TraceSample& s, double sinceS, const TraceSample& start) {
    // The pelvis tracker lost its optical tracking: its pose is held and dead-reckoned, creeping
    // 1 mm/s forward.
    DeviceState& p = s.frame[Device::Pelvis];
    p = start.frame[Device::Pelvis];
    p.pose.positionM.z += 0.001 * sinceS;
  });
  expectTouchedUnscored(r, from, from + forS, "a tracker frozen");
}

TEST(TrackingFaults, SignalsOfALostDeviceAreNotScored) {
  const Window w = fourthRepetition();
  const double from = w.startS + 0.3;
  const ScoreReport r = damaged(from, 0.6, [](TraceSample& s, double, const TraceSample&) {
    s.frame[Device::Pelvis] = DeviceState{};
  });
  expectTouchedUnscored(r, from, from + 0.6, "tracking lost");
}

}  // namespace
}  // namespace lumbo
