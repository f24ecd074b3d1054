// Storing program assignments as versions and finding the one in force.
#include "store/program_assignments.h"

#include "store/session_plan.h"

namespace lumbo::store {

namespace {

constexpr const char* kAssignmentColumns =
    "SELECT id, person_id, program_key, name, version, start_unix_s, coalesce(assigned_unix_s, start_unix_s), content, "
    "sessions_per_week, minutes_per_session, odi_every_days, staged FROM program ";

ProgramAssignment readAssignment(const Statement& s) {
  ProgramAssignment a;
  a.rowId = s.getInt(0);
  a.personId = s.getText(1);
  a.key = s.getText(2);
  a.name = s.getText(3);
  a.version = static_cast<int>(s.getInt(4));
  a.startUnixS = s.getDouble(5);
  a.assignedUnixS = s.getDouble(6);
  a.content = s.getText(7);
  a.sessionsPerWeek = static_cast<int>(s.getInt(8));
  a.minutesPerSession = s.getDouble(9);
  if (const auto v = s.getOptionalInt(10)) a.odiEveryDays = static_cast<int>(*v);
  a.staged = s.getInt(11) != 0;
  return a;
}

}  // namespace

Result<ProgramAssignment> assignProgram(SessionStore& store, const std::string& personId, const std::string& content,
                                        const std::string& source, const std::vector<Exercise>& library,
                                        double startUnixS, double assignedUnixS) {
  auto program = parseProgram(content, source, &library);
  if (!program) return Error{program.error()};
  if (!store.person(personId)) return Error{"unknown person '" + personId + "' in " + store.path().string()};
  Connection& db = store.connection();
  Transaction t(db);
  // Versions count per program key; an older file written before keys existed has key ''.
  auto v = db.prepare("SELECT coalesce(max(version), 0) FROM program WHERE person_id = ? AND (program_key = ? OR name = ?)");
  v.bind(1, personId).bind(2, program->id).bind(3, program->id);
  v.step();
  ProgramAssignment a;
  a.personId = personId;
  a.key = program->id;
  a.name = program->id;  // the table's UNIQUE(person, name, version) counts versions of one program
  a.version = static_cast<int>(v.getInt(0)) + 1;
  a.startUnixS = startUnixS;
  a.assignedUnixS = assignedUnixS;
  a.content = content;
  a.sessionsPerWeek = program->sessionsPerWeek;
  a.odiEveryDays = program->odiEveryDays;
  a.staged = program->staged;
  // The first session's plan at the starting levels: what "minutes per session" and the weekly
  // repetitions are prescribed against.
  const std::vector<PlannedItem> first = startingPlan(*program, library);
  for (const PlannedItem& p : first) a.minutesPerSession += p.minutes;
  auto s = db.prepare("INSERT INTO program(person_id, name, version, sessions_per_week, minutes_per_session, start_unix_s, "
                      "program_key, content, assigned_unix_s, odi_every_days, staged) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, personId).bind(2, a.name).bind(3, a.version).bind(4, a.sessionsPerWeek).bind(5, a.minutesPerSession)
      .bind(6, a.startUnixS).bind(7, a.key).bind(8, a.content).bind(9, a.assignedUnixS).bind(10, a.odiEveryDays)
      .bind(11, a.staged ? 1 : 0).run();
  a.rowId = db.lastInsertId();
  auto e = db.prepare("INSERT INTO program_exercise(program_id, exercise_id, sets, reps_per_set, hold_s) VALUES(?, ?, ?, ?, ?)");
  for (const PlannedItem& p : first) e.bind(1, a.rowId).bind(2, p.exerciseId).bind(3, p.sets).bind(4, p.repsPerSet).bind(5, p.holdS).run();
  t.commit();
  return a;
}

std::optional<ProgramAssignment> programInForce(SessionStore& store, const std::string& personId, double atUnixS) {
  auto s = store.connection().prepare(std::string(kAssignmentColumns) +
                                      "WHERE person_id = ? AND start_unix_s <= ? AND content != '' "
                                      "ORDER BY start_unix_s DESC, id DESC LIMIT 1");
  s.bind(1, personId).bind(2, atUnixS);
  if (!s.step()) return std::nullopt;
  return readAssignment(s);
}

std::vector<ProgramAssignment> programAssignments(SessionStore& store, const std::string& personId) {
  auto s = store.connection().prepare(std::string(kAssignmentColumns) + "WHERE person_id = ? ORDER BY start_unix_s, id");
  s.bind(1, personId);
  std::vector<ProgramAssignment> out;
  while (s.step()) out.push_back(readAssignment(s));
  return out;
}

Result<Program> programOf(const ProgramAssignment& a, const std::vector<Exercise>& library) {
  return parseProgram(a.content, a.key + " version " + std::to_string(a.version) + " (as assigned)", &library);
}

void recordLevelDecision(SessionStore& store, const LevelDecision& d) {
  auto s = store.connection().prepare("INSERT INTO level_decision(person_id, program_id, unix_s, exercise_id, from_level, "
                                      "to_level, reason) VALUES(?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, d.personId).bind(2, d.programVersionId).bind(3, d.unixS).bind(4, d.exerciseId).bind(5, d.fromLevel)
      .bind(6, d.toLevel).bind(7, d.reason).run();
}

std::vector<LevelDecision> levelDecisions(SessionStore& store, const std::string& personId) {
  auto s = store.connection().prepare("SELECT person_id, program_id, unix_s, exercise_id, from_level, to_level, reason "
                                      "FROM level_decision WHERE person_id = ? ORDER BY unix_s, id");
  s.bind(1, personId);
  std::vector<LevelDecision> out;
  while (s.step()) {
    out.push_back({s.getText(0), s.getOptionalInt(1), s.getDouble(2), s.getText(3), static_cast<int>(s.getInt(4)),
                   static_cast<int>(s.getInt(5)), s.getText(6)});
  }
  return out;
}

}  // namespace lumbo::store
