// The XR app's own CPU work per frame (input, posture, exercise engine, logging hand-off, scene
// building and command recording) at 2x1024x1024 with 4x MSAA, driving the simulated OpenXR
// runtime with a real recording. The GPU (lavapipe here) is waited for outside the measured part.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <vector>
#include <filesystem>
#include <fstream>

#include "app/headset/xr_app.h"
#include "exercises/exercise.h"

namespace {

void BM_XrAppFrameCpu(benchmark::State& state) {
  const auto dir = std::filesystem::temp_directory_path() / "lumbo_bench_xr_app";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  // A low display rate only makes the calibration hold take fewer (slow, CPU-rendered) frames;
  // the work per frame does not depend on it.
  std::ofstream(dir / "sim.json") << "{\"pacing\": \"free\", \"display_rate_hz\": 10, \"recommended_width\": 1024, "
                                     "\"recommended_height\": 1024}";
  ::setenv("XR_RUNTIME_JSON", LUMBO_SIMXR_MANIFEST, 1);
  ::setenv("LUMBO_SIM_CONFIG", (dir / "sim.json").c_str(), 1);
  ::setenv("LUMBO_SIM_TRACE", (std::string(LUMBO_SOURCE_DIR) + "/assets/demo/deep_squat_demo.csv").c_str(), 1);
  lumbo::app::XrAppOptions options;
  auto exercise = lumbo::loadExercise(lumbo::defaultExerciseFolder() / "deep_squat.json");
  if (!exercise) {
    state.SkipWithError(exercise.error().c_str());
    return;
  }
  options.plan = {lumbo::app::PlannedExercise{*exercise, 1, 1, 10}};
  options.databasePath = dir / "bench.db";
  options.msaaSamples = 4;
  options.isolateCpuTiming = true;
  options.interactive = false;  // nobody to answer the pain question
  options.painBefore = 2;
  options.quiet = true;
  lumbo::app::XrApp app(options);
  while (!app.exercising() && app.step()) {
  }
  std::vector<double> frameS;
  for (auto _ : state) {
    const auto before = app.framesRendered();
    while (app.framesRendered() == before) {
      if (!app.step()) {
        state.SkipWithError(("the recording ended before the measurement did, after " +
                             std::to_string(app.framesRendered()) + " frames").c_str());
        return;
      }
    }
    state.SetIterationTime(app.lastFrameCpuS());
    frameS.push_back(app.lastFrameCpuS());
  }
  app.finish();
  std::sort(frameS.begin(), frameS.end());
  state.counters["median_us"] = frameS[frameS.size() / 2] * 1e6;
  state.counters["p90_us"] = frameS[frameS.size() * 9 / 10] * 1e6;
}
BENCHMARK(BM_XrAppFrameCpu)->UseManualTime()->Iterations(40)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
