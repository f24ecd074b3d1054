// Output paths against inputs (through links), stores and existing files; person ids as file names.
#include <gtest/gtest.h>

#include <unistd.h>

#include "store/output_guard.h"
#include "store/session_store.h"
#include "tests/test_support.h"

namespace lumbo::store {
namespace {

TEST(OutputGuard, RefusesAnInputWhateverNameReachesIt) {
  test::TempDir dir;
  const auto input = dir.write("r.csv", "t,x\n0,1\n");
  ASSERT_EQ(::link(input.c_str(), (dir / "hard.csv").c_str()), 0);
  std::filesystem::create_symlink(input, dir / "soft.csv");
  const std::vector<std::filesystem::path> inputs{input};
  for (const char* name : {"r.csv", "hard.csv", "soft.csv"}) {
    const Status st = checkOutput(dir / name, {inputs, true});
    ASSERT_FALSE(st.ok()) << name;
    EXPECT_NE(st.error().find("is the input"), std::string::npos) << st.error();
  }
}

TEST(OutputGuard, RefusesAStoreAndAnExistingFileWithoutForce) {
  test::TempDir dir;
  { auto s = SessionStore::open(dir / "p.sqlite"); ASSERT_TRUE(s.ok()) << s.error(); }
  const Status store = checkOutput(dir / "p.sqlite", {{}, true});
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().find("session store"), std::string::npos);
  const auto old = dir.write("old.csv", "x");
  EXPECT_FALSE(checkOutput(old, {{}, false}).ok());
  EXPECT_TRUE(checkOutput(old, {{}, true}).ok());
  EXPECT_TRUE(checkOutput(dir / "new.csv", {{}, false}).ok());
}

TEST(PersonId, OnlyNamesThatStayAFileInTheDataFolder) {
  for (const char* good : {"p01", "anna.k", "crew-7_b"}) EXPECT_TRUE(checkPersonId(good).ok()) << good;
  for (const char* bad : {"", "../../escaped", "a/b", ".hidden", "a b", "é"}) EXPECT_FALSE(checkPersonId(bad).ok()) << bad;
  EXPECT_TRUE(checkPersonId(std::string(64, 'a')).ok());
  EXPECT_FALSE(checkPersonId(std::string(65, 'a')).ok());
}

}  // namespace
}  // namespace lumbo::store
