// The therapist's console driven through its real window (under xvfb-run, on lavapipe) by UI
// scripts, over stores made by the real lumbo commands: the patient list's flags on each
// patient's row, a program edited and saved through the form and read back by `program validate`
// and `program show`, an invalid edit refused with its field named, the ODI form's stored score
// against the published formula computed here, and the screenshot's pixels where the layout puts
// the table and a chart.
#include <gtest/gtest.h>
#include <sys/wait.h>

#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "store/program_assignments.h"
#include "store/queries.h"
#include "store/session_store.h"
#include "tests/test_support.h"


namespace lumbo {
namespace {

using nlohmann::json;

using Ran = test::CommandRun;

// Output and errors together.
Ran run(const std::string& command) { return test::runShell(command); }

std::string q(const std::filesystem::path& p) { return "'" + p.string() + "'"; }
// A path as a UI script's quoted argument.
std::string dq(const std::filesystem::path& p) { return "\"" + p.string() + "\""; }

std::string readFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs one lumbo command; the test fails with its output when it does not succeed.
std::string lumbo(const std::string& args) {
  const Ran r = run(std::string(LUMBO_EXE) + " " + args);
  EXPECT_EQ(r.code, 0) << "lumbo " << args << "\n" << r.out;
  return r.out;
}

class ClinicConsole : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::getenv("DISPLAY") == nullptr && run("command -v xvfb-run").code != 0) GTEST_SKIP() << "no display and no xvfb-run";
    data_ = dir_ / "data";
    const std::string d = LUMBO_TEST_DATA_DIR;
    const std::string p01 = "--db " + q(data_ / "p01.lumbo.sqlite");
    // p01: quality 100 twice then 50 within 28 days, pain 1 then 4 (rise 3 >= the program's 2).
    lumbo("patient add p01 --name 'Ada Example' " + p01);
    lumbo("program assign " + std::string(LUMBO_SOURCE_DIR) + "/assets/programs/demo_deep_squat.json --person p01 --date 2026-01-05 " + p01);
    lumbo("score " + d + "/m01_s01_deep_squat_correct.csv --person p01 --date 2026-01-12 " + p01);
    lumbo("score " + d + "/m01_s01_deep_squat_correct.csv --person p01 --date 2026-01-14 " + p01);
    lumbo("score " + d + "/m01_s01_deep_squat_incorrect.csv --person p01 --date 2026-01-27 " + p01);
    lumbo("outcome pain --person p01 --nrs 1 --date 2026-01-13 " + p01);
    lumbo("outcome pain --person p01 --nrs 4 --date 2026-01-27 " + p01);
    // p02: a program that locks the bridge's level, no session yet.
    const auto locked = dir_.write("locked.json", R"({"id": "locked_bridge", "name": "Bridge, level fixed", "sessions_per_week": 2,
      "exercises": [{"exercise": "bridge", "level": 2, "locked": true}]})");
    const std::string p02 = "--db " + q(data_ / "p02.lumbo.sqlite");
    lumbo("patient add p02 --name 'Ben Sample' " + p02);
    lumbo("program assign " + q(locked) + " --person p02 --date 2026-01-20 " + p02);
    // p03: registered only.
    lumbo("patient add p03 " + std::string("--db ") + q(data_ / "p03.lumbo.sqlite"));
  }

  // Runs the console on the data folder as of 2026-02-02 with `script`.
  Ran console(const std::string& script, const std::string& extra = "") {
    const auto path = dir_.write("script.txt", script);
    const std::string display = std::getenv("DISPLAY") ? "" : "xvfb-run -a -s '-screen 0 1280x800x24' ";
    // Under the sanitizers, the CPU Vulkan driver's allocations are not ours to find leaks in (as
    // for the other window and runtime tests); the environment is ignored otherwise.
    return run("ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 " + display + std::string(LUMBO_EXE) + " clinic --data-dir " + q(data_) + " --date 2026-02-02 --script " + q(path) + " " + extra);
  }

  static json layoutOf(const std::filesystem::path& p) { return json::parse(readFile(p)); }

  static const json* widget(const json& layout, const std::string& label) {
    for (const json& w : layout["widgets"]) {
      if (w["label"] == label) return &w;
    }
    return nullptr;
  }

  // The texts whose middle lies within the row that starts with the selectable labelled `row`
  // and ends where the next patient's row starts (flag chips wrap onto more lines).
  static std::vector<std::string> textsInRow(const json& layout, const std::string& row, const std::vector<std::string>& rows) {
    std::vector<std::string> out;
    const json* w = widget(layout, row);
    if (!w) return out;
    const double top = (*w)["y0"].get<double>();
    double bottom = top + 200.0;
    for (const std::string& other : rows) {
      const json* o = widget(layout, other);
      if (o && (*o)["y0"].get<double>() > top) bottom = std::min(bottom, (*o)["y0"].get<double>());
    }
    for (const json& t : layout["texts"]) {
      const double mid = 0.5 * (t["y0"].get<double>() + t["y1"].get<double>());
      if (mid >= top && mid < bottom) out.push_back(t["text"]);
    }
    return out;
  }

  test::TempDir dir_;
  std::filesystem::path data_;
};

bool anyContains(const std::vector<std::string>& texts, const std::string& part) {
  for (const auto& t : texts) {
    if (t.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST_F(ClinicConsole, PatientListShowsEachPatientsFlags) {
  const auto layout = dir_ / "list.json";
  const Ran r = console("layout " + dq(layout) + "\n");
  ASSERT_EQ(r.code, 0) << r.out;
  const json l = layoutOf(layout);
  const std::vector<std::string> rows{"p01", "p02", "p03"};
  const auto p01 = textsInRow(l, "p01", rows);
  const auto p02 = textsInRow(l, "p02", rows);
  const auto p03 = textsInRow(l, "p03", rows);
  EXPECT_TRUE(anyContains(p01, "pain rising (1 to 4 in 28 days)"));
  EXPECT_TRUE(anyContains(p01, "quality falling (deep_squat"));
  EXPECT_FALSE(anyContains(p01, "level locked"));
  EXPECT_TRUE(anyContains(p02, "level locked (bridge)"));
  EXPECT_TRUE(anyContains(p02, "no session yet"));
  EXPECT_FALSE(anyContains(p02, "pain rising"));
  EXPECT_TRUE(anyContains(p03, "none"));
  // The last session of p01 is the one dated 2026-01-27; 5 days before the console's date, within
  // the program's 7 missed days, so no "no session" flag.
  EXPECT_TRUE(anyContains(p01, "2026-01-27"));
  EXPECT_FALSE(anyContains(p01, "no session"));
}

// The patient's References tab lists each personal reference in force as `lumbo reference show`
// prints it: exercise, date set, recording, the bands used beside the population's.
TEST_F(ClinicConsole, ReferencesTabListsThePersonsBands) {
  const std::string d = LUMBO_TEST_DATA_DIR;
  const std::string p01 = "--db " + q(data_ / "p01.lumbo.sqlite");
  lumbo("reference set --person p01 --exercise deep_squat " + d + "/m01_s01_deep_squat_correct.csv " + p01);
  const std::string shown = lumbo("reference show --person p01 " + p01);
  std::vector<std::string> bandLines;
  std::istringstream lines(shown);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("(population") != std::string::npos) bandLines.push_back(line.substr(line.find_first_not_of(' ')));
  }
  ASSERT_GE(bandLines.size(), 2u) << shown;
  std::string script = "click p01\nclick References\nexpect \"deep_squat: set \"\nexpect \"from " + d +
                       "/m01_s01_deep_squat_correct.csv\"\nexpect \"Scores with the personal reference of p01 set on\"\n";
  for (const std::string& line : bandLines) script += "expect \"" + line + "\"\n";
  script += "click Patients\nclick p02\nclick References\nexpect \"No personal reference\"\n";
  const Ran r = console(script);
  EXPECT_EQ(r.code, 0) << r.out << "\n" << script;
}

TEST_F(ClinicConsole, ProgramEditedInTheFormIsSavedAsTheNextVersion) {
  const Ran r = console(R"(click p01
click Program
set "Repetitions##s0e0" 12
set "Sets##s0e0" 2
set "Sessions per week" 4
click "Save and assign"
expect "Assigned demo_deep_squat version 2"
expect "Next session"
)");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("assigned demo_deep_squat version 2 to p01"), std::string::npos) << r.out;
  auto db = store::SessionStore::open(data_ / "p01.lumbo.sqlite", {.create = false});
  ASSERT_TRUE(db) << db.error();
  const auto assignments = store::programAssignments(*db, "p01");
  ASSERT_EQ(assignments.size(), 2u);
  EXPECT_EQ(assignments.back().version, 2);
  const auto saved = dir_.write("saved.json", assignments.back().content);
  EXPECT_NE(lumbo("program validate " + q(saved)).find("valid"), std::string::npos);
  const std::string shown = lumbo("program show " + q(saved));
  EXPECT_NE(shown.find("4 sessions a week"), std::string::npos) << shown;
  EXPECT_NE(shown.find("deep_squat"), std::string::npos) << shown;
  EXPECT_NE(shown.find("2 x 12"), std::string::npos) << shown;
  // The rest of the program is what was assigned before.
  EXPECT_NE(shown.find("Oswestry questionnaire every 14 days"), std::string::npos) << shown;
}

TEST_F(ClinicConsole, HoldAndRestEditedInTheFormAreSavedAndShown) {
  // p02's program is a bridge at level 2 (a hold of its own, no rest): a 12 s hold and 40 s of rest.
  const Ran r = console(R"(click p02
click Program
set "Hold (s)##s0e0" 500
expect "Exercise 1 (bridge): Hold (s): must be between 0 and 120"
expect-disabled "Save and assign"
set "Hold (s)##s0e0" 12
set "Rest (s)##s0e0" 900
expect "Exercise 1 (bridge): Rest (s): must be between 0 and 600"
expect-disabled "Save and assign"
set "Rest (s)##s0e0" 40
click "Preview next session"
expect "bridge: level 2, 3 x 10, hold 12 s, rest 40 s"
click "Save and assign"
expect "Assigned locked_bridge version 2"
expect "bridge: level 2, 3 x 10, hold 12 s, rest 40 s"
)");
  ASSERT_EQ(r.code, 0) << r.out;
  auto db = store::SessionStore::open(data_ / "p02.lumbo.sqlite", {.create = false});
  ASSERT_TRUE(db) << db.error();
  const auto assignments = store::programAssignments(*db, "p02");
  ASSERT_EQ(assignments.size(), 2u);
  const json saved = json::parse(assignments.back().content);
  EXPECT_EQ(saved["exercises"][0]["hold_s"], 12);
  EXPECT_EQ(saved["exercises"][0]["rest_s"], 40);
  const auto file = dir_.write("saved.json", assignments.back().content);
  const std::string shown = lumbo("program show " + q(file));
  EXPECT_NE(shown.find("bridge"), std::string::npos) << shown;
  EXPECT_NE(shown.find(", hold 12 s, rest 40 s"), std::string::npos) << shown;
  // What the person's next session is asked: the edited hold and rest.
  const std::string next = lumbo("program next --person p02 --date 2026-02-03 --db " + q(data_ / "p02.lumbo.sqlite"));
  EXPECT_NE(next.find(", hold 12 s, rest 40 s"), std::string::npos) << next;
}

TEST_F(ClinicConsole, AnInvalidEditCannotBeSavedAndNamesTheField) {
  const Ran r = console(R"(click p01
click Program
set "Repetitions##s0e0" 500
expect "Exercise 1 (deep_squat): Repetitions: must be between 1 and 200"
expect-disabled "Save and assign"
click "Save and assign"
wait 3
expect-not "version 2"
)");
  ASSERT_EQ(r.code, 0) << r.out;
  auto db = store::SessionStore::open(data_ / "p01.lumbo.sqlite", {.create = false});
  ASSERT_TRUE(db) << db.error();
  EXPECT_EQ(store::programAssignments(*db, "p01").size(), 1u);
  // A script that expects the save to work fails, naming its line.
  const Ran wrong = console("click p01\nclick Program\nset \"Repetitions##s0e0\" 500\nexpect-enabled \"Save and assign\"\n");
  EXPECT_EQ(wrong.code, 1);
  EXPECT_NE(wrong.out.find("script.txt:4: 'Save and assign' is disabled"), std::string::npos) << wrong.out;
}

TEST_F(ClinicConsole, OdiFormStoresTheScoreOfThePublishedMethod) {
  // Nine sections answered, section 8 left out: answers chosen here, scored here by the published
  // rule (sum / (5 x sections answered) x 100).
  const std::array<int, 10> answers{3, 2, 4, 1, 0, 2, 5, -1, 1, 3};
  static const char* topics[] = {"Pain intensity", "Washing, dressing", "Lifting", "Walking", "Sitting",
                                 "Standing", "Sleeping", "Sex life (if any)", "Social life", "Travelling"};
  int sum = 0;
  int answered = 0;
  std::string expanded = "click p02\nclick Outcomes\n";
  for (int s = 0; s < 10; ++s) {
    if (answers[s] < 0) continue;
    sum += answers[s];
    ++answered;
    // The section chosen in the list, then its statement by its id ("##odi<section>a<score>").
    expanded += "click \"" + std::to_string(s + 1) + ". " + topics[s] + "\"\n";
    expanded += "expect \"Section " + std::to_string(s + 1) + ": " + topics[s] + "\"\n";
    expanded += "click \"##odi" + std::to_string(s) + "a" + std::to_string(answers[s]) + "\"\n";
  }
  expanded += "click \"Save ODI\"\nexpect \"ODI saved\"\n";
  const double expected = 100.0 * sum / (5.0 * answered);
  const Ran r = console(expanded);
  ASSERT_EQ(r.code, 0) << r.out << "\n" << expanded;
  auto db = store::SessionStore::open(data_ / "p02.lumbo.sqlite", {.create = false});
  ASSERT_TRUE(db) << db.error();
  const auto odi = store::Queries(*db).oswestry("p02");
  ASSERT_EQ(odi.size(), 1u);
  ASSERT_TRUE(odi[0].percent.has_value());
  EXPECT_NEAR(*odi[0].percent, expected, 1e-9);
  EXPECT_EQ(odi[0].answered, 9);
  for (int s = 0; s < 10; ++s) {
    if (answers[s] < 0) {
      EXPECT_FALSE(odi[0].sections[static_cast<std::size_t>(s)].has_value()) << "section " << s + 1;
    } else {
      EXPECT_EQ(odi[0].sections[static_cast<std::size_t>(s)], answers[s]) << "section " << s + 1;
    }
  }
}

struct Image {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;
  std::array<int, 3> at(int x, int y) const {
    const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 3;
    return {rgb[i], rgb[i + 1], rgb[i + 2]};
  }
  // Pixels within the rectangle close to `colour` (each channel within 12).
  int count(const json& rect, std::array<int, 3> colour) const {
    int n = 0;
    for (int y = static_cast<int>(rect["y0"].get<double>()); y < static_cast<int>(rect["y1"].get<double>()); ++y) {
      for (int x = static_cast<int>(rect["x0"].get<double>()); x < static_cast<int>(rect["x1"].get<double>()); ++x) {
        const auto p = at(x, y);
        if (std::abs(p[0] - colour[0]) <= 12 && std::abs(p[1] - colour[1]) <= 12 && std::abs(p[2] - colour[2]) <= 12) ++n;
      }
    }
    return n;
  }
};

Image readPng(const std::filesystem::path& p) {
  Image img;
  int channels = 0;
  unsigned char* data = stbi_load(p.c_str(), &img.width, &img.height, &channels, 3);
  if (data) {
    img.rgb.assign(data, data + static_cast<std::size_t>(img.width) * static_cast<std::size_t>(img.height) * 3);
    stbi_image_free(data);
  }
  return img;
}

TEST_F(ClinicConsole, ScreenshotsShowTheTableAndTheCharts) {
  const auto listPng = dir_ / "list.png", listJson = dir_ / "list.json";
  const auto chartPng = dir_ / "chart.png", chartJson = dir_ / "chart.json";
  const Ran r = console("screenshot " + dq(listPng) + "\nlayout " + dq(listJson) + "\nclick p01\nscreenshot " + dq(chartPng) +
                        "\nlayout " + dq(chartJson) + "\n", "--validate");
  ASSERT_EQ(r.code, 0) << r.out;
  // The window's frames and the swapchain read-back are clean under the validation layer.
  EXPECT_EQ(r.out.find("Vulkan validation"), std::string::npos) << r.out;
  const Image list = readPng(listPng);
  ASSERT_EQ(list.width, 1280);
  ASSERT_EQ(list.height, 800);
  const json ll = layoutOf(listJson);
  // The light theme's flag chip colour (253, 232, 200) fills p01's flags and none of p03's row.
  const json* p01 = widget(ll, "p01");
  const json* p03 = widget(ll, "p03");
  ASSERT_TRUE(p01 && p03);
  EXPECT_GT(list.count(*p01, {253, 232, 200}), 2000);
  EXPECT_EQ(list.count(*p03, {253, 232, 200}), 0);
  // The background outside the table is the theme's (243, 245, 248).
  EXPECT_EQ(list.at(4, 790), (std::array<int, 3>{243, 245, 248}));

  const Image chart = readPng(chartPng);
  const json cl = layoutOf(chartJson);
  const json* weeks = widget(cl, "chart:Sessions per week");
  const json* quality = widget(cl, "chart:Quality per exercise");
  ASSERT_TRUE(weeks && quality);
  // Bars of sessions done in the first series colour (20, 110, 190): p01 exercised in two weeks
  // (two sessions, then one), so a good area of it; the quality chart draws its line in it too.
  EXPECT_GT(chart.count(*weeks, {20, 110, 190}), 3000);
  EXPECT_GT(chart.count(*quality, {20, 110, 190}), 300);
  // Nothing of that colour outside the charts' panels in the patient header's left margin.
  EXPECT_EQ(chart.at(4, 300), (std::array<int, 3>{243, 245, 248}));
}

TEST_F(ClinicConsole, DarkThemeAndAddingAPatient) {
  const auto png = dir_ / "dark.png";
  const Ran r = console(R"(click "Add patient"
set ID p04
set Name "Cleo Test"
set "Landing date" 2026-01-30
click Add
expect "Added p04"
)", "--theme dark --screenshot " + q(png));
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(std::filesystem::exists(data_ / "p04.lumbo.sqlite"));
  const std::string shown = lumbo("patient show p04 --db " + q(data_ / "p04.lumbo.sqlite"));
  EXPECT_NE(shown.find("name: Cleo Test"), std::string::npos) << shown;
  EXPECT_NE(shown.find("landing date: 2026-01-30"), std::string::npos) << shown;
  const Image dark = readPng(png);
  ASSERT_EQ(dark.width, 1280);
  EXPECT_EQ(dark.at(4, 790), (std::array<int, 3>{22, 26, 33}));
}

// Astronaut staging built in the form: a second stage that opens too early is refused on its
// field; once it opens on day 21 with the bridge, the saved program stages by days since landing.
TEST_F(ClinicConsole, AstronautStagesAreBuiltInTheForm) {
  lumbo("patient add p06 --landing-date 2026-01-20 --db " + q(data_ / "p06.lumbo.sqlite"));
  const Ran r = console(R"(click p06
click Program
set "Program ID" recondition
click "Astronaut staging by days since landing"
set "Stage name##s0" early
click "Add stage"
set "Stage name##s1" loading
set "From day##s1" 0
expect "Stage 2 (loading): From day: must be after the previous stage's"
expect-disabled "Save and assign"
set "From day##s1" 21
set "Goal##s1" "load in standing"
click "Add exercises here##s1"
click "Bridge with a level pelvis"
click "Add to program"
click "Save and assign"
expect "Assigned recondition version 1"
expect "Stage early"
)");
  ASSERT_EQ(r.code, 0) << r.out;
  auto db = store::SessionStore::open(data_ / "p06.lumbo.sqlite", {.create = false});
  ASSERT_TRUE(db) << db.error();
  const auto assignments = store::programAssignments(*db, "p06");
  ASSERT_EQ(assignments.size(), 1u);
  EXPECT_TRUE(assignments[0].staged);
  const auto saved = dir_.write("staged.json", assignments[0].content);
  const std::string shown = lumbo("program show " + q(saved));
  EXPECT_NE(shown.find("stage 'early' from day 0"), std::string::npos) << shown;
  EXPECT_NE(shown.find("stage 'loading' from day 21: load in standing"), std::string::npos) << shown;
  const auto loading = shown.find("stage 'loading'");
  EXPECT_NE(shown.find("bridge", loading), std::string::npos) << shown;
}

// The issue's whole path for a therapist who never sees a file: add a patient, import an
// assessment from recordings, take its proposal into the editor, assign it, and export FHIR.
TEST_F(ClinicConsole, FromNewPatientToAssignedProgramAndFhirExport) {
  const std::string d = LUMBO_TEST_DATA_DIR;
  const auto fhir = dir_ / "p05.fhir.json";
  const auto report = dir_ / "p05-report";
  const Ran r = console("click \"Add patient\"\nset ID p05\nset Name \"Dee New\"\nclick Add\nexpect \"Added p05\"\n"
                        "click p05\nclick Outcomes\n"
                        "set Recordings " + dq(d + "/m01_s01_deep_squat_incorrect.csv") + "\n"
                        "set Context pre-treatment\nclick \"Import assessment\"\nexpect \"Assessment stored as 'pre-treatment'\"\n"
                        "click \"Edit the proposed program\"\nexpect \"Editing a copy of the assessment's proposal\"\n"
                        "click \"Save and assign\"\nexpect \"version 1\"\n"
                        "click \"Notes and export\"\nset \"FHIR Bundle file\" " + dq(fhir) + "\nclick \"Export FHIR\"\n"
                        "expect \"FHIR Bundle written\"\n"
                        "set \"Report folder\" " + dq(report) + "\nclick \"Write report\"\nexpect \"Report written\"\n"
                        "click Notes\ntype \"knee pain on stairs\"\nclick \"Save notes\"\nexpect \"Notes saved\"\n");
  ASSERT_EQ(r.code, 0) << r.out;
  auto db = store::SessionStore::open(data_ / "p05.lumbo.sqlite", {.create = false});
  ASSERT_TRUE(db) << db.error();
  // The assessment is stored with its context, as `lumbo assess --context` stores it.
  const auto rom = store::Queries(*db).rangeOfMotion("p05");
  ASSERT_FALSE(rom.empty());
  for (const auto& v : rom) EXPECT_EQ(v.context, "pre-treatment");
  // The program in force is the proposal: it validates and names the exercise the squat's
  // findings point at.
  const auto assignments = store::programAssignments(*db, "p05");
  ASSERT_EQ(assignments.size(), 1u);
  const auto saved = dir_.write("proposal.json", assignments[0].content);
  EXPECT_NE(lumbo("program validate " + q(saved)).find("valid"), std::string::npos);
  // The export is a FHIR R4 Bundle holding the patient and the program as a CarePlan.
  const json bundle = json::parse(readFile(fhir));
  EXPECT_EQ(bundle["resourceType"], "Bundle");
  bool patient = false, carePlan = false;
  for (const json& e : bundle["entry"]) {
    patient = patient || e["resource"]["resourceType"] == "Patient";
    carePlan = carePlan || e["resource"]["resourceType"] == "CarePlan";
  }
  EXPECT_TRUE(patient);
  EXPECT_TRUE(carePlan);
  // The report is `lumbo report`'s, and the notes are the patient record's.
  EXPECT_TRUE(std::filesystem::exists(report / "report.html"));
  const std::string shown = lumbo("patient show p05 --db " + q(data_ / "p05.lumbo.sqlite"));
  EXPECT_NE(shown.find("notes: knee pain on stairs"), std::string::npos) << shown;
}

}  // namespace
}  // namespace lumbo
