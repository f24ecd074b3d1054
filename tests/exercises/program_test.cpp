// Programs: bundled files validate, malformed ones are rejected naming file and field, and the
// progression rules decide over simulated histories (progress, hold, regress on quality or pain,
// caps, locks, a missed week, the astronaut stages across landing days).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "exercises/assessment.h"
#include "exercises/program.h"

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

Program program(const std::string& text) {
  auto p = parseProgram(text, "test.json", &lib());
  if (!p) throw std::runtime_error(p.error());
  return *p;
}

const std::string kOne = R"({"id": "p", "name": "P", "sessions_per_week": 3,
  "exercises": [{"exercise": "bridge", "level": 1}]})";

// Sessions two days apart from 2026-03-02, each doing `id` at `level` with the given quality.
std::vector<SessionResult> history(const std::string& id, int level, std::vector<double> qualities, double painBefore = 2,
                                   double painAfter = 2) {
  std::string json = "[";
  for (std::size_t i = 0; i < qualities.size(); ++i) {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  R"(%s{"date": "2026-03-%02zu", "pain_before": %g, "pain_after": %g, "exercises": [{"id": "%s", "level": %d, "quality": %g}]})",
                  i ? "," : "", 2 + 2 * i, painBefore, i + 1 == qualities.size() ? painAfter : painBefore, id.c_str(), level,
                  qualities[i]);
    json += buf;
  }
  json += "]";
  auto h = parseHistory(json, "history.json");
  if (!h) throw std::runtime_error(h.error());
  return *h;
}

Prescription next(const Program& p, const std::vector<SessionResult>& h, std::optional<int> today = std::nullopt) {
  if (!today && !h.empty()) today = h.back().day + 2;
  auto plan = planNextSession(p, lib(), h, today);
  if (!plan) throw std::runtime_error(plan.error());
  return plan->items.front();
}

TEST(Program, EveryBundledProgramValidates) {
  int n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(LUMBO_SOURCE_DIR) / "assets/programs")) {
    auto p = loadProgram(entry.path(), &lib());
    EXPECT_TRUE(p.ok()) << p.error();
    if (p) {
      EXPECT_EQ(entry.path().stem().string(), p->id);
    }
    ++n;
  }
  EXPECT_GE(n, 2);
}

TEST(Program, MalformedProgramsNameFileAndField) {
  struct Bad {
    std::string text;
    std::string message;
  };
  const Bad cases[] = {
      {R"({"id": "p", "name": "P", "sessions_per_week": 3, "exercises": [{"exercise": "plank_jacks"}]})",
       "test.json: /exercises/0/exercise: unknown exercise 'plank_jacks'"},
      {R"({"id": "p", "name": "P", "sessions_per_week": 3, "exercises": [{"exercise": "bridge", "level": 9}]})",
       "test.json: /exercises/0/level: must be between 1 and"},
      {R"({"id": "p", "name": "P", "sessions_per_week": 3})", "test.json: : a program has either 'exercises' or 'stages'"},
      {R"({"id": "p", "name": "P", "sessions_per_week": 3, "progression": {"regress_quality": 90},
           "exercises": [{"exercise": "bridge"}]})",
       "test.json: /progression/regress_quality: must be below progress_quality"},
      {R"({"id": "p", "name": "P", "sessions_per_week": 3, "exercises": [{"exercise": "bridge", "level": 2, "max_level": 1}]})",
       "test.json: /exercises/0/max_level: is below the starting level 2"},
      {R"({"id": "p", "name": "P", "sessions_per_week": 3, "stages": [{"name": "a", "from_day": 3, "exercises": [{"exercise": "bridge"}]}]})",
       "test.json: /stages/0/from_day: the first stage starts on day 0"},
      {R"({"id": "p", "name": "P", "sessions_per_week": 3, "exercises": [{"exercise": "bridge", "levle": 2}]})",
       "test.json: /exercises/0/levle: unknown field"},
      {"{", "test.json: not valid JSON"},
  };
  for (const Bad& b : cases) {
    auto p = parseProgram(b.text, "test.json", &lib());
    ASSERT_FALSE(p.ok()) << b.text;
    EXPECT_EQ(p.error().rfind(b.message, 0), 0u) << p.error();
  }
  auto h = parseHistory(R"([{"date": "2026-02-30", "exercises": []}])", "h.json");
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().rfind("h.json: /0/date: expected a date YYYY-MM-DD", 0), 0u) << h.error();
}

std::string withExercise(const std::string& exercise) {
  return R"({"id": "p", "name": "P", "sessions_per_week": 3, "exercises": [)" + exercise + "]}";
}

TEST(Program, HoldAndRestArePrescribedPerExercise) {
  const Program p = program(withExercise(R"({"exercise": "bridge", "sets": 3, "repetitions": 10, "hold_s": 10, "rest_s": 60},
                                            {"exercise": "pelvic_tilt_control", "rest_s": 30})"));
  const auto& ex = p.stages.front().exercises;
  EXPECT_DOUBLE_EQ(ex[0].holdS, 10.0);
  EXPECT_DOUBLE_EQ(ex[0].restS, 60.0);
  EXPECT_DOUBLE_EQ(ex[1].holdS, 0.0);  // not given: the level's own
  EXPECT_DOUBLE_EQ(ex[1].restS, 30.0);
  const Program plain = program(kOne);
  EXPECT_DOUBLE_EQ(plain.stages.front().exercises[0].holdS, 0.0);
  EXPECT_DOUBLE_EQ(plain.stages.front().exercises[0].restS, 0.0);
  // An explicit 0 is the level's own too.
  EXPECT_DOUBLE_EQ(program(withExercise(R"({"exercise": "bridge", "hold_s": 0})")).stages.front().exercises[0].holdS, 0.0);
}

TEST(Program, BadHoldOrRestNamesTheField) {
  struct Bad {
    std::string exercise;
    std::string message;
  };
  const Bad cases[] = {
      {R"({"exercise": "bridge", "hold_s": 500})", "test.json: /exercises/0/hold_s: must be between 0 and 120"},
      {R"({"exercise": "bridge", "hold_s": -3})", "test.json: /exercises/0/hold_s: must be between 0 and 120"},
      {R"({"exercise": "bridge", "hold_s": 0.5})", "test.json: /exercises/0/hold_s: must be 0 (the level's own) or between 1 and 120"},
      {R"({"exercise": "bridge", "hold_s": "10 s"})", "test.json: /exercises/0/hold_s: expected a number"},
      {R"({"exercise": "bridge"}, {"exercise": "pelvic_tilt_control", "hold_s": 10})",
       "test.json: /exercises/1/hold_s: 'pelvic_tilt_control' has no hold, so it takes no hold time"},
      {R"({"exercise": "bridge", "rest_s": 900})", "test.json: /exercises/0/rest_s: must be between 0 and 600"},
      {R"({"exercise": "bridge", "rest_s": -1})", "test.json: /exercises/0/rest_s: must be between 0 and 600"},
  };
  for (const Bad& b : cases) {
    auto p = parseProgram(withExercise(b.exercise), "test.json", &lib());
    ASSERT_FALSE(p.ok()) << b.exercise;
    EXPECT_EQ(p.error().rfind(b.message, 0), 0u) << p.error();
  }
  // In a stage, the pointer says the stage.
  auto staged = parseProgram(R"({"id": "p", "name": "P", "sessions_per_week": 3,
    "stages": [{"name": "a", "from_day": 0, "exercises": [{"exercise": "bridge", "rest_s": 601}]}]})",
                             "test.json", &lib());
  ASSERT_FALSE(staged.ok());
  EXPECT_EQ(staged.error().rfind("test.json: /stages/0/exercises/0/rest_s: must be between 0 and 600", 0), 0u) << staged.error();
}

TEST(Program, HoldAndRestAreWrittenBackAndReadTheSame) {
  const Program p = program(R"({"id": "p", "name": "P", "sessions_per_week": 3, "pain_between_sets": true,
    "exercises": [{"exercise": "bridge", "hold_s": 12, "rest_s": 45}, {"exercise": "bird_dog"}]})");
  const std::string written = programJson(p);
  const Program back = program(written);
  const auto& ex = back.stages.front().exercises;
  EXPECT_DOUBLE_EQ(ex[0].holdS, 12.0);
  EXPECT_DOUBLE_EQ(ex[0].restS, 45.0);
  EXPECT_DOUBLE_EQ(ex[1].holdS, 0.0);
  EXPECT_DOUBLE_EQ(ex[1].restS, 0.0);
  EXPECT_EQ(written.find("\"hold_s\"", written.find("bird_dog")), std::string::npos) << written;
  // The pain check between sets the rest goes with survives the editor's save too.
  EXPECT_TRUE(back.painBetweenSets);
}

TEST(Progression, ThePrescriptionCarriesHoldAndRest) {
  const Exercise* bridge = findExercise(lib(), "bridge");
  ASSERT_NE(bridge, nullptr);
  const Program prescribed = program(withExercise(R"({"exercise": "bridge", "hold_s": 10, "rest_s": 60})"));
  Prescription first = next(prescribed, {});
  EXPECT_DOUBLE_EQ(first.holdS, 10.0);
  EXPECT_DOUBLE_EQ(first.restS, 60.0);
  // The therapist's hold stays through a level change; the rest too.
  const Prescription up = next(prescribed, history("bridge", 2, {88, 91, 90}));
  ASSERT_EQ(up.decision, Decision::Progress);
  EXPECT_DOUBLE_EQ(up.holdS, 10.0);
  EXPECT_DOUBLE_EQ(up.restS, 60.0);
  // Without a prescribed hold, the level's own, level by level.
  const Program own = program(kOne);
  EXPECT_DOUBLE_EQ(next(own, {}).holdS, bridge->levels[0].holdS);
  EXPECT_DOUBLE_EQ(next(own, history("bridge", 2, {88, 91, 90})).holdS, bridge->levels[2].holdS);
  EXPECT_DOUBLE_EQ(next(own, {}).restS, 0.0);
  // An exercise without a hold has none to prescribe.
  EXPECT_DOUBLE_EQ(next(program(withExercise(R"({"exercise": "pelvic_tilt_control"})")), {}).holdS, 0.0);
  EXPECT_EQ(holdAndRestWords(10, 60), ", hold 10 s, rest 60 s");
  EXPECT_EQ(holdAndRestWords(0, 45), ", rest 45 s");
  EXPECT_EQ(holdAndRestWords(0, 0), "");
}

TEST(Progression, ThreeGoodSessionsProgressWithTheReason) {
  const Prescription p = next(program(kOne), history("bridge", 2, {88, 91, 90}));
  EXPECT_EQ(p.decision, Decision::Progress);
  EXPECT_EQ(p.level, 3);
  EXPECT_EQ(p.reason, "bridge to level 3: quality 88, 91, 90 in the last three sessions, pain unchanged");
}

TEST(Progression, NotYetEnoughGoodSessionsHolds) {
  EXPECT_EQ(next(program(kOne), history("bridge", 2, {91, 90})).decision, Decision::Hold);
  const Prescription p = next(program(kOne), history("bridge", 2, {91, 80, 90}));
  EXPECT_EQ(p.decision, Decision::Hold);
  EXPECT_EQ(p.level, 2);
  EXPECT_NE(p.reason.find("quality 91, 80, 90"), std::string::npos) << p.reason;
  // The first session starts at the program's level.
  EXPECT_EQ(next(program(kOne), {}).decision, Decision::Start);
  EXPECT_EQ(next(program(kOne), {}).level, 1);
}

TEST(Progression, PainRiseOrLowQualityRegresses) {
  const Prescription pain = next(program(kOne), history("bridge", 2, {90, 92, 95}, 2, 5));
  EXPECT_EQ(pain.decision, Decision::Regress);
  EXPECT_EQ(pain.level, 1);
  EXPECT_NE(pain.reason.find("pain rose from 2 to 5"), std::string::npos) << pain.reason;
  const Prescription low = next(program(kOne), history("bridge", 3, {88, 90, 52}));
  EXPECT_EQ(low.decision, Decision::Regress);
  EXPECT_EQ(low.level, 2);
  EXPECT_NE(low.reason.find("quality 52 in the last session, below 60"), std::string::npos) << low.reason;
  // A rise of 1 is within the rule: still progresses.
  EXPECT_EQ(next(program(kOne), history("bridge", 1, {90, 92, 95}, 2, 3)).decision, Decision::Progress);
}

TEST(Progression, CapsAndLocksAreNeverExceeded) {
  const Program capped = program(R"({"id": "p", "name": "P", "sessions_per_week": 3,
    "exercises": [{"exercise": "bridge", "level": 1, "max_level": 2}]})");
  const Prescription atCap = next(capped, history("bridge", 2, {95, 95, 95}));
  EXPECT_EQ(atCap.decision, Decision::Hold);
  EXPECT_EQ(atCap.level, 2);
  EXPECT_NE(atCap.reason.find("therapist's cap"), std::string::npos) << atCap.reason;

  // Deep squat level 3 carries 2 kg in each hand: a 1 kg load cap stops at level 2.
  const Program loadCap = program(R"({"id": "p", "name": "P", "sessions_per_week": 3,
    "exercises": [{"exercise": "deep_squat", "level": 1, "max_load_kg": 1}]})");
  const Prescription heavy = next(loadCap, history("deep_squat", 2, {95, 95, 95}));
  EXPECT_EQ(heavy.decision, Decision::Hold);
  EXPECT_EQ(heavy.level, 2);
  EXPECT_NE(heavy.reason.find("exceeds the 1 kg load cap"), std::string::npos) << heavy.reason;

  const Program locked = program(R"({"id": "p", "name": "P", "sessions_per_week": 3,
    "exercises": [{"exercise": "bridge", "level": 2, "locked": true}]})");
  EXPECT_EQ(next(locked, history("bridge", 2, {95, 95, 95})).level, 2);
  const Prescription lockedPain = next(locked, history("bridge", 2, {95, 95, 95}, 1, 6));
  EXPECT_EQ(lockedPain.level, 2);
  EXPECT_EQ(lockedPain.decision, Decision::Hold);
  EXPECT_NE(lockedPain.reason.find("locked by the therapist"), std::string::npos) << lockedPain.reason;
}

TEST(Progression, AMissedWeekRepeatsTheLevel) {
  const auto h = history("bridge", 2, {90, 92, 95});
  const Prescription p = next(program(kOne), h, h.back().day + 10);
  EXPECT_EQ(p.decision, Decision::Hold);
  EXPECT_EQ(p.level, 2);
  EXPECT_NE(p.reason.find("no session for 10 days"), std::string::npos) << p.reason;
  EXPECT_EQ(next(program(kOne), h, h.back().day + 3).decision, Decision::Progress);
}

TEST(AstronautTemplate, StagesFollowLandingDaysAndTheAlignmentGate) {
  auto p = loadProgram(std::filesystem::path(LUMBO_SOURCE_DIR) / "assets/programs/astronaut_reconditioning.json", &lib());
  ASSERT_TRUE(p.ok()) << p.error();
  ASSERT_EQ(p->stages.size(), 3u);
  EXPECT_FALSE(planNextSession(*p, lib(), {}, std::nullopt).ok()) << "a staged program needs the landing day";

  auto stage = [&](const std::vector<SessionResult>& h, int day) {
    auto plan = planNextSession(*p, lib(), h, std::nullopt, day);
    if (!plan) throw std::runtime_error(plan.error());
    return *plan;
  };
  EXPECT_EQ(stage({}, 2).stage, p->stages[0].name);
  // Day 9 opens stage two, but without three good sessions of every stage-one exercise it waits.
  const SessionPlan waiting = stage({}, 9);
  EXPECT_EQ(waiting.stage, p->stages[0].name);
  EXPECT_NE(waiting.stageReason.find("continues"), std::string::npos) << waiting.stageReason;

  auto sessions = [&](const ProgramStage& s, double quality, int firstDay) {
    std::vector<SessionResult> h;
    for (int i = 0; i < 3; ++i) {
      SessionResult r;
      r.day = firstDay + i;
      r.stage = s.name;
      for (const ProgramExercise& e : s.exercises) r.exercises.push_back({e.exerciseId, 1, quality});
      h.push_back(r);
    }
    return h;
  };
  const SessionPlan gated = stage(sessions(p->stages[0], 90, 20000), 9);
  EXPECT_EQ(gated.stage, p->stages[1].name);
  EXPECT_NE(gated.stageReason.find("alignment held"), std::string::npos) << gated.stageReason;
  const SessionPlan poor = stage(sessions(p->stages[0], 70, 20000), 30);
  EXPECT_EQ(poor.stage, p->stages[0].name) << "the calendar alone never moves a stage on";
  // From stage two, day 25 opens the loaded stage once stage two held.
  EXPECT_EQ(stage(sessions(p->stages[1], 92, 20000), 25).stage, p->stages[2].name);
  EXPECT_EQ(stage(sessions(p->stages[1], 92, 20000), 15).stage, p->stages[1].name);
}

}  // namespace
}  // namespace lumbo
