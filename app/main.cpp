// The lumbo executable: dispatches to subcommands, prints usage and maps errors to exit codes.
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"

namespace {

using lumbo::app::kExitFailure;
using lumbo::app::kExitOk;
using lumbo::app::kExitUsage;

struct Command {
  std::string_view name;
  std::string_view usage;
  std::string_view summary;
  int (*run)(std::span<const std::string>);
};

const Command kCommands[] = {
    {"trace", "trace info FILE", "describe a motion trace: devices, duration, rate, gaps",
     lumbo::app::runTrace},
    {"score", "score TRACE --exercise ID [--level N] --json OUT [--signals CSV] [--person ID [--db DB] [--realtime]]",
     "count and score an exercise's repetitions in a recorded trace", lumbo::app::runScore},
    {"exercises", "exercises [--dir DIR] [--verbose]", "list the exercise library", lumbo::app::runExercises},
    {"report", "report --person ID --out DIR [--db DB]",
     "HTML report with charts, and its figures as CSV files", lumbo::app::runReport},
    {"export", "export --person ID --format csv|json|fhir --out PATH [--db DB] [--deidentify]",
     "a person's data as CSV, JSON or a FHIR R4 Bundle", lumbo::app::runExport},
    {"store", "store check DB; store salvage DB OUT",
     "check a session store for damage, or copy every readable session of a damaged one into a new file",
     lumbo::app::runStore},
    {"run",
     "run [--program FILE] [--person ID] [--db PATH] [--report DIR] [--pain-before N] [--days-since-landing N] [--context TEXT] [--no-haptics] [--gravity-free] [--desktop] [--validate]",
     "a guided session in the headset (the active OpenXR runtime)", lumbo::app::runRun},
    {"demo", "demo [--out DIR] [--capture DIR] [--validate]",
     "a guided session on the simulated runtime with a bundled recording, ending in a report", lumbo::app::runDemo},
    {"analyze",
     "analyze TRACE --csv OUT [--neutral A-B] [--devices LIST] [--position P] [--gravity-free]",
     "posture metrics of every sample, calibrated on the neutral hold", lumbo::app::runAnalyze},
    {"program", "program validate|show FILE; program next FILE --history H.json|DB [--person ID] [--date D] [--days-since-landing N]",
     "check a therapist's program, show it, or say what the next session prescribes and why", lumbo::app::runProgram},
    {"assess", "assess TRACE... [--json OUT] [--baseline PROGRAM]",
     "assessment battery over recorded tests: findings and a proposed program", lumbo::app::runAssess},
    {"view", "view TRACE [--exercise ID] [--reference TRACE] [--screenshot PNG] [--frames N]",
     "replay a recording in a desktop window: avatar, mirror, ghost, panels", lumbo::app::runView},
    {"accuracy", "accuracy TRACE... [--devices LIST] [--estimates]",
     "RMSE of the posture metrics against the trace's ground-truth angles", lumbo::app::runAccuracy},
};

void printHelp(std::FILE* out) {
  std::fprintf(out, "lumbo: VR motor control training for low back pain\n\nusage: lumbo COMMAND [ARGS]\n\ncommands:\n");
  std::fprintf(out, "  help [COMMAND]\n      list the commands, or show one command's usage\n");
  for (const Command& c : kCommands) {
    std::fprintf(out, "  %.*s\n      %.*s\n", static_cast<int>(c.usage.size()), c.usage.data(),
                 static_cast<int>(c.summary.size()), c.summary.data());
  }
}

const Command* findCommand(std::string_view name) {
  for (const Command& c : kCommands) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  // Progress lines reach a pipe or a log file as they are printed, not when a buffer fills, so
  // nothing said before a crash or a kill is lost.
  if (!::isatty(::fileno(stdout))) std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    printHelp(stderr);
    return kExitUsage;
  }
  const std::string& name = args[0];
  if (name == "help" || name == "--help" || name == "-h") {
    if (args.size() > 1) {
      const Command* c = findCommand(args[1]);
      if (!c) {
        std::fprintf(stderr, "lumbo: unknown command '%s'; 'lumbo help' lists them\n", args[1].c_str());
        return kExitUsage;
      }
      std::printf("usage: lumbo %.*s\n%.*s\n", static_cast<int>(c->usage.size()), c->usage.data(),
                  static_cast<int>(c->summary.size()), c->summary.data());
      return kExitOk;
    }
    printHelp(stdout);
    return kExitOk;
  }
  const Command* command = findCommand(name);
  if (!command) {
    std::fprintf(stderr, "lumbo: unknown command '%s'; 'lumbo help' lists them\n", name.c_str());
    return kExitUsage;
  }
  try {
    return command->run(std::span<const std::string>(args).subspan(1));
  } catch (const lumbo::app::UsageError& e) {
    std::fprintf(stderr, "lumbo %s: %s\nusage: lumbo %.*s\n", name.c_str(), e.what(),
                 static_cast<int>(command->usage.size()), command->usage.data());
    return kExitUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lumbo %s: %s\n", name.c_str(), e.what());
    return kExitFailure;
  }
}
