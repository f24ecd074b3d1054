// Opening, checking, migrating and writing the SQLite session store.
#include "store/session_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>

#include "store/private_file.h"
#include "store/schema.h"
#include "store/store_file.h"
#include "store/store_health.h"

namespace lumbo::store {

namespace {

constexpr char kSqliteMagic[16] = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};

// What is at `path` before SQLite touches it: SQLite would happily treat any file as a database
// to be, so a foreign file is recognised here from its first bytes.
Status checkHeader(const std::filesystem::path& path, bool& isNew) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Error{path.string() + ": cannot read: " + ec.message()};
  if (size == 0) {
    isNew = true;
    return Done{};
  }
  char head[16] = {};
  std::ifstream in(path, std::ios::binary);
  in.read(head, sizeof head);
  if (in.gcount() != sizeof head || std::memcmp(head, kSqliteMagic, sizeof head) != 0) {
    return Error{path.string() + ": not a Lumbo session store (not an SQLite database)"};
  }
  return Done{};
}

void applySettings(Connection& db) {
  // WAL lets reports read while a session is being written. synchronous=FULL syncs the WAL on
  // every commit: the issue asks that a power cut lose at most the repetition in progress, and
  // NORMAL only protects against a process crash. The writer commits a few times a second, so
  // the cost is a few fsyncs per second, off the frame thread.
  const std::string mode = db.queryText("PRAGMA journal_mode=WAL");
  if (mode != "wal") db.fail("cannot switch to WAL mode (got '" + mode + "')");
  db.exec("PRAGMA synchronous=FULL;");
}

}  // namespace

Result<SessionStore> SessionStore::open(const std::filesystem::path& path, const OpenOptions& options) {
  if (auto s = checkStoreName(path); !s) return Error{s.error()};
  std::error_code ec;
  bool isNew = false;
  if (!std::filesystem::exists(path, ec)) {
    if (!options.create) return Error{path.string() + ": no such session store"};
    if (auto s = makePrivateDirectory(path.has_parent_path() ? path.parent_path() : "."); !s) return Error{s.error()};
    // Created here, not by SQLite, so the mode is 0600 from the first instant; SQLite gives its
    // -wal and -shm files the database's mode.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST) return Error{path.string() + ": cannot create: " + std::strerror(errno)};
    if (fd >= 0) ::close(fd);
    isNew = true;
  } else if (std::filesystem::is_directory(path, ec)) {
    return Error{path.string() + ": is a folder, not a session store"};
  }
  if (!isNew) {
    if (auto s = checkHeader(path, isNew); !s) return Error{s.error()};
  }
  try {
    Connection db = Connection::open(path, false);
    const auto appId = db.queryInt("PRAGMA application_id");
    const auto version = db.queryInt("PRAGMA user_version");
    const auto tables = db.queryInt("SELECT count(*) FROM sqlite_schema");
    if (appId != kApplicationId) {
      // Only a file that was empty becomes a store: an SQLite file of someone else's, even one
      // without tables, is left as it is.
      if (appId != 0 || version != 0 || tables != 0 || !isNew) {
        return Error{path.string() + ": an SQLite database but not a Lumbo session store (application_id " +
                     std::to_string(appId) + ")"};
      }
      isNew = true;
    }
    if (!isNew) {
      // A damaged page found now is a refusal with the way out; found mid-session it would cost
      // the session. quick_check reads every page: 0.09 s for a month of daily 20-minute sessions
      // (21 MB), 1.2 s for a year of them (300 MB, 4.4 million samples), warm cache.
      if (const std::string findings = quickCheck(db); !findings.empty()) {
        return Error{path.string() + ": the store is damaged (" + findings + "); nothing was written to it; " +
                     salvageHint(path)};
      }
    }
    if (version > kSchemaVersion) {
      return Error{path.string() + ": written by a newer Lumbo (schema version " + std::to_string(version) +
                   "; this build reads up to " + std::to_string(kSchemaVersion) + ")"};
    }
    if (isNew) {
      // Before the switch to WAL, in one rollback-journalled transaction: a crash leaves the
      // file empty or a store, never an SQLite file without Lumbo's mark (which is refused).
      Transaction t(db);
      db.exec(kSchemaV1);
      db.exec("PRAGMA application_id=" + std::to_string(kApplicationId) + "; PRAGMA user_version=1;");
      t.commit();
    }
    applySettings(db);
    const auto from = db.queryInt("PRAGMA user_version");
    if (from < 1) return Error{path.string() + ": damaged Lumbo session store (schema version " + std::to_string(from) + ")"};
    if (from < kSchemaVersion) {
      // Table rebuilds drop and rename tables that others reference: foreign keys stay off
      // (they cannot change inside a transaction) and are checked once the data is in place.
      db.exec("PRAGMA foreign_keys=OFF");
      Transaction t(db);
      const auto steps = migrations();
      for (auto v = from; v < kSchemaVersion; ++v) db.exec(steps[static_cast<std::size_t>(v - 1)]);
      if (db.queryInt("SELECT count(*) FROM pragma_foreign_key_check") != 0) {
        return Error{path.string() + ": migration from schema version " + std::to_string(from) +
                     " left broken references; the file is unchanged"};
      }
      db.exec("PRAGMA user_version=" + std::to_string(kSchemaVersion));
      t.commit();
    }
    db.exec("PRAGMA foreign_keys=ON");
    ::chmod(path.c_str(), 0600);
    return SessionStore(std::move(db));
  } catch (const SqlError& e) {
    if (failureKind(e) != FailureKind::Other) return Error{describeFailure(path, e)};
    return Error{std::string(e.what()) + " (not a readable Lumbo session store)"};
  }
}

int SessionStore::markOpenSessionsInterrupted() {
  Transaction t(db_);
  // The end is the latest thing known to have happened; a session with nothing recorded ends
  // where it began.
  db_.exec(R"sql(
    UPDATE session SET status = 'interrupted', end_unix_s = start_unix_s + max(0.0,
      coalesce((SELECT max(end_s) FROM repetition r WHERE r.session_id = session.id), 0.0),
      coalesce((SELECT max(start_s + held_s) FROM hold h WHERE h.session_id = session.id), 0.0),
      coalesce((SELECT max(end_s) FROM exercise_set x WHERE x.session_id = session.id), 0.0),
      coalesce((SELECT max(time_s) FROM event e WHERE e.session_id = session.id), 0.0),
      coalesce((SELECT max(t_ms) / 1000.0 FROM posture_sample p WHERE p.session_id = session.id), 0.0))
    WHERE status = 'open')sql");
  const int changed = static_cast<int>(db_.queryInt("SELECT changes()"));
  t.commit();
  return changed;
}

void SessionStore::ensurePerson(const PersonRecord& person) {
  auto s = db_.prepare("INSERT INTO person(id, display_name, created_unix_s) VALUES(?, ?, unixepoch('now')) "
                       "ON CONFLICT(id) DO UPDATE SET display_name = coalesce(excluded.display_name, display_name)");
  s.bind(1, person.id).bind(2, person.displayName).run();
}

std::optional<PersonRecord> SessionStore::person(const std::string& personId) {
  auto s = db_.prepare("SELECT id, display_name FROM person WHERE id = ?");
  s.bind(1, personId);
  if (!s.step()) return std::nullopt;
  PersonRecord p{s.getText(0), std::nullopt};
  if (!s.isNull(1)) p.displayName = s.getText(1);
  return p;
}

std::int64_t SessionStore::addProgram(const std::string& personId, const ProgramRecord& program) {
  Transaction t(db_);
  auto s = db_.prepare("INSERT INTO program(person_id, name, version, sessions_per_week, minutes_per_session, "
                       "start_unix_s) VALUES(?, ?, ?, ?, ?, ?)");
  s.bind(1, personId).bind(2, program.name).bind(3, program.version).bind(4, program.sessionsPerWeek)
      .bind(5, program.minutesPerSession).bind(6, program.startUnixS).run();
  const auto id = db_.lastInsertId();
  auto e = db_.prepare("INSERT INTO program_exercise(program_id, exercise_id, sets, reps_per_set, hold_s) VALUES(?, ?, ?, ?, ?)");
  for (const auto& x : program.exercises) {
    e.bind(1, id).bind(2, x.exerciseId).bind(3, x.sets).bind(4, x.repsPerSet).bind(5, x.holdS).run();
  }
  t.commit();
  return id;
}

std::int64_t SessionStore::beginSession(const SessionInfo& info) {
  ensurePerson(PersonRecord{info.personId, std::nullopt});
  std::optional<std::int64_t> programId = info.prescription.programVersionId;
  if (!programId && info.programName) {
    auto p = db_.prepare("SELECT id FROM program WHERE person_id = ? AND name = ? AND start_unix_s <= ? "
                         "ORDER BY version DESC LIMIT 1");
    p.bind(1, info.personId).bind(2, *info.programName).bind(3, info.startUnixS);
    if (p.step()) programId = p.getInt(0);
  }
  auto s = db_.prepare("INSERT INTO session(person_id, program_id, start_unix_s, status, source, context, stage) "
                       "VALUES(?, ?, ?, 'open', ?, ?, ?)");
  s.bind(1, info.personId).bind(2, programId).bind(3, info.startUnixS).bind(4, info.source).bind(5, info.context)
      .bind(6, info.prescription.stage).run();
  const auto id = db_.lastInsertId();
  auto plan = db_.prepare("INSERT INTO session_plan(session_id, position, exercise_id, level, sets, reps_per_set, hold_s, "
                          "minutes, decision, reason, rest_s) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < info.prescription.items.size(); ++i) {
    const PlannedItem& p = info.prescription.items[i];
    plan.bind(1, id).bind(2, static_cast<int>(i)).bind(3, p.exerciseId).bind(4, p.level).bind(5, p.sets)
        .bind(6, p.repsPerSet).bind(7, p.holdS).bind(8, p.minutes).bind(9, p.decision).bind(10, p.reason).bind(11, p.restS).run();
  }
  // An exercise planned twice is scored with one set of bands: the first given is kept.
  auto bands = db_.prepare("INSERT OR IGNORE INTO session_bands(session_id, exercise_id, source, bands_json) VALUES(?, ?, ?, ?)");
  for (const ScoringBands& b : info.prescription.bands) bands.bind(1, id).bind(2, b.exerciseId).bind(3, b.source).bind(4, b.json).run();
  if (info.painBefore) addPain(PainRecord{info.personId, info.startUnixS, *info.painBefore, "before"}, id);
  return id;
}

void SessionStore::endSession(std::int64_t sessionId, double endUnixS, SessionStatus status, std::optional<int> painAfter) {
  auto s = db_.prepare("UPDATE session SET end_unix_s = ?, status = ? WHERE id = ?");
  s.bind(1, endUnixS).bind(2, statusName(status)).bind(3, sessionId).run();
  if (painAfter) {
    auto p = db_.prepare("SELECT person_id FROM session WHERE id = ?");
    p.bind(1, sessionId);
    if (p.step()) addPain(PainRecord{p.getText(0), endUnixS, *painAfter, "after"}, sessionId);
  }
}

void SessionStore::addSet(std::int64_t sessionId, const ExerciseSetRecord& set) {
  auto s = db_.prepare("INSERT INTO exercise_set(session_id, exercise_id, set_index, level, prescribed_reps, start_s, end_s) "
                       "VALUES(?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, sessionId).bind(2, set.exerciseId).bind(3, set.set).bind(4, set.level).bind(5, set.prescribedReps)
      .bind(6, set.startS).bind(7, set.endS).run();
}

std::int64_t SessionStore::addRepetition(std::int64_t sessionId, const RepetitionRecord& rep) {
  auto& s = db_.cached("INSERT INTO repetition(session_id, exercise_id, set_index, rep_index, start_s, end_s, quality, "
                       "tracking_lost_s) VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
  std::optional<double> quality;
  if (rep.quality) quality = std::clamp(*rep.quality, 0.0, 100.0);
  s.bind(1, sessionId).bind(2, rep.exerciseId).bind(3, rep.set).bind(4, rep.index).bind(5, rep.startS)
      .bind(6, rep.endS).bind(7, quality).bind(8, rep.trackingLostS).run();
  const auto id = db_.lastInsertId();
  if (!rep.faults.empty()) {
    auto& f = db_.cached("INSERT INTO fault(repetition_id, metric, text, magnitude, duration_s) VALUES(?, ?, ?, ?, ?)");
    for (const auto& x : rep.faults) f.bind(1, id).bind(2, x.metric).bind(3, x.text).bind(4, x.magnitude).bind(5, x.durationS).run();
  }
  return id;
}

void SessionStore::addHold(std::int64_t sessionId, const HoldRecord& hold) {
  auto s = db_.prepare("INSERT INTO hold(session_id, exercise_id, set_index, hold_index, start_s, target_s, held_s, quality) "
                       "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, sessionId).bind(2, hold.exerciseId).bind(3, hold.set).bind(4, hold.index).bind(5, hold.startS)
      .bind(6, hold.targetS).bind(7, hold.heldS).bind(8, std::clamp(hold.quality, 0.0, 100.0)).run();
}

void SessionStore::addRenderQuality(std::int64_t sessionId, const RenderQualityRecord& q) {
  auto s = db_.prepare("INSERT INTO render_quality(session_id, mode, width_px, height_px, samples, frames, frames_on_time) "
                       "VALUES(?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, sessionId).bind(2, q.mode).bind(3, q.widthPx).bind(4, q.heightPx).bind(5, q.samples).bind(6, q.frames)
      .bind(7, q.framesOnTime).run();
}

void SessionStore::addEvent(std::int64_t sessionId, const EventRecord& event) {
  auto& s = db_.cached("INSERT INTO event(session_id, time_s, kind, exercise_id, from_level, to_level, detail) "
                       "VALUES(?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, sessionId).bind(2, event.timeS).bind(3, eventKindName(event.kind)).bind(4, event.exerciseId)
      .bind(5, event.fromLevel).bind(6, event.toLevel).bind(7, event.detail).run();
}

void SessionStore::addPostureSample(std::int64_t sessionId, const PostureSampleRecord& sample) {
  // INSERT OR REPLACE: two samples in the same millisecond keep the later one.
  auto& s = db_.cached("INSERT OR REPLACE INTO posture_sample(session_id, t_ms, metrics, available_mask, measured_mask, "
                       "tracked_devices) VALUES(?, ?, ?, ?, ?, ?)");
  unsigned char packed[kMetricCount * 4];
  for (std::size_t i = 0; i < kMetricCount; ++i) {
    std::uint32_t bits;
    std::memcpy(&bits, &sample.values[i], 4);
    for (int b = 0; b < 4; ++b) packed[i * 4 + static_cast<std::size_t>(b)] = static_cast<unsigned char>(bits >> (8 * b));
  }
  s.bind(1, sessionId).bind(2, static_cast<std::int64_t>(std::llround(sample.timeS * 1000.0)));
  s.bindBlob(3, packed, sizeof packed);
  s.bind(4, static_cast<int>(sample.availableMask)).bind(5, static_cast<int>(sample.measuredMask))
      .bind(6, static_cast<int>(sample.trackedDevices)).run();
}

void SessionStore::addPain(const PainRecord& pain, std::optional<std::int64_t> sessionId) {
  ensurePerson(PersonRecord{pain.personId, std::nullopt});
  auto s = db_.prepare("INSERT INTO pain(person_id, session_id, unix_s, phase, score) VALUES(?, ?, ?, ?, ?)");
  // The scale is 0-10; a device slip must not make the writer retry a rejected row forever.
  s.bind(1, pain.personId).bind(2, sessionId).bind(3, pain.unixS).bind(4, pain.phase).bind(5, std::clamp(pain.score, 0, 10)).run();
}

void SessionStore::addOswestry(const OswestryRecord& odi) {
  ensurePerson(PersonRecord{odi.personId, std::nullopt});
  auto s = db_.prepare("INSERT INTO oswestry(person_id, unix_s, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10) "
                       "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, odi.personId).bind(2, odi.unixS);
  for (int i = 0; i < 10; ++i) s.bind(3 + i, odi.sections[static_cast<std::size_t>(i)]);
  s.run();
}

std::int64_t SessionStore::addAssessment(const AssessmentRecord& assessment) {
  ensurePerson(PersonRecord{assessment.personId, std::nullopt});
  Transaction t(db_);
  auto s = db_.prepare("INSERT INTO assessment(person_id, unix_s, name, context) VALUES(?, ?, ?, ?)");
  s.bind(1, assessment.personId).bind(2, assessment.unixS).bind(3, assessment.name).bind(4, assessment.context).run();
  const auto id = db_.lastInsertId();
  auto v = db_.prepare("INSERT INTO assessment_value(assessment_id, name, value, unit) VALUES(?, ?, ?, ?)");
  for (const auto& x : assessment.values) v.bind(1, id).bind(2, x.name).bind(3, x.value).bind(4, x.unit).run();
  auto f = db_.prepare("INSERT INTO assessment_finding(assessment_id, source, test, feature_id, suboptimal, finding) "
                       "VALUES(?, ?, ?, ?, ?, ?)");
  for (const auto& x : assessment.findings) {
    f.bind(1, id).bind(2, x.source).bind(3, x.test).bind(4, x.featureId).bind(5, x.suboptimal ? 1 : 0).bind(6, x.finding).run();
  }
  t.commit();
  return id;
}

}  // namespace lumbo::store
