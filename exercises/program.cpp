// Program and history loading with field-naming errors, and the progression rules.
#include "exercises/program.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <regex>

#include "exercises/json_fields.h"

namespace lumbo {

namespace {

using namespace json_fields;

bool hasHold(const Exercise& e) {
  return std::any_of(e.phases.begin(), e.phases.end(), [](const Phase& ph) { return ph.role == PhaseRole::Hold; });
}

ProgramExercise parseProgramExercise(const json& j, const std::string& ptr, const std::vector<Exercise>* library) {
  object(j, ptr);
  onlyKeys(j, ptr, {"exercise", "level", "sets", "repetitions", "locked", "max_level", "max_load_kg", "hold_s",
                    "rest_s"});
  ProgramExercise p;
  p.exerciseId = nonEmptyStr(field(j, ptr, "exercise"), ptr + "/exercise");
  int levels = 20;
  const Exercise* e = library ? findExercise(*library, p.exerciseId) : nullptr;
  if (library) {
    if (!e) fail(ptr + "/exercise", "unknown exercise '" + p.exerciseId + "' ('lumbo exercises' lists them)");
    levels = static_cast<int>(e->levels.size());
  }
  if (const json* v = optionalField(j, "level")) p.startLevel = integerIn(*v, ptr + "/level", 1, levels);
  if (const json* v = optionalField(j, "sets")) p.sets = integerIn(*v, ptr + "/sets", 1, 20);
  if (const json* v = optionalField(j, "repetitions")) p.repetitions = integerIn(*v, ptr + "/repetitions", 1, 200);
  if (const json* v = optionalField(j, "locked")) {
    if (!v->is_boolean()) fail(ptr + "/locked", "expected true or false, found " + typeName(*v));
    p.locked = v->get<bool>();
  }
  if (const json* v = optionalField(j, "max_level")) {
    p.maxLevel = integerIn(*v, ptr + "/max_level", 1, levels);
    if (p.maxLevel < p.startLevel) fail(ptr + "/max_level", "is below the starting level " + std::to_string(p.startLevel));
  }
  if (const json* v = optionalField(j, "max_load_kg")) p.maxLoadKg = numIn(*v, ptr + "/max_load_kg", 0.0, 500.0);
  if (const json* v = optionalField(j, "hold_s")) {
    // 0 is the level's own, as for sets and repetitions; under a second is no hold to train.
    p.holdS = numIn(*v, ptr + "/hold_s", 0.0, kMaxProgramHoldS);
    if (p.holdS > 0.0 && p.holdS < kMinProgramHoldS) {
      char why[96];
      std::snprintf(why, sizeof why, "must be 0 (the level's own) or between %g and %g, found %g", kMinProgramHoldS,
                    kMaxProgramHoldS, p.holdS);
      fail(ptr + "/hold_s", why);
    }
    // A hold time on an exercise that never holds would be silently ignored in the session.
    if (p.holdS > 0.0 && e && !hasHold(*e)) fail(ptr + "/hold_s", "'" + p.exerciseId + "' has no hold, so it takes no hold time");
  }
  if (const json* v = optionalField(j, "rest_s")) p.restS = numIn(*v, ptr + "/rest_s", 0.0, kMaxProgramRestS);
  return p;
}

std::vector<ProgramExercise> parseExerciseList(const json& j, const std::string& ptr, const std::vector<Exercise>* library) {
  array(j, ptr);
  if (j.empty()) fail(ptr, "needs at least one exercise");
  std::vector<ProgramExercise> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    out.push_back(parseProgramExercise(j[i], ptr + "/" + std::to_string(i), library));
    for (std::size_t k = 0; k + 1 < out.size(); ++k) {
      if (out[k].exerciseId == out.back().exerciseId) fail(ptr + "/" + std::to_string(i) + "/exercise", "repeats '" + out[k].exerciseId + "'");
    }
  }
  return out;
}

Program parse(const json& j, const std::vector<Exercise>* library) {
  object(j, "");
  onlyKeys(j, "", {"id", "name", "description", "sessions_per_week", "odi_every_days", "progression", "exercises", "stages",
                 "baseline", "pain_between_sets"});
  Program p;
  p.id = nonEmptyStr(field(j, "", "id"), "/id");
  p.name = nonEmptyStr(field(j, "", "name"), "/name");
  if (const json* v = optionalField(j, "description")) p.description = str(*v, "/description");
  p.sessionsPerWeek = integerIn(field(j, "", "sessions_per_week"), "/sessions_per_week", 1, 14);
  // Fortnightly is usual; more often than weekly the ODI would mostly measure the questionnaire.
  if (const json* v = optionalField(j, "odi_every_days")) p.odiEveryDays = integerIn(*v, "/odi_every_days", 7, 365);
  if (const json* v = optionalField(j, "pain_between_sets")) {
    if (!v->is_boolean()) fail("/pain_between_sets", "expected true or false, found " + typeName(*v));
    p.painBetweenSets = v->get<bool>();
  }
  if (const json* r = optionalField(j, "progression")) {
    object(*r, "/progression");
    onlyKeys(*r, "/progression", {"progress_quality", "progress_sessions", "regress_quality", "pain_rise", "missed_days"});
    ProgressionRules& rules = p.rules;
    if (const json* v = optionalField(*r, "progress_quality")) rules.progressQuality = numIn(*v, "/progression/progress_quality", 0.0, 100.0);
    if (const json* v = optionalField(*r, "progress_sessions")) rules.progressSessions = integerIn(*v, "/progression/progress_sessions", 1, 20);
    if (const json* v = optionalField(*r, "regress_quality")) rules.regressQuality = numIn(*v, "/progression/regress_quality", 0.0, 100.0);
    if (const json* v = optionalField(*r, "pain_rise")) rules.painRise = numIn(*v, "/progression/pain_rise", 0.5, 10.0);
    if (const json* v = optionalField(*r, "missed_days")) rules.missedDays = integerIn(*v, "/progression/missed_days", 1, 365);
    if (rules.regressQuality >= rules.progressQuality) {
      fail("/progression/regress_quality", "must be below progress_quality");
    }
  }
  const json* ex = optionalField(j, "exercises");
  const json* st = optionalField(j, "stages");
  if ((ex != nullptr) == (st != nullptr)) fail("", "a program has either 'exercises' or 'stages', not both or neither");
  if (ex) {
    p.stages.push_back({"", "", 0, parseExerciseList(*ex, "/exercises", library)});
  } else {
    p.staged = true;
    array(*st, "/stages");
    if (st->empty()) fail("/stages", "needs at least one stage");
    for (std::size_t i = 0; i < st->size(); ++i) {
      const std::string ptr = "/stages/" + std::to_string(i);
      const json& s = object((*st)[i], ptr);
      onlyKeys(s, ptr, {"name", "goal", "from_day", "exercises"});
      ProgramStage stage;
      stage.name = nonEmptyStr(field(s, ptr, "name"), ptr + "/name");
      if (const json* v = optionalField(s, "goal")) stage.goal = str(*v, ptr + "/goal");
      stage.fromDay = integerIn(field(s, ptr, "from_day"), ptr + "/from_day", 0, 3650);
      if (i == 0 && stage.fromDay != 0) fail(ptr + "/from_day", "the first stage starts on day 0");
      if (i > 0 && stage.fromDay <= p.stages.back().fromDay) fail(ptr + "/from_day", "must be after the previous stage's");
      for (const ProgramStage& other : p.stages) {
        if (other.name == stage.name) fail(ptr + "/name", "repeats another stage's name");
      }
      stage.exercises = parseExerciseList(field(s, ptr, "exercises"), ptr + "/exercises", library);
      p.stages.push_back(std::move(stage));
    }
  }
  if (const json* b = optionalField(j, "baseline")) {
    object(*b, "/baseline");
    for (auto it = b->begin(); it != b->end(); ++it) p.baseline.emplace_back(it.key(), num(it.value(), "/baseline/" + it.key()));
  }
  return p;
}

std::optional<double> pain(const json& s, const std::string& ptr, const char* key) {
  const json* v = optionalField(s, key);
  if (!v) return std::nullopt;
  return numIn(*v, ptr + "/" + key, 0.0, 10.0);
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

std::string joinQualities(const std::vector<double>& q) {
  std::string s;
  for (std::size_t i = 0; i < q.size(); ++i) s += (i ? ", " : "") + fmt(q[i]);
  return s;
}

std::string sessionsWord(std::size_t n) {
  static const char* kWords[] = {"no", "the last", "the last two", "the last three", "the last four", "the last five"};
  return n < 6 ? std::string(kWords[n]) + (n == 1 ? " session" : " sessions") : "the last " + std::to_string(n) + " sessions";
}

// One exercise's past: its results in order, with the session each came from.
struct Record {
  const SessionResult* session;
  const ExerciseResult* result;
};

std::vector<Record> recordsOf(const std::vector<SessionResult>& history, const std::string& id) {
  std::vector<Record> out;
  for (const SessionResult& s : history) {
    for (const ExerciseResult& r : s.exercises) {
      if (r.exerciseId == id) out.push_back({&s, &r});
    }
  }
  return out;
}

// Why pain says "step back", or empty: a rise within the last session, or between the last two.
std::string painReason(const std::vector<SessionResult>& history, double rise) {
  if (history.empty()) return "";
  const SessionResult& last = history.back();
  if (last.painBefore && last.painAfter && *last.painAfter - *last.painBefore >= rise) {
    return "pain rose from " + fmt(*last.painBefore) + " to " + fmt(*last.painAfter) + " during the last session";
  }
  if (history.size() >= 2) {
    const SessionResult& prev = history[history.size() - 2];
    if (prev.painBefore && last.painBefore && *last.painBefore - *prev.painBefore >= rise) {
      return "pain before the session rose from " + fmt(*prev.painBefore) + " to " + fmt(*last.painBefore);
    }
  }
  return "";
}

std::string painWords(const std::vector<SessionResult>& history) {
  if (history.empty() || !history.back().painBefore || !history.back().painAfter) return "pain not recorded";
  const double d = *history.back().painAfter - *history.back().painBefore;
  if (std::abs(d) < 0.5) return "pain unchanged";
  return d < 0 ? "pain eased by " + fmt(-d) : "pain up by " + fmt(d);
}

int topLevel(const ProgramExercise& pe, const Exercise& e) {
  const int levels = static_cast<int>(e.levels.size());
  return pe.maxLevel > 0 ? std::min(pe.maxLevel, levels) : levels;
}

Prescription prescribe(const ProgramExercise& pe, const Exercise& e, const std::vector<SessionResult>& history,
                       const ProgressionRules& rules, std::optional<int> todayDay) {
  Prescription p;
  p.exerciseId = e.id;
  p.exerciseName = e.name;
  const std::vector<Record> recs = recordsOf(history, e.id);
  int level = pe.startLevel;
  std::string what = e.id;
  if (recs.empty()) {
    p.decision = Decision::Start;
    p.reason = what + " at level " + std::to_string(level) + ": first session";
  } else {
    const int current = std::clamp(recs.back().result->level, 1, static_cast<int>(e.levels.size()));
    p.previousLevel = current;
    level = current;
    // The recent results at the current level, newest last.
    std::vector<double> recent;
    for (auto it = recs.rbegin(); it != recs.rend() && static_cast<int>(recent.size()) < rules.progressSessions; ++it) {
      if (it->result->level != current || !it->result->quality) break;
      recent.insert(recent.begin(), *it->result->quality);
    }
    const std::optional<double> lastQ = recs.back().result->quality;
    const std::string pain = painReason(history, rules.painRise);
    const int gapDays = todayDay ? *todayDay - history.back().day : 0;
    std::string down;
    if (!pain.empty()) down = pain;
    else if (lastQ && *lastQ < rules.regressQuality) {
      down = "quality " + fmt(*lastQ) + " in the last session, below " + fmt(rules.regressQuality);
    }
    const std::string at = what + " stays at level " + std::to_string(current);
    if (pe.locked) {
      p.decision = Decision::Hold;
      p.reason = at + ": level locked by the therapist" + (down.empty() ? "" : " (note: " + down + ")");
    } else if (!down.empty()) {
      if (current > 1) {
        level = current - 1;
        p.decision = Decision::Regress;
        p.reason = what + " back to level " + std::to_string(level) + ": " + down;
      } else {
        p.decision = Decision::Hold;
        p.reason = at + ", the easiest: " + down;
      }
    } else if (gapDays > rules.missedDays) {
      p.decision = Decision::Hold;
      p.reason = at + ": no session for " + std::to_string(gapDays) + " days, so the level is repeated before progressing";
    } else if (static_cast<int>(recent.size()) >= rules.progressSessions &&
               std::all_of(recent.begin(), recent.end(), [&](double q) { return q >= rules.progressQuality; })) {
      const std::string evidence = "quality " + joinQualities(recent) + " in " + sessionsWord(recent.size()) + ", " + painWords(history);
      const int next = current + 1;
      if (next > topLevel(pe, e)) {
        p.decision = Decision::Hold;
        p.reason = at + ": " + evidence + ", but level " + std::to_string(current) +
                   (pe.maxLevel > 0 && pe.maxLevel < static_cast<int>(e.levels.size()) ? " is the therapist's cap" : " is the hardest");
      } else if (levelLoadKg(e.levels[static_cast<std::size_t>(next - 1)]) > pe.maxLoadKg) {
        p.decision = Decision::Hold;
        p.reason = at + ": " + evidence + ", but level " + std::to_string(next) + " (" +
                   e.levels[static_cast<std::size_t>(next - 1)].load + ") exceeds the " + fmt(pe.maxLoadKg) + " kg load cap";
      } else {
        level = next;
        p.decision = Decision::Progress;
        p.reason = what + " to level " + std::to_string(level) + ": " + evidence;
      }
    } else {
      p.decision = Decision::Hold;
      p.reason = at + ": " + (recent.empty() ? std::string("no scored session at this level yet")
                                             : "quality " + joinQualities(recent) + " in " + sessionsWord(recent.size())) +
                 "; progressing needs " + std::to_string(rules.progressSessions) + " sessions at " + fmt(rules.progressQuality) +
                 " or more";
    }
  }
  const Level& lv = e.levels[static_cast<std::size_t>(level - 1)];
  p.level = level;
  p.sets = pe.sets > 0 ? pe.sets : lv.sets;
  p.repetitions = pe.repetitions > 0 ? pe.repetitions : lv.repetitions;
  p.holdS = prescribedHoldS(pe, e, level);
  p.restS = pe.restS;
  p.load = lv.load;
  return p;
}

// Whether a stage's alignment gate holds: every exercise of it scored at or above the progress
// quality in each of its last `progressSessions` sessions. Empty when it holds, else why not.
std::string stageGate(const ProgramStage& stage, const std::vector<SessionResult>& history, const ProgressionRules& rules) {
  for (const ProgramExercise& pe : stage.exercises) {
    const std::vector<Record> recs = recordsOf(history, pe.exerciseId);
    std::vector<double> recent;
    for (auto it = recs.rbegin(); it != recs.rend() && static_cast<int>(recent.size()) < rules.progressSessions; ++it) {
      recent.insert(recent.begin(), it->result->quality.value_or(0.0));
    }
    if (static_cast<int>(recent.size()) < rules.progressSessions) {
      return pe.exerciseId + " has " + std::to_string(recent.size()) + " of the " + std::to_string(rules.progressSessions) +
             " sessions the gate needs";
    }
    for (double q : recent) {
      if (q < rules.progressQuality) {
        return pe.exerciseId + " quality " + joinQualities(recent) + " is not all at " + fmt(rules.progressQuality) + " or more";
      }
    }
  }
  return "";
}

}  // namespace

double levelLoadKg(const Level& level) {
  static const std::regex kKg(R"(([0-9]+(\.[0-9]+)?)\s*kg)");
  std::smatch m;
  if (std::regex_search(level.load, m, kKg)) return std::strtod(m[1].str().c_str(), nullptr);
  return 0.0;
}

double levelHoldS(const Exercise& e, int level) {
  if (!e.levels.empty()) {
    const Level& lv = e.levels[static_cast<std::size_t>(std::clamp(level, 1, static_cast<int>(e.levels.size())) - 1)];
    if (lv.holdS > 0.0 && hasHold(e)) return lv.holdS;
  }
  for (const Phase& ph : e.phases) {
    if (ph.role == PhaseRole::Hold && ph.holdS > 0.0) return ph.holdS;
  }
  return 0.0;
}

double prescribedHoldS(const ProgramExercise& prescribed, const Exercise& e, int level) {
  return prescribed.holdS > 0.0 && hasHold(e) ? prescribed.holdS : levelHoldS(e, level);
}

std::string holdAndRestWords(double holdS, double restS) {
  char buf[64] = "";
  int n = 0;
  if (holdS > 0.0) n = std::snprintf(buf, sizeof buf, ", hold %g s", holdS);
  if (restS > 0.0) std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ", rest %g s", restS);
  return buf;
}

std::string_view decisionName(Decision d) {
  switch (d) {
    case Decision::Start: return "start";
    case Decision::Progress: return "progress";
    case Decision::Hold: return "hold";
    case Decision::Regress: return "regress";
  }
  return "?";
}

std::optional<int> dayNumber(std::string_view date) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (date.size() != 10 || std::sscanf(std::string(date).c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return std::nullopt;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) return std::nullopt;
  // Days from civil (H. Hinnant's algorithm).
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Result<Program> parseProgram(std::string_view jsonText, const std::string& source, const std::vector<Exercise>* library) {
  return parseJson<Program>(jsonText, source, [&](const json& j) { return parse(j, library); });
}

Result<Program> loadProgram(const std::filesystem::path& path, const std::vector<Exercise>* library) {
  auto text = readTextFile(path);
  if (!text) return Error{text.error()};
  return parseProgram(*text, path.string(), library);
}

std::filesystem::path defaultProgramFolder() {
  if (const char* env = std::getenv("LUMBO_PROGRAMS_DIR"); env && *env) return env;
  return LUMBO_DEFAULT_PROGRAM_DIR;
}

Result<std::vector<SessionResult>> parseHistory(std::string_view jsonText, const std::string& source) {
  return parseJson<std::vector<SessionResult>>(jsonText, source, [](const json& j) {
    array(j, "");
    std::vector<SessionResult> out;
    for (std::size_t i = 0; i < j.size(); ++i) {
      const std::string ptr = "/" + std::to_string(i);
      const json& s = object(j[i], ptr);
      onlyKeys(s, ptr, {"date", "pain_before", "pain_after", "stage", "exercises"});
      SessionResult r;
      r.date = str(field(s, ptr, "date"), ptr + "/date");
      const auto day = dayNumber(r.date);
      if (!day) fail(ptr + "/date", "expected a date YYYY-MM-DD, found '" + r.date + "'");
      r.day = *day;
      r.painBefore = pain(s, ptr, "pain_before");
      r.painAfter = pain(s, ptr, "pain_after");
      if (const json* v = optionalField(s, "stage")) r.stage = str(*v, ptr + "/stage");
      const json& ex = array(field(s, ptr, "exercises"), ptr + "/exercises");
      for (std::size_t k = 0; k < ex.size(); ++k) {
        const std::string ep = ptr + "/exercises/" + std::to_string(k);
        const json& e = object(ex[k], ep);
        onlyKeys(e, ep, {"id", "level", "quality"});
        ExerciseResult er;
        er.exerciseId = nonEmptyStr(field(e, ep, "id"), ep + "/id");
        er.level = integerIn(field(e, ep, "level"), ep + "/level", 1, 20);
        if (const json* q = optionalField(e, "quality")) er.quality = numIn(*q, ep + "/quality", 0.0, 100.0);
        r.exercises.push_back(std::move(er));
      }
      out.push_back(std::move(r));
    }
    std::stable_sort(out.begin(), out.end(), [](const SessionResult& a, const SessionResult& b) { return a.day < b.day; });
    return out;
  });
}

Result<std::vector<SessionResult>> loadHistory(const std::filesystem::path& path) {
  auto text = readTextFile(path);
  if (!text) return Error{text.error()};
  return parseHistory(*text, path.string());
}

Result<SessionPlan> planNextSession(const Program& program, const std::vector<Exercise>& library,
                                    const std::vector<SessionResult>& history, std::optional<int> todayDay,
                                    std::optional<int> daysSinceLanding) {
  SessionPlan plan;
  std::size_t stageIndex = 0;
  if (program.staged) {
    if (!daysSinceLanding) return Error{program.id + ": a staged program needs the days since landing"};
    // The stage the person is in: the last session's, else the first.
    std::size_t current = 0;
    if (!history.empty()) {
      for (std::size_t i = 0; i < program.stages.size(); ++i) {
        if (program.stages[i].name == history.back().stage) current = i;
      }
    }
    std::size_t open = 0;  // the latest stage the calendar allows
    for (std::size_t i = 0; i < program.stages.size(); ++i) {
      if (*daysSinceLanding >= program.stages[i].fromDay) open = i;
    }
    const std::string day = "day " + std::to_string(*daysSinceLanding) + " since landing";
    if (open < current) {
      stageIndex = open;
      plan.stageReason = day + ": " + program.stages[open].name + " (the calendar does not yet allow " + program.stages[current].name + ")";
    } else if (open > current) {
      const std::string gate = stageGate(program.stages[current], history, program.rules);
      if (gate.empty()) {
        stageIndex = current + 1;
        plan.stageReason = day + " opens " + program.stages[stageIndex].name + ", and alignment held in " +
                           program.stages[current].name + " (every exercise at " + fmt(program.rules.progressQuality) +
                           " or more in " + sessionsWord(static_cast<std::size_t>(program.rules.progressSessions)) + ")";
      } else {
        stageIndex = current;
        plan.stageReason = day + " opens " + program.stages[current + 1].name + ", but " + program.stages[current].name +
                           " continues: " + gate;
      }
    } else {
      stageIndex = current;
      plan.stageReason = day + ": " + program.stages[current].name +
                         (current + 1 < program.stages.size() ? " until day " + std::to_string(program.stages[current + 1].fromDay) + " at least" : "");
    }
    plan.stage = program.stages[stageIndex].name;
  }
  for (const ProgramExercise& pe : program.stages[stageIndex].exercises) {
    const Exercise* e = findExercise(library, pe.exerciseId);
    if (!e) return Error{program.id + ": unknown exercise '" + pe.exerciseId + "'"};
    plan.items.push_back(prescribe(pe, *e, history, program.rules, todayDay));
  }
  return plan;
}

}  // namespace lumbo
