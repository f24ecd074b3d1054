// Reading a viewer's script, with errors naming the file, line and word.
#include "app/monitor/monitor_script.h"

#include <charconv>
#include <fstream>
#include <sstream>

namespace lumbo::app {

namespace {

std::optional<double> number(const std::string& word) {
  double v = 0.0;
  const auto [ptr, ec] = std::from_chars(word.data(), word.data() + word.size(), v);
  if (ec != std::errc() || ptr != word.data() + word.size() || v < 0.0) return std::nullopt;
  return v;
}

}  // namespace

Result<std::vector<ScriptStep>> loadMonitorScript(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return Error{path.string() + ": cannot read"};
  std::vector<ScriptStep> steps;
  std::string text;
  for (int line = 1; std::getline(in, text); ++line) {
    if (const auto hash = text.find('#'); hash != std::string::npos) text.erase(hash);
    std::istringstream words(text);
    std::string when;
    if (!(words >> when)) continue;
    const std::string where = path.string() + ":" + std::to_string(line) + ": ";
    ScriptStep step;
    step.line = line;
    if (when == "connected") step.when = ScriptStep::When::Connected;
    else if (when == "exercising") step.when = ScriptStep::When::Exercising;
    else if (when == "ended") step.when = ScriptStep::When::Ended;
    else if (when == "repetitions" || when == "after") {
      std::string v;
      words >> v;
      const auto n = number(v);
      if (!n) return Error{where + "'" + when + "' needs a number, got '" + v + "'"};
      step.when = when == "after" ? ScriptStep::When::After : ScriptStep::When::Repetitions;
      step.value = *n;
    } else {
      return Error{where + "unknown condition '" + when + "' (connected, exercising, repetitions N, after S, ended)"};
    }
    std::string action;
    if (!(words >> action)) return Error{where + "an action is missing after '" + when + "'"};
    using K = monitor::CommandKind;
    if (action == "quit") {
      step.action.reset();
    } else if (action == "pause" || action == "resume" || action == "end-exercise") {
      step.action = ConsoleAction{action == "pause" ? K::Pause : action == "resume" ? K::Resume : K::EndExercise, 0, {}};
    } else if (action == "level" || action == "repetitions") {
      std::string v;
      words >> v;
      const auto n = number(v);
      if (!n || *n < 1 || *n != static_cast<int>(*n)) return Error{where + "'" + action + "' needs a whole number 1 or more, got '" + v + "'"};
      step.action = ConsoleAction{action == "level" ? K::SetLevel : K::SetRepetitions, static_cast<int>(*n), {}};
    } else if (action == "message") {
      std::string rest;
      std::getline(words, rest);
      rest.erase(0, rest.find_first_not_of(' '));
      if (rest.empty()) return Error{where + "'message' needs its text"};
      step.action = ConsoleAction{K::Message, 0, rest};
    } else {
      return Error{where + "unknown action '" + action + "' (pause, resume, end-exercise, level N, repetitions N, message TEXT, quit)"};
    }
    std::string extra;
    if (step.action && step.action->kind != K::Message && (words >> extra)) return Error{where + "unexpected '" + extra + "'"};
    steps.push_back(std::move(step));
  }
  return steps;
}

}  // namespace lumbo::app
