// A session's plan as the store keeps it: the prescription of the program in force for that date
// and history (levels, sets, repetitions, hold seconds, minutes), with the level changes it makes.
// `lumbo run`, `demo` and `score --person` all plan through here, so they record the same thing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "body/result.h"
#include "exercises/exercise.h"
#include "exercises/program.h"
#include "store/program_assignments.h"
#include "store/session_records.h"
#include "store/session_store.h"

namespace lumbo::store {

// Seconds one repetition takes at the exercise's tempo (its hold at the level's time); a hold
// exercise's repetition is its hold. Without a tempo, 3 s.
double secondsPerRepetition(const Exercise& exercise, int level);
// The same with a prescribed hold (0: the exercise's tempo).
double secondsPerRepetition(const Exercise& exercise, double holdS);
// The hold each repetition asks for at a level: the level's own, else the exercise's hold phase.
double holdSecondsOf(const Exercise& exercise, int level);

// The plan's items, each with its minutes (sets x repetitions x seconds per repetition at the
// prescribed hold, and the prescribed rests between sets).
std::vector<PlannedItem> planItems(const SessionPlan& plan, const std::vector<Exercise>& library);
// The first session's plan at the programs's starting levels (first stage of a staged program).
std::vector<PlannedItem> startingPlan(const Program& program, const std::vector<Exercise>& library);

struct PlannedSession {
  SessionPlan plan;
  std::vector<PlannedItem> items;
  // The level changes the plan makes, as events at the session's start. Changes already
  // recorded by `program next --apply` since the last session are not repeated.
  std::vector<EventRecord> levelChanges;
  std::optional<int> daysSinceLanding;
  std::size_t pastSessions = 0;
};

// The plan of a session at `atUnixS` from the person's sessions before it. Days since landing:
// `daysSinceLanding` when given, else from the person's recorded landing date. A staged program
// without either, or a landing date after the session, is an error naming what to give.
Result<PlannedSession> planSessionAt(SessionStore& store, const std::string& personId, const Program& program,
                                     const std::vector<Exercise>& library, double atUnixS,
                                     std::optional<int> daysSinceLanding = std::nullopt);

}  // namespace lumbo::store
