// Session store figures: the frame thread's hand-off time, whether the writer keeps up with a
// 90 Hz session with 8 tracked devices at 10x real time, and database growth per session hour.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <random>
#include <thread>
#include <vector>

#include "store/session_writer.h"

namespace {

using namespace lumbo;
using namespace lumbo::store;
using Clock = std::chrono::steady_clock;

constexpr double kFrameRateHz = 90.0;
constexpr std::uint16_t kEightDevices = 0xFF;

class TempStore {
 public:
  TempStore() {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("lumbo-bench-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
  }
  ~TempStore() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::filesystem::path db() const { return dir_ / "bench.lumbo.sqlite"; }
  std::uintmax_t bytes() const {
    std::uintmax_t total = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir_)) total += e.file_size();
    return total;
  }

 private:
  std::filesystem::path dir_;
};

Posture frame(int i) {
  Posture p;
  p.timeS = i / kFrameRateHz;
  for (std::size_t m = 0; m < kMetricCount; ++m) {
    p.metrics[m] = {std::sin(p.timeS + static_cast<double>(m)) * 20.0, 0.9, MetricSource::Measured};
  }
  return p;
}

RepetitionRecord repetition(int index, double endS) {
  RepetitionRecord r{"bridge", 1 + index / 10, 1 + index % 10, endS - 3.0, endS, 60.0 + index % 40, {}};
  r.faults.push_back({"pelvic_tilt_deg", "keep the pelvis level", 5.5, 0.7});
  return r;
}

// What a live session hands over per frame: the posture every frame, a repetition every 3 s,
// an event every minute.
void handFrame(SessionWriter& w, int i, const Posture& p, int& reps) {
  w.posture(p, kEightDevices);
  if (i > 0 && i % 270 == 0) w.repetition(repetition(reps++, p.timeS));
  if (i > 0 && i % 5400 == 0) w.event({p.timeS, EventKind::TrackingLost, "left foot tracker", "", 0, 0});
}

// Median and 99th percentile of single hand-off calls, at the pace of a 90 Hz session run 10x
// faster than real time. Arg 0: the default 10 Hz sample rate (most frames stop at the door);
// arg 1: every frame queued (the worst case for the ring).
void BM_FrameHandOff(benchmark::State& state) {
  TempStore tmp;
  WriterOptions options;
  if (state.range(0) == 1) options.samplePeriodS = 0.0;
  auto writer = SessionWriter::open(tmp.db(), options);
  if (!writer) {
    state.SkipWithError(writer.error().c_str());
    return;
  }
  SessionWriter& w = **writer;
  w.beginSession({"bench", std::nullopt, 1.7e9, "", "bench", std::nullopt, {}});
  std::vector<double> ns;
  const auto period = std::chrono::duration<double>(1.0 / (kFrameRateHz * 10.0));
  int i = 0, reps = 0;
  for (auto _ : state) {
    const Posture p = frame(i);
    const auto t0 = Clock::now();
    handFrame(w, i, p, reps);
    const auto t1 = Clock::now();
    ns.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count());
    ++i;
    std::this_thread::sleep_until(t0 + std::chrono::duration_cast<Clock::duration>(period));
  }
  w.endSession(1.7e9 + i / kFrameRateHz);
  (void)w.flush();
  std::sort(ns.begin(), ns.end());
  state.counters["median_ns"] = ns[ns.size() / 2];
  state.counters["p99_ns"] = ns[ns.size() * 99 / 100];
  state.counters["max_ns"] = ns.back();
  state.counters["thinned"] = static_cast<double>(w.stats().samplesThinned);
}
BENCHMARK(BM_FrameHandOff)->Arg(0)->Arg(1)->Iterations(5400)->Unit(benchmark::kMicrosecond);

// One minute of session handed at 10x real time (6 s): the writer keeps up if nothing is
// thinned or parked and the queue stays short. Reported: the deepest queue, and how long the
// final flush took after the last frame (the backlog).
void BM_WriterAt10xRealTime(benchmark::State& state) {
  for (auto _ : state) {
    TempStore tmp;
    auto writer = SessionWriter::open(tmp.db());
    if (!writer) {
      state.SkipWithError(writer.error().c_str());
      return;
    }
    SessionWriter& w = **writer;
    w.beginSession({"bench", std::nullopt, 1.7e9, "", "bench", std::nullopt, {}});
    const int frames = static_cast<int>(60 * kFrameRateHz);
    const auto period = std::chrono::duration<double>(1.0 / (kFrameRateHz * 10.0));
    const auto start = Clock::now();
    std::size_t deepest = 0;
    int reps = 0;
    for (int i = 0; i < frames; ++i) {
      handFrame(w, i, frame(i), reps);
      deepest = std::max(deepest, w.queued());
      std::this_thread::sleep_until(start + std::chrono::duration_cast<Clock::duration>(period * (i + 1)));
    }
    w.endSession(1.7e9 + 60.0);
    const auto last = Clock::now();
    if (!w.flush()) state.SkipWithError("flush failed");
    const WriterStats s = w.stats();
    state.counters["deepest_queue"] = static_cast<double>(deepest);
    state.counters["flush_backlog_ms"] = std::chrono::duration<double, std::milli>(Clock::now() - last).count();
    state.counters["thinned"] = static_cast<double>(s.samplesThinned);
    state.counters["overflowed"] = static_cast<double>(s.overflowed);
    state.counters["commits_per_s"] = static_cast<double>(s.commits) / 6.0;
    state.counters["repetitions"] = reps;
  }
}
BENCHMARK(BM_WriterAt10xRealTime)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// One hour of session, handed as fast as the writer takes it (waiting when its queue is a
// quarter full): how many times faster than real time the writer can go, and the file size.
void BM_SessionHour(benchmark::State& state) {
  for (auto _ : state) {
    TempStore tmp;
    {
      auto writer = SessionWriter::open(tmp.db());
      if (!writer) {
        state.SkipWithError(writer.error().c_str());
        return;
      }
      SessionWriter& w = **writer;
      const auto start = Clock::now();
      w.beginSession({"bench", std::nullopt, 1.7e9, "", "bench", 3, {}});
      const int frames = static_cast<int>(3600 * kFrameRateHz);
      int reps = 0;
      for (int i = 0; i < frames; ++i) {
        while (w.queued() > w.capacity() / 4) std::this_thread::sleep_for(std::chrono::microseconds(200));
        handFrame(w, i, frame(i), reps);
      }
      w.endSession(1.7e9 + 3600.0, SessionStatus::Completed, 2);
      if (!w.flush()) state.SkipWithError("flush failed");
      const double wallS = std::chrono::duration<double>(Clock::now() - start).count();
      state.counters["x_real_time"] = 3600.0 / wallS;
      state.counters["thinned"] = static_cast<double>(w.stats().samplesThinned);
      state.counters["repetitions"] = reps;
    }
    // The writer has closed: the WAL is checkpointed into the database file.
    state.counters["MB_per_hour"] = static_cast<double>(tmp.bytes()) / 1e6;
  }
}
BENCHMARK(BM_SessionHour)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
