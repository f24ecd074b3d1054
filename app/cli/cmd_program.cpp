// `lumbo program validate|show|next`: checks a therapist's program, prints it, and says what the
// next session prescribes and why, from a JSON history or the session database.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "body/clock.h"
#include "store/program_history.h"
#include "exercises/program.h"

namespace lumbo::app {

namespace {

Result<std::vector<Exercise>> library(const Args& parsed) {
  return loadExerciseLibrary(parsed.value("--exercises-dir").value_or(defaultExerciseFolder().string()));
}

void printExercises(const std::vector<ProgramExercise>& list, const std::vector<Exercise>& lib) {
  for (const ProgramExercise& pe : list) {
    const Exercise* e = findExercise(lib, pe.exerciseId);
    const Level& lv = e->levels[static_cast<std::size_t>(pe.startLevel - 1)];
    std::printf("  %-28s level %d (%s): %d x %d", pe.exerciseId.c_str(), pe.startLevel, lv.name.c_str(),
                pe.sets > 0 ? pe.sets : lv.sets, pe.repetitions > 0 ? pe.repetitions : lv.repetitions);
    if (lv.load != "none" && !lv.load.empty()) std::printf(", %s", lv.load.c_str());
    if (pe.locked) std::printf(", level locked");
    if (pe.maxLevel > 0) std::printf(", at most level %d", pe.maxLevel);
    if (std::isfinite(pe.maxLoadKg)) std::printf(", at most %.1f kg", pe.maxLoadKg);
    std::printf("\n");
  }
}

}  // namespace

int runProgram(std::span<const std::string> args) {
  if (args.empty()) throw UsageError("program needs validate, show or next");
  const std::string& verb = args[0];
  const std::span<const std::string> rest = args.subspan(1);
  if (verb != "validate" && verb != "show" && verb != "next") {
    throw UsageError("program: unknown action '" + verb + "' (validate, show or next)");
  }
  const Args parsed(rest, ArgSpec{{"--exercises-dir", "--history", "--date", "--days-since-landing", "--person"}, {}, 1, 1});
  const std::string& path = parsed.positional()[0];
  auto lib = library(parsed);
  if (!lib) {
    std::fprintf(stderr, "lumbo program: %s\n", lib.error().c_str());
    return kExitFailure;
  }
  auto program = loadProgram(path, &*lib);
  if (!program) {
    std::fprintf(stderr, "lumbo program: %s\n", program.error().c_str());
    return kExitFailure;
  }
  if (verb == "validate") {
    std::printf("%s: valid (%s)\n", path.c_str(), program->name.c_str());
    return kExitOk;
  }
  if (verb == "show") {
    std::printf("%s (%s), %d sessions a week\n", program->name.c_str(), program->id.c_str(), program->sessionsPerWeek);
    if (!program->description.empty()) std::printf("%s\n", program->description.c_str());
    const ProgressionRules& r = program->rules;
    std::printf("progression: up after %d sessions at quality %.0f or more; down below %.0f or when pain rises by %.0f; "
                "a gap of more than %d days repeats the level\n",
                r.progressSessions, r.progressQuality, r.regressQuality, r.painRise, r.missedDays);
    for (const ProgramStage& s : program->stages) {
      if (program->staged) std::printf("stage '%s' from day %d: %s\n", s.name.c_str(), s.fromDay, s.goal.c_str());
      printExercises(s.exercises, *lib);
    }
    for (const auto& [feature, value] : program->baseline) std::printf("baseline %s: %g\n", feature.c_str(), value);
    return kExitOk;
  }
  // next
  const auto historyPath = parsed.value("--history");
  if (!historyPath) throw UsageError("program next needs --history FILE.json or --history DB --person ID");
  Result<std::vector<SessionResult>> history = std::vector<SessionResult>{};
  const bool isJson = historyPath->size() >= 5 && historyPath->ends_with(".json");
  if (isJson) {
    history = loadHistory(*historyPath);
  } else {
    const auto person = parsed.value("--person");
    if (!person) throw UsageError("a session database history needs --person ID");
    history = store::historyFromStore(*historyPath, *person, *program);
  }
  if (!history) {
    std::fprintf(stderr, "lumbo program: %s\n", history.error().c_str());
    return kExitFailure;
  }
  int today = todayDayNumber();
  if (auto d = parsed.value("--date")) {
    const auto day = dayNumber(*d);
    if (!day) throw UsageError("--date expects YYYY-MM-DD, got '" + *d + "'");
    today = *day;
  }
  std::optional<int> landing;
  if (auto v = parsed.integer("--days-since-landing")) landing = *v;
  if (program->staged && !landing) throw UsageError(program->id + " is staged by landing: give --days-since-landing N");
  auto plan = planNextSession(*program, *lib, *history, today, landing);
  if (!plan) {
    std::fprintf(stderr, "lumbo program: %s\n", plan.error().c_str());
    return kExitFailure;
  }
  std::printf("next session of %s (%zu past sessions)\n", program->name.c_str(), history->size());
  if (!plan->stage.empty()) std::printf("stage: %s\n  %s\n", plan->stage.c_str(), plan->stageReason.c_str());
  for (const Prescription& p : plan->items) {
    std::printf("  %-28s level %d, %d x %d%s%s  [%s]\n    %s\n", p.exerciseId.c_str(), p.level, p.sets, p.repetitions,
                p.load.empty() || p.load == "none" ? "" : ", ", p.load == "none" ? "" : p.load.c_str(),
                std::string(decisionName(p.decision)).c_str(), p.reason.c_str());
  }
  return kExitOk;
}

}  // namespace lumbo::app
