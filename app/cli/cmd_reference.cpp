// `lumbo reference set --person ID --exercise ID TRACE [--db DB]` and `lumbo reference show
// --person ID [--db DB]`: a therapist's recording of the person's good repetitions becomes the
// person's reference for the exercise (checked first: enough scored repetitions, all within the
// safety limits), which `run`, `score --person` and the ghost then use.
#include <cmath>
#include <cstdio>
#include <sstream>

#include "app/cli/clinic_options.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "body/clock.h"
#include "exercises/json_fields.h"
#include "exercises/personal_reference.h"
#include "store/personal_references.h"
#include "store/queries.h"

namespace lumbo::app {

namespace {

void printBands(const Exercise& population, const Exercise& personal) {
  for (const std::string& line : bandComparisonLines(population, personal)) std::printf("  %s\n", line.c_str());
}

int set(std::span<const std::string> args) {
  const Args parsed(args, ArgSpec{{"--person", "--exercise", "--db", "--exercises-dir", "--reps"}, {}, 1, 1});
  const std::string person = parsed.required("--person");
  const std::string id = parsed.required("--exercise");
  const std::string& tracePath = parsed.positional()[0];
  const std::optional<int> reps = parsed.integer("--reps");
  if (reps && *reps < 1) throw UsageError("--reps must be 1 or more");
  auto lib = exerciseLibrary(parsed);
  if (!lib) {
    std::fprintf(stderr, "lumbo reference: %s\n", lib.error().c_str());
    return kExitFailure;
  }
  const Exercise* exercise = findExercise(*lib, id);
  if (!exercise) {
    std::fprintf(stderr, "lumbo reference: unknown exercise '%s'; 'lumbo exercises' lists them\n", id.c_str());
    return kExitUsage;
  }
  auto text = json_fields::readTextFile(tracePath);
  if (!text) {
    std::fprintf(stderr, "lumbo reference: %s\n", text.error().c_str());
    return kExitFailure;
  }
  auto trace = readTrace(tracePath);
  if (!trace) {
    std::fprintf(stderr, "lumbo reference: %s\n", trace.error().c_str());
    return kExitFailure;
  }
  // Checked before the store is touched: a refused reference changes nothing.
  auto ref = makePersonalReference(*trace, *exercise, "reference trace " + std::filesystem::path(tracePath).filename().string(),
                                   reps.value_or(0));
  if (!ref) {
    std::fprintf(stderr, "lumbo reference: %s: %s\n", tracePath.c_str(), ref.error().c_str());
    return kExitFailure;
  }
  auto personal = personalised(*exercise, *ref);
  if (!personal) {
    std::fprintf(stderr, "lumbo reference: %s\n", personal.error().c_str());
    return kExitFailure;
  }
  const std::filesystem::path db = databaseFor(parsed, person);
  auto store = openPersonStore(db, person);
  if (!store) {
    std::fprintf(stderr, "lumbo reference: %s\n", store.error().c_str());
    return kExitFailure;
  }
  const double now = unixNowS();
  if (auto st = store::setPersonalReference(*store, {person, id, now, std::filesystem::absolute(tracePath).string(),
                                                     personalReferenceJson(*ref), *text});
      !st) {
    std::fprintf(stderr, "lumbo reference: %s\n", st.error().c_str());
    return kExitFailure;
  }
  std::printf("personal reference of %s for %s set from %s (%d scored repetitions); bands now:\n", person.c_str(), id.c_str(),
              tracePath.c_str(), ref->repetitions);
  printBands(*exercise, *personal);
  return kExitOk;
}

int show(std::span<const std::string> args) {
  const Args parsed(args, ArgSpec{{"--person", "--db", "--exercises-dir"}, {}, 0, 0});
  const std::string person = parsed.required("--person");
  auto lib = exerciseLibrary(parsed);
  if (!lib) {
    std::fprintf(stderr, "lumbo reference: %s\n", lib.error().c_str());
    return kExitFailure;
  }
  auto store = openPersonStore(databaseFor(parsed, person), person);
  if (!store) {
    std::fprintf(stderr, "lumbo reference: %s\n", store.error().c_str());
    return kExitFailure;
  }
  const auto refs = store::personalReferencesOf(*store, person);
  if (refs.empty()) std::printf("%s has no personal reference: every exercise scores with its population bands\n", person.c_str());
  for (const store::StoredReference& r : refs) {
    const Exercise* e = findExercise(*lib, r.exerciseId);
    if (!e) {
      std::printf("%s: not in the exercise library\n", r.exerciseId.c_str());
      continue;
    }
    auto pe = store::personalExerciseOf(*store, person, *e);
    if (!pe) {
      std::printf("%s: %s\n", r.exerciseId.c_str(), pe.error().c_str());
      continue;
    }
    std::printf("%s: %s\n", r.exerciseId.c_str(), (*pe)->source.c_str());
    printBands(*e, (*pe)->exercise);
  }
  return kExitOk;
}

}  // namespace

int runReference(std::span<const std::string> args) {
  if (args.empty()) throw UsageError("reference needs a subcommand: set or show");
  const std::string& sub = args[0];
  if (sub == "set") return set(args.subspan(1));
  if (sub == "show") return show(args.subspan(1));
  throw UsageError("unknown reference subcommand '" + sub + "' (set or show)");
}

}  // namespace lumbo::app
