// Failure wording, quick and full checks, and the row-by-row salvage of a damaged store.
#include "store/store_health.h"

#include <sqlite3.h>

#include <cerrno>
#include <fstream>
#include <string_view>
#include <optional>
#include <set>

#include "store/session_store.h"
#include "store/store_file.h"

namespace lumbo::store {

namespace {

// A read-only connection to the damaged file: salvage and check never write to it.
struct ReadOnlyDb {
  sqlite3* db = nullptr;
  ~ReadOnlyDb() {
    if (db) sqlite3_close_v2(db);
  }
};

std::vector<std::string> columnsOf(sqlite3* db, const std::string& table) {
  std::vector<std::string> cols;
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?)", -1, &s, nullptr) != SQLITE_OK) return cols;
  sqlite3_bind_text(s, 1, table.c_str(), -1, SQLITE_TRANSIENT);
  while (sqlite3_step(s) == SQLITE_ROW) cols.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
  sqlite3_finalize(s);
  return cols;
}

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

// Copies the rows one SELECT on the damaged file yields into the new store, until the SELECT ends
// or fails. Returns false when reading failed part way (the rows before the failure are kept).
bool copyRows(sqlite3* from, sqlite3* to, const std::string& select, const std::string& insert,
              const std::optional<std::int64_t>& key, std::int64_t& copied) {
  sqlite3_stmt* src = nullptr;
  sqlite3_stmt* dst = nullptr;
  if (sqlite3_prepare_v2(from, select.c_str(), -1, &src, nullptr) != SQLITE_OK) return false;
  if (sqlite3_prepare_v2(to, insert.c_str(), -1, &dst, nullptr) != SQLITE_OK) {
    sqlite3_finalize(src);
    return false;
  }
  if (key) sqlite3_bind_int64(src, 1, *key);
  int rc;
  while ((rc = sqlite3_step(src)) == SQLITE_ROW) {
    const int n = sqlite3_column_count(src);
    for (int i = 0; i < n; ++i) sqlite3_bind_value(dst, i + 1, sqlite3_column_value(src, i));
    if (sqlite3_step(dst) == SQLITE_DONE && sqlite3_changes(to) > 0) ++copied;
    sqlite3_reset(dst);
  }
  sqlite3_finalize(src);
  sqlite3_finalize(dst);
  return rc == SQLITE_DONE;
}

std::optional<std::int64_t> queryInt(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) return std::nullopt;
  std::optional<std::int64_t> v;
  if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) v = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  return v;
}

Status openReadOnly(const std::filesystem::path& db, ReadOnlyDb& ro) {
  if (auto s = checkStoreName(db); !s) return s;
  std::error_code ec;
  if (!std::filesystem::exists(db, ec)) return Error{db.string() + ": no such session store"};
  if (sqlite3_open_v2(db.c_str(), &ro.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    return Error{db.string() + ": cannot open: " + (ro.db ? sqlite3_errmsg(ro.db) : "out of memory")};
  }
  sqlite3_busy_timeout(ro.db, 5000);
  return Done{};
}

}  // namespace

FailureKind failureKind(int sqliteCode, int systemErrno) {
  const int primary = sqliteCode & 0xff;
  if (primary == SQLITE_FULL) return FailureKind::DiskFull;
  if (primary == SQLITE_IOERR && (systemErrno == ENOSPC || systemErrno == EDQUOT || systemErrno == EFBIG)) {
    return FailureKind::DiskFull;
  }
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) return FailureKind::Damaged;
  return FailureKind::Other;
}

std::string salvageHint(const std::filesystem::path& db) {
  return "copy its readable sessions into a new file with: lumbo store salvage " + db.string() + " " +
         (db.parent_path() / (db.stem().string() + "-salvaged" + db.extension().string())).string();
}

std::string describeFailure(const std::filesystem::path& db, const SqlError& e) {
  switch (failureKind(e)) {
    case FailureKind::DiskFull:
      return db.string() + ": the disk is full (" + e.what() + "); the store is not damaged: free some space and try again";
    case FailureKind::Damaged:
      return db.string() + ": the store is damaged (" + e.what() + "); " + salvageHint(db);
    case FailureKind::Other: break;
  }
  return e.what();
}

std::string quickCheck(Connection& db) {
  auto s = db.prepare("PRAGMA quick_check(5)");
  std::string findings;
  while (s.step()) {
    const std::string line = s.getText(0);
    if (line == "ok") continue;
    if (!findings.empty()) findings += "; ";
    findings += line;
  }
  return findings;
}

Result<CheckReport> checkStore(const std::filesystem::path& db) {
  ReadOnlyDb ro;
  if (auto s = openReadOnly(db, ro); !s) return Error{s.error()};
  // A file that never was SQLite is not a damaged store; say what it is instead.
  {
    char head[16] = {};
    std::ifstream in(db, std::ios::binary);
    in.read(head, sizeof head);
    if (in.gcount() != sizeof head || std::string_view(head, 15) != "SQLite format 3") {
      return Error{db.string() + ": not a Lumbo session store (not an SQLite database)"};
    }
  }
  CheckReport report;
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(ro.db, "PRAGMA integrity_check(20)", -1, &s, nullptr) != SQLITE_OK) {
    report.problems.emplace_back(sqlite3_errmsg(ro.db));
  } else {
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      const std::string line = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
      if (line != "ok") report.problems.push_back(line);
    }
    if (rc != SQLITE_DONE) report.problems.emplace_back(sqlite3_errmsg(ro.db));
    sqlite3_finalize(s);
  }
  if (report.problems.empty()) {
    const auto appId = queryInt(ro.db, "PRAGMA application_id");
    if (!appId) return Error{db.string() + ": not a readable SQLite database: " + sqlite3_errmsg(ro.db)};
    if (*appId != 0x4C4D424F) return Error{db.string() + ": not a Lumbo session store"};
  }
  report.sessions = queryInt(ro.db, "SELECT count(*) FROM session").value_or(-1);
  report.sound = report.problems.empty();
  return report;
}

Result<SalvageReport> salvageStore(const std::filesystem::path& db, const std::filesystem::path& out) {
  ReadOnlyDb ro;
  if (auto s = openReadOnly(db, ro); !s) return Error{s.error()};
  std::error_code ec;
  if (std::filesystem::exists(std::filesystem::symlink_status(out, ec))) {
    return Error{out.string() + ": already exists; salvage writes a new file only"};
  }
  auto created = SessionStore::open(out);
  if (!created) return Error{created.error()};
  sqlite3* to = created->connection().handle();
  SalvageReport report;
  try {
    Connection& c = created->connection();
    // Rows arrive table by table and some parents may be lost: references are not enforced here.
    c.exec("PRAGMA foreign_keys=OFF");
    std::vector<std::string> tables;
    {
      auto s = c.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                         "ORDER BY name <> 'session', rowid");
      while (s.step()) tables.push_back(s.getText(0));
    }
    std::vector<std::int64_t> sessionIds;
    for (const std::string& table : tables) {
      const auto newCols = columnsOf(to, table);
      const auto oldColsList = columnsOf(ro.db, table);
      const std::set<std::string> oldCols(oldColsList.begin(), oldColsList.end());
      std::string list, marks;
      bool hasSession = false;
      for (const auto& col : newCols) {
        if (!oldCols.count(col)) continue;
        if (!list.empty()) list += ", ", marks += ", ";
        list += quoted(col);
        marks += "?";
        hasSession = hasSession || col == "session_id";
      }
      if (list.empty()) {
        report.notes.push_back(table + ": not readable in the damaged file");
        continue;
      }
      const std::string insert = "INSERT OR IGNORE INTO " + quoted(table) + "(" + list + ") VALUES(" + marks + ")";
      const std::string select = "SELECT " + list + " FROM " + quoted(table);
      std::int64_t copied = 0, lost = 0;
      Transaction t(c);
      bool whole = copyRows(ro.db, to, select, insert, std::nullopt, copied);
      std::string how = "read whole";
      if (!whole) {
        // A damaged page stopped the scan: read around it, by row id where the table has one
        // (each row looked up on its own), else session by session through the primary key.
        const bool withoutRowid =
            queryInt(to, "SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = '" + table + "'").value_or(0) != 0;
        if (!withoutRowid) {
          how = "read row by row around damage";
          const std::int64_t last = queryInt(ro.db, "SELECT max(rowid) FROM " + quoted(table)).value_or(1000000);
          for (std::int64_t id = 1; id <= last; ++id) {
            if (!copyRows(ro.db, to, select + " WHERE rowid = ?", insert, id, copied)) ++lost;
          }
        } else if (hasSession) {
          how = "read session by session around damage";
          for (const std::int64_t id : sessionIds) {
            if (!copyRows(ro.db, to, select + " WHERE session_id = ?", insert, id, copied)) ++lost;
          }
        } else {
          how = "read until damage";
        }
      }
      t.commit();
      if (table == "session") {
        auto s = c.prepare("SELECT id FROM session ORDER BY id");
        while (s.step()) sessionIds.push_back(s.getInt(0));
        report.sessionsCopied = static_cast<std::int64_t>(sessionIds.size());
      }
      report.rowsCopied += copied;
      report.rowsLost += lost;
      report.notes.push_back(table + ": " + std::to_string(copied) + " rows, " + how +
                             (lost ? ", " + std::to_string(lost) + " unreadable" : ""));
    }
    c.exec("PRAGMA foreign_keys=ON");
  } catch (const SqlError& e) {
    return Error{describeFailure(out, e)};
  }
  return report;
}

}  // namespace lumbo::store
