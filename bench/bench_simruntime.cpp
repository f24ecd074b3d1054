// The simulated runtime's frame loop with an application that clears and submits two
// 1024x1024 eyes on lavapipe: how much faster than real time a free-running replay of a 60 s
// trace runs, and how closely paced frames keep the display period.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>

#include "body/trace.h"
#include "tests/simruntime/xr_test_client.h"

namespace {

using lumbo::test::ClientOptions;
using lumbo::test::ScopedEnv;
using lumbo::test::XrClient;

const std::filesystem::path kSource =
    std::filesystem::path(LUMBO_SOURCE_DIR) / "tests/data/m01_s01_deep_squat_correct.csv";
const std::filesystem::path kDir = std::filesystem::temp_directory_path() / "lumbo_bench_simxr";

// A 60 s trace: the 24 s recording looped with shifted times.
std::filesystem::path makeMinuteTrace() {
  std::filesystem::create_directories(kDir);
  const auto out = kDir / "minute.csv";
  auto trace = lumbo::readTrace(kSource);
  if (!trace) throw std::runtime_error(trace.error());
  lumbo::Trace minute;
  minute.metadata = trace->metadata;
  minute.layout = trace->layout;
  const double t0 = trace->samples.front().frame.timeS;
  const double span = trace->durationS() + 0.01;
  for (int copy = 0; minute.durationS() < 60.0; ++copy) {
    for (auto s : trace->samples) {
      s.frame.timeS = s.frame.timeS - t0 + copy * span;
      if (s.frame.timeS > 60.0 + 1e-9) break;
      minute.samples.push_back(std::move(s));
    }
  }
  auto st = lumbo::writeTrace(out, minute);
  if (!st) throw std::runtime_error(st.error());
  return out;
}

void runtimeEnv(ScopedEnv& env, const std::string& config) {
  const auto path = kDir / "config.json";
  std::ofstream(path) << config;
  env.set("LUMBO_SIM_CONFIG", path.string());
  for (const char* name : {"LUMBO_SIM_TRACE", "LUMBO_SIM_CAPTURE", "LUMBO_SIM_CAPTURE_EVERY",
                           "LUMBO_SIM_PACING", "LUMBO_SIM_LOG", "LUMBO_SIM_HAPTICS"}) {
    env.unset(name);
  }
}

ClientOptions eyes1024() {
  ClientOptions o;
  o.xrValidation = false;
  o.vkValidation = false;
  o.eyeWidth = 1024;
  o.eyeHeight = 1024;
  o.depth = false;
  return o;
}

void beginAndFocus(XrClient& c) {
  c.pollStates();
  XrSessionBeginInfo bi{XR_TYPE_SESSION_BEGIN_INFO, nullptr,
                        XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO};
  XR_REQUIRE(xrBeginSession(c.session(), &bi));
  while (c.lastState() != XR_SESSION_STATE_FOCUSED) {
    c.frame();
    c.pollStates();
  }
}

// The whole 60 s trace at 90 Hz, free-running, until the runtime stops the session at its end.
void BM_FreeRunningReplay60s(benchmark::State& state) {
  const auto trace = makeMinuteTrace();
  ScopedEnv env;
  runtimeEnv(env, R"({"pacing": "free", "display_rate_hz": 90, "trace": ")" + trace.string() +
                      R"("})");
  for (auto _ : state) {
    XrClient c(eyes1024());
    c.createInstance();
    c.createVulkan();
    c.createSession();
    c.createSwapchains();
    const auto start = std::chrono::steady_clock::now();
    beginAndFocus(c);
    std::int64_t frames = 0;
    XrTime first = 0, last = 0;
    while (c.lastState() != XR_SESSION_STATE_STOPPING) {
      const XrFrameState fs = c.frame();
      if (first == 0) first = fs.predictedDisplayTime;
      last = fs.predictedDisplayTime;
      ++frames;
      c.pollStates();
    }
    const double wallS =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double simulatedS = static_cast<double>(last - first) * 1e-9;
    state.SetIterationTime(wallS);
    state.counters["frames"] = static_cast<double>(frames);
    state.counters["simulated_s"] = simulatedS;
    state.counters["realtime_x"] = simulatedS / wallS;
    state.counters["ms_per_frame"] = wallS * 1e3 / static_cast<double>(frames);
    XR_REQUIRE(xrEndSession(c.session()));
  }
}
BENCHMARK(BM_FreeRunningReplay60s)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

// Paced at the configured rate: the intervals between successive xrWaitFrame returns.
void BM_PacedFrameIntervals(benchmark::State& state) {
  const auto rateHz = static_cast<double>(state.range(0));
  const auto size = static_cast<uint32_t>(state.range(1));
  ScopedEnv env;
  runtimeEnv(env, R"({"pacing": "paced", "at_end": "loop", "display_rate_hz": )" +
                      std::to_string(rateHz) + R"(, "trace": ")" + kSource.string() + R"("})");
  const double targetMs = 1e3 / rateHz;
  for (auto _ : state) {
    ClientOptions o = eyes1024();
    o.eyeWidth = o.eyeHeight = size;
    XrClient c(o);
    c.createInstance();
    c.createVulkan();
    c.createSession();
    c.createSwapchains();
    beginAndFocus(c);
    std::vector<double> intervalsMs;
    std::vector<double> displayStepsMs;
    auto previous = std::chrono::steady_clock::now();
    XrTime previousDisplay = 0;
    const int frames = static_cast<int>(rateHz * 3);  // 3 s
    for (int i = 0; i < frames; ++i) {
      const XrFrameState fs = c.frame();
      const auto now = std::chrono::steady_clock::now();
      if (i > 0) {
        intervalsMs.push_back(std::chrono::duration<double, std::milli>(now - previous).count());
        displayStepsMs.push_back(static_cast<double>(fs.predictedDisplayTime - previousDisplay) * 1e-6);
      }
      previous = now;
      previousDisplay = fs.predictedDisplayTime;
    }
    const double mean =
        std::accumulate(intervalsMs.begin(), intervalsMs.end(), 0.0) / static_cast<double>(intervalsMs.size());
    std::vector<double> dev;
    for (double v : intervalsMs) dev.push_back(std::abs(v - targetMs));
    std::sort(dev.begin(), dev.end());
    const std::size_t within = static_cast<std::size_t>(
        std::count_if(dev.begin(), dev.end(), [](double d) { return d <= 1.0; }));
    const std::size_t skipped = static_cast<std::size_t>(std::count_if(
        displayStepsMs.begin(), displayStepsMs.end(), [&](double d) { return d > targetMs * 1.5; }));
    state.SetIterationTime(mean * 1e-3);
    state.counters["target_ms"] = targetMs;
    state.counters["mean_ms"] = mean;
    state.counters["mean_error_ms"] = std::abs(mean - targetMs);
    state.counters["median_dev_ms"] = dev[dev.size() / 2];
    state.counters["p99_dev_ms"] = dev[dev.size() * 99 / 100];
    state.counters["max_dev_ms"] = dev.back();
    state.counters["within_1ms_pct"] = 100.0 * static_cast<double>(within) / static_cast<double>(dev.size());
    state.counters["vsyncs_missed"] = static_cast<double>(skipped);
  }
}
BENCHMARK(BM_PacedFrameIntervals)
    ->Args({90, 64})
    ->Args({90, 1024})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
