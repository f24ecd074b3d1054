// The bundled exercise library loads and is complete; malformed files are rejected with the file
// and the field named.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "exercises/exercise.h"
#include "tests/test_support.h"

namespace lumbo {
namespace {

const std::filesystem::path kLibrary = std::filesystem::path(LUMBO_SOURCE_DIR) / "assets/exercises";

TEST(ExerciseLibrary, EveryBundledFileLoadsAndTheIssueListIsThere) {
  auto lib = loadExerciseLibrary(kLibrary);
  ASSERT_TRUE(lib.ok()) << lib.error();
  EXPECT_GE(lib->size(), 16u);
  for (const char* id : {"deep_squat", "hurdle_step", "inline_lunge", "side_lunge", "sit_to_stand",
                         "standing_straight_leg_raise", "pelvic_tilt_control", "standing_neutral_hold",
                         "waiters_bow", "bridge", "bird_dog", "abdominal_drawing_in", "dead_bug", "side_plank",
                         "single_leg_stance", "trunk_rotation_control", "lateral_bending_control",
                         "pallof_press", "banded_diagonal"}) {
    EXPECT_TRUE(std::any_of(lib->begin(), lib->end(), [&](const Exercise& e) { return e.id == id; })) << id;
  }
  for (const Exercise& e : *lib) {
    EXPECT_GT(e.rationale.size(), 80u) << e.id << ": the rationale should explain the exercise";
    EXPECT_TRUE(e.trackers.test(index(Device::Pelvis))) << e.id << ": lumbo-pelvic scoring needs the pelvis";
    EXPECT_FALSE(e.levels.empty()) << e.id;
    // Levels go from easier to harder: tolerance never widens as the level rises.
    for (std::size_t i = 1; i < e.levels.size(); ++i) {
      EXPECT_LE(e.levels[i].toleranceScale, e.levels[i - 1].toleranceScale) << e.id << " level " << i + 1;
    }
  }
}

TEST(ExerciseLibrary, FindsAnExerciseById) {
  auto lib = loadExerciseLibrary(kLibrary);
  ASSERT_TRUE(lib.ok()) << lib.error();
  const Exercise* bridge = findExercise(*lib, "bridge");
  ASSERT_NE(bridge, nullptr);
  EXPECT_EQ(bridge->id, "bridge");
  EXPECT_EQ(findExercise(*lib, "no_such_exercise"), nullptr);
  EXPECT_EQ(findExercise({}, "bridge"), nullptr);
}

TEST(ExerciseLibrary, FileNameMatchesId) {
  for (const auto& entry : std::filesystem::directory_iterator(kLibrary)) {
    auto e = loadExercise(entry.path());
    ASSERT_TRUE(e.ok()) << e.error();
    EXPECT_EQ(entry.path().stem().string(), e->id);
  }
}

// A small valid exercise the malformed cases below break one field at a time.
std::string validText() {
  return R"({
  "id": "mini", "name": "Mini", "rationale": "Because.", "instructions": ["Move."],
  "starting_position": "standing", "kind": "repetitions", "trackers": ["pelvis"],
  "driver": {"signals": ["pelvis_height_m"], "mode": "decrease", "start_excursion": 0.05},
  "phases": [
    {"name": "stand", "role": "rest"},
    {"name": "down", "role": "out", "targets": [
      {"signal": "lumbar_flexion_deg", "max": 10, "fault": "lumbar flexion beyond neutral", "cue": "Long back"}]},
    {"name": "up", "role": "back"}],
  "levels": [{"name": "one", "repetitions": 5, "sets": 1}]
})";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

void expectRejected(const std::string& text, const std::string& expectedInMessage) {
  auto e = parseExercise(text, "mini.json");
  ASSERT_FALSE(e.ok()) << "accepted, expected: " << expectedInMessage;
  EXPECT_NE(e.error().find("mini.json: "), std::string::npos) << e.error();
  EXPECT_NE(e.error().find(expectedInMessage), std::string::npos) << e.error();
}

TEST(ExerciseParse, ValidTextParses) {
  auto e = parseExercise(validText(), "mini.json");
  ASSERT_TRUE(e.ok()) << e.error();
  EXPECT_EQ(e->phases.size(), 3u);
  EXPECT_EQ(e->phases[1].targets[0].band.max, 10.0);
  EXPECT_EQ(e->driver.mode, DriverMode::Decrease);
}

TEST(ExerciseParse, PropsNameKnownFurniture) {
  auto e = parseExercise(replaced(validText(), "\"kind\"", "\"props\": [\"chair\"], \"kind\""), "mini.json");
  ASSERT_TRUE(e.ok()) << e.error();
  EXPECT_EQ(e->props, std::vector<std::string>{"chair"});
  expectRejected(replaced(validText(), "\"kind\"", "\"props\": [\"sofa\"], \"kind\""), "/props/0: unknown prop 'sofa'");
  expectRejected(replaced(validText(), "\"kind\"", "\"props\": \"chair\", \"kind\""), "/props");
  // The bundled sit to stand uses a chair; a deep squat none.
  auto sts = loadExercise(defaultExerciseFolder() / "sit_to_stand.json");
  ASSERT_TRUE(sts.ok()) << sts.error();
  EXPECT_EQ(sts->props, std::vector<std::string>{"chair"});
  auto squat = loadExercise(defaultExerciseFolder() / "deep_squat.json");
  ASSERT_TRUE(squat.ok());
  EXPECT_TRUE(squat->props.empty());
}

TEST(ExerciseParse, MalformedFilesNameTheField) {
  expectRejected("{ \"id\": ", "not valid JSON");
  expectRejected(replaced(validText(), "\"lumbar_flexion_deg\"", "\"lumbar_flex\""),
                 "/phases/1/targets/0/signal: unknown signal 'lumbar_flex'");
  expectRejected(replaced(validText(), "\"max\": 10", "\"max\": \"ten\""), "/phases/1/targets/0/max: expected a number");
  expectRejected(replaced(validText(), "\"max\": 10", "\"max\": -5"), "/phases/1/targets/0: the band must contain 0");
  expectRejected(replaced(validText(), "\"name\": \"Mini\", ", ""), ": missing required field 'name'");
  expectRejected(replaced(validText(), "\"standing\"", "\"floating\""), "/starting_position: unknown value 'floating'");
  expectRejected(replaced(validText(), "[\"pelvis\"]", "[\"tail\"]"), "/trackers/0: unknown device 'tail'");
  expectRejected(replaced(validText(), "\"role\": \"back\"", "\"role\": \"out\""), "/phases: a repetition exercise has phases");
  expectRejected(replaced(validText(), "\"repetitions\": 5", "\"repetitions\": 0"), "/levels/0/repetitions: must be between 1 and 200");
  expectRejected(replaced(validText(), "\"sets\": 1", "\"sets\": 1, \"hold\": 3"), "/levels/0/hold: unknown field");
  expectRejected(replaced(validText(), "\"role\": \"rest\"}", "\"role\": \"rest\", \"hold_s\": 2}"),
                 "/phases/0/hold_s: only a phase with role 'hold'");
  expectRejected(replaced(validText(), "\"start_excursion\": 0.05", "\"start_excursion\": 0.05, \"range_points_per_unit\": 5"),
                 "/driver/range_points_per_unit: needs a target_excursion");
  expectRejected(replaced(validText(), "\"levels\": [{\"name\": \"one\", \"repetitions\": 5, \"sets\": 1}]", "\"levels\": []"),
                 "/levels: needs at least one level");
}

TEST(ExerciseParse, LibraryRejectsARepeatedIdAndNamesTheFile) {
  test::TempDir dir;
  dir.write("a.json", validText());
  const auto second = dir.write("b.json", validText());
  auto lib = loadExerciseLibrary(dir.path());
  ASSERT_FALSE(lib.ok());
  EXPECT_NE(lib.error().find(second.string()), std::string::npos) << lib.error();
  EXPECT_NE(lib.error().find("/id: 'mini' is already used"), std::string::npos) << lib.error();
}

TEST(ExerciseParse, MissingFileIsAnError) {
  auto e = loadExercise("/nonexistent/x.json");
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().find("/nonexistent/x.json"), std::string::npos);
}

}  // namespace
}  // namespace lumbo
