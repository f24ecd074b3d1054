// `lumbo monitor`'s window: a desktop window hosting the monitor console over one connection to a
// session, with the console's UI drawn over the 3D view, the therapist's actions (from the
// buttons or a script) sent to the session, and what was received recorded when asked.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "app/monitor/monitor_script.h"
#include "exercises/exercise.h"
#include "monitor/monitor_client.h"

namespace lumbo::app {

struct MonitorWindowOptions {
  monitor::MonitorClientOptions client;
  std::vector<Exercise> library;
  std::filesystem::path recordPath;      // empty: no recording
  std::filesystem::path screenshotPath;  // empty: none; else the last frame, at exit
  std::optional<int> frames;             // stop after this many frames
  std::vector<ScriptStep> script;
  bool validation = false;
};

// Runs until the window is closed, --frames are done or the script quits. Returns the exit
// code: 0, or 1 when the session refused this viewer or a recording could not be written.
int runMonitorWindow(const MonitorWindowOptions& options);

}  // namespace lumbo::app
