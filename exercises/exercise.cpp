// Loading and validation of exercise files: every field checked, errors naming file and field.
#include "exercises/exercise.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "exercises/json_fields.h"

namespace lumbo {

namespace {

using namespace json_fields;

SignalIndex signal(const json& j, const std::string& ptr) {
  const std::string name = str(j, ptr);
  auto s = signalFromName(name);
  if (!s) fail(ptr, "unknown signal '" + name + "'");
  return *s;
}

constexpr std::array<std::pair<const char*, StartingPosition>, 6> kPositions = {{
    {"standing", StartingPosition::Standing},
    {"sitting", StartingPosition::Sitting},
    {"supine", StartingPosition::Supine},
    {"four_point_kneeling", StartingPosition::FourPointKneeling},
    {"side_lying", StartingPosition::SideLying},
    {"prone", StartingPosition::Prone},
}};
constexpr std::array<std::pair<const char*, PhaseRole>, 4> kRoles = {{
    {"rest", PhaseRole::Rest}, {"out", PhaseRole::Out}, {"hold", PhaseRole::Hold}, {"back", PhaseRole::Back}}};
constexpr std::array<std::pair<const char*, DriverMode>, 3> kModes = {{
    {"increase", DriverMode::Increase}, {"decrease", DriverMode::Decrease}, {"magnitude", DriverMode::Magnitude}}};
constexpr std::array<std::pair<const char*, ExerciseKind>, 2> kKinds = {{
    {"repetitions", ExerciseKind::Repetitions}, {"hold", ExerciseKind::Hold}}};

Target parseTarget(const json& j, const std::string& ptr) {
  object(j, ptr);
  onlyKeys(j, ptr, {"signal", "min", "max", "fault", "fault_below", "cue", "points_per_unit"});
  Target t;
  t.signal = signal(field(j, ptr, "signal"), ptr + "/signal");
  const json* mn = optionalField(j, "min");
  const json* mx = optionalField(j, "max");
  if (!mn && !mx) fail(ptr, "a target needs 'min', 'max' or both");
  if (mn) t.band.min = num(*mn, ptr + "/min");
  if (mx) t.band.max = num(*mx, ptr + "/max");
  if (!isSimulatedLoad(t.signal) && (t.band.min > 0.0 || t.band.max < 0.0)) {
    // Bands are scaled about neutral by the level's tolerance, so neutral must lie inside (a
    // simulated load's range is not scaled).
    fail(ptr, "the band must contain 0 (neutral): min <= 0 <= max");
  }
  if (t.band.min >= t.band.max) fail(ptr + "/max", "must be greater than min");
  t.fault = nonEmptyStr(field(j, ptr, "fault"), ptr + "/fault");
  if (const json* fb = optionalField(j, "fault_below")) t.faultBelow = nonEmptyStr(*fb, ptr + "/fault_below");
  t.cue = nonEmptyStr(field(j, ptr, "cue"), ptr + "/cue");
  if (const json* p = optionalField(j, "points_per_unit")) t.pointsPerUnit = numIn(*p, ptr + "/points_per_unit", 0.0, 1000.0);
  return t;
}

RangeTarget parseRange(const json& j, const std::string& ptr) {
  object(j, ptr);
  onlyKeys(j, ptr, {"signal", "reach", "fault", "cue", "points_per_unit"});
  RangeTarget r;
  r.signal = signal(field(j, ptr, "signal"), ptr + "/signal");
  r.reach = numIn(field(j, ptr, "reach"), ptr + "/reach", 1e-6, 1000.0);
  r.fault = nonEmptyStr(field(j, ptr, "fault"), ptr + "/fault");
  r.cue = nonEmptyStr(field(j, ptr, "cue"), ptr + "/cue");
  if (const json* p = optionalField(j, "points_per_unit")) r.pointsPerUnit = numIn(*p, ptr + "/points_per_unit", 0.0, 10000.0);
  return r;
}

Phase parsePhase(const json& j, const std::string& ptr) {
  object(j, ptr);
  onlyKeys(j, ptr, {"name", "role", "hold_s", "targets"});
  Phase p;
  p.name = nonEmptyStr(field(j, ptr, "name"), ptr + "/name");
  p.role = enumeration(field(j, ptr, "role"), ptr + "/role", kRoles);
  if (const json* h = optionalField(j, "hold_s")) {
    if (p.role != PhaseRole::Hold) fail(ptr + "/hold_s", "only a phase with role 'hold' has a hold time");
    p.holdS = numIn(*h, ptr + "/hold_s", 0.1, 600.0);
  } else if (p.role == PhaseRole::Hold) {
    fail(ptr, "missing required field 'hold_s' for a phase with role 'hold'");
  }
  if (const json* ts = optionalField(j, "targets")) {
    array(*ts, ptr + "/targets");
    for (std::size_t i = 0; i < ts->size(); ++i) {
      p.targets.push_back(parseTarget((*ts)[i], ptr + "/targets/" + std::to_string(i)));
    }
  }
  return p;
}

Driver parseDriver(const json& j, const std::string& ptr) {
  object(j, ptr);
  onlyKeys(j, ptr, {"signals", "mode", "start_excursion", "reverse_fraction", "return_fraction",
                    "target_excursion", "range_points_per_unit", "range_fault", "range_cue"});
  Driver d;
  const json& sigs = array(field(j, ptr, "signals"), ptr + "/signals");
  for (std::size_t i = 0; i < sigs.size(); ++i) d.signals.push_back(signal(sigs[i], ptr + "/signals/" + std::to_string(i)));
  d.mode = enumeration(field(j, ptr, "mode"), ptr + "/mode", kModes);
  d.startExcursion = numIn(field(j, ptr, "start_excursion"), ptr + "/start_excursion", 1e-4, 1000.0);
  if (const json* v = optionalField(j, "reverse_fraction")) d.reverseFraction = numIn(*v, ptr + "/reverse_fraction", 0.01, 0.9);
  if (const json* v = optionalField(j, "return_fraction")) d.returnFraction = numIn(*v, ptr + "/return_fraction", 0.05, 1.0);
  if (d.returnFraction < d.reverseFraction) fail(ptr + "/return_fraction", "must not be smaller than reverse_fraction");
  if (const json* v = optionalField(j, "target_excursion")) {
    d.targetExcursion = numIn(*v, ptr + "/target_excursion", 0.0, 1000.0);
    if (d.targetExcursion > 0.0 && d.targetExcursion <= d.startExcursion) {
      fail(ptr + "/target_excursion", "must be larger than start_excursion");
    }
  }
  if (const json* v = optionalField(j, "range_points_per_unit")) d.rangePointsPerUnit = numIn(*v, ptr + "/range_points_per_unit", 0.0, 10000.0);
  if (d.rangePointsPerUnit > 0.0) {
    if (d.targetExcursion <= 0.0) fail(ptr + "/range_points_per_unit", "needs a target_excursion to measure the range against");
    d.rangeFault = nonEmptyStr(field(j, ptr, "range_fault"), ptr + "/range_fault");
    d.rangeCue = nonEmptyStr(field(j, ptr, "range_cue"), ptr + "/range_cue");
  }
  return d;
}

Level parseLevel(const json& j, const std::string& ptr) {
  object(j, ptr);
  onlyKeys(j, ptr, {"name", "repetitions", "sets", "hold_s", "tolerance_scale", "load", "base_of_support", "description"});
  Level l;
  l.name = nonEmptyStr(field(j, ptr, "name"), ptr + "/name");
  l.repetitions = integerIn(field(j, ptr, "repetitions"), ptr + "/repetitions", 1, 200);
  l.sets = integerIn(field(j, ptr, "sets"), ptr + "/sets", 1, 20);
  if (const json* v = optionalField(j, "hold_s")) l.holdS = numIn(*v, ptr + "/hold_s", 0.1, 600.0);
  if (const json* v = optionalField(j, "tolerance_scale")) l.toleranceScale = numIn(*v, ptr + "/tolerance_scale", 0.25, 4.0);
  l.load = optionalField(j, "load") ? str(j["load"], ptr + "/load") : "none";
  l.baseOfSupport = optionalField(j, "base_of_support") ? str(j["base_of_support"], ptr + "/base_of_support") : "";
  l.description = optionalField(j, "description") ? str(j["description"], ptr + "/description") : "";
  return l;
}

// The phase order the engine walks: rest, out, [hold], back for repetitions; rest, hold for holds.
void checkPhaseOrder(const Exercise& e) {
  std::vector<PhaseRole> roles;
  for (const Phase& p : e.phases) roles.push_back(p.role);
  using R = PhaseRole;
  if (e.kind == ExerciseKind::Repetitions) {
    const bool ok = roles == std::vector<R>{R::Rest, R::Out, R::Back} ||
                    roles == std::vector<R>{R::Rest, R::Out, R::Hold, R::Back};
    if (!ok) fail("/phases", "a repetition exercise has phases with roles rest, out, back, or rest, out, hold, back, in that order");
    if (roles.size() == 4 && e.driver.targetExcursion <= 0.0) {
      fail("/driver/target_excursion", "a hold inside a repetition starts when the driver reaches its target_excursion, so it is required");
    }
  } else {
    if (roles != std::vector<R>{R::Rest, R::Hold}) fail("/phases", "a hold exercise has phases with roles rest, hold, in that order");
  }
}

Exercise parse(const json& j) {
  object(j, "");
  onlyKeys(j, "", {"id", "name", "rationale", "instructions", "starting_position", "kind", "trackers", "driver",
                   "phases", "levels", "tempo", "min_confidence", "hold_short_points_per_s", "rushed_points_per_s",
                   "references", "ranges", "props", "personal_reference"});
  Exercise e;
  e.id = nonEmptyStr(field(j, "", "id"), "/id");
  for (char c : e.id) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_')) {
      fail("/id", "use lower-case letters, digits and '_' only");
    }
  }
  e.name = nonEmptyStr(field(j, "", "name"), "/name");
  e.rationale = nonEmptyStr(field(j, "", "rationale"), "/rationale");
  const json& ins = array(field(j, "", "instructions"), "/instructions");
  if (ins.empty()) fail("/instructions", "needs at least one instruction");
  for (std::size_t i = 0; i < ins.size(); ++i) e.instructions.push_back(nonEmptyStr(ins[i], "/instructions/" + std::to_string(i)));
  e.startingPosition = enumeration(field(j, "", "starting_position"), "/starting_position", kPositions);
  e.kind = enumeration(field(j, "", "kind"), "/kind", kKinds);
  const json& tr = array(field(j, "", "trackers"), "/trackers");
  for (std::size_t i = 0; i < tr.size(); ++i) {
    const std::string ptr = "/trackers/" + std::to_string(i);
    const std::string name = str(tr[i], ptr);
    auto d = deviceFromName(name);
    if (!d) fail(ptr, "unknown device '" + name + "'");
    e.trackers.set(index(*d));
  }
  e.driver = parseDriver(field(j, "", "driver"), "/driver");
  if (e.driver.signals.empty() && e.kind == ExerciseKind::Repetitions) {
    fail("/driver/signals", "a repetition exercise needs at least one driving signal");
  }
  const json& ph = array(field(j, "", "phases"), "/phases");
  for (std::size_t i = 0; i < ph.size(); ++i) e.phases.push_back(parsePhase(ph[i], "/phases/" + std::to_string(i)));
  std::set<std::string> phaseNames;
  for (std::size_t i = 0; i < e.phases.size(); ++i) {
    if (!phaseNames.insert(e.phases[i].name).second) fail("/phases/" + std::to_string(i) + "/name", "repeats another phase's name");
  }
  checkPhaseOrder(e);
  if (const json* rs = optionalField(j, "ranges")) {
    array(*rs, "/ranges");
    if (e.kind != ExerciseKind::Repetitions && !rs->empty()) fail("/ranges", "only a repetition exercise has ranges to reach");
    for (std::size_t i = 0; i < rs->size(); ++i) e.ranges.push_back(parseRange((*rs)[i], "/ranges/" + std::to_string(i)));
  }
  const json& lv = array(field(j, "", "levels"), "/levels");
  if (lv.empty()) fail("/levels", "needs at least one level");
  for (std::size_t i = 0; i < lv.size(); ++i) e.levels.push_back(parseLevel(lv[i], "/levels/" + std::to_string(i)));
  if (const json* t = optionalField(j, "tempo")) {
    object(*t, "/tempo");
    onlyKeys(*t, "/tempo", {"out_s", "hold_s", "back_s"});
    if (const json* v = optionalField(*t, "out_s")) e.tempo.outS = numIn(*v, "/tempo/out_s", 0.0, 60.0);
    if (const json* v = optionalField(*t, "hold_s")) e.tempo.holdS = numIn(*v, "/tempo/hold_s", 0.0, 600.0);
    if (const json* v = optionalField(*t, "back_s")) e.tempo.backS = numIn(*v, "/tempo/back_s", 0.0, 60.0);
  }
  if (const json* v = optionalField(j, "min_confidence")) e.minConfidence = numIn(*v, "/min_confidence", 0.0, 1.0);
  if (const json* v = optionalField(j, "hold_short_points_per_s")) e.holdShortPointsPerS = numIn(*v, "/hold_short_points_per_s", 0.0, 100.0);
  if (const json* v = optionalField(j, "rushed_points_per_s")) e.rushedPointsPerS = numIn(*v, "/rushed_points_per_s", 0.0, 100.0);
  if (const json* v = optionalField(j, "props")) {
    array(*v, "/props");
    for (std::size_t i = 0; i < v->size(); ++i) {
      const std::string ptr = "/props/" + std::to_string(i);
      const std::string name = str((*v)[i], ptr);
      if (name != "chair") fail(ptr, "unknown prop '" + name + "' (known: chair)");
      e.props.push_back(name);
    }
  }
  if (const json* pr = optionalField(j, "personal_reference")) {
    const std::string ptr = "/personal_reference";
    object(*pr, ptr);
    onlyKeys(*pr, ptr, {"margin_deg", "margin_pct", "margin_m", "margin_n", "safety_scale", "min_repetitions"});
    PersonalBandSettings& ps = e.personal;
    if (const json* v = optionalField(*pr, "margin_deg")) ps.marginDeg = numIn(*v, ptr + "/margin_deg", 0.0, 45.0);
    if (const json* v = optionalField(*pr, "margin_pct")) ps.marginPct = numIn(*v, ptr + "/margin_pct", 0.0, 50.0);
    if (const json* v = optionalField(*pr, "margin_m")) ps.marginM = numIn(*v, ptr + "/margin_m", 0.0, 0.5);
    if (const json* v = optionalField(*pr, "margin_n")) ps.marginN = numIn(*v, ptr + "/margin_n", 0.0, 200.0);
    if (const json* v = optionalField(*pr, "safety_scale")) ps.safetyScale = numIn(*v, ptr + "/safety_scale", 1.0, 5.0);
    if (const json* v = optionalField(*pr, "min_repetitions")) {
      ps.minRepetitions = static_cast<int>(numIn(*v, ptr + "/min_repetitions", 1.0, 20.0));
    }
  }
  if (const json* v = optionalField(j, "references")) {
    array(*v, "/references");
    for (std::size_t i = 0; i < v->size(); ++i) str((*v)[i], "/references/" + std::to_string(i));
  }
  return e;
}

}  // namespace

std::string_view startingPositionName(StartingPosition p) {
  for (const auto& [n, v] : kPositions) {
    if (v == p) return n;
  }
  return "?";
}

std::string_view phaseRoleName(PhaseRole r) {
  for (const auto& [n, v] : kRoles) {
    if (v == r) return n;
  }
  return "?";
}

std::vector<SignalIndex> Exercise::requiredSignals() const {
  std::vector<SignalIndex> out = driver.signals;
  for (const Phase& p : phases) {
    for (const Target& t : p.targets) out.push_back(t.signal);
  }
  for (const RangeTarget& r : ranges) out.push_back(r.signal);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Result<Exercise> parseExercise(std::string_view jsonText, const std::string& source) {
  return parseJson<Exercise>(jsonText, source, [](const json& j) { return parse(j); });
}

Result<Exercise> loadExercise(const std::filesystem::path& path) {
  auto text = readTextFile(path);
  if (!text) return Error{text.error()};
  return parseExercise(*text, path.string());
}

Result<std::vector<Exercise>> loadExerciseLibrary(const std::filesystem::path& folder) {
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) return Error{folder.string() + ": not a folder"};
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Exercise> out;
  for (const auto& f : files) {
    auto e = loadExercise(f);
    if (!e) return Error{e.error()};
    if (findExercise(out, e->id)) return Error{f.string() + ": /id: '" + e->id + "' is already used by another file"};
    out.push_back(std::move(e).value());
  }
  std::sort(out.begin(), out.end(), [](const Exercise& a, const Exercise& b) { return a.id < b.id; });
  return out;
}

const Exercise* findExercise(const std::vector<Exercise>& library, std::string_view id) {
  for (const Exercise& e : library) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

std::filesystem::path defaultExerciseFolder() {
  if (const char* env = std::getenv("LUMBO_EXERCISES_DIR"); env && *env) return env;
  return LUMBO_DEFAULT_EXERCISE_DIR;
}

}  // namespace lumbo
