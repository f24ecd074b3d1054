// Every file loader fed seeded mutations of the bundled inputs (trace CSVs, exercises, programs,
// a calibration file, a simulated-runtime configuration) for a bounded time: each must return a
// result, never throw and never crash. A failure prints the seed and the mutated text's file.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>

#include "body/calibration.h"
#include "body/trace.h"
#include "exercises/exercise.h"
#include "exercises/program.h"
#include "simruntime/device/sim_config.h"
#include "tests/test_support.h"

namespace lumbo {
namespace {

// Per loader: bounded in time for CI, and in count so a fast machine does not run for nothing.
constexpr double kBudgetS = 2.0;
constexpr int kMaxMutations = 4000;

std::string readAll(const std::filesystem::path& p, std::size_t maxLines = 0) {
  std::ifstream in(p, std::ios::binary);
  if (maxLines == 0) {
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::string text, line;
  for (std::size_t i = 0; i < maxLines && std::getline(in, line); ++i) text += line + "\n";
  return text;
}

// Text a careless editor, a full disk or a hostile file would produce.
const char* const kTokens[] = {"1e400", "-1e400", "nan", "inf", "-0", "", ":", ": ", ",", ",,", "\n", "\r\n",
                               "{", "}", "[", "]", "\"", "null", "true", "99999999999999999999", "-1",
                               "0x10", "position: ", "\xff\xfe", std::string_view("\0", 1).data(), "#", " "};

std::string mutate(std::string text, std::mt19937& rng) {
  auto pick = [&](std::size_t n) { return n == 0 ? std::size_t{0} : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  const int edits = 1 + static_cast<int>(pick(4));
  for (int e = 0; e < edits; ++e) {
    const std::size_t at = pick(text.size() + 1);
    switch (pick(7)) {
      case 0:
        if (!text.empty()) text[pick(text.size())] = static_cast<char>(pick(256));
        break;
      case 1: text.erase(at, pick(40)); break;
      case 2: text.insert(at, kTokens[pick(std::size(kTokens))]); break;
      case 3: text.resize(at); break;
      case 4: {
        const std::size_t from = pick(text.size() + 1);
        text.insert(at, text.substr(from, pick(60)));
        break;
      }
      case 5: {  // replace a number-ish run with an extreme one
        const std::size_t digit = text.find_first_of("0123456789", at);
        if (digit != std::string::npos) text.replace(digit, 1, kTokens[pick(3)]);
        break;
      }
      default: {  // drop whatever follows a separator on this line
        const std::size_t sep = text.find_first_of(":,", at);
        if (sep != std::string::npos) text.erase(sep + 1, text.find('\n', sep) - sep - 1);
        break;
      }
    }
  }
  return text;
}

// Runs `load` on mutations of each base text; counts exceptions (a crash fails the whole test).
void mutateAndLoad(const std::string& name, const std::vector<std::string>& bases, const std::string& fileName,
                   const std::function<bool(const std::filesystem::path&)>& load) {
  test::TempDir dir;
  const auto path = dir / fileName;
  std::mt19937 rng(0x1ab0 + static_cast<unsigned>(std::hash<std::string>{}(name) & 0xffff));
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(kBudgetS);
  int runs = 0, refused = 0, exceptions = 0;
  std::string firstException;
  while (runs < kMaxMutations && std::chrono::steady_clock::now() < end) {
    const std::string text = mutate(bases[static_cast<std::size_t>(runs) % bases.size()], rng);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    try {
      if (!load(path)) ++refused;
    } catch (const std::exception& e) {
      if (exceptions++ == 0) {
        firstException = e.what();
        std::ofstream(dir.path().parent_path() / ("lumbo-mutation-" + name + ".txt"), std::ios::binary) << text;
      }
    }
    ++runs;
  }
  EXPECT_EQ(exceptions, 0) << name << ": " << exceptions << " of " << runs << " mutations threw, first: " << firstException
                           << " (input kept in " << (dir.path().parent_path() / ("lumbo-mutation-" + name + ".txt")) << ")";
  EXPECT_GT(runs, 50) << name;
  EXPECT_GT(refused, 0) << name << ": no mutation was refused, so none reached the checks";
}

TEST(LoaderMutation, TraceCsvFiles) {
  std::vector<std::string> bases;
  for (const auto& entry : std::filesystem::directory_iterator(LUMBO_TEST_DATA_DIR)) {
    if (entry.path().extension() == ".csv") bases.push_back(readAll(entry.path(), 60));
  }
  ASSERT_FALSE(bases.empty());
  mutateAndLoad("trace", bases, "t.csv", [](const auto& p) { return readTrace(p).ok(); });
}

TEST(LoaderMutation, ExerciseFiles) {
  std::vector<std::string> bases;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(LUMBO_SOURCE_DIR) / "assets" / "exercises")) {
    if (entry.path().extension() == ".json") bases.push_back(readAll(entry.path()));
  }
  ASSERT_FALSE(bases.empty());
  mutateAndLoad("exercise", bases, "e.json", [](const auto& p) { return loadExercise(p).ok(); });
}

TEST(LoaderMutation, ProgramFiles) {
  auto library = loadExerciseLibrary(std::filesystem::path(LUMBO_SOURCE_DIR) / "assets" / "exercises");
  ASSERT_TRUE(library) << library.error();
  std::vector<std::string> bases;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(LUMBO_SOURCE_DIR) / "assets" / "programs")) {
    if (entry.path().extension() == ".json") bases.push_back(readAll(entry.path()));
  }
  ASSERT_FALSE(bases.empty());
  mutateAndLoad("program", bases, "p.json", [&](const auto& p) { return loadProgram(p, &*library).ok(); });
}

TEST(LoaderMutation, CalibrationFile) {
  const std::string base =
      "# lumbo-calibration v1\nposition: standing\ngravity_free: 0\neye_height_m: 1.62\nstature_m: 1.74\n"
      "pelvis_to_chest_m: 0.31\nchest_to_head_m: 0.35\npelvis_to_head_m: 0.66\n"
      "neutral_frame: 1 0 0 0\nreference_frame: 1 0 0 0\nmount.head: 1 0 0 0\nposition.head: 0 1.62 0\n"
      "mount.pelvis: 0.7071067811865476 0 0.7071067811865476 0\nposition.pelvis: 0 1.0 0.05\n";
  mutateAndLoad("calibration", {base}, "c.cal", [](const auto& p) { return loadCalibration(p).ok(); });
}

TEST(LoaderMutation, SimulatedRuntimeConfig) {
  const std::string base = R"({"pacing": "paced", "display_rate_hz": 72, "at_end": "loop", "loss_at_s": 12.5,
  "ipd_m": 0.063, "fov_deg": 95, "recommended_width": 640, "recommended_height": 480, "capture_every": 3,
  "stage_bounds_m": {"width": 3.0, "depth": 2.5}, "controller_profile": "/interaction_profiles/oculus/touch_controller",
  "trace": "walk.csv", "haptics_log": "h.csv",
  "inputs": [{"path": "/user/hand/right/input/a/click", "start_s": 1.0, "end_s": 1.5, "value": 1.0}]})";
  mutateAndLoad("sim_config", {base}, "s.json", [](const auto& p) { return simxr::loadSimConfig(p).ok(); });
}

}  // namespace
}  // namespace lumbo
