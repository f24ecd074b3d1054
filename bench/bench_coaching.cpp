// Coaching costs: preparing every exercise's ghost when the plan is made (a file read or a
// synthetic trace, and a whole-trace scoring each), and telling the starting position from one
// tracked frame, which the session does every frame.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "app/scene/session_scene.h"
#include "body/trace.h"
#include "exercises/exercise.h"
#include "exercises/starting_position.h"

namespace lumbo::app {
namespace {

void BM_GhostsForTheWholeLibrary(benchmark::State& state) {
  const auto library = loadExerciseLibrary(defaultExerciseFolder());
  std::vector<PlannedExercise> plan;
  for (const Exercise& e : *library) plan.push_back(PlannedExercise{e, 1, std::nullopt, std::nullopt});
  for (auto _ : state) {
    auto ghosts = ghostsFor(plan);
    benchmark::DoNotOptimize(ghosts);
  }
  state.counters["exercises"] = static_cast<double>(plan.size());
}
BENCHMARK(BM_GhostsForTheWholeLibrary)->Unit(benchmark::kMillisecond);

void BM_ObservePosition(benchmark::State& state) {
  const auto trace = readTrace(std::filesystem::path(LUMBO_SOURCE_DIR) / "tests/data/m01_s01_deep_squat_correct.csv");
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(observePosition(trace->samples[i].frame));
    i = (i + 1) % trace->samples.size();
  }
}
BENCHMARK(BM_ObservePosition);

}  // namespace
}  // namespace lumbo::app

BENCHMARK_MAIN();
