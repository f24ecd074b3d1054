// `lumbo report` and `lumbo export` run as a user would, on a store filled from scored recordings.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/store/store_fixture.h"

namespace lumbo::store {
namespace {

int run(const std::string& args) {
  const std::string command = std::string(LUMBO_EXE) + " " + args + " >/dev/null 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string readFile(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(StoreCli, ReportAndExportsFromAFilledStore) {
  lumbo::test::TempDir dir;
  const auto db = dir / "p01.lumbo.sqlite";
  test::fillProfile(db, true);
  ASSERT_EQ(run("report --db " + db.string() + " --person p01 --out " + (dir / "report").string()), 0);
  const std::string html = readFile(dir / "report" / "report.html");
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("Ada Example"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(dir / "report" / "quality.csv"));

  const auto fhir = dir / "out" / "p01.fhir.json";
  ASSERT_EQ(run("export --db " + db.string() + " --person p01 --format fhir --deidentify --out " + fhir.string()), 0);
  struct stat st {};
  ASSERT_EQ(::stat(fhir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777u, 0600u);
  const std::string text = readFile(fhir);
  EXPECT_EQ(text.find("Ada"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(text)["resourceType"], "Bundle");

  EXPECT_EQ(run("export --db " + db.string() + " --person nobody --format csv --out " + (dir / "x.csv").string()), 1);
  EXPECT_EQ(run("report --db " + (dir / "missing.sqlite").string() + " --person p01 --out " + (dir / "r").string()), 1);
  EXPECT_FALSE(std::filesystem::exists(dir / "missing.sqlite"));
}

}  // namespace
}  // namespace lumbo::store
