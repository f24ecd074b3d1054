// The lumbo subcommands: each takes its arguments (after the subcommand's own words) and returns
// the process exit code. Usage mistakes throw UsageError.
#pragma once

#include <span>
#include <string>

namespace lumbo::app {

int runTrace(std::span<const std::string> args);
int runScore(std::span<const std::string> args);
int runExercises(std::span<const std::string> args);
int runReport(std::span<const std::string> args);
int runExport(std::span<const std::string> args);
int runAnalyze(std::span<const std::string> args);
int runRun(std::span<const std::string> args);
int runDemo(std::span<const std::string> args);
int runAccuracy(std::span<const std::string> args);
int runProgram(std::span<const std::string> args);
int runAssess(std::span<const std::string> args);
int runView(std::span<const std::string> args);
int runPatient(std::span<const std::string> args);
int runOutcome(std::span<const std::string> args);
int runCompare(std::span<const std::string> args);
int runStore(std::span<const std::string> args);
int runClinic(std::span<const std::string> args);
int runMonitor(std::span<const std::string> args);
int runReference(std::span<const std::string> args);

}  // namespace lumbo::app
