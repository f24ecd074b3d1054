// The program in force for a person: each assignment of a program file (its text and a version;
// a later assignment is a new version and the old one is kept), which one applies at a date, and
// level decisions taken between sessions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "body/result.h"
#include "exercises/exercise.h"
#include "exercises/program.h"
#include "store/session_store.h"

namespace lumbo::store {

struct ProgramAssignment {
  std::int64_t rowId = 0;       // the program table's id: what sessions link to
  std::string personId;
  std::string key;              // the file's "id"
  std::string name;
  int version = 1;              // 1, 2, ... per person and key
  double startUnixS = 0.0;      // from when it applies
  double assignedUnixS = 0.0;   // when the therapist assigned it
  std::string content;          // the program file's text as assigned
  int sessionsPerWeek = 0;
  double minutesPerSession = 0.0;  // of the first session's plan at the starting levels
  std::optional<int> odiEveryDays;
  bool staged = false;
};

// Validates `content` against the library (errors name `source` and the field, as loadProgram's
// do) and stores it as the next version for the person, in one transaction. The person must
// exist in the store.
Result<ProgramAssignment> assignProgram(SessionStore& store, const std::string& personId, const std::string& content,
                                        const std::string& source, const std::vector<Exercise>& library,
                                        double startUnixS, double assignedUnixS);

// The latest assignment started at or before `atUnixS` (ties: the later version).
std::optional<ProgramAssignment> programInForce(SessionStore& store, const std::string& personId, double atUnixS);
std::vector<ProgramAssignment> programAssignments(SessionStore& store, const std::string& personId);

// The assigned program as the exercises layer reads it, from the stored text.
Result<Program> programOf(const ProgramAssignment& assignment, const std::vector<Exercise>& library);

// A level change `lumbo program next --apply` decided, outside any session.
struct LevelDecision {
  std::string personId;
  std::optional<std::int64_t> programVersionId;
  double unixS = 0.0;
  std::string exerciseId;
  int fromLevel = 0;
  int toLevel = 0;
  std::string reason;
};
void recordLevelDecision(SessionStore& store, const LevelDecision& decision);
std::vector<LevelDecision> levelDecisions(SessionStore& store, const std::string& personId);

}  // namespace lumbo::store
