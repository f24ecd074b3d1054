// The clinical record in the store: program assignments as versions, each session's whole plan
// as its prescription (an interrupted session keeps it), the patient record's landing date, ODI
// answers and when the next ODI is due, and the patient list's summary.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "store/adherence.h"
#include "store/outcomes.h"
#include "store/patient_record.h"
#include "store/program_assignments.h"
#include "store/program_history.h"
#include "store/queries.h"
#include "store/session_plan.h"
#include "tests/store/store_fixture.h"

namespace lumbo::store {
namespace {

using test::kDayS;
using test::kMondayS;

std::vector<Exercise> library() {
  auto lib = loadExerciseLibrary(defaultExerciseFolder());
  EXPECT_TRUE(lib) << lib.error();
  return lib ? *lib : std::vector<Exercise>{};
}

constexpr const char* kProgram = R"({"id": "two", "name": "Two", "sessions_per_week": 3, "odi_every_days": 14,
  "exercises": [{"exercise": "deep_squat", "sets": 4, "repetitions": 10}, {"exercise": "sit_to_stand", "sets": 1, "repetitions": 12}]})";

TEST(ProgramAssignments, EachAssignmentIsANewVersionAndTheOldOneStays) {
  lumbo::test::TempDir dir;
  auto store = SessionStore::open(dir / "p.sqlite");
  ASSERT_TRUE(store);
  store->ensurePerson({"p01", std::nullopt});
  const auto lib = library();
  auto v1 = assignProgram(*store, "p01", kProgram, "two.json", lib, kMondayS, kMondayS);
  ASSERT_TRUE(v1) << v1.error();
  auto v2 = assignProgram(*store, "p01", kProgram, "two.json", lib, kMondayS + 7 * kDayS, kMondayS + 7 * kDayS);
  ASSERT_TRUE(v2) << v2.error();
  EXPECT_EQ(v1->version, 1);
  EXPECT_EQ(v2->version, 2);
  EXPECT_EQ(programAssignments(*store, "p01").size(), 2u);
  EXPECT_EQ(programInForce(*store, "p01", kMondayS + 3 * kDayS)->version, 1);
  EXPECT_EQ(programInForce(*store, "p01", kMondayS + 8 * kDayS)->version, 2);
  EXPECT_FALSE(programInForce(*store, "p01", kMondayS - 1.0));
  EXPECT_EQ(v1->odiEveryDays, 14);
  // deep_squat 4 x 10 at 3 s a repetition, sit_to_stand 1 x 12 at 4 s: 2.0 + 0.8 minutes.
  EXPECT_NEAR(v1->minutesPerSession, (4 * 10 * 3.0 + 12 * 4.0) / 60.0, 1e-9);
  auto bad = assignProgram(*store, "p01", R"({"id": "x", "name": "X", "sessions_per_week": 99, "exercises": []})", "x.json",
                           lib, kMondayS, kMondayS);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().find("x.json: /sessions_per_week"), std::string::npos) << bad.error();
  EXPECT_EQ(programAssignments(*store, "p01").size(), 2u);
}

TEST(SessionPlan, AnInterruptedSessionKeepsItsWholePlanAsPrescribed) {
  lumbo::test::TempDir dir;
  const auto path = dir / "p.sqlite";
  const auto lib = library();
  std::int64_t version = 0;
  {
    auto store = SessionStore::open(path);
    ASSERT_TRUE(store);
    store->ensurePerson({"p01", std::nullopt});
    version = assignProgram(*store, "p01", kProgram, "two.json", lib, kMondayS, kMondayS)->rowId;
  }
  auto writer = SessionWriter::open(path);
  ASSERT_TRUE(writer);
  SessionInfo info{"p01", std::nullopt, kMondayS + 3600.0, "", "live", std::nullopt, {}};
  info.prescription = {version, "", {{"deep_squat", 1, 4, 10, 0.0, 2.0, "start", "", 0.0}, {"sit_to_stand", 1, 1, 12, 0.0, 0.8, "start", "", 0.0}}, {}};
  (*writer)->beginSession(info);
  (*writer)->set({"deep_squat", 1, 1, 10, 0.0, 40.0});
  for (int i = 1; i <= 10; ++i) (*writer)->repetition({"deep_squat", 1, i, i * 3.0, i * 3.0 + 2.0, 90.0, {}, 0.0});
  (*writer)->endSession(kMondayS + 3660.0, SessionStatus::Interrupted);
  ASSERT_TRUE((*writer)->flush());
  writer->reset();

  auto store = SessionStore::open(path);
  Queries q(*store);
  const auto rows = q.sessions("p01");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].status, "interrupted");
  EXPECT_EQ(rows[0].repetitions, 10);
  EXPECT_EQ(rows[0].prescribedRepetitions, 4 * 10 + 12);
  EXPECT_NEAR(*rows[0].prescribedMinutes, 2.8, 1e-9);
  EXPECT_EQ(rows[0].programName, "two");
  EXPECT_EQ(rows[0].programVersion, 1);
  const auto days = q.activityByDay("p01");
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0].repetitionsPrescribed, 52);
  const auto weeks = q.weeklyAdherence("p01");
  ASSERT_EQ(weeks.size(), 1u);
  EXPECT_EQ(weeks[0].repetitionsPlanned, 52);
  EXPECT_EQ(weeks[0].repetitionsPrescribed, 3 * 52);
  EXPECT_EQ(weeks[0].sessionsPrescribed, 3);
  EXPECT_EQ(q.daysSinceLastSession("p01", kMondayS + 9.5 * kDayS), 9);
}

// The rest a program prescribes between sets, and the bands each exercise was scored with, are
// kept with the session: a quality read later must say what it was measured against, even after
// a personal reference set since has replaced those bands.
TEST(SessionPlan, KeepsThePrescribedRestsAndTheBandsEachExerciseWasScoredWith) {
  lumbo::test::TempDir dir;
  const auto path = dir / "p.sqlite";
  const auto lib = library();
  auto program = parseProgram(R"({"id": "r", "name": "R", "sessions_per_week": 3,
    "exercises": [{"exercise": "deep_squat", "sets": 3, "repetitions": 8, "rest_s": 45}, {"exercise": "bridge", "sets": 2}]})", "r");
  ASSERT_TRUE(program) << program.error();
  SessionInfo info{"p01", std::nullopt, kMondayS, "", "live", std::nullopt, {}};
  {
    auto store = SessionStore::open(path);
    ASSERT_TRUE(store);
    store->ensurePerson({"p01", std::nullopt});
    auto planned = planSessionAt(*store, "p01", *program, lib, kMondayS);
    ASSERT_TRUE(planned) << planned.error();
    info.prescription.items = planned->items;
  }
  ASSERT_EQ(info.prescription.items.size(), 2u);
  EXPECT_DOUBLE_EQ(info.prescription.items[0].restS, 45.0);  // as the program says
  EXPECT_DOUBLE_EQ(info.prescription.items[1].restS, 0.0);   // none given
  info.prescription.bands = {{"deep_squat", "personal reference of p01 set on 2026-01-05", R"({"source": "personal"})"},
                             {"bridge", "population bands of bridge.json", R"({"source": "population"})"}};
  auto writer = SessionWriter::open(path);
  ASSERT_TRUE(writer);
  (*writer)->beginSession(info);
  (*writer)->endSession(kMondayS + 600.0);
  ASSERT_TRUE((*writer)->flush());
  writer->reset();

  auto store = SessionStore::open(path);
  Queries q(*store);
  const auto sessions = q.sessions("p01");
  ASSERT_EQ(sessions.size(), 1u);
  const auto plan = q.plan(sessions[0].id);
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_DOUBLE_EQ(plan[0].restS, 45.0);
  EXPECT_DOUBLE_EQ(plan[1].restS, 0.0);
  // The rests count in the prescribed minutes: two rests of 45 s between the three sets.
  EXPECT_NEAR(plan[0].minutes * 60.0 - 3 * 8 * secondsPerRepetition(*findExercise(lib, "deep_squat"), plan[0].holdS), 90.0, 1e-9);
  const auto bands = q.bands(sessions[0].id);
  ASSERT_EQ(bands.size(), 2u);
  EXPECT_EQ(bands[0].exerciseId, "bridge");
  EXPECT_EQ(bands[0].source, "population bands of bridge.json");
  EXPECT_EQ(bands[1].exerciseId, "deep_squat");
  EXPECT_EQ(bands[1].source, "personal reference of p01 set on 2026-01-05");
  EXPECT_EQ(bands[1].json, R"({"source": "personal"})");
}

TEST(SessionPlan, HistoryFollowsTheSessionsOwnDatesNotTheirRecordingOrder) {
  lumbo::test::TempDir dir;
  const auto path = dir / "p.sqlite";
  auto writer = SessionWriter::open(path);
  ASSERT_TRUE(writer);
  // Recorded last-first: the quality of the latest-dated session must come last in the history.
  const double qualities[] = {70.0, 80.0, 90.0};
  for (int k = 2; k >= 0; --k) {
    (*writer)->beginSession({"p01", std::nullopt, kMondayS + k * kDayS, "", "score", std::nullopt, {}});
    (*writer)->set({"deep_squat", 1, 1, 10, 0.0, 3.0});
    (*writer)->repetition({"deep_squat", 1, 1, 0.0, 3.0, qualities[k], {}, 0.0});
    (*writer)->endSession(kMondayS + k * kDayS + 60.0);
  }
  ASSERT_TRUE((*writer)->flush());
  writer->reset();
  auto store = SessionStore::open(path);
  auto program = parseProgram(R"({"id": "d", "name": "D", "sessions_per_week": 3, "exercises": [{"exercise": "deep_squat"}]})", "d");
  ASSERT_TRUE(program);
  auto h = historyFromStore(*store, "p01", *program);
  ASSERT_TRUE(h);
  ASSERT_EQ(h->size(), 3u);
  for (int k = 0; k < 3; ++k) EXPECT_DOUBLE_EQ(*(*h)[static_cast<std::size_t>(k)].exercises[0].quality, qualities[k]);
  auto before = historyFromStore(*store, "p01", *program, kMondayS + 1.5 * kDayS);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->size(), 2u);
}

TEST(Outcomes, OdiAnswersAreParsedAndScoredByThePublishedRule) {
  auto full = parseOdiAnswers("3,2,2,3,2,2,1,2,3,2");
  ASSERT_TRUE(full) << full.error();
  OswestryRecord r{"p01", 0.0, *full};
  EXPECT_DOUBLE_EQ(*r.percent(), 100.0 * 22 / 50);
  auto oneGap = parseOdiAnswers("3,2,-,3,2,2,1,2,3,2");
  ASSERT_TRUE(oneGap);
  r.sections = *oneGap;
  EXPECT_DOUBLE_EQ(*r.percent(), 100.0 * 20 / 45);
  EXPECT_FALSE(parseOdiAnswers("3,2,-,-,2,2,1,2,3,2"));
  EXPECT_NE(parseOdiAnswers("3,2,6,3,2,2,1,2,3,2").error().find("section 3: '6'"), std::string::npos);
  EXPECT_NE(parseOdiAnswers("3,2,2,3,2,2,1,2,3,2,1").error().find("more than 10"), std::string::npos);
  EXPECT_NE(parseOdiAnswers("3,2,,3,2,2,1,2,3,2").error().find("section 3: ''"), std::string::npos);
}

TEST(Outcomes, OdiIsDueByTheProgramsInterval) {
  lumbo::test::TempDir dir;
  auto store = SessionStore::open(dir / "p.sqlite");
  store->ensurePerson({"p01", std::nullopt});
  EXPECT_FALSE(odiDue(*store, "p01", kMondayS).due);
  ASSERT_TRUE(assignProgram(*store, "p01", kProgram, "two.json", library(), kMondayS, kMondayS));
  EXPECT_TRUE(odiDue(*store, "p01", kMondayS).due);
  store->addOswestry({"p01", kMondayS + kDayS, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}});
  EXPECT_FALSE(odiDue(*store, "p01", kMondayS + 14 * kDayS).due);
  const OdiDue due = odiDue(*store, "p01", kMondayS + 15 * kDayS);
  EXPECT_TRUE(due.due);
  EXPECT_EQ(due.reason, "last ODI 14 days ago (every 14 days)");
}

TEST(PatientRecord, ALandingDateAfterAStagedSessionIsRefused) {
  lumbo::test::TempDir dir;
  const auto path = dir / "p.sqlite";
  {
    auto store = SessionStore::open(path);
    ASSERT_TRUE(savePatient(*store, {"p01", "Ada", "2026-01-05", "crew"}));
  }
  auto writer = SessionWriter::open(path);
  SessionInfo info{"p01", std::nullopt, kMondayS + 2 * kDayS, "", "live", std::nullopt, {}};
  info.prescription.stage = "muscle activation and neutral control";
  (*writer)->beginSession(info);
  (*writer)->endSession(kMondayS + 2 * kDayS + 60.0);
  ASSERT_TRUE((*writer)->flush());
  writer->reset();
  auto store = SessionStore::open(path);
  const auto refused = savePatient(*store, {"p01", "Someone else", "2026-01-09", std::nullopt});
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().find("session of 2026-01-07"), std::string::npos) << refused.error();
  const auto p = findPatient(*store, "p01");
  EXPECT_EQ(p->name, "Ada");  // nothing of the refused update was written
  EXPECT_EQ(p->landingDate, "2026-01-05");
  EXPECT_EQ(p->notes, "crew");
  EXPECT_TRUE(savePatient(*store, {"p01", std::nullopt, "2026-01-06", std::nullopt}));
  EXPECT_EQ(findPatient(*store, "p01")->name, "Ada");
}

TEST(PatientSummary, FlagsAGapButNotPainThatFellAndRoseBack) {
  lumbo::test::TempDir dir;
  const auto db = dir / "p.sqlite";
  test::fillProfile(db);  // sessions on days 0.4 ... 15.4 from the Monday, pain before 6 down to 1
  auto store = SessionStore::open(db);
  store->addPain({"p01", kMondayS + 16 * kDayS, 5, "other"});
  const PatientSummary s = summarizePatient(*store, "p01", kMondayS + 27 * kDayS);
  EXPECT_EQ(s.sessions, 6);
  EXPECT_EQ(s.daysSinceLastSession, 12);
  EXPECT_EQ(s.last7.sessionsDone, 0);
  EXPECT_EQ(s.last28.sessionsDone, 6);
  EXPECT_EQ(s.latestPain, 5);
  const std::string flags = [&] {
    std::string f;
    for (const auto& x : s.flags) f += x + ";";
    return f;
  }();
  EXPECT_NE(flags.find("no session for 12 days"), std::string::npos) << flags;
  // From 6 (first of the 28 days) down, then up to 5 at the end: not 2 above the first.
  EXPECT_EQ(flags.find("pain rising"), std::string::npos) << flags;
}

}  // namespace
}  // namespace lumbo::store
