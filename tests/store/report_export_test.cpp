// Queries, the report and the exports on a store filled from real recordings through the writer.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "store/export.h"
#include "store/queries.h"
#include "store/report.h"
#include "tests/store/store_fixture.h"

namespace lumbo::store {
namespace {

using lumbo::test::TempDir;
using test::fillProfile;
using test::kDayS;
using test::kMondayS;

std::string readFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

unsigned modeOf(const std::filesystem::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 0777u;
}

std::vector<std::vector<std::string>> readCsv(const std::filesystem::path& p) {
  // Enough CSV for our files: quoted fields may hold commas but no line breaks.
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(readFile(p));
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (quoted) {
        if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') field += '"', ++i;
        else if (c == '"') quoted = false;
        else field += c;
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.push_back(field);
        field.clear();
      } else {
        field += c;
      }
    }
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

class FilledStore : public ::testing::Test {
 protected:
  void SetUp() override { filled_ = fillProfile(db_); }
  SessionStore open() {
    auto s = SessionStore::open(db_, OpenOptions{false});
    EXPECT_TRUE(s) << s.error();
    return std::move(s).value();
  }
  TempDir dir_;
  std::filesystem::path db_ = dir_ / "p01.lumbo.sqlite";
  test::FilledProfile filled_;
};

TEST_F(FilledStore, RecordedSessionsHoldEveryRepetition) {
  auto store = open();
  ASSERT_EQ(filled_.repetitionsPerSession.size(), 6u);
  // The correct recording has ten squats (its metadata says so); the engine must find them.
  auto trace = readTrace(lumbo::test::testData("m01_s01_deep_squat_correct.csv"));
  ASSERT_TRUE(trace);
  EXPECT_EQ(filled_.repetitionsPerSession[0], trace->metadata.repetitions().value());
  auto& db = store.connection();
  int total = 0;
  for (int n : filled_.repetitionsPerSession) total += n;
  EXPECT_EQ(db.queryInt("SELECT count(*) FROM session WHERE status = 'completed' AND source = 'score'"), 6);
  EXPECT_EQ(db.queryInt("SELECT count(*) FROM repetition"), total);
  EXPECT_EQ(db.queryInt("SELECT count(*) FROM event WHERE kind = 'calibration'"), 6);
  EXPECT_GT(db.queryInt("SELECT count(*) FROM posture_sample"), 6 * 100);
  EXPECT_EQ(db.queryText("PRAGMA integrity_check"), "ok");
}

TEST_F(FilledStore, WeeklyAdherenceAgainstTheProgramInForce) {
  auto store = open();
  Queries q(store);
  const auto weeks = q.weeklyAdherence("p01");
  ASSERT_EQ(weeks.size(), 3u);
  EXPECT_EQ(weeks[0].weekStart, "2026-01-05");
  EXPECT_EQ(weeks[2].weekStart, "2026-01-19");
  EXPECT_EQ(weeks[0].sessionsDone, filled_.sessionsWeek1);
  EXPECT_EQ(weeks[1].sessionsDone, filled_.sessionsWeek2);
  EXPECT_EQ(weeks[2].sessionsDone, filled_.sessionsWeek3);
  EXPECT_EQ(weeks[0].sessionsPrescribed, 3);
  EXPECT_EQ(weeks[2].sessionsPrescribed, 4);  // version 2 from week 3
  EXPECT_EQ(weeks[0].repetitionsPrescribed, 30);
  EXPECT_EQ(weeks[0].repetitionsDone, filled_.repetitionsPerSession[0] + filled_.repetitionsPerSession[1]);
  EXPECT_NEAR(weeks[0].minutesDone, (filled_.durationsS[0] + filled_.durationsS[1]) / 60.0, 1e-6);
  EXPECT_NEAR(*weeks[0].minutesPrescribed, 30.0, 1e-9);
  const auto days = q.activityByDay("p01");
  ASSERT_EQ(days.size(), 6u);
  EXPECT_EQ(days[0].date, "2026-01-05");
}

TEST_F(FilledStore, QualityPainLevelsRangeOfMotionAndOswestry) {
  auto store = open();
  Queries q(store);
  const auto quality = q.qualityOverTime("p01");
  std::size_t k = 0;
  for (std::size_t i = 0; i < filled_.scoredPerSession.size(); ++i) {
    if (filled_.scoredPerSession[i] == 0) continue;  // a session with nothing scored has no point
    ASSERT_LT(k, quality.size());
    EXPECT_EQ(quality[k].exerciseId, "deep_squat");
    EXPECT_NEAR(quality[k].meanQuality, filled_.meanQuality[i], 1e-9);
    EXPECT_EQ(quality[k].count, filled_.scoredPerSession[i]);
    EXPECT_DOUBLE_EQ(quality[k].unixS, filled_.startsUnixS[i]);
    ++k;
  }
  EXPECT_EQ(k, quality.size());
  EXPECT_GE(k, 3u);
  const auto pain = q.painTrend("p01");
  ASSERT_EQ(pain.size(), 12u);
  EXPECT_EQ(pain[0].phase, "before");
  EXPECT_EQ(pain[0].score, 6);
  EXPECT_EQ(pain[1].phase, "after");
  EXPECT_EQ(pain[1].score, 5);
  const auto levels = q.levelChanges("p01");
  ASSERT_EQ(levels.size(), 1u);
  EXPECT_EQ(levels[0].fromLevel, 1);
  EXPECT_EQ(levels[0].toLevel, 2);
  EXPECT_EQ(levels[0].reason, "quality above 80 in 3 sessions");
  const auto rom = q.rangeOfMotion("p01");
  ASSERT_EQ(rom.size(), 4u);
  const auto odi = q.oswestry("p01");
  ASSERT_EQ(odi.size(), 2u);
  EXPECT_DOUBLE_EQ(*odi[0].percent, 44.0);  // 22 of 50
  EXPECT_DOUBLE_EQ(*odi[1].percent, 22.0);  // 11 of 50
  const auto reps = q.repetitions(*q.lastSessionId("p01"));
  EXPECT_EQ(static_cast<int>(reps.size()), filled_.repetitionsPerSession.back());
}

TEST_F(FilledStore, BeforeAfterComparisonByContextAndByDates) {
  auto store = open();
  Queries q(store);
  auto find = [](const std::vector<Comparison>& c, const std::string& m) {
    for (const auto& x : c) if (x.measure == m) return x;
    ADD_FAILURE() << "no measure " << m;
    return Comparison{};
  };
  const auto byContext = q.compare("p01", *Period::parse("pre-flight"), *Period::parse("post-flight"));
  const auto rom = find(byContext, "lumbar_flexion_rom_deg");
  EXPECT_DOUBLE_EQ(*rom.meanBefore, 42.0);
  EXPECT_DOUBLE_EQ(*rom.meanAfter, 51.0);
  EXPECT_DOUBLE_EQ(*rom.change(), 9.0);
  const auto painBefore = find(byContext, "pain before");
  EXPECT_EQ(painBefore.countBefore, 2);  // sessions 0 and 1
  EXPECT_DOUBLE_EQ(*painBefore.meanBefore, 5.5);
  EXPECT_EQ(painBefore.countAfter, 1);  // session 5
  EXPECT_DOUBLE_EQ(*painBefore.meanAfter, 1.0);
  const auto byDates = q.compare("p01", *Period::parse("2026-01-05..2026-01-11"), *Period::parse("2026-01-19..2026-01-25"));
  const auto odi = find(byDates, "oswestry disability index");
  EXPECT_DOUBLE_EQ(*odi.meanBefore, 44.0);
  EXPECT_DOUBLE_EQ(*odi.meanAfter, 22.0);
  EXPECT_EQ(find(byDates, "quality deep_squat").countBefore, 2);
  EXPECT_FALSE(Period::parse("2026-02-30..2026-03-01"));
  EXPECT_FALSE(Period::parse("2026-03-02..2026-03-01"));
}

TEST_F(FilledStore, ReportIsSelfContainedAndItsCsvMatchesTheStore) {
  auto store = open();
  int steps = 0;
  ReportOptions options{"p01", dir_ / "report", [&](int, int, std::string_view) { ++steps; }, kMondayS + 30 * kDayS};
  auto written = writeReport(store, options);
  ASSERT_TRUE(written) << written.error();
  EXPECT_EQ(steps, 8);
  for (const auto& p : *written) EXPECT_EQ(modeOf(p), 0600u) << p;
  const std::string html = readFile(dir_ / "report" / "report.html");
  // Six chart kinds: calendar, quality, pain, ODI, range of motion (two units), last session bars.
  std::size_t svgs = 0;
  for (auto pos = html.find("<svg"); pos != std::string::npos; pos = html.find("<svg", pos + 1)) ++svgs;
  EXPECT_EQ(svgs, 7u);
  EXPECT_NE(html.find("Oswestry Disability Index</title>"), std::string::npos);
  // The fixture's contexts in time order: pre-flight first, post-flight last.
  EXPECT_NE(html.find("<h2>pre-flight and post-flight</h2>"), std::string::npos);
  // The pain chart's ticks are whole steps of 2 on 0-10, each label at its own value.
  EXPECT_NE(html.find(">8</text>"), std::string::npos);
  EXPECT_EQ(html.find(">7.5</text>"), std::string::npos);
  EXPECT_EQ(html.find(">-0</text>"), std::string::npos);
  EXPECT_NE(html.find("Sessions per day"), std::string::npos);
  EXPECT_NE(html.find("Alignment quality per exercise"), std::string::npos);
  EXPECT_NE(html.find("Range of motion (deg)"), std::string::npos);
  // Readable offline: nothing is fetched from anywhere.
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
  EXPECT_EQ(std::regex_search(html, std::regex("url\\(")), false);
  EXPECT_EQ(html.find("Ada"), std::string::npos);

  auto& db = store.connection();
  const auto quality = readCsv(dir_ / "report" / "quality.csv");
  ASSERT_EQ(static_cast<std::int64_t>(quality.size()), 1 + db.queryInt("SELECT count(DISTINCT session_id) FROM repetition WHERE quality IS NOT NULL"));
  auto avg = db.prepare("SELECT avg(quality) FROM repetition r JOIN session s ON s.id = r.session_id WHERE s.id = ?");
  for (std::size_t i = 1; i < quality.size(); ++i) {
    avg.bind(1, static_cast<std::int64_t>(std::stoll(quality[i][1])));
    ASSERT_TRUE(avg.step());
    EXPECT_NEAR(std::stod(quality[i][3]), avg.getDouble(0), 0.05);
    avg.reset();
  }
  const auto reps = readCsv(dir_ / "report" / "last_session_repetitions.csv");
  const auto lastId = db.queryInt("SELECT max(id) FROM session");
  EXPECT_EQ(static_cast<std::int64_t>(reps.size()) - 1,
            db.queryInt("SELECT count(*) FROM repetition WHERE session_id = " + std::to_string(lastId)));
  const auto pain = readCsv(dir_ / "report" / "pain.csv");
  EXPECT_EQ(static_cast<std::int64_t>(pain.size()) - 1, db.queryInt("SELECT count(*) FROM pain"));
  const auto weekly = readCsv(dir_ / "report" / "adherence_weekly.csv");
  ASSERT_EQ(weekly.size(), 4u);
  EXPECT_EQ(weekly[2][1], "3");  // week 2: three sessions done
  for (const auto& entry : std::filesystem::directory_iterator(dir_ / "report")) {
    EXPECT_EQ(entry.path().string().find(".partial"), std::string::npos) << entry.path();
  }
}

TEST(Report, ShowsANameOnlyWhenEntered) {
  TempDir dir;
  fillProfile(dir / "db.sqlite", true);
  auto store = SessionStore::open(dir / "db.sqlite");
  ASSERT_TRUE(store);
  ASSERT_TRUE(writeReport(*store, ReportOptions{"p01", dir / "r", {}, 0.0}));
  EXPECT_NE(readFile(dir / "r" / "report.html").find("Ada Example"), std::string::npos);
  EXPECT_FALSE(writeReport(*store, ReportOptions{"nobody", dir / "r2", {}, 0.0}));
}

TEST_F(FilledStore, FhirBundleCarriesCodedObservations) {
  auto store = open();
  const auto out = dir_ / "exports" / "p01.fhir.json";
  ASSERT_TRUE(exportPerson(store, {"p01", ExportFormat::Fhir, out, false, 0.0}));
  EXPECT_EQ(modeOf(out), 0600u);
  const auto bundle = nlohmann::json::parse(readFile(out));
  EXPECT_EQ(bundle["resourceType"], "Bundle");
  EXPECT_EQ(bundle["type"], "collection");
  const auto& entries = bundle["entry"];
  ASSERT_GT(entries.size(), 1u);
  EXPECT_EQ(entries[0]["resource"]["resourceType"], "Patient");
  EXPECT_EQ(entries[0]["resource"]["identifier"][0]["value"], "p01");
  const std::string patient = entries[0]["fullUrl"];
  const std::regex uuid("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::map<std::string, int> codes;
  std::set<std::string> urls;
  for (const auto& e : entries) {
    EXPECT_TRUE(std::regex_match(e["fullUrl"].get<std::string>(), uuid)) << e["fullUrl"];
    urls.insert(e["fullUrl"].get<std::string>());
    const auto& r = e["resource"];
    if (r["resourceType"] != "Observation") continue;
    EXPECT_EQ(r["status"], "final");
    EXPECT_EQ(r["subject"]["reference"], patient);
    EXPECT_TRUE(r.contains("effectiveDateTime") || r.contains("effectivePeriod"));
    const auto& coding = r["code"]["coding"][0];
    codes[coding["system"].get<std::string>() + "|" + coding["code"].get<std::string>()] += 1;
    if (coding["code"] == "72514-3") {
      EXPECT_EQ(coding["system"], "http://loinc.org");
      EXPECT_EQ(coding["display"], "Pain severity - 0-10 verbal numeric rating [Score] - Reported");
      EXPECT_GE(r["valueInteger"].get<int>(), 0);
      EXPECT_LE(r["valueInteger"].get<int>(), 10);
    }
    if (coding["code"] == "97909-6") {
      EXPECT_EQ(r["valueQuantity"]["code"], "%");
    }
  }
  EXPECT_EQ(urls.size(), entries.size());
  EXPECT_EQ(codes["http://loinc.org|72514-3"], 12);
  EXPECT_EQ(codes["http://loinc.org|97909-6"], 2);
  const std::string local(kLumboCodeSystem);
  EXPECT_EQ(codes[local + "|alignment-quality"],
            store.connection().queryInt("SELECT count(DISTINCT session_id) FROM repetition WHERE quality IS NOT NULL"));
  EXPECT_EQ(codes[local + "|adherence-sessions-weekly"], 3);
  EXPECT_EQ(codes[local + "|rom-lumbar_flexion_rom_deg"], 2);
}

TEST(Export, DeidentifyStripsTheNameFromEveryFormat) {
  TempDir dir;
  fillProfile(dir / "db.sqlite", true);
  auto store = SessionStore::open(dir / "db.sqlite");
  ASSERT_TRUE(store);
  for (auto format : {ExportFormat::Csv, ExportFormat::Json, ExportFormat::Fhir}) {
    const auto named = dir / "named.out";
    const auto plain = dir / "plain.out";
    ASSERT_TRUE(exportPerson(*store, {"p01", format, named, false, 0.0}));
    ASSERT_TRUE(exportPerson(*store, {"p01", format, plain, true, 0.0}));
    EXPECT_NE(readFile(named).find("Ada Example"), std::string::npos);
    const std::string text = readFile(plain);
    EXPECT_EQ(text.find("Ada"), std::string::npos);
    EXPECT_EQ(text.find("p01"), std::string::npos);
    EXPECT_EQ(text.find("pre-flight"), std::string::npos);
    EXPECT_NE(text.find("deidentified"), std::string::npos);
    EXPECT_EQ(modeOf(plain), 0600u);
  }
}

TEST_F(FilledStore, CsvAndJsonExportsMatchTheStore) {
  auto store = open();
  auto& db = store.connection();
  ASSERT_TRUE(exportPerson(store, {"p01", ExportFormat::Csv, dir_ / "p01.csv", false, 0.0}));
  const auto rows = readCsv(dir_ / "p01.csv");
  std::map<std::string, int> kinds;
  for (std::size_t i = 1; i < rows.size(); ++i) kinds[rows[i][0]] += 1;
  EXPECT_EQ(kinds["repetition"], db.queryInt("SELECT count(*) FROM repetition"));
  EXPECT_EQ(kinds["session"], 6);
  EXPECT_EQ(kinds["pain"], 12);
  EXPECT_EQ(kinds["assessment"], 4);
  EXPECT_EQ(kinds["level_change"], 1);
  EXPECT_EQ(kinds.count("person"), 0u);  // no name was entered

  ASSERT_TRUE(exportPerson(store, {"p01", ExportFormat::Json, dir_ / "p01.json", false, 0.0}));
  const auto doc = nlohmann::json::parse(readFile(dir_ / "p01.json"));
  EXPECT_EQ(doc["format"], "lumbo-export");
  ASSERT_EQ(doc["sessions"].size(), 6u);
  std::size_t reps = 0;
  for (const auto& s : doc["sessions"]) reps += s["repetitions"].size();
  EXPECT_EQ(static_cast<std::int64_t>(reps), db.queryInt("SELECT count(*) FROM repetition"));
  EXPECT_FALSE(doc["person"].contains("display_name"));
}

}  // namespace
}  // namespace lumbo::store
