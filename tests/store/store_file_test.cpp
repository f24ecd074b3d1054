// One writer per store whatever its name: second writers through a hard link, a symbolic link or
// a linked folder are refused while the first records, and a link or a foreign file is never
// turned into a store.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "store/session_writer.h"
#include "store/store_file.h"
#include "tests/test_support.h"

namespace lumbo::store {
namespace {

using test::TempDir;

std::string contentOf(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A first writer that has begun a session and recorded a repetition, as `lumbo run` would have.
std::unique_ptr<SessionWriter> recordingWriter(const std::filesystem::path& db) {
  auto writer = SessionWriter::open(db);
  EXPECT_TRUE(writer) << writer.error();
  if (!writer) return nullptr;
  (*writer)->beginSession({"p01", std::nullopt, 1000.0, "", "live", std::nullopt, {}});
  (*writer)->repetition({"bridge", 1, 1, 1.0, 3.0, 80.0, {}});
  EXPECT_TRUE((*writer)->flush());
  return std::move(writer).value();
}

// The first writer goes on and finishes; its session must be whole and completed.
void finishAndCheck(std::unique_ptr<SessionWriter> first, const std::filesystem::path& db) {
  first->repetition({"bridge", 1, 2, 4.0, 6.0, 82.0, {}});
  first->endSession(1010.0);
  ASSERT_TRUE(first->flush()) << first->lastError();
  first.reset();
  auto store = SessionStore::open(db, OpenOptions{false});
  ASSERT_TRUE(store) << store.error();
  EXPECT_EQ(store->connection().queryInt("SELECT count(*) FROM session"), 1);
  EXPECT_EQ(store->connection().queryText("SELECT status FROM session"), "completed");
  EXPECT_EQ(store->connection().queryInt("SELECT count(*) FROM repetition"), 2);
}

TEST(StoreFile, AHardLinkedSecondWriterIsRefusedWhileTheFirstRecords) {
  TempDir dir;
  const auto db = dir / "p.sqlite";
  auto first = recordingWriter(db);
  ASSERT_TRUE(first);
  std::filesystem::create_hard_link(db, dir / "alias.sqlite");
  auto second = SessionWriter::open(dir / "alias.sqlite");
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().find("hard links"), std::string::npos) << second.error();
  // Readers are refused too: through the other name SQLite would keep a second WAL.
  auto reader = SessionStore::open(dir / "alias.sqlite", OpenOptions{false});
  ASSERT_FALSE(reader);
  std::filesystem::remove(dir / "alias.sqlite");
  finishAndCheck(std::move(first), db);
}

TEST(StoreFile, ASymlinkedSecondWriterIsRefusedWhileTheFirstRecords) {
  TempDir dir;
  const auto db = dir / "p.sqlite";
  auto first = recordingWriter(db);
  ASSERT_TRUE(first);
  std::filesystem::create_symlink(db, dir / "link.sqlite");
  auto second = SessionWriter::open(dir / "link.sqlite");
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().find("symbolic link"), std::string::npos) << second.error();
  finishAndCheck(std::move(first), db);
}

TEST(StoreFile, ASecondWriterThroughALinkedFolderIsRefusedByTheFilesLock) {
  TempDir dir;
  const auto db = dir / "real" / "p.sqlite";
  auto first = recordingWriter(db);
  ASSERT_TRUE(first);
  // The store itself has one name and no link; only the folder differs. The lock is on the file.
  std::filesystem::create_directory_symlink(dir / "real", dir / "alias");
  auto second = SessionWriter::open(dir / "alias" / "p.sqlite");
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().find("another Lumbo process is recording"), std::string::npos) << second.error();
  finishAndCheck(std::move(first), db);
}

TEST(StoreFile, ASymlinkToAnUnrelatedEmptyFileIsNotTurnedIntoAStore) {
  TempDir dir;
  const auto target = dir.write("empty.txt", "");
  std::filesystem::create_symlink(target, dir / "p.sqlite");
  auto writer = SessionWriter::open(dir / "p.sqlite");
  ASSERT_FALSE(writer);
  EXPECT_NE(writer.error().find("symbolic link"), std::string::npos) << writer.error();
  auto store = SessionStore::open(dir / "p.sqlite");
  ASSERT_FALSE(store);
  EXPECT_EQ(std::filesystem::file_size(target), 0u);
  EXPECT_FALSE(std::filesystem::exists(target.string() + "-wal"));
}

TEST(StoreFile, ASymlinkToANonEmptyFileIsLeftAsItIs) {
  TempDir dir;
  const std::string notes = "appointments\nmonday 9:00\n";
  const auto target = dir.write("notes.txt", notes);
  std::filesystem::create_symlink(target, dir / "p.sqlite");
  EXPECT_FALSE(SessionWriter::open(dir / "p.sqlite"));
  EXPECT_FALSE(SessionStore::open(dir / "p.sqlite"));
  EXPECT_EQ(contentOf(target), notes);
}

TEST(StoreFile, AnSqliteFileWithoutTablesIsNotTurnedIntoAStore) {
  // Not empty (it has SQLite's header and another program's settings), so not ours to take.
  TempDir dir;
  const auto path = dir / "other.sqlite";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version=0; CREATE TABLE t(x); DROP TABLE t;", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  const std::string before = contentOf(path);
  ASSERT_FALSE(before.empty());
  auto store = SessionStore::open(path);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find("not a Lumbo session store"), std::string::npos) << store.error();
  EXPECT_EQ(contentOf(path), before);
}

TEST(StoreFile, AnEmptyFileOfItsOwnIsMadeAStore) {
  // What a first open interrupted before its first write leaves: an empty file with one name.
  TempDir dir;
  const auto path = dir.write("p.sqlite", "");
  auto writer = SessionWriter::open(path);
  ASSERT_TRUE(writer) << writer.error();
}

TEST(StoreFile, TheLockIsReleasedWithTheWriter) {
  TempDir dir;
  { auto first = recordingWriter(dir / "p.sqlite"); }
  auto again = SessionWriter::open(dir / "p.sqlite");
  ASSERT_TRUE(again) << again.error();
  EXPECT_EQ((*again)->interruptedOnOpen(), 1);
}

}  // namespace
}  // namespace lumbo::store
