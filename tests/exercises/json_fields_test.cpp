// The loaders' shared JSON handling: every failure names the file, then the field.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "exercises/json_fields.h"

namespace lumbo::json_fields {
namespace {

int parseAnswer(const json& j) {
  object(j, "");
  return integerIn(field(j, "", "answer"), "/answer", 0, 100);
}

TEST(JsonFields, BuildsTheValueFromGoodText) {
  auto r = parseJson<int>(R"({"answer": 42})", "a.json", parseAnswer);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(*r, 42);
}

TEST(JsonFields, BadSyntaxNamesTheFile) {
  auto r = parseJson<int>(R"({"answer": )", "dir/a.json", parseAnswer);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().rfind("dir/a.json: not valid JSON: ", 0), 0u) << r.error();
}

TEST(JsonFields, BadFieldNamesTheFileAndTheField) {
  auto r = parseJson<int>(R"({"answer": 420})", "a.json", parseAnswer);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "a.json: /answer: must be between 0 and 100, found 420");
}

TEST(JsonFields, ANumberTooLargeNamesTheFileAndTheField) {
  // The library's own message ("number overflow parsing '1e400'") named neither.
  Result<int> r = Error{"not run"};
  EXPECT_NO_THROW(r = parseJson<int>(R"({"other": 1, "answer": 1e400})", "dir/a.json", parseAnswer));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().rfind("dir/a.json: field 'answer': number out of range", 0), 0u) << r.error();
}

TEST(JsonFields, AWrongTypeMissedByABuilderIsAnErrorNotAnException) {
  auto careless = [](const json& j) { return j.at("answer").get<int>(); };
  Result<int> r = Error{"not run"};
  EXPECT_NO_THROW(r = parseJson<int>(R"({"answer": "forty-two"})", "a.json", careless));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().rfind("a.json: ", 0), 0u) << r.error();
}

TEST(JsonFields, ReadsAWholeFileOrNamesTheMissingOne) {
  const auto path = std::filesystem::temp_directory_path() / "lumbo_json_fields_test.json";
  {
    std::ofstream out(path, std::ios::binary);
    out << "{\n  \"answer\": 7\n}\n";
  }
  auto text = readTextFile(path);
  ASSERT_TRUE(text.ok()) << text.error();
  EXPECT_EQ(*text, "{\n  \"answer\": 7\n}\n");
  std::filesystem::remove(path);
  auto missing = readTextFile(path);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error(), path.string() + ": cannot open the file");
}

}  // namespace
}  // namespace lumbo::json_fields
