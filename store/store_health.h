// The store's health: a full disk told apart from a damaged file in words a person can act on,
// the check run when a store is opened, and the salvage of every readable session into a new file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "body/result.h"
#include "store/sqlite.h"

namespace lumbo::store {

enum class FailureKind {
  DiskFull,  // SQLITE_FULL, or an I/O error whose cause is ENOSPC, EDQUOT or EFBIG: the file is fine
  Damaged,   // SQLITE_CORRUPT or SQLITE_NOTADB: the file itself is broken
  Other,     // locked, permissions, other I/O errors
};

FailureKind failureKind(int sqliteCode, int systemErrno);
inline FailureKind failureKind(const SqlError& e) { return failureKind(e.code(), e.systemErrno()); }

// The command that copies what can be read out of a damaged store, for messages.
std::string salvageHint(const std::filesystem::path& db);

// A failure while opening or writing `db`, worded by its kind: "the disk is full (the store is not
// damaged)", "the store is damaged ... lumbo store salvage ...", or SQLite's own words.
std::string describeFailure(const std::filesystem::path& db, const SqlError& e);

// PRAGMA quick_check on an open connection: empty when the file is sound, else SQLite's first
// findings. Checks every page's structure but not index contents, so it stays fast on a daily store.
std::string quickCheck(Connection& db);

struct CheckReport {
  bool sound = false;
  std::vector<std::string> problems;  // SQLite's findings, at most 20
  std::int64_t sessions = -1;         // readable session rows, -1 when the table cannot be read
};

// `lumbo store check`: opens read-only, runs the full integrity_check, counts sessions. Errors
// only when the file cannot be opened at all.
Result<CheckReport> checkStore(const std::filesystem::path& db);

struct SalvageReport {
  std::int64_t sessionsCopied = 0;
  std::int64_t rowsCopied = 0;
  std::int64_t rowsLost = 0;           // rows known to exist (by id range) that could not be read
  std::vector<std::string> notes;      // per table: how it was read and what was lost
};

// `lumbo store salvage`: copies every readable row of `db`, table by table and session by session,
// into a new store at `out` (which must not exist). The damaged file is only read.
Result<SalvageReport> salvageStore(const std::filesystem::path& db, const std::filesystem::path& out);

}  // namespace lumbo::store
