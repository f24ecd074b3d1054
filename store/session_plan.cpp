// Planning a session from the program in force and the history before it.
#include "store/session_plan.h"

#include <algorithm>
#include <cmath>

#include "store/patient_record.h"
#include "store/program_history.h"
#include "store/queries.h"

namespace lumbo::store {

namespace {

const Exercise* findExercise(const std::vector<Exercise>& library, const std::string& id) {
  for (const Exercise& e : library) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

const Level* levelOf(const Exercise& e, int level) {
  if (e.levels.empty()) return nullptr;
  return &e.levels[static_cast<std::size_t>(std::clamp(level, 1, static_cast<int>(e.levels.size())) - 1)];
}

PlannedItem item(const Exercise& e, int level, int sets, int reps, double holdS, double restS, std::string decision,
                 std::string reason) {
  PlannedItem p;
  p.exerciseId = e.id;
  p.level = level;
  p.sets = sets;
  p.repsPerSet = reps;
  p.holdS = holdS;
  p.minutes = (sets * reps * secondsPerRepetition(e, holdS) + std::max(0, sets - 1) * restS) / 60.0;
  p.decision = std::move(decision);
  p.reason = std::move(reason);
  p.restS = restS;
  return p;
}

}  // namespace

double holdSecondsOf(const Exercise& e, int level) { return levelHoldS(e, level); }

double secondsPerRepetition(const Exercise& e, double holdS) {
  if (e.kind == ExerciseKind::Hold) return holdS > 0.0 ? holdS : 3.0;
  const double moving = e.tempo.outS + e.tempo.backS;
  const double total = moving + (holdS > 0.0 ? holdS : e.tempo.holdS);
  return total > 0.0 ? total : 3.0;
}

double secondsPerRepetition(const Exercise& e, int level) { return secondsPerRepetition(e, holdSecondsOf(e, level)); }

std::vector<PlannedItem> planItems(const SessionPlan& plan, const std::vector<Exercise>& library) {
  std::vector<PlannedItem> out;
  for (const Prescription& p : plan.items) {
    const Exercise* e = findExercise(library, p.exerciseId);
    if (!e) continue;  // planNextSession already refused unknown exercises
    out.push_back(item(*e, p.level, p.sets, p.repetitions, p.holdS, p.restS, std::string(decisionName(p.decision)), p.reason));
  }
  return out;
}

std::vector<PlannedItem> startingPlan(const Program& program, const std::vector<Exercise>& library) {
  std::vector<PlannedItem> out;
  if (program.stages.empty()) return out;
  for (const lumbo::ProgramExercise& pe : program.stages.front().exercises) {
    const Exercise* e = findExercise(library, pe.exerciseId);
    if (!e) continue;
    const Level* lv = levelOf(*e, pe.startLevel);
    const int sets = pe.sets > 0 ? pe.sets : lv ? lv->sets : 1;
    const int reps = pe.repetitions > 0 ? pe.repetitions : lv ? lv->repetitions : 1;
    out.push_back(item(*e, pe.startLevel, sets, reps, prescribedHoldS(pe, *e, pe.startLevel), pe.restS, "start", ""));
  }
  return out;
}

Result<PlannedSession> planSessionAt(SessionStore& store, const std::string& personId, const Program& program,
                                     const std::vector<Exercise>& library, double atUnixS,
                                     std::optional<int> daysSinceLanding) {
  PlannedSession out;
  const int day = static_cast<int>(std::floor(atUnixS / 86400.0));
  if (!daysSinceLanding) {
    if (const auto patient = findPatient(store, personId); patient && patient->landingDate) {
      const auto landingDay = dayNumber(*patient->landingDate);
      if (landingDay) daysSinceLanding = day - *landingDay;
    }
    if (program.staged && daysSinceLanding && *daysSinceLanding < 0) {
      return Error{program.id + " is staged by days since landing, but " + personId + "'s landing date (" +
                   findPatient(store, personId)->landingDate.value_or("") + ") is after this session (" + utcDate(atUnixS) +
                   "); correct it with lumbo patient add " + personId + " --landing-date YYYY-MM-DD"};
    }
  }
  if (program.staged && !daysSinceLanding) {
    return Error{program.id + " is staged by days since landing: record the landing date (lumbo patient add " + personId +
                 " --landing-date YYYY-MM-DD) or give --days-since-landing N"};
  }
  out.daysSinceLanding = daysSinceLanding;
  auto history = historyFromStore(store, personId, program, atUnixS);
  if (!history) return Error{history.error()};
  out.pastSessions = history->size();
  auto plan = planNextSession(program, library, *history, day, daysSinceLanding);
  if (!plan) return Error{plan.error()};
  out.plan = std::move(*plan);
  out.items = planItems(out.plan, library);
  // The last session before this one: decisions applied after it were already recorded.
  double lastSessionS = -1e300;
  for (const SessionRow& s : Queries(store).sessions(personId)) {
    if (s.startUnixS < atUnixS) lastSessionS = std::max(lastSessionS, s.startUnixS);
  }
  const std::vector<LevelDecision> applied = levelDecisions(store, personId);
  for (const Prescription& p : out.plan.items) {
    if (p.previousLevel <= 0 || p.previousLevel == p.level) continue;
    const bool recorded = std::any_of(applied.begin(), applied.end(), [&](const LevelDecision& d) {
      return d.unixS > lastSessionS && d.unixS <= atUnixS && d.exerciseId == p.exerciseId && d.fromLevel == p.previousLevel &&
             d.toLevel == p.level;
    });
    if (!recorded) out.levelChanges.push_back({0.0, EventKind::LevelChange, p.reason, p.exerciseId, p.previousLevel, p.level});
  }
  return out;
}

}  // namespace lumbo::store
