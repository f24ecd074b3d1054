// A damaged page is refused on open and salvaged; a full disk mid-session (a real small tmpfs)
// pauses recording and keeps every completed repetition once space returns; a healthy store on a
// full disk is not called damaged.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <thread>

#include "store/session_writer.h"
#include "store/store_health.h"
#include "tests/test_support.h"

namespace lumbo::store {
namespace {

using test::TempDir;

std::int64_t count(const std::filesystem::path& db, const std::string& sql) {
  auto store = SessionStore::open(db, OpenOptions{false});
  EXPECT_TRUE(store) << store.error();
  return store ? store->connection().queryInt(sql) : -1;
}

// Three completed sessions of 10 repetitions and 60 s of posture at 10 Hz each.
void writeSessions(const std::filesystem::path& db) {
  auto writer = SessionWriter::open(db);
  ASSERT_TRUE(writer) << writer.error();
  for (int s = 0; s < 3; ++s) {
    SessionWriter& w = **writer;
    w.beginSession({"p01", std::nullopt, 1000.0 + s * 1000, "", "live", std::nullopt, {}});
    Posture p;
    p[MetricId::PelvicTiltDeg] = {5.0, 0.9, MetricSource::Measured};
    for (int frame = 0; frame < 600; ++frame) {
      p.timeS = frame * 0.1;
      w.posture(p, 1);
      if (frame % 60 == 59) w.repetition({"bridge", 1, frame / 60 + 1, p.timeS - 5.0, p.timeS, 80.0, {}});
    }
    w.endSession(1000.0 + s * 1000 + 60);
    ASSERT_TRUE(w.flush()) << w.lastError();
  }
}

// Overwrites one leaf page of the posture samples with junk, as a failing disk would.
void damageOnePostureSamplePage(const std::filesystem::path& db) {
  std::int64_t page = 0, pageSize = 0;
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    sqlite3_exec(raw, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    sqlite3_stmt* s = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(raw, "SELECT pageno, (SELECT page_size FROM pragma_page_size) FROM dbstat "
                                      "WHERE name = 'posture_sample' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 3",
                                 -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(raw);
    ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
    page = sqlite3_column_int64(s, 0);
    pageSize = sqlite3_column_int64(s, 1);
    sqlite3_finalize(s);
    sqlite3_close(raw);
  }
  std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp((page - 1) * pageSize);
  const std::string junk(static_cast<std::size_t>(pageSize), '\x5a');
  f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
}

TEST(StoreHealth, ADamagedPageIsRefusedOnOpenNamingTheSalvageCommand) {
  TempDir dir;
  const auto db = dir / "p01.sqlite";
  writeSessions(db);
  damageOnePostureSamplePage(db);
  const auto sizeBefore = std::filesystem::file_size(db);

  auto store = SessionStore::open(db);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find("damaged"), std::string::npos) << store.error();
  EXPECT_NE(store.error().find("lumbo store salvage " + db.string()), std::string::npos) << store.error();
  EXPECT_EQ(store.error().find("disk is full"), std::string::npos);
  auto writer = SessionWriter::open(db);
  ASSERT_FALSE(writer);
  EXPECT_NE(writer.error().find("damaged"), std::string::npos) << writer.error();
  EXPECT_EQ(std::filesystem::file_size(db), sizeBefore);

  auto check = checkStore(db);
  ASSERT_TRUE(check) << check.error();
  EXPECT_FALSE(check->sound);
  EXPECT_FALSE(check->problems.empty());
}

TEST(StoreHealth, SalvageCopiesEveryReadableSessionIntoANewStore) {
  TempDir dir;
  const auto db = dir / "p01.sqlite";
  writeSessions(db);
  damageOnePostureSamplePage(db);
  const auto out = dir / "p01-salvaged.sqlite";
  auto report = salvageStore(db, out);
  ASSERT_TRUE(report) << report.error();
  EXPECT_EQ(report->sessionsCopied, 3);
  // Repetitions live on other pages: all 30 are kept. Only the samples on the damaged page go.
  EXPECT_EQ(count(out, "SELECT count(*) FROM repetition"), 30);
  EXPECT_EQ(count(out, "SELECT count(*) FROM session WHERE status = 'completed'"), 3);
  const auto samples = count(out, "SELECT count(*) FROM posture_sample");
  EXPECT_GT(samples, 1000);
  EXPECT_LT(samples, 1800);
  auto check = checkStore(out);
  ASSERT_TRUE(check) << check.error();
  EXPECT_TRUE(check->sound);
  EXPECT_EQ(check->sessions, 3);
  // The salvaged store takes new sessions; salvage never writes over a file.
  EXPECT_TRUE(SessionWriter::open(out));
  EXPECT_FALSE(salvageStore(db, out));
}

TEST(StoreHealth, FailureKindsTellAFullDiskFromDamage) {
  EXPECT_EQ(failureKind(SQLITE_FULL, 0), FailureKind::DiskFull);
  EXPECT_EQ(failureKind(SQLITE_IOERR_WRITE, ENOSPC), FailureKind::DiskFull);
  EXPECT_EQ(failureKind(SQLITE_IOERR_SHMSIZE, ENOSPC), FailureKind::DiskFull);
  EXPECT_EQ(failureKind(SQLITE_CORRUPT, 0), FailureKind::Damaged);
  EXPECT_EQ(failureKind(SQLITE_NOTADB, 0), FailureKind::Damaged);
  EXPECT_EQ(failureKind(SQLITE_IOERR_READ, EIO), FailureKind::Other);
  EXPECT_EQ(failureKind(SQLITE_BUSY, 0), FailureKind::Other);
}

// A tmpfs of a few megabytes mounted for the test: a real full disk. Needs root (CAP_SYS_ADMIN).
class SmallDisk {
 public:
  explicit SmallDisk(const std::filesystem::path& dir) : dir_(dir) {
    std::filesystem::create_directories(dir_);
    if (::geteuid() != 0) {
      why_ = "mounting a tmpfs needs root, and the test runs as uid " + std::to_string(::geteuid());
    } else if (::mount("tmpfs", dir_.c_str(), "tmpfs", 0, "size=4m,mode=0700") != 0) {
      why_ = std::string("mount -t tmpfs refused here: ") + std::strerror(errno);
    } else {
      mounted_ = true;
    }
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& why() const { return why_; }

  // Writes a filler file until the disk is full.
  void fill() {
    std::FILE* f = std::fopen((dir_ / "filler").c_str(), "wb");
    ASSERT_NE(f, nullptr);
    const std::string block(4096, 'x');
    while (std::fwrite(block.data(), 1, block.size(), f) == block.size() && std::fflush(f) == 0) {
    }
    std::fclose(f);
  }
  void makeRoom() { std::filesystem::remove(dir_ / "filler"); }

 private:
  std::filesystem::path dir_;
  bool mounted_ = false;
  std::string why_;
};

bool waitFor(const std::function<bool()>& done, double seconds) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

TEST(StoreHealth, DiskFullMidSessionKeepsEveryCompletedRepetitionOnceSpaceReturns) {
  TempDir dir;
  SmallDisk disk(dir / "disk");
  if (!disk.mounted()) GTEST_SKIP() << disk.why();
  const auto db = dir / "disk" / "p01.sqlite";
  {
    auto opened = SessionWriter::open(db);
    ASSERT_TRUE(opened) << opened.error();
    SessionWriter& w = **opened;
    w.beginSession({"p01", std::nullopt, 1000.0, "", "live", std::nullopt, {}});
    Posture p;
    int frame = 0;
    auto exercise = [&](int fromRep, int toRep) {
      for (int rep = fromRep; rep <= toRep; ++rep) {
        for (int k = 0; k < 40; ++k, ++frame) {
          p.timeS = frame * 0.1;
          w.posture(p, 1);
        }
        w.repetition({"bridge", 1, rep, p.timeS - 3.0, p.timeS, 70.0 + rep, {}});
      }
    };
    exercise(1, 2);
    ASSERT_TRUE(w.flush()) << w.lastError();
    EXPECT_TRUE(w.recordingProblem().empty());

    disk.fill();
    exercise(3, 10);
    // The person is told in the headset; the session goes on.
    ASSERT_TRUE(waitFor([&] { return !w.recordingProblem().empty(); }, 5.0)) << "the full disk was never noticed";
    EXPECT_NE(w.recordingProblem().find("recording paused: disk full"), std::string::npos) << w.recordingProblem();
    EXPECT_EQ(w.lastError().find("the store is damaged"), std::string::npos) << w.lastError();
    EXPECT_FALSE(w.flush());
    EXPECT_GT(w.stats().journalled, 0u);

    disk.makeRoom();
    w.endSession(1100.0);
    ASSERT_TRUE(w.flush(10.0)) << w.lastError();
    EXPECT_TRUE(w.recordingProblem().empty());
    EXPECT_EQ(w.stats().journalDropped, 0u);
  }
  EXPECT_EQ(count(db, "SELECT count(*) FROM repetition"), 10);
  EXPECT_EQ(count(db, "SELECT count(*) FROM repetition WHERE rep_index = 10 AND quality = 80"), 1);
  EXPECT_EQ(count(db, "SELECT count(*) FROM session WHERE status = 'completed'"), 1);
}

TEST(StoreHealth, TheJournalIsBoundedWhileTheDiskStaysFull) {
  TempDir dir;
  SmallDisk disk(dir / "disk");
  if (!disk.mounted()) GTEST_SKIP() << disk.why();
  const auto db = dir / "disk" / "p01.sqlite";
  WriterOptions options;
  options.samplePeriodS = 0.0;
  options.journalSampleLimit = 50;
  options.retryIntervalS = 0.02;
  auto opened = SessionWriter::open(db, options);
  ASSERT_TRUE(opened) << opened.error();
  SessionWriter& w = **opened;
  w.beginSession({"p01", std::nullopt, 1000.0, "", "live", std::nullopt, {}});
  ASSERT_TRUE(w.flush());
  disk.fill();
  Posture p;
  for (int i = 0; i < 2000; ++i) {
    p.timeS = i * 0.01;
    w.posture(p, 1);
    if (i % 200 == 199) w.repetition({"bridge", 1, i / 200 + 1, p.timeS - 1.0, p.timeS, 75.0, {}});
    if (i % 100 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_TRUE(waitFor([&] { return w.stats().journalDropped > 0; }, 5.0));
  EXPECT_LE(w.stats().journalled, 50u + 10u + 1u);
  disk.makeRoom();
  w.endSession(1100.0);
  ASSERT_TRUE(w.flush(10.0)) << w.lastError();
  opened->reset();
  EXPECT_EQ(count(db, "SELECT count(*) FROM repetition"), 10);
}

TEST(StoreHealth, AHealthyStoreOnAFullDiskIsNotCalledDamaged) {
  TempDir dir;
  SmallDisk disk(dir / "disk");
  if (!disk.mounted()) GTEST_SKIP() << disk.why();
  const auto db = dir / "disk" / "p01.sqlite";
  writeSessions(db);
  disk.fill();
  auto store = SessionStore::open(db);
  if (!store) {
    EXPECT_NE(store.error().find("disk is full"), std::string::npos) << store.error();
    EXPECT_NE(store.error().find("not damaged"), std::string::npos) << store.error();
    EXPECT_EQ(store.error().find("the store is damaged"), std::string::npos) << store.error();
  }
}

}  // namespace
}  // namespace lumbo::store
