// Per-frame cost of the exercise engine: one update on a squat stream with faults and cues.
#include <benchmark/benchmark.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "exercises/exercise_engine.h"

namespace {

std::vector<lumbo::Posture> squatStream(std::size_t n) {
  std::vector<lumbo::Posture> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    lumbo::Posture& p = out[i];
    p.timeS = static_cast<double>(i) / 90.0;
    for (lumbo::Metric& m : p.metrics) m = {0.0, 1.0, lumbo::MetricSource::Measured};
    const double h = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * p.timeS / 3.0);
    p[lumbo::MetricId::PelvisHeightM].value = -0.45 * h;
    p[lumbo::MetricId::HeadHeightM].value = -0.55 * h;
    p[lumbo::MetricId::TrunkInclinationDeg].value = 45.0 * h;  // beyond the band: cues every squat
    p[lumbo::MetricId::LumbarFlexionDeg].value = 20.0 * h;
  }
  return out;
}

void BM_ExerciseEngineUpdate(benchmark::State& state) {
  auto lib = lumbo::loadExerciseLibrary(std::string(LUMBO_SOURCE_DIR) + "/assets/exercises");
  if (!lib) {
    state.SkipWithError(lib.error().c_str());
    return;
  }
  const lumbo::Exercise* squat = lumbo::findExercise(*lib, "deep_squat");
  const auto stream = squatStream(90 * 60);  // a minute at 90 Hz: 20 repetitions
  const lumbo::LimbSignals limbs{};
  lumbo::ExerciseEngine engine(*squat, 1);
  std::size_t i = 0;
  double lastS = 0.0;
  for (auto _ : state) {
    lumbo::Posture p = stream[i % stream.size()];
    // Keep time running across laps so the engine sees one long session.
    p.timeS = lastS += 1.0 / 90.0;
    benchmark::DoNotOptimize(engine.update(p, limbs));
    ++i;
  }
  state.counters["reps"] = static_cast<double>(engine.repetitions().size());
}
BENCHMARK(BM_ExerciseEngineUpdate)->Repetitions(5)->ReportAggregatesOnly(true);

}  // namespace

BENCHMARK_MAIN();
