// `lumbo score ... --person ID --db DB`: a scored recording becomes a session in the store,
// through the same writer as a live session, with every repetition the scoring counted.
#include <gtest/gtest.h>

#include <fstream>

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

TEST(ScoreRecording, DatabaseWithoutPersonIsAUsageError) {
  test::TempDir dir;
  const std::vector<std::string> args = {test::testData("m01_s01_deep_squat_correct.csv").string(), "--exercise",
                                         "deep_squat", "--db", (dir / "x.db").string()};
  EXPECT_THROW(runScore(args), UsageError);
  EXPECT_FALSE(std::filesystem::exists(dir / "x.db"));
}

}  // namespace
}  // namespace lumbo::app
