// `lumbo clinic [--data-dir DIR] [--db DB] [--date D] [--theme light|dark] [--screenshot PNG]
// [--script FILE] [--frames N]`: the therapist's console over the data folder's stores.
#include <cstdio>

#include "app/cli/clinic_options.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/clinic/clinic_console.h"
#include "body/clock.h"

namespace lumbo::app {

int runClinic(std::span<const std::string> args) {
  const Args parsed(args, ArgSpec{{"--data-dir", "--db", "--date", "--theme", "--screenshot", "--script", "--frames", "--exercises-dir"},
                                  {"--validate"}, 0, 0});
  ClinicOptions options;
  options.dataFolder = dataFolder(parsed);
  if (auto db = parsed.value("--db")) options.db = *db;
  if (auto t = parsed.value("--theme")) {
    const auto kind = themeFromName(*t);
    if (!kind) throw UsageError("--theme: '" + *t + "' is not light or dark");
    options.theme = *kind;
  }
  if (auto s = parsed.value("--screenshot")) options.screenshot = *s;
  if (auto s = parsed.value("--script")) options.script = *s;
  options.frames = parsed.integer("--frames");
  if (options.frames && *options.frames < 1) throw UsageError("--frames must be 1 or more");
  options.todayUnixS = dateOption(parsed, "--date").value_or(unixNowS());
  options.validation = parsed.flag("--validate");
  auto lib = exerciseLibrary(parsed);
  if (!lib) {
    std::fprintf(stderr, "lumbo clinic: %s\n", lib.error().c_str());
    return kExitFailure;
  }
  if (options.db && !std::filesystem::exists(*options.db)) {
    std::fprintf(stderr, "lumbo clinic: %s: no such store\n", options.db->c_str());
    return kExitFailure;
  }
  return runClinicConsole(std::move(options), std::move(lib).value());
}

}  // namespace lumbo::app
