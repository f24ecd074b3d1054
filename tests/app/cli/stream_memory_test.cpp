// `lumbo analyze` and `lumbo score` stream a recording: their peak resident memory does not grow
// with its length. A real 7-device recording is repeated with shifted times into traces of two
// lengths, and each command runs as a child whose peak resident memory the kernel reports
// (getrusage of the child, ru_maxrss). Holding every sample (about 1.3 KB each) would add some
// 120 MB between the two lengths here.
//
// LUMBO_LONG_TRACE_MINUTES=120 also measures a trace of that length (the figure in
// BENCHMARKS.md); the suite itself keeps to minutes.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "body/trace_reader.h"
#include "body/trace_writer.h"
#include "tests/test_support.h"

namespace lumbo {
namespace {

// The recording repeated until `minutes` long, each copy's times shifted past the one before.
void writeLongTrace(const std::filesystem::path& out, double minutes) {
  auto source = readTrace(std::string(LUMBO_TEST_DATA_DIR) + "/m01_s01_deep_squat_correct.csv");
  ASSERT_TRUE(source.ok()) << source.error();
  ASSERT_EQ(source->layout.devices.count(), 7u);
  const double stepS = source->samples[1].frame.timeS - source->samples[0].frame.timeS;
  const double copyS = source->durationS() + stepS;
  const int copies = static_cast<int>(minutes * 60.0 / copyS) + 1;
  TraceMetadata metadata = source->metadata;
  metadata.set("repetitions", std::to_string(10 * copies));
  auto writer = TraceWriter::open(out, source->layout, metadata);
  ASSERT_TRUE(writer.ok()) << writer.error();
  TraceSample s;
  for (int k = 0; k < copies; ++k) {
    for (const TraceSample& original : source->samples) {
      s = original;
      s.frame.timeS += k * copyS;
      ASSERT_TRUE(writer->write(s).ok());
    }
  }
  ASSERT_TRUE(writer->commit().ok());
}

struct ChildRun {
  int exitCode = -1;
  double peakMiB = 0.0;
  double wallS = 0.0;
};

ChildRun runLumbo(const std::vector<std::string>& args) {
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    // The summary is not what is measured; errors still reach the test's log.
    if (const int null = ::open("/dev/null", O_WRONLY); null >= 0) ::dup2(null, 1);
    std::vector<char*> argv;
    const std::string exe = std::string(LUMBO_BINARY_DIR) + "/lumbo";
    argv.push_back(const_cast<char*>(exe.c_str()));
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(exe.c_str(), argv.data());
    ::_exit(127);
  }
  ChildRun r;
  int status = 0;
  rusage usage{};
  if (::wait4(pid, &status, 0, &usage) != pid) return r;
  r.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.peakMiB = static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
  return r;
}

class StreamMemoryTest : public ::testing::Test {
 protected:
  ChildRun analyze(double minutes) {
    const auto trace = dir_ / ("long-" + std::to_string(static_cast<int>(minutes)) + ".csv");
    if (!std::filesystem::exists(trace)) writeLongTrace(trace, minutes);
    const ChildRun r = runLumbo({"analyze", trace.string(), "--csv", (dir_ / "out.csv").string(), "--force"});
    std::cout << "analyze, " << minutes << " min: peak " << r.peakMiB << " MiB, " << r.wallS << " s ("
              << minutes * 60.0 / r.wallS << "x real time)\n";
    return r;
  }
  ChildRun score(double minutes) {
    const auto trace = dir_ / ("long-" + std::to_string(static_cast<int>(minutes)) + ".csv");
    if (!std::filesystem::exists(trace)) writeLongTrace(trace, minutes);
    const ChildRun r = runLumbo({"score", trace.string(), "--json", (dir_ / "score.json").string(), "--signals",
                                 (dir_ / "signals.csv").string(), "--force"});
    std::cout << "score, " << minutes << " min: peak " << r.peakMiB << " MiB, " << r.wallS << " s ("
              << minutes * 60.0 / r.wallS << "x real time)\n";
    return r;
  }
  test::TempDir dir_;
};

// 12 more minutes at 100 Hz is 72 000 samples: 90 MB if they were held.
void expectFlat(const ChildRun& shorter, const ChildRun& longer) {
  ASSERT_EQ(shorter.exitCode, 0);
  ASSERT_EQ(longer.exitCode, 0);
  EXPECT_LT(longer.peakMiB - shorter.peakMiB, 4.0);
  EXPECT_LT(longer.peakMiB, 64.0);
}

TEST_F(StreamMemoryTest, AnalyzeMemoryDoesNotGrowWithTheRecordingsLength) {
  const ChildRun shorter = analyze(4.0);
  expectFlat(shorter, analyze(16.0));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "out.csv"));
}

TEST_F(StreamMemoryTest, ScoreMemoryDoesNotGrowWithTheRecordingsLength) {
  const ChildRun shorter = score(4.0);
  expectFlat(shorter, score(16.0));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "score.json"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "signals.csv"));
}

TEST_F(StreamMemoryTest, LongTraceOnRequest) {
  const char* minutes = std::getenv("LUMBO_LONG_TRACE_MINUTES");
  if (!minutes || !*minutes) GTEST_SKIP() << "set LUMBO_LONG_TRACE_MINUTES to measure a long trace";
  const double m = std::atof(minutes);
  const ChildRun a = analyze(m);
  const ChildRun s = score(m);
  EXPECT_EQ(a.exitCode, 0);
  EXPECT_EQ(s.exitCode, 0);
  EXPECT_LT(a.peakMiB, 64.0);
  EXPECT_LT(s.peakMiB, 64.0);
}

}  // namespace
}  // namespace lumbo
