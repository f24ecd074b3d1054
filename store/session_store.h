// The SQLite session store: opens or creates a profile's database (checked, migrated, WAL) and
// writes records synchronously. The live app writes through SessionWriter instead.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>

#include "body/result.h"
#include "store/session_records.h"
#include "store/sqlite.h"

namespace lumbo::store {

struct OpenOptions {
  bool create = true;  // false: a missing file is an error (reports, exports)
};

class SessionStore {
 public:
  // Rejects, with a message naming the file: a file that is not SQLite, a SQLite database that
  // is not a Lumbo store, a store written by a newer Lumbo, a damaged file. Migrates older
  // schema versions forward in one transaction. New files are created 0600.
  static Result<SessionStore> open(const std::filesystem::path& path, const OpenOptions& options = {});

  SessionStore(SessionStore&&) noexcept = default;
  SessionStore& operator=(SessionStore&&) noexcept = default;

  // Sessions still 'open' belong to a process that died: mark them interrupted, ending at their
  // last recorded activity, and keep everything they recorded. Returns how many were marked.
  // Only the process that writes sessions may call this (SessionWriter does, under its lock).
  int markOpenSessionsInterrupted();

  void ensurePerson(const PersonRecord& person);
  std::optional<PersonRecord> person(const std::string& personId);
  std::int64_t addProgram(const std::string& personId, const ProgramRecord& program);

  std::int64_t beginSession(const SessionInfo& info);
  void endSession(std::int64_t sessionId, double endUnixS, SessionStatus status, std::optional<int> painAfter);
  void addSet(std::int64_t sessionId, const ExerciseSetRecord& set);
  std::int64_t addRepetition(std::int64_t sessionId, const RepetitionRecord& rep);
  void addHold(std::int64_t sessionId, const HoldRecord& hold);
  void addEvent(std::int64_t sessionId, const EventRecord& event);
  void addRenderQuality(std::int64_t sessionId, const RenderQualityRecord& quality);
  void addPostureSample(std::int64_t sessionId, const PostureSampleRecord& sample);

  void addPain(const PainRecord& pain, std::optional<std::int64_t> sessionId = std::nullopt);
  void addOswestry(const OswestryRecord& odi);
  std::int64_t addAssessment(const AssessmentRecord& assessment);

  Connection& connection() { return db_; }
  const std::filesystem::path& path() const { return db_.path(); }
  int schemaVersion() { return static_cast<int>(db_.queryInt("PRAGMA user_version")); }

 private:
  explicit SessionStore(Connection db) : db_(std::move(db)) {}
  Connection db_;
};

}  // namespace lumbo::store
