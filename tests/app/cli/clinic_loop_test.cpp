// The clinical loop end to end with the real lumbo executable on a fresh data folder: a program
// assigned, three recordings scored on their own dates, two ODIs, pain, and assessments before
// and after flight; then patient list, report, compare and the FHIR export, each checked against
// figures this test computes itself (from the program file, the ODI answers, the recordings'
// own metadata and the assessment library), never copied from lumbo's output.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "body/trace.h"
#include "exercises/assessment.h"
#include "exercises/exercise.h"
#include "tests/test_support.h"

namespace lumbo {
namespace {

using nlohmann::json;

using Ran = test::CommandRun;

// Runs lumbo with the data folder under `home`; stdout and stderr captured.
Ran lumbo(const std::filesystem::path& home, const std::string& args) {
  return test::runShell("XDG_DATA_HOME='" + home.string() + "' " + std::string(LUMBO_EXE) + " " + args,
                        home / "stderr.txt");
}

std::string readFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

// Rows of a CSV file with a header: column name -> value, per row.
std::vector<std::map<std::string, std::string>> csvRows(const std::filesystem::path& p) {
  std::vector<std::map<std::string, std::string>> rows;
  std::istringstream in(readFile(p));
  std::string line;
  std::vector<std::string> head;
  auto split = [](const std::string& l) {
    std::vector<std::string> cells;
    std::string cell;
    bool quote = false;
    for (char c : l) {
      if (c == '"') quote = !quote;
      else if (c == ',' && !quote) cells.push_back(cell), cell.clear();
      else cell += c;
    }
    cells.push_back(cell);
    return cells;
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (head.empty()) {
      head = split(line);
      continue;
    }
    const auto cells = split(line);
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < head.size() && i < cells.size(); ++i) row[head[i]] = cells[i];
    rows.push_back(row);
  }
  return rows;
}

// The recording's own statement of how many repetitions it holds.
int repetitionsInRecording(const std::string& name) {
  auto trace = readTrace(test::testData(name));
  EXPECT_TRUE(trace.ok());
  return std::stoi(std::string(trace->metadata.get("repetitions").value_or("0")));
}

double odiPercent(const std::vector<int>& answered) {
  int sum = 0;
  for (int a : answered) sum += a;
  return 100.0 * sum / (5.0 * static_cast<double>(answered.size()));
}

constexpr const char* kProgram = R"({
  "id": "clinic_loop",
  "name": "Squat and sit-to-stand",
  "sessions_per_week": 3,
  "odi_every_days": 14,
  "exercises": [
    {"exercise": "deep_squat", "level": 1, "sets": 2, "repetitions": 10},
    {"exercise": "sit_to_stand", "level": 1, "sets": 1, "repetitions": 8}
  ]
})";

TEST(ClinicLoop, AssignScoreOutcomesAssessThenListReportCompareExport) {
  test::TempDir home;
  const auto programFile = home.write("clinic_loop.json", kProgram);
  const auto db = home / "lumbo" / "p01.lumbo.sqlite";

  ASSERT_EQ(lumbo(home.path(), "program assign " + quoted(programFile) + " --person p01 --date 2026-01-05").code, 0);
  ASSERT_TRUE(std::filesystem::exists(db));
  const Ran added = lumbo(home.path(), "patient add p01 --name 'Ada Example' --notes 'desk worker'");
  ASSERT_EQ(added.code, 0) << added.err;

  struct Scored {
    const char* trace;
    const char* exercise;
    const char* date;
    const char* context;
  };
  const Scored scored[] = {{"m01_s01_deep_squat_correct.csv", "deep_squat", "2026-01-06T09:00", "pre-flight"},
                           {"m05_s02_sit_to_stand_correct.csv", "sit_to_stand", "2026-01-08T09:00", "pre-flight"},
                           {"m01_s01_deep_squat_incorrect.csv", "deep_squat", "2026-01-27T09:00", "post-flight"}};
  for (const Scored& s : scored) {
    const Ran r = lumbo(home.path(), "score " + quoted(test::testData(s.trace)) + " --exercise " + s.exercise +
                                         " --person p01 --date " + s.date + " --context " + s.context);
    ASSERT_EQ(r.code, 0) << r.err;
  }
  const std::vector<int> odi1 = {3, 2, 2, 3, 2, 2, 1, 2, 3, 2};
  const std::vector<int> odi2 = {1, 1, 2, 1, 1, 0, 1, 2, 1};  // section 3 unanswered
  ASSERT_EQ(lumbo(home.path(), "outcome odi --person p01 --answers 3,2,2,3,2,2,1,2,3,2 --date 2026-01-05").code, 0);
  ASSERT_EQ(lumbo(home.path(), "outcome odi --person p01 --answers 1,1,-,2,1,1,0,1,2,1 --date 2026-01-26").code, 0);
  ASSERT_EQ(lumbo(home.path(), "outcome pain --person p01 --nrs 2 --date 2026-01-20").code, 0);
  ASSERT_EQ(lumbo(home.path(), "outcome pain --person p01 --nrs 5 --date 2026-01-27").code, 0);
  const Ran pre = lumbo(home.path(), "assess " + quoted(test::testData("m01_s01_deep_squat_correct.csv")) +
                                         " --person p01 --context pre-flight --date 2026-01-07");
  ASSERT_EQ(pre.code, 0) << pre.err;
  const Ran post = lumbo(home.path(), "assess " + quoted(test::testData("m01_s01_deep_squat_incorrect.csv")) +
                                          " --person p01 --context post-flight --date 2026-01-28");
  ASSERT_EQ(post.code, 0) << post.err;

  // What the program file prescribes per session, from its own content.
  const json program = json::parse(kProgram);
  int prescribedPerSession = 0;
  for (const auto& e : program["exercises"]) prescribedPerSession += e["sets"].get<int>() * e["repetitions"].get<int>();
  ASSERT_EQ(prescribedPerSession, 28);
  const double odiFirst = odiPercent(odi1);
  const double odiSecond = odiPercent(odi2);

  // patient list, as of 2026-02-10: the last session 14 days before, one session in the last 28
  // days against 3 a week, pain rising 2 -> 5, the ODI 15 days old with a 14-day interval.
  const Ran list = lumbo(home.path(), "patient list --date 2026-02-10 --json -");
  ASSERT_EQ(list.code, 0) << list.err;
  const std::string listJson = list.out.substr(list.out.find('['));
  const json people = json::parse(listJson);
  ASSERT_EQ(people.size(), 1u);
  const json& p = people[0];
  EXPECT_EQ(p["person"], "p01");
  EXPECT_EQ(p["name"], "Ada Example");
  EXPECT_EQ(p["last_session"], "2026-01-27");
  EXPECT_EQ(p["days_since_last_session"], 14);
  EXPECT_EQ(p["last_28_days"]["sessions_done"], 1);
  EXPECT_EQ(p["last_28_days"]["sessions_prescribed"], 3 * 4);
  EXPECT_EQ(p["last_28_days"]["repetitions_planned"], prescribedPerSession);
  EXPECT_EQ(p["last_28_days"]["repetitions_done"], repetitionsInRecording("m01_s01_deep_squat_incorrect.csv"));
  EXPECT_EQ(p["latest_pain"], 5);
  EXPECT_NEAR(p["latest_odi_percent"].get<double>(), odiSecond, 1e-9);
  EXPECT_TRUE(p["odi_due"].get<bool>());
  const std::string flags = p["flags"].dump();
  EXPECT_NE(flags.find("no session for 14 days"), std::string::npos) << flags;
  EXPECT_NE(flags.find("pain rising"), std::string::npos) << flags;
  EXPECT_NE(flags.find("ODI due"), std::string::npos) << flags;
  EXPECT_NE(list.out.find("p01"), std::string::npos);

  // The report: each session's whole plan as prescribed against what it did, ODI, range of motion.
  const auto reportDir = home / "report";
  const Ran report = lumbo(home.path(), "report --person p01 --out " + quoted(reportDir));
  ASSERT_EQ(report.code, 0) << report.err;
  auto sessions = csvRows(reportDir / "sessions.csv");
  ASSERT_EQ(sessions.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(sessions[i]["start_utc"].substr(0, 16), std::string(scored[i].date)) << i;
    EXPECT_EQ(sessions[i]["repetitions_prescribed"], std::to_string(prescribedPerSession)) << i;
    EXPECT_EQ(sessions[i]["repetitions_done"], std::to_string(repetitionsInRecording(scored[i].trace))) << i;
    EXPECT_EQ(sessions[i]["program"], "clinic_loop v1") << i;
  }
  auto odiRows = csvRows(reportDir / "oswestry.csv");
  ASSERT_EQ(odiRows.size(), 2u);
  EXPECT_NEAR(std::stod(odiRows[0]["odi_percent"]), odiFirst, 0.05);
  EXPECT_NEAR(std::stod(odiRows[1]["odi_percent"]), odiSecond, 0.05);
  EXPECT_EQ(odiRows[1]["sections_answered"], "9");

  // The range of motion the assessment library measures on the same recordings.
  auto lib = loadExerciseLibrary(defaultExerciseFolder());
  ASSERT_TRUE(lib.ok()) << lib.error();
  auto flexion = [&](const std::string& name) {
    auto trace = readTrace(test::testData(name));
    auto r = assessTrace(*trace, name, *lib);
    EXPECT_TRUE(r.ok());
    for (const auto& f : r->features) {
      if (f.id == "squat_lumbar_flexion_deg") return f.value;
    }
    ADD_FAILURE() << "no squat_lumbar_flexion_deg for " << name;
    return 0.0;
  };
  const double flexionBefore = flexion("m01_s01_deep_squat_correct.csv");
  const double flexionAfter = flexion("m01_s01_deep_squat_incorrect.csv");
  bool sawRom = false;
  for (auto& row : csvRows(reportDir / "range_of_motion.csv")) {
    if (row["measure"] != "squat_lumbar_flexion_deg") continue;
    sawRom = true;
    const double expected = row["context"] == "pre-flight" ? flexionBefore : flexionAfter;
    EXPECT_NEAR(std::stod(row["value"]), expected, 0.05) << row["context"];
  }
  EXPECT_TRUE(sawRom);

  // compare: the change in range of motion between the contexts, and ODI is not in either
  // (questionnaires carry no context).
  const Ran compare = lumbo(home.path(), "compare --person p01 --before pre-flight --after post-flight --json -");
  ASSERT_EQ(compare.code, 0) << compare.err;
  const json cmp = json::parse(compare.out.substr(0, compare.out.rfind('}') + 1));
  bool sawChange = false;
  for (const auto& m : cmp["measures"]) {
    if (m["measure"] != "squat_lumbar_flexion_deg") continue;
    sawChange = true;
    EXPECT_NEAR(m["before"]["mean"].get<double>(), flexionBefore, 1e-6);
    EXPECT_NEAR(m["after"]["mean"].get<double>(), flexionAfter, 1e-6);
    EXPECT_NEAR(m["change"].get<double>(), flexionAfter - flexionBefore, 1e-6);
  }
  EXPECT_TRUE(sawChange) << compare.out;
  const Ran compareText = lumbo(home.path(), "compare --person p01 --before pre-flight --after post-flight");
  EXPECT_EQ(compareText.code, 0);
  EXPECT_NE(compareText.out.find("squat_lumbar_flexion_deg"), std::string::npos);

  // The FHIR export: the ODI Observations with the computed scores.
  const auto fhirFile = home / "p01.fhir.json";
  ASSERT_EQ(lumbo(home.path(), "export --person p01 --format fhir --out " + quoted(fhirFile)).code, 0);
  const json bundle = json::parse(readFile(fhirFile));
  std::vector<double> odiScores;
  for (const auto& e : bundle["entry"]) {
    const json& r = e["resource"];
    if (r["resourceType"] != "Observation" || !r.contains("code")) continue;
    for (const auto& c : r["code"]["coding"]) {
      if (c["code"] == "97909-6" && r.contains("valueQuantity")) odiScores.push_back(r["valueQuantity"]["value"].get<double>());
    }
  }
  ASSERT_EQ(odiScores.size(), 2u) << bundle.dump().substr(0, 2000);
  EXPECT_NEAR(odiScores[0], odiFirst, 0.05);
  EXPECT_NEAR(odiScores[1], odiSecond, 0.05);

  // The rest of the Bundle: the program as a CarePlan with the file's exercises as activities,
  // each ODI's answers, each session as a Procedure against its plan, range of motion with context.
  std::map<std::string, std::vector<json>> byType;
  std::map<std::string, std::string> urlOf;  // resource type of the first of each -> its fullUrl
  for (const auto& e : bundle["entry"]) {
    byType[e["resource"]["resourceType"]].push_back(e["resource"]);
    urlOf.emplace(e["resource"]["resourceType"], e["fullUrl"]);
  }
  ASSERT_EQ(byType["Patient"].size(), 1u);
  EXPECT_EQ(byType["Patient"][0]["identifier"][0]["system"], "https://lumbo.example.org/fhir/sid/person-id");
  ASSERT_EQ(byType["CarePlan"].size(), 1u);
  const json& plan = byType["CarePlan"][0];
  EXPECT_EQ(plan["status"], "active");
  ASSERT_EQ(plan["activity"].size(), program["exercises"].size());
  for (std::size_t i = 0; i < program["exercises"].size(); ++i) {
    EXPECT_EQ(plan["activity"][i]["detail"]["code"]["text"], program["exercises"][i]["exercise"]);
    EXPECT_EQ(plan["activity"][i]["detail"]["scheduledTiming"]["repeat"]["frequency"], program["sessions_per_week"]);
  }
  ASSERT_EQ(byType["QuestionnaireResponse"].size(), 2u);
  const json& second = byType["QuestionnaireResponse"][1];
  ASSERT_EQ(second["item"].size(), 10u);
  EXPECT_FALSE(second["item"][2].contains("answer"));
  std::vector<int> answered;
  for (const auto& item : second["item"]) {
    if (item.contains("answer")) answered.push_back(item["answer"][0]["valueInteger"].get<int>());
  }
  EXPECT_EQ(answered, odi2);
  ASSERT_EQ(byType["Procedure"].size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    const json& proc = byType["Procedure"][i];
    EXPECT_EQ(proc["performedPeriod"]["start"].get<std::string>().substr(0, 16), std::string(scored[i].date));
    const std::string expected = std::to_string(repetitionsInRecording(scored[i].trace)) + " of " +
                                 std::to_string(prescribedPerSession) + " prescribed repetitions";
    EXPECT_NE(proc["note"][0]["text"].get<std::string>().find(expected), std::string::npos) << proc.dump();
    EXPECT_EQ(proc["basedOn"][0]["reference"], urlOf["CarePlan"]);
  }
  std::map<std::string, double> romByContext;
  for (const auto& o : byType["Observation"]) {
    if (o["code"]["coding"][0]["code"] != "rom-squat_lumbar_flexion_deg") continue;
    ASSERT_TRUE(o.contains("component")) << o.dump();
    romByContext[o["component"][0]["valueString"]] = o["valueQuantity"]["value"].get<double>();
  }
  EXPECT_NEAR(romByContext["pre-flight"], flexionBefore, 1e-6);
  EXPECT_NEAR(romByContext["post-flight"], flexionAfter, 1e-6);

  // The report's comparison section and daily prescribed columns.
  bool sawReportChange = false;
  for (auto& row : csvRows(reportDir / "comparison.csv")) {
    if (row["measure"] != "squat_lumbar_flexion_deg") continue;
    sawReportChange = true;
    EXPECT_NEAR(std::stod(row["change"]), flexionAfter - flexionBefore, 0.051);
  }
  EXPECT_TRUE(sawReportChange);
  for (auto& row : csvRows(reportDir / "adherence_daily.csv")) EXPECT_EQ(row["repetitions_prescribed"], "28") << row["date"];

  // De-identified: one pseudonym per person across exports, every date shifted by the same whole
  // number of weeks, and another person's pseudonym apart.
  auto deidentified = [&](const std::string& person, const std::string& name) {
    const auto file = home / name;
    EXPECT_EQ(lumbo(home.path(), "export --person " + person + " --format fhir --deidentify --out " + quoted(file)).code, 0);
    return json::parse(readFile(file));
  };
  const json a = deidentified("p01", "a.json");
  const json b = deidentified("p01", "b.json");
  auto firstOf = [](const json& bundleJson, const std::string& type) {
    for (const auto& e : bundleJson["entry"]) {
      if (e["resource"]["resourceType"] == type) return e["resource"];
    }
    return json();
  };
  const std::string pseudonym = firstOf(a, "Patient")["identifier"][0]["value"];
  EXPECT_EQ(pseudonym, firstOf(b, "Patient")["identifier"][0]["value"]);
  EXPECT_EQ(a.dump().find("p01"), std::string::npos);
  EXPECT_EQ(a.dump().find("Ada"), std::string::npos);
  EXPECT_EQ(a.dump().find("pre-flight"), std::string::npos);
  const std::string shiftedStart = firstOf(a, "Procedure")["performedPeriod"]["start"];
  EXPECT_EQ(shiftedStart, firstOf(b, "Procedure")["performedPeriod"]["start"].get<std::string>());
  auto dayOf = [](const std::string& date) {  // days since 1970 of YYYY-MM-DD
    std::tm tm{};
    std::istringstream(date.substr(0, 10)) >> std::get_time(&tm, "%Y-%m-%d");
    return static_cast<long>(timegm(&tm) / 86400);
  };
  const long shiftDays = dayOf(shiftedStart) - dayOf(scored[0].date);
  EXPECT_NE(shiftDays, 0);
  EXPECT_EQ(shiftDays % 7, 0);
  EXPECT_EQ(shiftedStart.substr(10), std::string(scored[0].date).substr(10) + ":00Z");
  const std::string shiftedOdi = firstOf(a, "QuestionnaireResponse")["authored"];
  EXPECT_EQ(dayOf(shiftedOdi) - dayOf("2026-01-05"), shiftDays);
  ASSERT_EQ(lumbo(home.path(), "program assign " + quoted(programFile) + " --person p02 --date 2026-01-05").code, 0);
  EXPECT_NE(firstOf(deidentified("p02", "c.json"), "Patient")["identifier"][0]["value"], pseudonym);
}

// Three sessions dated on three days at quality 85 or more progress a level; `program next
// --apply` records the change once, and the next scored session follows it without repeating it.
TEST(ClinicLoop, ProgressionFollowsSessionDatesAndAppliedLevelChangesAreRecordedOnce) {
  test::TempDir home;
  const auto program = std::filesystem::path(LUMBO_SOURCE_DIR) / "assets" / "programs" / "demo_deep_squat.json";
  ASSERT_EQ(lumbo(home.path(), "program assign " + quoted(program) + " --person p02 --date 2026-03-01").code, 0);
  const std::string trace = quoted(test::testData("m01_s01_deep_squat_correct.csv"));
  for (const char* date : {"2026-03-02", "2026-03-04", "2026-03-06"}) {
    ASSERT_EQ(lumbo(home.path(), "score " + trace + " --person p02 --date " + date).code, 0);
  }
  const Ran next = lumbo(home.path(), "program next --person p02 --date 2026-03-08 --apply");
  ASSERT_EQ(next.code, 0) << next.err;
  EXPECT_NE(next.out.find("level 2"), std::string::npos) << next.out;
  EXPECT_NE(next.out.find("[progress]"), std::string::npos) << next.out;
  EXPECT_NE(next.out.find("recorded 1 level change"), std::string::npos) << next.out;
  const Ran fourth = lumbo(home.path(), "score " + trace + " --person p02 --date 2026-03-09");
  ASSERT_EQ(fourth.code, 0) << fourth.err;
  EXPECT_NE(fourth.out.find("prescribed at level 2"), std::string::npos) << fourth.out;
  const auto reportDir = home / "report";
  ASSERT_EQ(lumbo(home.path(), "report --person p02 --out " + quoted(reportDir)).code, 0);
  auto changes = csvRows(reportDir / "level_changes.csv");
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0]["from_level"], "1");
  EXPECT_EQ(changes[0]["to_level"], "2");
  EXPECT_EQ(changes[0]["session_id"], "0");  // decided between sessions
}

// A recording that is no test of the battery is reported and skipped; the proposed program is
// written as a file `program assign` takes; the findings never name a fault that cost nothing.
TEST(ClinicLoop, AssessSkipsAStrayRecordingAndWritesAValidProgram) {
  test::TempDir home;
  std::string text = readFile(test::testData("m01_s01_deep_squat_correct.csv"));
  text.replace(text.find("# exercise: deep_squat"), 22, "# exercise: juggling");
  const auto stray = home.write("juggling.csv", text);
  const auto proposed = home / "proposed.json";
  const Ran r = lumbo(home.path(), "assess " + quoted(test::testData("m01_s01_deep_squat_correct.csv")) + " " + quoted(stray) +
                                       " --program-out " + quoted(proposed));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("skipped"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("juggling"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("1 recording(s) skipped"), std::string::npos) << r.out;
  const Ran valid = lumbo(home.path(), "program validate " + quoted(proposed));
  EXPECT_EQ(valid.code, 0) << valid.err;
  // The correct squats score 100: no fault may be named as most common.
  EXPECT_EQ(r.out.find("quality 100 over 10 repetitions; most"), std::string::npos) << r.out;
  const Ran none = lumbo(home.path(), "assess " + quoted(stray));
  EXPECT_EQ(none.code, 1);
  EXPECT_NE(none.err.find("no recording held a test"), std::string::npos) << none.err;
}

// Bad input is refused with the argument or field named, a non-zero exit and nothing written.
class ClinicBadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    programFile_ = home_.write("clinic_loop.json", kProgram);
    ASSERT_EQ(lumbo(home_.path(), "program assign " + quoted(programFile_) + " --person p01 --date 2026-01-05").code, 0);
    db_ = home_ / "lumbo" / "p01.lumbo.sqlite";
    before_ = readFile(db_);
  }
  void expectUnchanged() {
    EXPECT_EQ(readFile(db_), before_) << "the store changed";
    std::size_t files = 0;
    for (const auto& e : std::filesystem::directory_iterator(home_ / "lumbo")) files += e.path().extension() == ".sqlite" ? 1 : 0;
    EXPECT_EQ(files, 1u) << "a store was created";
  }
  test::TempDir home_;
  std::filesystem::path programFile_, db_;
  std::string before_;
};

TEST_F(ClinicBadInput, AnInvalidProgramIsNotAssigned) {
  const auto bad = home_.write("bad.json", R"({"id": "bad", "name": "Bad", "sessions_per_week": 3,
    "exercises": [{"exercise": "deep_squat", "level": 9}]})");
  const Ran r = lumbo(home_.path(), "program assign " + quoted(bad) + " --person p01");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("bad.json: /exercises/0/level"), std::string::npos) << r.err;
  expectUnchanged();
  const auto odi = home_.write("odi.json", R"({"id": "o", "name": "O", "sessions_per_week": 3, "odi_every_days": 2,
    "exercises": [{"exercise": "deep_squat"}]})");
  const Ran o = lumbo(home_.path(), "program assign " + quoted(odi) + " --person p01");
  EXPECT_EQ(o.code, 1);
  EXPECT_NE(o.err.find("/odi_every_days"), std::string::npos) << o.err;
  expectUnchanged();
}

TEST_F(ClinicBadInput, AnUnknownPersonGetsNothing) {
  const Ran r = lumbo(home_.path(), "outcome pain --person nobody --nrs 3");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("unknown person 'nobody'"), std::string::npos) << r.err;
  const Ran c = lumbo(home_.path(), "compare --person nobody --before a --after b --db " + quoted(db_));
  EXPECT_EQ(c.code, 1);
  EXPECT_NE(c.err.find("unknown person 'nobody'"), std::string::npos) << c.err;
  const Ran a = lumbo(home_.path(), "assess " + quoted(test::testData("m01_s01_deep_squat_correct.csv")) + " --person nobody");
  EXPECT_EQ(a.code, 1);
  EXPECT_NE(a.err.find("unknown person 'nobody'"), std::string::npos) << a.err;
  expectUnchanged();
}

TEST_F(ClinicBadInput, AnOdiAnswerOutOfRangeOrTooManyGaps) {
  const Ran r = lumbo(home_.path(), "outcome odi --person p01 --answers 3,2,7,3,2,2,1,2,3,2");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--answers: section 3: '7'"), std::string::npos) << r.err;
  const Ran gaps = lumbo(home_.path(), "outcome odi --person p01 --answers 3,-,2,-,2,2,1,2,3,2");
  EXPECT_EQ(gaps.code, 2);
  EXPECT_NE(gaps.err.find("only 8 of 10 sections"), std::string::npos) << gaps.err;
  const Ran nine = lumbo(home_.path(), "outcome odi --person p01 --answers 3,2,1");
  EXPECT_EQ(nine.code, 2);
  EXPECT_NE(nine.err.find("--answers: 3 sections"), std::string::npos) << nine.err;
  const Ran pain = lumbo(home_.path(), "outcome pain --person p01 --nrs 11");
  EXPECT_EQ(pain.code, 2);
  EXPECT_NE(pain.err.find("--nrs"), std::string::npos) << pain.err;
  expectUnchanged();
}

TEST_F(ClinicBadInput, AFutureOrUnparsableDate) {
  const std::string trace = quoted(test::testData("m01_s01_deep_squat_correct.csv"));
  const Ran future = lumbo(home_.path(), "score " + trace + " --person p01 --date 2999-01-01");
  EXPECT_EQ(future.code, 2);
  EXPECT_NE(future.err.find("--date: 2999-01-01 is in the future"), std::string::npos) << future.err;
  const Ran bad = lumbo(home_.path(), "score " + trace + " --person p01 --date 2026-02-30");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("--date: '2026-02-30' is no date"), std::string::npos) << bad.err;
  const Ran odi = lumbo(home_.path(), "outcome odi --person p01 --answers 0,0,0,0,0,0,0,0,0,0 --date 26-01-05");
  EXPECT_EQ(odi.code, 2);
  EXPECT_NE(odi.err.find("--date"), std::string::npos) << odi.err;
  const Ran assign = lumbo(home_.path(), "program assign " + quoted(programFile_) + " --person p01 --date 2999-12-31");
  EXPECT_EQ(assign.code, 2);
  expectUnchanged();
}

TEST_F(ClinicBadInput, ALandingDateAfterASessionItStaged) {
  const auto staged = std::filesystem::path(LUMBO_SOURCE_DIR) / "assets" / "programs" / "astronaut_reconditioning.json";
  ASSERT_EQ(lumbo(home_.path(), "patient add p01 --landing-date 2026-01-10").code, 0);
  ASSERT_EQ(lumbo(home_.path(), "program assign " + quoted(staged) + " --person p01 --date 2026-01-10").code, 0);
  const Ran s = lumbo(home_.path(), "score " + quoted(test::testData("m05_s02_sit_to_stand_correct.csv")) +
                                        " --person p01 --date 2026-01-20");
  ASSERT_EQ(s.code, 0) << s.err;
  before_ = readFile(db_);
  const Ran r = lumbo(home_.path(), "patient add p01 --landing-date 2026-01-25");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("--landing-date 2026-01-25 is after p01's session of 2026-01-20"), std::string::npos) << r.err;
  expectUnchanged();
  const Ran show = lumbo(home_.path(), "patient show p01");
  EXPECT_NE(show.out.find("landing date: 2026-01-10"), std::string::npos) << show.out;
}

// Every subcommand `lumbo help` lists answers `--help` (and `help COMMAND`) with its usage.
TEST(CommandLineHelp, EveryListedCommandAnswersHelp) {
  test::TempDir home;
  const Ran help = lumbo(home.path(), "help");
  ASSERT_EQ(help.code, 0);
  std::istringstream in(help.out);
  std::string line;
  std::vector<std::string> commands;
  while (std::getline(in, line)) {
    // Usage lines are indented by two spaces, their summaries by six.
    if (line.size() > 2 && line.rfind("  ", 0) == 0 && line[2] != ' ') commands.push_back(line.substr(2, line.find(' ', 2) - 2));
  }
  ASSERT_GE(commands.size(), 15u) << help.out;
  for (const std::string& c : commands) {
    if (c == "help") continue;
    const Ran r = lumbo(home.path(), c + " --help");
    EXPECT_EQ(r.code, 0) << c << ": " << r.err;
    EXPECT_EQ(r.out.rfind("usage: lumbo " + c, 0), 0u) << c << ": " << r.out;
    // Every option the usage line names is documented on a line of its own.
    const std::string usage = r.out.substr(0, r.out.find('\n'));
    for (std::size_t at = usage.find("--"); at != std::string::npos; at = usage.find("--", at + 2)) {
      const std::string option = usage.substr(at, usage.find_first_of(" ]=", at) - at);
      EXPECT_NE(r.out.find("\n  " + option), std::string::npos) << c << " does not document " << option;
    }
    const Ran h = lumbo(home.path(), "help " + c);
    EXPECT_EQ(h.code, 0) << c;
    EXPECT_EQ(h.out, r.out) << c;
  }
  EXPECT_TRUE(std::filesystem::is_empty(home.path()) ||
              !std::filesystem::exists(home.path() / "lumbo")) << "--help wrote something";
}

// A therapist's "3 x 10, hold 10 s, rest 60 s": `program show` and `program next` say the hold
// and the rest; a hold out of range is refused naming the file and the field.
TEST(ClinicLoop, ProgramShowAndNextSayTheHoldAndTheRest) {
  test::TempDir home;
  const auto file = home.write("hold.json", R"({"id": "hold", "name": "Hold", "sessions_per_week": 3,
    "exercises": [{"exercise": "bridge", "sets": 3, "repetitions": 10, "hold_s": 10, "rest_s": 60},
                  {"exercise": "pelvic_tilt_control", "rest_s": 30}]})");
  const Ran show = lumbo(home.path(), "program show " + quoted(file));
  ASSERT_EQ(show.code, 0) << show.err;
  EXPECT_NE(show.out.find("3 x 10, hold 10 s, rest 60 s"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find(", rest 30 s"), std::string::npos) << show.out;
  const auto history = home.write("h.json", "[]");
  const Ran next = lumbo(home.path(), "program next " + quoted(file) + " --history " + quoted(history) + " --date 2026-03-02");
  ASSERT_EQ(next.code, 0) << next.err;
  EXPECT_NE(next.out.find("level 1, 3 x 10, hold 10 s, rest 60 s"), std::string::npos) << next.out;
  const auto bad = home.write("bad.json", R"({"id": "bad", "name": "Bad", "sessions_per_week": 3,
    "exercises": [{"exercise": "bridge", "hold_s": 300}]})");
  const Ran refused = lumbo(home.path(), "program validate " + quoted(bad));
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.err.find("bad.json: /exercises/0/hold_s: must be between 0 and 120"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace lumbo
