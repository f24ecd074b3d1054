// Live monitoring's cost to the headset and its delay: what publishing a guided session costs the
// frame thread per frame (with no viewer, with a viewer that reads, with one that never reads),
// and the delay from a frame's publication to its decoded arrival in a viewer over loopback.
#include <benchmark/benchmark.h>

#include <zmq.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <thread>

#include "body/trace.h"
#include "exercises/exercise.h"
#include "monitor/monitor_client.h"
#include "monitor/session_publisher.h"

namespace {

using namespace lumbo;
using Clock = std::chrono::steady_clock;

double threadCpuS() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

struct Setup {
  std::filesystem::path folder = std::filesystem::temp_directory_path() / "lumbo_bench_monitor";
  monitor::KeyPair viewer;
  Setup() {
    std::filesystem::remove_all(folder);
    viewer = *monitor::generateKeyPair("bench");
    monitor::authorizeViewer(folder, {viewer.name, viewer.publicKey});
  }
};

// 0: no viewer; 1: a viewer reading everything on its own thread; 2: one that never reads.
void BM_PublishSessionFrame(benchmark::State& state) {
  Setup setup;
  const auto trace = readTrace(std::string(LUMBO_SOURCE_DIR) + "/tests/data/m01_s01_deep_squat_correct.csv");
  auto squat = loadExercise(defaultExerciseFolder() / "deep_squat.json");
  if (!trace || !squat) {
    state.SkipWithError("no recording or exercise");
    return;
  }
  app::GuidedSession session({app::PlannedExercise{*squat, 1, std::nullopt, std::nullopt}}, nullptr, {});
  monitor::SessionPublisherOptions options;
  options.listen = {"127.0.0.1", 0};
  options.keyFolder = setup.folder;
  options.log = [](const std::string&) {};
  auto publisher = monitor::SessionPublisher::start(options, session);
  if (!publisher) {
    state.SkipWithError(publisher.error().c_str());
    return;
  }
  const std::string endpoint = (*publisher)->endpoint();
  monitor::MonitorClientOptions co;
  co.port = std::stoi(endpoint.substr(endpoint.rfind(':') + 1));
  co.key = setup.viewer;
  co.serverPublicKey = monitor::readPublicKeyFile((*publisher)->serverPublicKey())->key;
  std::atomic<bool> stop{false};
  std::atomic<bool> connected{state.range(0) == 0};
  std::thread viewer;
  if (state.range(0) > 0) {
    viewer = std::thread([&] {
      monitor::MonitorClient client(co);
      const bool reads = state.range(0) == 1;
      while (!stop) {
        if (client.state() != monitor::ConnectionState::Connected || reads) {
          client.receive(5);
        } else {
          std::this_thread::sleep_for(std::chrono::milliseconds(5));  // alive, never reading
        }
        if (client.state() == monitor::ConnectionState::Connected) connected = true;
      }
    });
  }
  std::size_t i = 0;
  for (int k = 0; k < 2000 && !connected; ++k) {
    (*publisher)->publish(trace->samples[0].frame, session);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  std::vector<double> costS;
  std::vector<double> threadS;  // the frame thread's own CPU time: without the cores other threads took
  for (auto _ : state) {
    const TrackedFrame& frame = trace->samples[i++ % trace->samples.size()].frame;
    session.update(frame);
    const double threadStartS = threadCpuS();
    const auto start = Clock::now();
    (*publisher)->publish(frame, session);
    (*publisher)->applyCommands(session);
    const double s = std::chrono::duration<double>(Clock::now() - start).count();
    threadS.push_back(threadCpuS() - threadStartS);
    state.SetIterationTime(s);
    costS.push_back(s);
    // A headset's pace (90 Hz would be 11 ms; 2 ms keeps the run short and the sender busy).
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  std::sort(costS.begin(), costS.end());
  state.counters["median_us"] = costS[costS.size() / 2] * 1e6;
  state.counters["p99_us"] = costS[costS.size() * 99 / 100] * 1e6;
  double threadSumS = 0.0;
  for (double t : threadS) threadSumS += t;
  std::sort(threadS.begin(), threadS.end());
  state.counters["thread_median_us"] = threadS[threadS.size() / 2] * 1e6;
  state.counters["thread_mean_us"] = threadSumS / static_cast<double>(threadS.size()) * 1e6;
  const monitor::MonitorStats stats = (*publisher)->stats();
  state.counters["viewer_dropped"] = static_cast<double>(stats.viewerDropped);
  state.counters["queue_dropped"] = static_cast<double>(stats.queueDropped);
  stop = true;
  if (viewer.joinable()) viewer.join();
}
BENCHMARK(BM_PublishSessionFrame)->Arg(0)->Arg(1)->Arg(2)->Iterations(2000)->UseManualTime()->Unit(benchmark::kMicrosecond);

// From publish() on the frame thread to the decoded frame in the viewer: queue, sender thread,
// CURVE encryption, loopback TCP, decryption and decoding.
void BM_LoopbackLatency(benchmark::State& state) {
  Setup setup;
  auto serverKey = *monitor::generateKeyPair("session");
  monitor::MonitorServerOptions o;
  o.port = 0;
  o.serverKey = serverKey;
  o.authorized = {{setup.viewer.name, setup.viewer.publicKey}};
  o.log = [](const std::string&) {};
  auto server = monitor::MonitorServer::start(o);
  if (!server) {
    state.SkipWithError(server.error().c_str());
    return;
  }
  monitor::MonitorClientOptions co;
  co.port = (*server)->port();
  co.key = setup.viewer;
  co.serverPublicKey = serverKey.publicKey;
  monitor::MonitorClient client(co);
  monitor::FrameMessage frame;
  for (auto& d : frame.tracked.devices) d.valid = true;
  for (int k = 0; k < 500 && client.state() != monitor::ConnectionState::Connected; ++k) {
    (*server)->publish(frame);
    client.receive(10);
  }
  std::vector<double> latencyS;
  double t = 0.0;
  for (auto _ : state) {
    frame.tracked.timeS = (t += 0.01);
    const auto start = Clock::now();
    (*server)->publish(frame);
    bool got = false;
    while (!got) {
      auto m = client.receive(100);
      if (!m) break;
      if (const auto* f = std::get_if<monitor::FrameMessage>(&m->payload)) got = f->tracked.timeS == t;
    }
    const double s = std::chrono::duration<double>(Clock::now() - start).count();
    state.SetIterationTime(s);
    latencyS.push_back(s);
    if (!got) {
      state.SkipWithError("a frame did not arrive");
      return;
    }
  }
  std::sort(latencyS.begin(), latencyS.end());
  state.counters["median_us"] = latencyS[latencyS.size() / 2] * 1e6;
  state.counters["p99_us"] = latencyS[latencyS.size() * 99 / 100] * 1e6;
}
BENCHMARK(BM_LoopbackLatency)->Iterations(2000)->UseManualTime()->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
