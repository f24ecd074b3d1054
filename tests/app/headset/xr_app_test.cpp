// End-to-end sessions of the XR app on the simulated OpenXR runtime, through the real Khronos
// loader with the OpenXR core validation layer and on lavapipe with the Vulkan validation layer:
// a whole session from calibration to report, a tracker lost mid-exercise, and a runtime loss.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "app/headset/xr_app.h"
#include "body/trace.h"
#include "exercises/exercise.h"
#include "store/session_store.h"
#include "tests/test_support.h"

// Under LeakSanitizer: the Khronos loader keeps per-instance allocations and dlcloses the runtime,
// whose static data then reads as leaked; llvmpipe's JIT allocations cannot be traced either.
// Vulkan objects left alive are still caught by the validation layer at device destruction.
extern "C" int __lsan_is_turned_off() { return 1; }

namespace lumbo::app {
namespace {

// The core validation layer reads its settings once per process: every test shares one log and
// looks at what was added to it during its own run.
const std::filesystem::path& xrValidationLog() {
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("lumbo-app-xr-validation-" + std::to_string(::getpid()) + ".txt");
  return path;
}

std::string xrValidationSince(std::uintmax_t offset) {
  std::ifstream in(xrValidationLog());
  in.seekg(static_cast<std::streamoff>(offset));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text;
}

std::uintmax_t xrValidationSize() {
  std::error_code ec;
  const auto size = std::filesystem::file_size(xrValidationLog(), ec);
  return ec ? 0 : size;
}

class XrAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("XR_RUNTIME_JSON", LUMBO_SIMXR_MANIFEST, 1);
    ::setenv("XR_ENABLE_API_LAYERS", "XR_APILAYER_LUNARG_core_validation", 1);
    ::setenv("XR_CORE_VALIDATION_EXPORT_TYPE", "text", 1);
    ::setenv("XR_CORE_VALIDATION_FILE_NAME", xrValidationLog().c_str(), 1);
    ::unsetenv("LUMBO_SIM_CAPTURE");
    logOffset_ = xrValidationSize();
  }
  void TearDown() override { EXPECT_EQ(xrValidationSince(logOffset_), "") << "OpenXR core validation errors"; }

  // Plays `trace` with a free-running clock at 45 Hz and the given extra config.
  XrAppResult play(const std::filesystem::path& trace, const std::string& extraConfig = "") {
    const auto config = dir_ / "sim.json";
    std::ofstream(config) << "{\"pacing\": \"free\", \"display_rate_hz\": 45" << extraConfig << "}";
    ::setenv("LUMBO_SIM_TRACE", trace.c_str(), 1);
    ::setenv("LUMBO_SIM_CONFIG", config.c_str(), 1);
    ::setenv("LUMBO_SIM_HAPTICS", (dir_ / "haptics.csv").c_str(), 1);
    XrAppOptions options;
    auto exercise = loadExercise(defaultExerciseFolder() / "deep_squat.json");
    EXPECT_TRUE(exercise.ok());
    options.plan = {PlannedExercise{*exercise, 1, 1, 10}};
    options.personId = "p01";
    options.databasePath = dir_ / "p01.db";
    options.reportDir = dir_ / "report";
    options.eyeSizePx = 64;
    options.msaaSamples = 1;
    options.vulkanValidation = true;
    options.quiet = true;
    options.interactive = false;
    options.painBefore = 3;
    return runXrSession(options);
  }

  store::SessionStore openStore() {
    auto s = store::SessionStore::open(dir_ / "p01.db", {.create = false});
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error());
    return std::move(*s);
  }

  test::TempDir dir_;
  std::uintmax_t logOffset_ = 0;
};

TEST_F(XrAppTest, SessionFromCalibrationToReport) {
  const XrAppResult r = play(test::testData("m01_s01_deep_squat_correct.csv"));
  EXPECT_EQ(r.status, store::SessionStatus::Completed);
  EXPECT_EQ(r.endReason, "all exercises done");
  EXPECT_TRUE(r.vulkanMessages.empty()) << r.vulkanMessages.front();
  EXPECT_NE(r.bodySource.find("measured"), std::string::npos) << r.bodySource;
  ASSERT_EQ(r.outcomes.size(), 1u);
  // The recording holds ten squats: the prescription of ten ends the session.
  EXPECT_EQ(r.outcomes[0].repetitions.size(), 10u);
  auto store = openStore();
  EXPECT_EQ(store.connection().queryInt("SELECT COUNT(*) FROM repetition"), 10);
  EXPECT_EQ(store.connection().queryInt("SELECT COUNT(*) FROM session WHERE status = 'completed' AND source = 'live'"), 1);
  EXPECT_EQ(store.connection().queryInt("SELECT COUNT(*) FROM event WHERE kind = 'calibration'"), 1);
  bool html = false;
  for (const auto& f : r.reportFiles) html = html || (f.extension() == ".html" && std::filesystem::file_size(f) > 1000);
  EXPECT_TRUE(html);
}

TEST_F(XrAppTest, TrackerLostMidExercisePausesAndIsNotScored) {
  auto trace = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
  ASSERT_TRUE(trace.ok());
  // The chest tracker drops out for 3 s in the middle of the squats.
  for (auto& s : trace->samples) {
    if (s.frame.timeS >= 9.0 && s.frame.timeS < 12.0) s.frame[Device::Chest].valid = false;
  }
  ASSERT_TRUE(writeTrace(dir_ / "lost.csv", *trace).ok());
  const XrAppResult r = play(dir_ / "lost.csv");
  ASSERT_EQ(r.outcomes.size(), 1u);
  EXPECT_GT(r.outcomes[0].trackingLostS, 2.0);
  for (const auto& rep : r.outcomes[0].repetitions) {
    const bool overlapsLoss = rep.startS < 12.2 && rep.endS > 9.0;
    if (overlapsLoss) {
      EXPECT_FALSE(rep.scored) << "repetition " << rep.number << " spans the loss";
    }
  }
  auto store = openStore();
  EXPECT_GE(store.connection().queryInt("SELECT COUNT(*) FROM event WHERE kind = 'tracking_lost'"), 1);
  EXPECT_GE(store.connection().queryInt("SELECT COUNT(*) FROM event WHERE kind = 'tracking_regained'"), 1);
  EXPECT_GE(store.connection().queryInt("SELECT COUNT(*) FROM repetition WHERE quality IS NULL"), 1);
}

TEST_F(XrAppTest, RuntimeLossSavesTheSessionAndExitsCleanly) {
  const XrAppResult r = play(test::testData("m01_s01_deep_squat_correct.csv"), ", \"loss_at_s\": 12.0");
  EXPECT_EQ(r.status, store::SessionStatus::Interrupted);
  EXPECT_TRUE(r.restartOffered);
  ASSERT_EQ(r.outcomes.size(), 1u);
  const auto done = r.outcomes[0].repetitions.size();
  EXPECT_GE(done, 2u);
  EXPECT_LT(done, 10u);
  auto store = openStore();
  EXPECT_EQ(store.connection().queryInt("SELECT COUNT(*) FROM session WHERE status = 'interrupted'"), 1);
  EXPECT_EQ(store.connection().queryInt("SELECT COUNT(*) FROM repetition"), static_cast<std::int64_t>(done));
}

}  // namespace
}  // namespace lumbo::app
