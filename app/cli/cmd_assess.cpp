// `lumbo assess TRACE... [--person ID] [--context TEXT] [--json OUT] [--program-out FILE]`: the
// assessment battery over recorded movement tests, its findings and the range of motion it
// measured (stored for the person with their context, e.g. "pre-flight"), and a proposed program
// for the therapist to edit.
#include <cstdio>
#include <fstream>

#include "app/cli/clinic_options.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "body/clock.h"
#include "exercises/assessment.h"
#include "store/assessment_import.h"
#include "store/output_guard.h"
#include "store/private_file.h"
#include "store/queries.h"

namespace lumbo::app {

int runAssess(std::span<const std::string> args) {
  const Args parsed(args, ArgSpec{{"--json", "--exercises-dir", "--baseline", "--person", "--db", "--context", "--date",
                                   "--program-out"},
                                  {"--force"}, 1, 64});
  if ((parsed.value("--db") || parsed.value("--context")) && !parsed.value("--person")) {
    throw UsageError("--db and --context store the assessment: give --person ID");
  }
  {
    std::vector<std::filesystem::path> inputs(parsed.positional().begin(), parsed.positional().end());
    if (auto person = parsed.value("--person")) inputs.push_back(databaseFor(parsed, *person));
    for (const char* option : {"--json", "--program-out"}) {
      if (auto out = parsed.value(option)) {
        if (auto st = store::checkOutput(*out, {inputs, parsed.flag("--force")}); !st) throw std::runtime_error(st.error());
      }
    }
  }
  const double at = dateOption(parsed, "--date").value_or(unixNowS());
  auto lib = exerciseLibrary(parsed);
  if (!lib) {
    std::fprintf(stderr, "lumbo assess: %s\n", lib.error().c_str());
    return kExitFailure;
  }
  std::optional<Program> baseline;
  if (auto b = parsed.value("--baseline")) {
    auto p = loadProgram(*b, &*lib);
    if (!p) {
      std::fprintf(stderr, "lumbo assess: %s\n", p.error().c_str());
      return kExitFailure;
    }
    baseline = std::move(p).value();
  }
  // The person's store is checked before the work: an unknown person gets nothing written.
  std::optional<store::SessionStore> db;
  if (auto person = parsed.value("--person")) {
    auto opened = openPersonStore(databaseFor(parsed, *person), *person);
    if (!opened) {
      std::fprintf(stderr, "lumbo assess: %s\n", opened.error().c_str());
      return kExitFailure;
    }
    db.emplace(std::move(*opened));
  }
  // A recording that is not one of the battery's tests (or cannot be read) is reported and
  // skipped: one stray file should not cost the therapist the others.
  const store::AssessedRecordings assessed =
      store::assessRecordings(std::vector<std::filesystem::path>(parsed.positional().begin(), parsed.positional().end()), *lib);
  for (const std::string& why : assessed.skipped) std::fprintf(stderr, "lumbo assess: skipped %s\n", why.c_str());
  const std::vector<TestResult>& results = assessed.results;
  const int skipped = static_cast<int>(assessed.skipped.size());
  if (results.empty()) {
    std::fprintf(stderr, "lumbo assess: no recording held a test of the battery\n");
    return kExitFailure;
  }
  const Program proposal = proposeProgram(results, *lib);
  for (const TestResult& t : results) {
    std::printf("%s (%s)\n", t.test.c_str(), t.source.c_str());
    for (const AssessmentFeature& f : t.features) std::printf("  %s %s\n", f.suboptimal ? "!" : " ", f.finding.c_str());
  }
  std::printf("proposed program:");
  for (const ProgramExercise& pe : proposal.stages.front().exercises) std::printf(" %s", pe.exerciseId.c_str());
  std::printf("\n");
  if (skipped > 0) std::printf("%d recording(s) skipped\n", skipped);
  if (auto out = parsed.value("--json")) {
    const std::string json = assessmentJson(results, proposal, baseline ? &*baseline : nullptr);
    if (auto st = store::writeFileAtomically(*out, json); !st) {
      std::fprintf(stderr, "lumbo assess: %s\n", st.error().c_str());
      return kExitFailure;
    }
  }
  if (auto out = parsed.value("--program-out")) {
    // Written only once it loads back as a valid program, so `program assign` will take it.
    const std::string text = programJson(proposal);
    if (auto check = parseProgram(text, *out, &*lib); !check) {
      std::fprintf(stderr, "lumbo assess: the proposed program does not validate: %s\n", check.error().c_str());
      return kExitFailure;
    }
    if (auto st = store::writeFileAtomically(*out, text); !st) {
      std::fprintf(stderr, "lumbo assess: %s\n", st.error().c_str());
      return kExitFailure;
    }
    std::printf("proposed program written to %s\n", out->c_str());
  }
  if (db) {
    const store::AssessmentRecord a =
        store::assessmentRecordOf(*parsed.value("--person"), at, parsed.value("--context").value_or(""), results);
    db->addAssessment(a);
    std::printf("stored for %s on %s%s\n", a.personId.c_str(), store::utcDate(at).c_str(),
                a.context.empty() ? "" : (" as '" + a.context + "'").c_str());
  }
  return kExitOk;
}

}  // namespace lumbo::app
