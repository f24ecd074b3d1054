// `lumbo demo` ended by a real signal mid-session: SIGINT and SIGTERM close the session as
// interrupted with every repetition done so far, print the summary, write the report and exit
// 130 or 143; a second signal ends the process at once.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <regex>
#include <string>

#include "store/session_store.h"
#include "tests/test_support.h"

namespace lumbo::app {
namespace {

struct DemoRun {
  int exitCode = -1;       // -1: killed by a signal
  std::string output;      // stdout and stderr
};

// Starts `lumbo demo --out DIR` with its output on a pipe, waits until it has printed
// `afterLine`, sends `signals` (one after another, without waiting), and collects the rest.
DemoRun interruptDemo(const std::filesystem::path& out, const std::string& afterLine, std::initializer_list<int> signals) {
  int pipeFds[2];
  EXPECT_EQ(::pipe(pipeFds), 0);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(pipeFds[1], STDOUT_FILENO);
    ::dup2(pipeFds[1], STDERR_FILENO);
    ::close(pipeFds[0]);
    // The executable loads the OpenXR loader and the CPU Vulkan driver, whose allocations a leak
    // checker cannot attribute; the other sanitizer checks stay on.
    ::setenv("ASAN_OPTIONS", "detect_leaks=0:abort_on_error=1", 1);
    const std::string exe = std::string(LUMBO_BINARY_DIR) + "/lumbo";
    ::execl(exe.c_str(), exe.c_str(), "demo", "--out", out.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(pipeFds[1]);
  DemoRun run;
  bool sent = false;
  char buffer[4096];
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(3);
  for (;;) {
    const ssize_t n = ::read(pipeFds[0], buffer, sizeof buffer);
    if (n <= 0) break;
    run.output.append(buffer, static_cast<std::size_t>(n));
    if (!sent && run.output.find(afterLine) != std::string::npos) {
      for (int s : signals) ::kill(pid, s);
      sent = true;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      break;
    }
  }
  ::close(pipeFds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(sent) << "never printed '" << afterLine << "':\n" << run.output;
  if (WIFEXITED(status)) run.exitCode = WEXITSTATUS(status);
  return run;
}

// The repetitions the demo announced before it ended.
std::int64_t announcedRepetitions(const std::string& output) {
  const std::regex line(R"(s: repetition (\d+)\n)");
  std::int64_t last = 0;
  for (auto it = std::sregex_iterator(output.begin(), output.end(), line); it != std::sregex_iterator(); ++it) {
    last = std::stoll((*it)[1].str());
  }
  return last;
}

class ShutdownSignalTest : public ::testing::TestWithParam<int> {};

TEST_P(ShutdownSignalTest, EndsTheSessionInterruptedKeepingEveryRepetitionAndWritesTheReport) {
  const int signal = GetParam();
  test::TempDir dir;
  const DemoRun run = interruptDemo(dir.path(), "repetition 2\n", {signal});
  EXPECT_EQ(run.exitCode, 128 + signal) << run.output;
  EXPECT_NE(run.output.find(std::string("session interrupted: interrupted by ") + (signal == SIGINT ? "SIGINT" : "SIGTERM")),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("report: "), std::string::npos) << run.output;
  EXPECT_TRUE(std::filesystem::exists(dir / "report/report.html"));

  const std::int64_t announced = announcedRepetitions(run.output);
  EXPECT_GE(announced, 2);
  EXPECT_LT(announced, 10);  // ended well before the recording's tenth squat
  auto store = store::SessionStore::open(dir / "demo.lumbo.sqlite", {.create = false});
  ASSERT_TRUE(store.ok()) << store.error();
  auto& db = store->connection();
  EXPECT_EQ(db.queryInt("SELECT COUNT(*) FROM session WHERE status = 'interrupted' AND end_unix_s IS NOT NULL"), 1);
  EXPECT_EQ(db.queryInt("SELECT COUNT(*) FROM repetition"), announced);
}

INSTANTIATE_TEST_SUITE_P(Signals, ShutdownSignalTest, ::testing::Values(SIGINT, SIGTERM),
                         [](const auto& param) { return param.param == SIGINT ? "Sigint" : "Sigterm"; });

TEST(ShutdownSignal, ASecondSignalEndsTheProcessAtOnce) {
  test::TempDir dir;
  // SIGINT asks for a clean end, which takes frames; SIGTERM right after it cannot wait for them.
  const DemoRun run = interruptDemo(dir.path(), "calibrated", {SIGINT, SIGTERM});
  // The two may reach two of the process's threads at once, so either can be the one that exits.
  EXPECT_TRUE(run.exitCode == 128 + SIGTERM || run.exitCode == 128 + SIGINT) << run.exitCode << "\n" << run.output;
  EXPECT_EQ(run.output.find("session interrupted"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace lumbo::app
