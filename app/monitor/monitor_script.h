// A viewer's script: therapist actions to take at given moments of a watched session, for
// rehearsals, demonstrations and tests. One step a line, each waiting for its condition after
// the previous step: `connected`, `exercising`, `repetitions N` (the current exercise has N),
// `after SECONDS`, `ended` (the session said goodbye); then an action: pause, resume,
// end-exercise, level N, repetitions N, message TEXT, or quit. '#' starts a comment.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/monitor/monitor_console.h"
#include "body/result.h"

namespace lumbo::app {

struct ScriptStep {
  enum class When { Connected, Exercising, Repetitions, After, Ended };
  When when = When::Connected;
  double value = 0.0;
  std::optional<ConsoleAction> action;  // empty: quit
  int line = 0;
};

Result<std::vector<ScriptStep>> loadMonitorScript(const std::filesystem::path& path);

}  // namespace lumbo::app
