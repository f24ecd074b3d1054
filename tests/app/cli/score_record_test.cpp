// `lumbo score ... --person ID --db DB`: a scored recording becomes a session in the store,
// through the same writer as a live session, with every repetition the scoring counted.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "store/session_store.h"
#include "tests/test_support.h"

namespace lumbo::app {
namespace {

TEST(ScoreRecording, WritesTheScoredSessionToTheStore) {
  test::TempDir dir;
  const std::string trace = test::testData("m01_s01_deep_squat_incorrect.csv").string();
  const std::vector<std::string> args = {trace, "--exercise", "deep_squat", "--json", (dir / "r.json").string(),
                                         "--person", "p07", "--db", (dir / "p07.db").string(), "--context", "pre-flight"};
  ASSERT_EQ(runScore(args), 0);
  // The JSON report says how many repetitions were counted; the store must hold exactly those.
  std::ifstream in(dir / "r.json");
  const std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto at = json.find("\"repetitions\":");
  ASSERT_NE(at, std::string::npos) << json;
  const int counted = std::stoi(json.substr(at + 14));
  ASSERT_GT(counted, 5);

  auto store = store::SessionStore::open(dir / "p07.db", {.create = false});
  ASSERT_TRUE(store.ok()) << store.error();
  auto& db = store->connection();
  EXPECT_EQ(db.queryInt("SELECT COUNT(*) FROM repetition"), counted);
  EXPECT_EQ(db.queryText("SELECT source FROM session"), "score");
  EXPECT_EQ(db.queryText("SELECT status FROM session"), "completed");
  EXPECT_EQ(db.queryInt("SELECT COUNT(*) FROM session WHERE person_id = 'p07'"), 1);
  EXPECT_GT(db.queryInt("SELECT COUNT(*) FROM posture_sample"), 100);  // 10 Hz over ~25 s
}

std::string readAll(const std::filesystem::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Each recorded session keeps the bands it was scored with, as its JSON said: the population's
// before the person has a reference, the person's own after one is set, and the report says so.
TEST(ScoreRecording, EachSessionKeepsTheBandsItWasScoredWith) {
  test::TempDir dir;
  const std::string db = (dir / "p07.db").string();
  const std::string trace = test::testData("m01_s01_deep_squat_incorrect.csv").string();
  auto scoreFor = [&](const std::string& json) {
    const std::vector<std::string> args = {trace, "--exercise", "deep_squat", "--json", json, "--person", "p07", "--db", db};
    return runScore(args);
  };
  ASSERT_EQ(scoreFor((dir / "before.json").string()), 0);
  const std::vector<std::string> set = {"set", "--person", "p07", "--exercise", "deep_squat",
                                        test::testData("m01_s01_deep_squat_correct.csv").string(), "--db", db};
  ASSERT_EQ(runReference(set), 0);
  ASSERT_EQ(scoreFor((dir / "after.json").string()), 0);

  const nlohmann::json before = nlohmann::json::parse(readAll(dir / "before.json"));
  const nlohmann::json after = nlohmann::json::parse(readAll(dir / "after.json"));
  ASSERT_NE(before["bands"]["source"], after["bands"]["source"]);
  {
    auto store = store::SessionStore::open(db, {.create = false});
    ASSERT_TRUE(store.ok()) << store.error();
    auto& c = store->connection();
    ASSERT_EQ(c.queryInt("SELECT count(*) FROM session"), 2);
    ASSERT_EQ(c.queryInt("SELECT count(*) FROM session_bands"), 2);
    // A column of the deep squat's bands of the first (0) or second (1) session.
    auto column = [&](const std::string& name, int offset) {
      return c.queryText("SELECT " + name + " FROM session_bands b JOIN session s ON s.id = b.session_id " +
                         "WHERE b.exercise_id = 'deep_squat' ORDER BY s.id LIMIT 1 OFFSET " + std::to_string(offset));
    };
    EXPECT_EQ(column("b.source", 0), before["bands"]["source"].get<std::string>());
    EXPECT_EQ(column("b.source", 1), after["bands"]["source"].get<std::string>());
    EXPECT_EQ(nlohmann::json::parse(column("b.bands_json", 0)), before["bands"]);
    EXPECT_EQ(nlohmann::json::parse(column("b.bands_json", 1)), after["bands"]);
    EXPECT_EQ(column("b.source", 0).rfind("population bands of deep_squat.json", 0), 0u) << column("b.source", 0);
    EXPECT_EQ(column("b.source", 1).rfind("personal reference of p07", 0), 0u) << column("b.source", 1);
  }
  const std::vector<std::string> report = {"--person", "p07", "--db", db, "--out", (dir / "report").string()};
  ASSERT_EQ(runReport(report), 0);
  const std::string html = readAll(dir / "report" / "report.html");
  EXPECT_NE(html.find("Scored against:</p><ul><li>deep_squat: personal reference of p07"), std::string::npos);
}

TEST(ScoreRecording, DatabaseWithoutPersonIsAUsageError) {
  test::TempDir dir;
  const std::vector<std::string> args = {test::testData("m01_s01_deep_squat_correct.csv").string(), "--exercise",
                                         "deep_squat", "--db", (dir / "x.db").string()};
  EXPECT_THROW(runScore(args), UsageError);
  EXPECT_FALSE(std::filesystem::exists(dir / "x.db"));
}

}  // namespace
}  // namespace lumbo::app
