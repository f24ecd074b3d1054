// Checking a draft program through the loader and naming the faulted field.
#include "app/clinic/program_draft.h"

#include <map>

#include "exercises/assessment.h"

namespace lumbo::app {

namespace {

constexpr const char* kSource = "program";

const std::map<std::string, std::string>& fieldWords() {
  static const std::map<std::string, std::string> words{
      {"id", "Program ID"},
      {"name", "Program name"},
      {"description", "Description"},
      {"sessions_per_week", "Sessions per week"},
      {"odi_every_days", "ODI every (days)"},
      {"progress_quality", "Progress at quality"},
      {"progress_sessions", "Sessions needed"},
      {"regress_quality", "Regress below quality"},
      {"pain_rise", "Pain rise"},
      {"missed_days", "Missed days"},
      {"exercise", "Exercise"},
      {"level", "Level"},
      {"sets", "Sets"},
      {"repetitions", "Repetitions"},
      {"hold_s", "Hold (s)"},
      {"rest_s", "Rest (s)"},
      {"locked", "Locked"},
      {"max_level", "Max level"},
      {"max_load_kg", "Max load (kg)"},
      {"from_day", "From day"},
      {"goal", "Goal"},
      {"exercises", "Exercises"},
      {"stages", "Stages"}};
  return words;
}

std::vector<std::string> split(const std::string& pointer) {
  std::vector<std::string> parts;
  std::size_t at = 1;
  while (at <= pointer.size() && !pointer.empty()) {
    const auto slash = pointer.find('/', at);
    parts.push_back(pointer.substr(at, slash == std::string::npos ? std::string::npos : slash - at));
    if (slash == std::string::npos) break;
    at = slash + 1;
  }
  return parts;
}

std::string words(const std::string& key) {
  const auto it = fieldWords().find(key);
  return it == fieldWords().end() ? key : it->second;
}

std::string describe(const Program& draft, const std::string& pointer) {
  const auto parts = split(pointer);
  if (parts.empty()) return "Program";
  std::string out;
  std::size_t i = 0;
  std::size_t stage = 0;
  if (parts[0] == "stages" && parts.size() >= 2) {
    stage = static_cast<std::size_t>(std::stoul(parts[1]));
    const std::string name = stage < draft.stages.size() ? draft.stages[stage].name : "";
    out = "Stage " + std::to_string(stage + 1) + (name.empty() ? "" : " (" + name + ")");
    i = 2;
  }
  if (i < parts.size() && parts[i] == "exercises" && i + 1 < parts.size()) {
    const auto index = static_cast<std::size_t>(std::stoul(parts[i + 1]));
    std::string id;
    if (stage < draft.stages.size() && index < draft.stages[stage].exercises.size()) id = draft.stages[stage].exercises[index].exerciseId;
    out += (out.empty() ? "" : ", ") + ("Exercise " + std::to_string(index + 1) + (id.empty() ? "" : " (" + id + ")"));
    i += 2;
  }
  if (i < parts.size() && parts[i] == "progression") ++i;
  if (i < parts.size()) out += (out.empty() ? "" : ": ") + words(parts.back());
  return out;
}

}  // namespace

std::string exercisePointer(const Program& draft, std::size_t stage, std::size_t index) {
  if (draft.staged) return "/stages/" + std::to_string(stage) + "/exercises/" + std::to_string(index);
  return "/exercises/" + std::to_string(index);
}

bool faults(const DraftCheck& check, const std::string& pointer) {
  if (check.valid || check.pointer.empty()) return false;
  return check.pointer == pointer || check.pointer.rfind(pointer + "/", 0) == 0;
}

DraftCheck checkDraft(const Program& draft, const std::vector<Exercise>& library) {
  DraftCheck c;
  c.text = programJson(draft);
  auto parsed = parseProgram(c.text, kSource, &library);
  if (parsed) {
    c.valid = true;
    return c;
  }
  // "program: /exercises/0/repetitions: must be between 1 and 200"
  std::string e = parsed.error();
  const std::string prefix = std::string(kSource) + ": ";
  if (e.rfind(prefix, 0) == 0) e = e.substr(prefix.size());
  const auto colon = e.find(": ");
  if (!e.empty() && e[0] == '/' && colon != std::string::npos) {
    c.pointer = e.substr(0, colon);
    c.message = e.substr(colon + 2);
  } else if (colon == 0 || e.rfind(": ", 0) == 0) {
    c.message = e.substr(2);
  } else {
    c.message = e;
  }
  c.field = describe(draft, c.pointer);
  return c;
}

Program emptyProgram(const std::vector<Exercise>& library) {
  Program p;
  p.id = "program";
  p.name = "New program";
  p.sessionsPerWeek = 3;
  ProgramStage stage;
  if (!library.empty()) stage.exercises.push_back(ProgramExercise{library.front().id});
  p.stages.push_back(std::move(stage));
  return p;
}

}  // namespace lumbo::app
