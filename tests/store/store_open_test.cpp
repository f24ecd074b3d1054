// Opening the store: creation, permissions, WAL, migrations of old files, foreign files refused.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "store/schema.h"
#include "store/session_store.h"
#include "tests/test_support.h"

namespace lumbo::store {
namespace {

using test::TempDir;

unsigned modeOf(const std::filesystem::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 0777u;
}

// Makes a database with the raw C API, as an older Lumbo (or another program) would have.
void makeRawDatabase(const std::filesystem::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_close(db);
}

TEST(StoreOpen, CreatesOwnerOnlyWalDatabaseAtCurrentVersion) {
  TempDir dir;
  const auto path = dir / "sub" / "p01.lumbo.sqlite";
  auto store = SessionStore::open(path);
  ASSERT_TRUE(store) << store.error();
  EXPECT_EQ(store->schemaVersion(), kSchemaVersion);
  EXPECT_EQ(store->connection().queryText("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(store->connection().queryInt("PRAGMA application_id"), kApplicationId);
  store->ensurePerson({"p01", std::nullopt});
  EXPECT_EQ(modeOf(path), 0600u);
  EXPECT_EQ(modeOf(path.string() + "-wal"), 0600u);
  EXPECT_EQ(modeOf(path.parent_path()), 0700u);
}

TEST(StoreOpen, MissingFileIsAnErrorWhenNotCreating) {
  TempDir dir;
  auto store = SessionStore::open(dir / "none.sqlite", OpenOptions{false});
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find("none.sqlite"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir / "none.sqlite"));
}

TEST(StoreOpen, RejectsATextFileNamingIt) {
  TempDir dir;
  const auto path = dir.write("notes.sqlite", "these are not the droids\nyou are looking for\n");
  auto store = SessionStore::open(path);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find(path.string()), std::string::npos);
  EXPECT_NE(store.error().find("not an SQLite database"), std::string::npos);
}

TEST(StoreOpen, RejectsAForeignSqliteDatabase) {
  TempDir dir;
  const auto path = dir / "browser.sqlite";
  makeRawDatabase(path, "CREATE TABLE cookies(name TEXT, value TEXT); INSERT INTO cookies VALUES('a', 'b');");
  auto store = SessionStore::open(path);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find(path.string()), std::string::npos);
  EXPECT_NE(store.error().find("not a Lumbo session store"), std::string::npos);
}

TEST(StoreOpen, RejectsANewerSchema) {
  TempDir dir;
  const auto path = dir / "future.sqlite";
  makeRawDatabase(path, "PRAGMA application_id=" + std::to_string(kApplicationId) + "; PRAGMA user_version=" +
                            std::to_string(kSchemaVersion + 1) + "; CREATE TABLE person(id TEXT);");
  auto store = SessionStore::open(path);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find(path.string()), std::string::npos);
  EXPECT_NE(store.error().find("newer Lumbo"), std::string::npos);
}

TEST(StoreOpen, RejectsATruncatedDatabase) {
  TempDir dir;
  const auto path = dir / "cut.sqlite";
  {
    auto store = SessionStore::open(path);
    ASSERT_TRUE(store) << store.error();
    for (int i = 0; i < 200; ++i) store->addPain({"p01", 1000.0 + i, i % 11, "other"});
    store->connection().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
  // Keep the SQLite header but overwrite the pages: a file damaged on disk.
  const auto size = std::filesystem::file_size(path);
  ASSERT_GT(size, 4096u);
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    const std::string junk(size - 100, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  auto store = SessionStore::open(path);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find(path.string()), std::string::npos);
}

TEST(StoreOpen, MigratesAVersion1DatabaseKeepingItsData) {
  TempDir dir;
  const auto path = dir / "v1.sqlite";
  // A version-1 file made from the version-1 DDL exactly as that release created it.
  makeRawDatabase(path, std::string(kSchemaV1) + "PRAGMA application_id=" + std::to_string(kApplicationId) +
                            "; PRAGMA user_version=1;"
                            "INSERT INTO person VALUES('p01', NULL, 0);"
                            "INSERT INTO session(id, person_id, start_unix_s, end_unix_s, status, source) "
                            "  VALUES(7, 'p01', 1000, 1600, 'completed', 'live');"
                            "INSERT INTO repetition(session_id, exercise_id, set_index, rep_index, start_s, end_s, quality) "
                            "  VALUES(7, 'bridge', 1, 1, 10, 14, 82.5);"
                            "INSERT INTO assessment(id, person_id, unix_s, name) VALUES(1, 'p01', 900, 'rom');");
  auto store = SessionStore::open(path);
  ASSERT_TRUE(store) << store.error();
  EXPECT_EQ(store->schemaVersion(), kSchemaVersion);
  auto& db = store->connection();
  EXPECT_EQ(db.queryInt("SELECT count(*) FROM repetition WHERE session_id = 7 AND quality = 82.5"), 1);
  // What version 2 added is there and usable on the old rows.
  EXPECT_EQ(db.queryText("SELECT context FROM session WHERE id = 7"), "");
  EXPECT_EQ(db.queryText("SELECT context FROM assessment WHERE id = 1"), "");
  PostureSampleRecord sample;
  sample.timeS = 1.25;
  sample.values[0] = 12.5f;
  store->addPostureSample(7, sample);
  EXPECT_EQ(db.queryInt("SELECT t_ms FROM posture_sample WHERE session_id = 7"), 1250);
  EXPECT_EQ(db.queryText("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(db.queryInt("SELECT count(*) FROM pragma_foreign_key_check"), 0);
}

TEST(StoreOpen, MigratesAVersion2DatabaseKeepingRepetitionsAndTheirFaults) {
  TempDir dir;
  const auto path = dir / "v2.sqlite";
  // A version-2 file: the version-1 DDL plus the 1->2 migration, as that release left it.
  makeRawDatabase(path, std::string(kSchemaV1) + std::string(kMigrationV1ToV2) + "PRAGMA application_id=" +
                            std::to_string(kApplicationId) + "; PRAGMA user_version=2;"
                            "INSERT INTO person VALUES('p01', NULL, 0);"
                            "INSERT INTO session(id, person_id, start_unix_s, status, source, context) "
                            "  VALUES(3, 'p01', 1000, 'open', 'live', 'post-flight');"
                            "INSERT INTO repetition(id, session_id, exercise_id, set_index, rep_index, start_s, end_s, quality) "
                            "  VALUES(11, 3, 'bird_dog', 1, 1, 5, 9, 64), (12, 3, 'bird_dog', 1, 2, 10, 14, 71);"
                            "INSERT INTO fault VALUES(12, 'lumbar_rotation_deg', 'keep the hips square', 7.5, 1.2);");
  auto store = SessionStore::open(path);
  ASSERT_TRUE(store) << store.error();
  EXPECT_EQ(store->schemaVersion(), kSchemaVersion);
  auto& db = store->connection();
  EXPECT_EQ(db.queryInt("SELECT count(*) FROM repetition WHERE session_id = 3"), 2);
  EXPECT_EQ(db.queryText("SELECT r.quality || ' ' || f.text FROM fault f JOIN repetition r ON r.id = f.repetition_id"),
            "71.0 keep the hips square");
  EXPECT_EQ(db.queryInt("SELECT sum(tracking_lost_s) FROM repetition"), 0);
  EXPECT_EQ(db.queryInt("SELECT count(*) FROM pragma_index_list('repetition') WHERE name = 'repetition_by_session'"), 1);
  // What version 3 allows: a repetition without a quality.
  RepetitionRecord unscored{"bird_dog", 1, 3, 15.0, 19.0, std::nullopt, {}, 2.5};
  store->addRepetition(3, unscored);
  EXPECT_EQ(db.queryInt("SELECT count(*) FROM repetition WHERE quality IS NULL AND tracking_lost_s = 2.5"), 1);
  EXPECT_EQ(db.queryText("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(db.queryInt("SELECT count(*) FROM pragma_foreign_key_check"), 0);
  EXPECT_EQ(db.queryInt("PRAGMA foreign_keys"), 1);
}

TEST(StoreOpen, MigratesAVersion4DatabaseKeepingEventsAndAcceptingTherapistActions) {
  TempDir dir;
  const auto path = dir / "v4.sqlite";
  makeRawDatabase(path, std::string(kSchemaV1) + std::string(kMigrationV1ToV2) + std::string(kMigrationV2ToV3) +
                            std::string(kMigrationV3ToV4) + "PRAGMA application_id=" + std::to_string(kApplicationId) +
                            "; PRAGMA user_version=4;"
                            "INSERT INTO person(id, display_name, created_unix_s) VALUES('p01', NULL, 0);"
                            "INSERT INTO session(id, person_id, start_unix_s, status, source) VALUES(5, 'p01', 1000, 'open', 'live');"
                            "INSERT INTO event(id, session_id, time_s, kind, exercise_id, from_level, to_level, detail) "
                            "  VALUES(9, 5, 3.5, 'pause', 'bridge', 0, 0, 'by the person');");
  auto store = SessionStore::open(path);
  ASSERT_TRUE(store) << store.error();
  EXPECT_EQ(store->schemaVersion(), kSchemaVersion);
  auto& db = store->connection();
  EXPECT_EQ(db.queryText("SELECT kind || ' ' || detail FROM event WHERE id = 9"), "pause by the person");
  // Version 4's CHECK refused these kinds; version 5 records them.
  store->addEvent(5, {4.0, EventKind::Message, "by anna: slower please", "bridge", 0, 0});
  store->addEvent(5, {5.0, EventKind::ExerciseEnded, "by anna", "bridge", 0, 0});
  store->addEvent(5, {6.0, EventKind::RepetitionsChange, "bridge 10 -> 6 per set by anna", "bridge", 0, 0});
  EXPECT_EQ(db.queryInt("SELECT count(*) FROM event WHERE session_id = 5"), 4);
  EXPECT_EQ(db.queryInt("SELECT count(*) FROM pragma_index_list('event') WHERE name = 'event_by_session'"), 1);
  EXPECT_EQ(db.queryText("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(db.queryInt("SELECT count(*) FROM pragma_foreign_key_check"), 0);
}

TEST(StoreOpen, MigratesAVersion8DatabaseKeepingItsPlansWithNoRestAndNoBandsGuessed) {
  TempDir dir;
  const auto path = dir / "v8.sqlite";
  std::string sql(kSchemaV1);
  for (const std::string_view m : {kMigrationV1ToV2, kMigrationV2ToV3, kMigrationV3ToV4, kMigrationV4ToV5, kMigrationV5ToV6,
                                   kMigrationV6ToV7, kMigrationV7ToV8}) {
    sql += m;
  }
  makeRawDatabase(path, sql + "PRAGMA application_id=" + std::to_string(kApplicationId) +
                            "; PRAGMA user_version=8;"
                            "INSERT INTO person(id, display_name, created_unix_s) VALUES('p01', NULL, 0);"
                            "INSERT INTO session(id, person_id, start_unix_s, status, source) VALUES(3, 'p01', 1000, 'completed', 'live');"
                            "INSERT INTO session_plan(session_id, position, exercise_id, level, sets, reps_per_set, hold_s, minutes) "
                            "  VALUES(3, 0, 'bridge', 2, 3, 10, 5.0, 4.5);");
  auto store = SessionStore::open(path);
  ASSERT_TRUE(store) << store.error();
  EXPECT_EQ(store->schemaVersion(), kSchemaVersion);
  auto& db = store->connection();
  // The plan is kept; version 8 did not record rests, so none is invented, nor are the bands.
  EXPECT_EQ(db.queryText("SELECT exercise_id || ' ' || level || ' ' || sets || 'x' || reps_per_set || ' rest ' || rest_s "
                         "FROM session_plan WHERE session_id = 3"),
            "bridge 2 3x10 rest 0.0");
  EXPECT_EQ(db.queryInt("SELECT count(*) FROM session_bands"), 0);
  // A negative rest is refused by the new column's CHECK.
  EXPECT_THROW(db.exec("INSERT INTO session_plan(session_id, position, exercise_id, level, sets, reps_per_set, hold_s, minutes, "
                       "rest_s) VALUES(3, 1, 'bridge', 1, 1, 1, 0, 1, -5)"),
               SqlError);
  EXPECT_EQ(db.queryText("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(db.queryInt("SELECT count(*) FROM pragma_foreign_key_check"), 0);
}

TEST(StoreOpen, MigrationMatchesAFreshDatabase) {
  // Every table and column a fresh file has, a migrated one has too.
  TempDir dir;
  makeRawDatabase(dir / "old.sqlite", std::string(kSchemaV1) + "PRAGMA application_id=" +
                                           std::to_string(kApplicationId) + "; PRAGMA user_version=1;");
  auto migrated = SessionStore::open(dir / "old.sqlite");
  auto fresh = SessionStore::open(dir / "new.sqlite");
  ASSERT_TRUE(migrated && fresh);
  const char* columns =
      "SELECT group_concat(x, ',') FROM (SELECT m.name || '.' || p.name || ':' || p.type AS x "
      "FROM sqlite_schema m, pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY x)";
  EXPECT_EQ(migrated->connection().queryText(columns), fresh->connection().queryText(columns));
}

TEST(StoreOpen, OswestryPercentFollowsThePublishedRule) {
  OswestryRecord odi;
  for (std::size_t i = 0; i < 10; ++i) odi.sections[i] = 2;
  EXPECT_DOUBLE_EQ(*odi.percent(), 40.0);  // 20 of 50
  odi.sections[9].reset();
  EXPECT_DOUBLE_EQ(*odi.percent(), 40.0);  // 18 of 45
  odi.sections[8].reset();
  EXPECT_FALSE(odi.percent());
}

}  // namespace
}  // namespace lumbo::store
