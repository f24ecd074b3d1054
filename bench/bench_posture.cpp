// Posture solving per frame (the per-frame cost body/ adds to the VR frame) and whole-trace
// analysis speed against real time, on a real UI-PRMD recording.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "body/calibration.h"
#include "body/one_euro_filter.h"
#include "body/posture_analysis.h"
#include "body/posture_solver.h"
#include "body/trace.h"

namespace {

const lumbo::Trace& recording() {
  static const lumbo::Trace trace = [] {
    auto t = lumbo::readTrace(std::filesystem::path(LUMBO_SOURCE_DIR) / "tests/data/m01_s01_deep_squat_correct.csv");
    if (!t) throw std::runtime_error(t.error());
    return std::move(*t);
  }();
  return trace;
}

lumbo::Calibration calibration() {
  std::vector<lumbo::TrackedFrame> hold;
  for (const auto& s : recording().samples) {
    if (s.frame.timeS < 2.0) hold.push_back(s.frame);
  }
  auto cal = lumbo::calibrate(hold, lumbo::NeutralPosition::Standing, false, recording().layout.devices);
  if (!cal) throw std::runtime_error(cal.error());
  return *cal;
}

void BM_PostureSolvePerFrame(benchmark::State& state) {
  lumbo::PostureSolver solver(calibration());
  const auto& samples = recording().samples;
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(solver.solve(samples[i].frame));
    if (++i == samples.size()) {
      // Start over with a fresh solver so time keeps increasing for the tracking monitor.
      state.PauseTiming();
      solver = lumbo::PostureSolver(calibration());
      i = 0;
      state.ResumeTiming();
    }
  }
}
BENCHMARK(BM_PostureSolvePerFrame)->Unit(benchmark::kNanosecond)->Repetitions(5)->ReportAggregatesOnly(true);

void BM_PostureFilterPerFrame(benchmark::State& state) {
  lumbo::PostureSolver solver(calibration());
  std::vector<lumbo::Posture> postures;
  for (const auto& s : recording().samples) postures.push_back(solver.solve(s.frame));
  lumbo::PostureFilter filter;
  std::size_t i = 0;
  double offsetS = 0.0;
  for (auto _ : state) {
    lumbo::Posture p = postures[i];
    p.timeS += offsetS;
    benchmark::DoNotOptimize(filter.filter(p));
    if (++i == postures.size()) {
      i = 0;
      offsetS += 100.0;
    }
  }
}
BENCHMARK(BM_PostureFilterPerFrame)->Unit(benchmark::kNanosecond)->Repetitions(5)->ReportAggregatesOnly(true);

void BM_AnalyzeTrace(benchmark::State& state) {
  const auto& trace = recording();
  for (auto _ : state) {
    auto a = lumbo::analyzeTrace(trace, {});
    benchmark::DoNotOptimize(a);
  }
  const double seconds = trace.durationS();
  state.counters["x_real_time"] = benchmark::Counter(seconds * static_cast<double>(state.iterations()),
                                                     benchmark::Counter::kIsRate);
}
BENCHMARK(BM_AnalyzeTrace)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
