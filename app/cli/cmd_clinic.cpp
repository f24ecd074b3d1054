// `lumbo clinic [--data-dir DIR] [--db DB] [--date D] [--theme light|dark] [--screenshot PNG]
// [--script FILE] [--frames N] [--monitor ADDR:PORT --key FILE [--server-key FILE]]`: the
// therapist's console over the data folder's stores, with its Live session tab.
#include <cstdio>

#include "app/cli/clinic_options.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/clinic/clinic_console.h"
#include "app/monitor/live_session_tab.h"
#include "body/clock.h"
#include "monitor/monitor_server.h"

namespace lumbo::app {

int runClinic(std::span<const std::string> args) {
  const Args parsed(args, ArgSpec{{"--data-dir", "--db", "--date", "--theme", "--screenshot", "--script", "--frames", "--exercises-dir",
                                   "--monitor", "--key", "--server-key", "--rate"},
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
  // The Live session tab, connected from the start when --monitor names a session.
  LiveSessionTabOptions live;
  live.library = *lib;
  if (auto key = parsed.value("--key")) live.keyPath = *key;
  if (auto key = parsed.value("--server-key")) live.serverKeyPath = *key;
  live.poseRateHz = parsed.number("--rate").value_or(0.0);
  if (live.poseRateHz < 0.0 || live.poseRateHz > 1000.0) throw UsageError("--rate expects 0 (every frame) to 1000 Hz");
  const auto address = parsed.value("--monitor");
  if (address) {
    if (!parsed.value("--key")) throw UsageError("--monitor needs --key FILE (this console's viewer key)");
    if (auto a = monitor::parseListenAddress(*address); !a) throw UsageError("--monitor: " + a.error());
    live.address = *address;
    live.select = true;
  }
  auto tab = std::make_unique<LiveSessionTab>(std::move(live));
  if (address) {
    if (auto st = tab->connect(); !st) {
      std::fprintf(stderr, "lumbo clinic: %s\n", st.error().c_str());
      return kExitFailure;
    }
  }
  options.extraTabs.push_back(std::move(tab));
  return runClinicConsole(std::move(options), std::move(lib).value());
}

}  // namespace lumbo::app
