// `lumbo program validate|show|assign|next`: checks a therapist's program, prints it, assigns it
// to a person as the program in force, and says what the next session prescribes and why (from a
// JSON history or the session database), recording the level changes when asked.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "app/cli/clinic_options.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "body/clock.h"
#include "exercises/program.h"
#include "store/program_assignments.h"
#include "store/program_history.h"
#include "store/queries.h"
#include "store/session_plan.h"

namespace lumbo::app {

namespace {

void printExercises(const std::vector<ProgramExercise>& list, const std::vector<Exercise>& lib) {
  for (const ProgramExercise& pe : list) {
    const Exercise* e = findExercise(lib, pe.exerciseId);
    const Level& lv = e->levels[static_cast<std::size_t>(pe.startLevel - 1)];
    std::printf("  %-28s level %d (%s): %d x %d%s", pe.exerciseId.c_str(), pe.startLevel, lv.name.c_str(),
                pe.sets > 0 ? pe.sets : lv.sets, pe.repetitions > 0 ? pe.repetitions : lv.repetitions,
                holdAndRestWords(prescribedHoldS(pe, *e, pe.startLevel), pe.restS).c_str());
    if (lv.load != "none" && !lv.load.empty()) std::printf(", %s", lv.load.c_str());
    if (pe.locked) std::printf(", level locked");
    if (pe.maxLevel > 0) std::printf(", at most level %d", pe.maxLevel);
    if (std::isfinite(pe.maxLoadKg)) std::printf(", at most %.1f kg", pe.maxLoadKg);
    std::printf("\n");
  }
}

}  // namespace

namespace {

int assign(const Args& parsed, const std::vector<Exercise>& lib) {
  const std::string person = parsed.required("--person");
  const std::string& path = parsed.positional()[0];
  const double now = unixNowS();
  const double start = dateOption(parsed, "--date").value_or(now);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "lumbo program assign: %s: cannot open the file\n", path.c_str());
    return kExitFailure;
  }
  std::ostringstream text;
  text << in.rdbuf();
  // Validated before the store is opened: a refused program leaves no file behind.
  if (auto p = parseProgram(text.str(), path, &lib); !p) {
    std::fprintf(stderr, "lumbo program assign: %s\n", p.error().c_str());
    return kExitFailure;
  }
  const std::filesystem::path db = databaseFor(parsed, person);
  const bool fresh = !std::filesystem::exists(db);
  auto store = store::SessionStore::open(db);
  if (!store) {
    std::fprintf(stderr, "lumbo program assign: %s\n", store.error().c_str());
    return kExitFailure;
  }
  // Assigning a program is how a person is enrolled: an unknown one is created.
  const bool known = store->person(person).has_value();
  if (!known) store->ensurePerson({person, std::nullopt});
  auto a = store::assignProgram(*store, person, text.str(), path, lib, start, now);
  if (!a) {
    std::fprintf(stderr, "lumbo program assign: %s\n", a.error().c_str());
    return kExitFailure;
  }
  if (!known) std::printf("new person %s in %s%s\n", person.c_str(), db.c_str(), fresh ? " (new store)" : "");
  std::printf("assigned %s version %d to %s from %s: %d sessions a week, %.1f minutes a session\n", a->key.c_str(),
              a->version, person.c_str(), store::utcDate(a->startUnixS).c_str(), a->sessionsPerWeek, a->minutesPerSession);
  if (a->odiEveryDays) std::printf("Oswestry questionnaire every %d days\n", *a->odiEveryDays);
  return kExitOk;
}

}  // namespace

int runProgram(std::span<const std::string> args) {
  if (args.empty()) throw UsageError("program needs validate, show, assign or next");
  const std::string& verb = args[0];
  const std::span<const std::string> rest = args.subspan(1);
  if (verb != "validate" && verb != "show" && verb != "next" && verb != "assign") {
    throw UsageError("program: unknown action '" + verb + "' (validate, show, assign or next)");
  }
  const Args parsed(rest, ArgSpec{{"--exercises-dir", "--history", "--date", "--days-since-landing", "--person", "--db"},
                                  {"--apply"}, verb == "next" ? 0u : 1u, 1});
  auto lib = exerciseLibrary(parsed);
  if (!lib) {
    std::fprintf(stderr, "lumbo program: %s\n", lib.error().c_str());
    return kExitFailure;
  }
  if (verb == "assign") return assign(parsed, *lib);
  const auto person = parsed.value("--person");
  // Without a file, `next` plans the program in force for the person.
  std::optional<store::ProgramAssignment> assigned;
  Result<Program> program = Program{};
  if (!parsed.positional().empty()) {
    program = loadProgram(parsed.positional()[0], &*lib);
  } else {
    if (!person) throw UsageError("program next needs a program FILE or --person ID (the program in force)");
    auto opened = openPersonStore(databaseFor(parsed, *person), *person);
    if (!opened) {
      std::fprintf(stderr, "lumbo program: %s\n", opened.error().c_str());
      return kExitFailure;
    }
    assigned = store::programInForce(*opened, *person, dateOption(parsed, "--date", true).value_or(unixNowS()));
    if (!assigned) {
      std::fprintf(stderr, "lumbo program: %s has no program assigned (lumbo program assign --person %s FILE)\n",
                   person->c_str(), person->c_str());
      return kExitFailure;
    }
    program = store::programOf(*assigned, *lib);
  }
  if (!program) {
    std::fprintf(stderr, "lumbo program: %s\n", program.error().c_str());
    return kExitFailure;
  }
  const std::string path = parsed.positional().empty() ? assigned->key + " version " + std::to_string(assigned->version)
                                                       : parsed.positional()[0];
  if (verb == "validate") {
    std::printf("%s: valid (%s)\n", path.c_str(), program->name.c_str());
    return kExitOk;
  }
  if (verb == "show") {
    std::printf("%s (%s), %d sessions a week\n", program->name.c_str(), program->id.c_str(), program->sessionsPerWeek);
    if (!program->description.empty()) std::printf("%s\n", program->description.c_str());
    if (program->odiEveryDays) std::printf("Oswestry questionnaire every %d days\n", *program->odiEveryDays);
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
  // next: from a JSON history, or from the person's store (--history DB, --db DB or the default).
  const auto historyPath = parsed.value("--history");
  const bool isJson = historyPath && historyPath->size() >= 5 && historyPath->ends_with(".json");
  if (parsed.flag("--apply") && (isJson || !person)) throw UsageError("--apply records in the person's store: give --person ID (and --db DB)");
  if (!isJson && !person) throw UsageError("program next needs --history FILE.json or --person ID (its session store)");
  const double atUnixS = dateOption(parsed, "--date", !parsed.flag("--apply")).value_or(unixNowS());
  const int today = static_cast<int>(std::floor(atUnixS / 86400.0));
  std::optional<int> landing = parsed.integer("--days-since-landing");
  if (isJson) {
    auto history = loadHistory(*historyPath);
    if (!history) {
      std::fprintf(stderr, "lumbo program: %s\n", history.error().c_str());
      return kExitFailure;
    }
    if (program->staged && !landing) throw UsageError(program->id + " is staged by landing: give --days-since-landing N");
    auto plan = planNextSession(*program, *lib, *history, today, landing);
    if (!plan) {
      std::fprintf(stderr, "lumbo program: %s\n", plan.error().c_str());
      return kExitFailure;
    }
    std::printf("next session of %s (%zu past sessions)\n", program->name.c_str(), history->size());
    if (!plan->stage.empty()) std::printf("stage: %s\n  %s\n", plan->stage.c_str(), plan->stageReason.c_str());
    for (const Prescription& p : plan->items) {
      std::printf("  %-28s level %d, %d x %d%s%s%s  [%s]\n    %s\n", p.exerciseId.c_str(), p.level, p.sets, p.repetitions,
                  holdAndRestWords(p.holdS, p.restS).c_str(), p.load.empty() || p.load == "none" ? "" : ", ",
                  p.load == "none" ? "" : p.load.c_str(),
                  std::string(decisionName(p.decision)).c_str(), p.reason.c_str());
    }
    return kExitOk;
  }
  const std::filesystem::path db = historyPath ? std::filesystem::path(*historyPath) : databaseFor(parsed, *person);
  auto opened = openPersonStore(db, *person);
  if (!opened) {
    std::fprintf(stderr, "lumbo program: %s\n", opened.error().c_str());
    return kExitFailure;
  }
  auto planned = store::planSessionAt(*opened, *person, *program, *lib, atUnixS, landing);
  if (!planned) {
    std::fprintf(stderr, "lumbo program: %s\n", planned.error().c_str());
    return kExitFailure;
  }
  const SessionPlan& plan = planned->plan;
  std::printf("next session of %s (%zu past sessions)\n", program->name.c_str(), planned->pastSessions);
  if (!plan.stage.empty()) std::printf("stage: %s\n  %s\n", plan.stage.c_str(), plan.stageReason.c_str());
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const Prescription& p = plan.items[i];
    std::printf("  %-28s level %d, %d x %d%s%s%s, %.1f min  [%s]\n    %s\n", p.exerciseId.c_str(), p.level, p.sets,
                p.repetitions, holdAndRestWords(p.holdS, p.restS).c_str(), p.load.empty() || p.load == "none" ? "" : ", ", p.load == "none" ? "" : p.load.c_str(),
                i < planned->items.size() ? planned->items[i].minutes : 0.0, std::string(decisionName(p.decision)).c_str(),
                p.reason.c_str());
  }
  if (parsed.flag("--apply")) {
    if (!assigned) assigned = store::programInForce(*opened, *person, atUnixS);
    for (const store::EventRecord& e : planned->levelChanges) {
      store::recordLevelDecision(*opened, {*person, assigned ? std::optional<std::int64_t>(assigned->rowId) : std::nullopt,
                                           atUnixS, e.exerciseId, e.fromLevel, e.toLevel, e.detail});
    }
    std::printf("recorded %zu level change(s) for %s in %s\n", planned->levelChanges.size(), person->c_str(), db.c_str());
  }
  return kExitOk;
}

}  // namespace lumbo::app
