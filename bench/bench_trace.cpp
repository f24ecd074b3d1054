// Trace parsing throughput: a real recording repeated into a large temporary file, read by the
// streaming reader. Reports bytes per second.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "body/trace.h"
#include "body/trace_reader.h"

namespace {

const std::filesystem::path kSource =
    std::filesystem::path(LUMBO_SOURCE_DIR) / "tests/data/m01_s01_deep_squat_correct.csv";

// Builds a ~60 MB trace: the recording's rows repeated with shifted times.
std::filesystem::path makeLargeTrace() {
  const auto out = std::filesystem::temp_directory_path() / "lumbo_bench_trace.csv";
  if (std::filesystem::exists(out)) return out;
  auto trace = lumbo::readTrace(kSource);
  if (!trace) throw std::runtime_error(trace.error());
  lumbo::Trace big;
  big.metadata = trace->metadata;
  big.layout = trace->layout;
  const double span = trace->durationS() + 0.01;
  for (int copy = 0; copy < 60; ++copy) {
    for (auto s : trace->samples) {
      s.frame.timeS += copy * span;
      big.samples.push_back(std::move(s));
    }
  }
  auto st = lumbo::writeTrace(out, big);
  if (!st) throw std::runtime_error(st.error());
  return out;
}

void BM_TraceParse(benchmark::State& state) {
  const auto path = makeLargeTrace();
  const auto bytes = static_cast<std::int64_t>(std::filesystem::file_size(path));
  std::size_t samples = 0;
  for (auto _ : state) {
    auto reader = lumbo::TraceReader::open(path);
    if (!reader) {
      state.SkipWithError(reader.error().c_str());
      return;
    }
    lumbo::TraceSample s;
    samples = 0;
    while (reader->next(s)) ++samples;
    if (!reader->error().empty()) state.SkipWithError(reader->error().c_str());
  }
  state.SetBytesProcessed(state.iterations() * bytes);
  state.counters["file_MB"] = static_cast<double>(bytes) / 1e6;
  state.counters["samples"] = static_cast<double>(samples);
}
BENCHMARK(BM_TraceParse)->Unit(benchmark::kMillisecond)->MinTime(3.0);

}  // namespace

BENCHMARK_MAIN();
