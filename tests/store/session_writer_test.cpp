// SessionWriter: records arrive whole and in order, samples are rate-reduced and thinned under
// pressure while repetitions never are, and a session killed with SIGKILL keeps what it did.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "store/session_writer.h"
#include "tests/test_support.h"

namespace lumbo::store {
namespace {

using test::TempDir;
using Clock = std::chrono::steady_clock;

std::int64_t count(SessionStore& store, const std::string& sql) { return store.connection().queryInt(sql); }

TEST(SessionWriter, WritesAWholeSession) {
  TempDir dir;
  const auto path = dir / "p01.sqlite";
  {
    auto writer = SessionWriter::open(path);
    ASSERT_TRUE(writer) << writer.error();
    SessionWriter& w = **writer;
    SessionInfo info{"p01", std::nullopt, 1.7e9, "pre-flight", "live", 4, {}};
    w.beginSession(info);
    Posture p;
    p[MetricId::PelvicTiltDeg] = {5.0, 0.9, MetricSource::Measured};
    p[MetricId::LumbarSharePct] = {40.0, 0.5, MetricSource::Estimated};
    for (int frame = 0; frame < 900; ++frame) {  // 10 s at 90 Hz
      p.timeS = frame / 90.0;
      w.posture(p, 0b101);
    }
    for (int i = 1; i <= 5; ++i) {
      RepetitionRecord r{"bridge", 1, i, i * 2.0, i * 2.0 + 1.5, 20.0 * i, {}};
      if (i == 3) r.faults = {{"pelvic_tilt_deg", "level the pelvis", 6.5, 0.8}, {"lumbar_flexion_deg", "neutral back", 3.0, 0.2}};
      w.repetition(std::move(r));
    }
    w.set({"bridge", 1, 2, 6, 1.0, 11.0});
    w.hold({"plank", 1, 1, 12.0, 20.0, 17.5, 70.0});
    w.event({3.0, EventKind::TrackingLost, "pelvis tracker", "", 0, 0});
    w.event({9.0, EventKind::LevelChange, "quality above 80 for 3 sessions", "bridge", 2, 3});
    w.endSession(1.7e9 + 600, SessionStatus::Completed, 2);
    ASSERT_TRUE(w.flush());
    const WriterStats s = w.stats();
    EXPECT_EQ(s.committed, s.handedOver);
    EXPECT_EQ(s.samplesThinned, 0u);
    EXPECT_EQ(w.interruptedOnOpen(), 0);
  }
  auto store = SessionStore::open(path, OpenOptions{false});
  ASSERT_TRUE(store) << store.error();
  EXPECT_EQ(count(*store, "SELECT count(*) FROM session WHERE status = 'completed' AND end_unix_s = 1.7e9 + 600 "
                          "AND context = 'pre-flight'"), 1);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM repetition"), 5);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM fault f JOIN repetition r ON r.id = f.repetition_id WHERE r.rep_index = 3"), 2);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM exercise_set WHERE prescribed_reps = 6 AND level = 2"), 1);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM hold WHERE held_s = 17.5"), 1);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM event WHERE kind = 'level_change' AND from_level = 2 AND to_level = 3"), 1);
  EXPECT_EQ(count(*store, "SELECT score FROM pain WHERE phase = 'before'"), 4);
  EXPECT_EQ(count(*store, "SELECT score FROM pain WHERE phase = 'after'"), 2);
  // 10 s at 10 Hz.
  const auto samples = count(*store, "SELECT count(*) FROM posture_sample");
  EXPECT_GE(samples, 99);
  EXPECT_LE(samples, 101);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM posture_sample WHERE available_mask = "
                          "(1 << 3) | (1 << 7) AND measured_mask = (1 << 3) AND tracked_devices = 5"), samples);
}

TEST(SessionWriter, ASecondWriterOnTheSameStoreIsRefused) {
  TempDir dir;
  auto first = SessionWriter::open(dir / "p.sqlite");
  ASSERT_TRUE(first) << first.error();
  auto second = SessionWriter::open(dir / "p.sqlite");
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().find("another Lumbo process"), std::string::npos);
}

TEST(SessionWriter, UnderPressureThinsSamplesButKeepsEveryRepetitionInOrder) {
  TempDir dir;
  const auto path = dir / "p.sqlite";
  WriterOptions options;
  options.queueCapacity = 16;
  options.samplePeriodS = 0.0;  // every sample goes to the queue
  auto writer = SessionWriter::open(path, options);
  ASSERT_TRUE(writer) << writer.error();
  SessionWriter& w = **writer;
  w.beginSession({"p01", std::nullopt, 1000.0, "", "live", std::nullopt, {}});
  ASSERT_TRUE(w.flush());

  // Another connection holds the write lock, so the writer stalls and the ring fills up.
  sqlite3* blocker = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &blocker), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(blocker, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  Posture p;
  int frame = 0;
  for (int rep = 1; rep <= 200; ++rep) {
    for (int k = 0; k < 5; ++k, ++frame) {
      p.timeS = frame * 0.011;
      w.posture(p, 1);
    }
    w.repetition({"squat", 1, rep, rep * 1.0, rep + 0.5, 75.0, {}});
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_EQ(sqlite3_exec(blocker, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(blocker);
  w.endSession(2000.0);
  ASSERT_TRUE(w.flush()) << w.lastError();

  const WriterStats s = w.stats();
  EXPECT_GT(s.samplesThinned, 0u);
  EXPECT_GT(s.overflowed, 0u);
  EXPECT_EQ(s.committed, s.handedOver);
  auto store = SessionStore::open(path);
  ASSERT_TRUE(store);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM repetition"), 200);
  // Hand-over order survives the detour through the overflow: ids rise with the index.
  EXPECT_EQ(count(*store, "SELECT count(*) FROM repetition a JOIN repetition b ON a.id < b.id WHERE a.rep_index > b.rep_index"), 0);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM session WHERE status = 'completed'"), 1);
  EXPECT_LT(count(*store, "SELECT count(*) FROM posture_sample"), 1000);
}

// Runs the helper that records until killed; returns its pid and the read end of its stdout.
pid_t startChild(const std::filesystem::path& db, int& readFd) {
  int fds[2];
  if (::pipe(fds) != 0) return -1;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    ::execl(LUMBO_KILL_CHILD, LUMBO_KILL_CHILD, db.c_str(), "100", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(fds[1]);
  readFd = fds[0];
  return pid;
}

TEST(SessionWriter, SessionKilledWithSigkillKeepsEveryCompletedRepetition) {
  TempDir dir;
  const auto db = dir / "p01.sqlite";
  int fd = -1;
  const pid_t pid = startChild(db, fd);
  ASSERT_GT(pid, 0);
  std::FILE* in = ::fdopen(fd, "r");
  ASSERT_NE(in, nullptr);

  // Each line is a repetition the child has handed to its writer; note when we saw it.
  std::vector<std::pair<int, Clock::time_point>> handed;
  char line[64];
  const auto begin = Clock::now();
  while (Clock::now() - begin < std::chrono::milliseconds(2500) && std::fgets(line, sizeof line, in)) {
    int index = 0;
    if (std::sscanf(line, "rep %d", &index) == 1) handed.emplace_back(index, Clock::now());
  }
  const auto killedAt = Clock::now();
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_EQ(WTERMSIG(status), SIGKILL);
  std::fclose(in);

  int mustHave = 0;
  for (const auto& [index, at] : handed) {
    if (killedAt - at > std::chrono::seconds(1)) mustHave = std::max(mustHave, index);
  }
  ASSERT_GE(mustHave, 5) << "the child reported too few repetitions to test anything";

  {
    // Straight after the kill, before any Lumbo code touches the file again.
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &st, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "ok");
    sqlite3_finalize(st);
    sqlite3_close(raw);
  }
  auto writer = SessionWriter::open(db);
  ASSERT_TRUE(writer) << writer.error();
  EXPECT_EQ((*writer)->interruptedOnOpen(), 1);
  writer->reset();

  auto store = SessionStore::open(db);
  ASSERT_TRUE(store);
  for (int i = 1; i <= mustHave; ++i) {
    EXPECT_EQ(count(*store, "SELECT count(*) FROM repetition WHERE rep_index = " + std::to_string(i)), 1) << "rep " << i;
  }
  EXPECT_EQ(count(*store, "SELECT count(*) FROM fault"), count(*store, "SELECT count(*) FROM repetition"));
  EXPECT_EQ(count(*store, "SELECT count(*) FROM session WHERE status = 'interrupted' AND end_unix_s >= start_unix_s"), 1);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM session WHERE status = 'open'"), 0);
  EXPECT_GT(count(*store, "SELECT count(*) FROM posture_sample"), 0);
}

}  // namespace
}  // namespace lumbo::store
