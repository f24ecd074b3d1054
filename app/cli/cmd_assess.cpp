// `lumbo assess TRACE... --json OUT [--baseline PROGRAM]`: the assessment battery over recorded
// movement tests, its findings, and a proposed program for the therapist to edit.
#include <cstdio>
#include <fstream>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "exercises/assessment.h"

namespace lumbo::app {

int runAssess(std::span<const std::string> args) {
  const Args parsed(args, ArgSpec{{"--json", "--exercises-dir", "--baseline"}, {}, 1, 64});
  auto lib = loadExerciseLibrary(parsed.value("--exercises-dir").value_or(defaultExerciseFolder().string()));
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
  std::vector<TestResult> results;
  for (const std::string& path : parsed.positional()) {
    auto trace = readTrace(path);
    if (!trace) {
      std::fprintf(stderr, "lumbo assess: %s\n", trace.error().c_str());
      return kExitFailure;
    }
    auto r = assessTrace(*trace, path, *lib);
    if (!r) {
      std::fprintf(stderr, "lumbo assess: %s\n", r.error().c_str());
      return kExitFailure;
    }
    results.push_back(std::move(r).value());
  }
  const Program proposal = proposeProgram(results, *lib);
  for (const TestResult& t : results) {
    std::printf("%s (%s)\n", t.test.c_str(), t.source.c_str());
    for (const AssessmentFeature& f : t.features) std::printf("  %s %s\n", f.suboptimal ? "!" : " ", f.finding.c_str());
  }
  std::printf("proposed program:");
  for (const ProgramExercise& pe : proposal.stages.front().exercises) std::printf(" %s", pe.exerciseId.c_str());
  std::printf("\n");
  if (auto out = parsed.value("--json")) {
    const std::string json = assessmentJson(results, proposal, baseline ? &*baseline : nullptr);
    std::ofstream f(*out, std::ios::binary);
    if (!(f << json) || !f.flush()) {
      std::fprintf(stderr, "lumbo assess: cannot write %s\n", out->c_str());
      return kExitFailure;
    }
  }
  return kExitOk;
}

}  // namespace lumbo::app
