// CSV, JSON and FHIR R4 renderings of one person's data.
#include "store/export.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>

#include "body/clock.h"
#include "store/private_file.h"
#include "store/program_assignments.h"
#include "store/queries.h"
#include "store/text_format.h"

namespace lumbo::store {

namespace {

using nlohmann::json;

constexpr const char* kUcum = "http://unitsofmeasure.org";
constexpr const char* kCategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";
constexpr const char* kDeidentified = "deidentified";
constexpr double kDayS = 86400.0;

// Everything an export holds, read once.
struct PersonData {
  std::string id;
  std::optional<std::string> name;
  std::vector<SessionRow> sessions;
  std::vector<WeekAdherence> weeks;
  std::vector<QualityPoint> quality;
  std::vector<PainPoint> pain;
  std::vector<OdiPoint> odi;
  std::vector<RomPoint> rom;
  std::vector<LevelChange> levels;
  std::map<std::int64_t, std::vector<RepetitionRow>> repetitions;
  std::map<std::int64_t, std::vector<PlannedItem>> plans;
  std::vector<ProgramAssignment> programs;
};

// The person's pseudonym and date shift, made once and kept in the store: two de-identified
// exports of one person agree with each other, and two people's never share a pseudonym. The
// shift is whole weeks (1 to 52, either way), so weekdays and Monday-based weeks survive it.
std::pair<std::string, double> pseudonymOf(SessionStore& store, const std::string& personId) {
  Connection& db = store.connection();
  auto s = db.prepare("SELECT pseudonym, shift_days FROM pseudonym WHERE person_id = ?");
  s.bind(1, personId);
  if (s.step()) return {s.getText(0), static_cast<double>(s.getInt(1)) * kDayS};
  std::random_device rd;
  std::mt19937_64 rng((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
  for (;;) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "%010llx", static_cast<unsigned long long>(rng() & 0xFFFFFFFFFFull));
    const std::string pseudonym = std::string(kDeidentified) + "-" + hex;
    const int weeks = static_cast<int>(rng() % 52) + 1;
    const int shiftDays = 7 * weeks * ((rng() & 1) ? 1 : -1);
    auto taken = db.prepare("SELECT count(*) FROM pseudonym WHERE pseudonym = ?");
    taken.bind(1, pseudonym);
    taken.step();
    if (taken.getInt(0) != 0) continue;
    db.prepare("INSERT INTO pseudonym(person_id, pseudonym, shift_days) VALUES(?, ?, ?)").bind(1, personId).bind(2, pseudonym)
        .bind(3, shiftDays).run();
    return {pseudonym, shiftDays * kDayS};
  }
}

std::string shiftedDate(const std::string& date, double shiftS) { return utcDate(parseUtcDate(date).value_or(0.0) + shiftS); }

Result<PersonData> load(SessionStore& store, const ExportOptions& options) {
  const auto person = store.person(options.personId);
  if (!person) return Error{store.path().string() + ": no person '" + options.personId + "' in this store"};
  Queries q(store);
  PersonData d;
  d.id = options.deidentify ? kDeidentified : person->id;
  if (!options.deidentify) d.name = person->displayName;
  d.sessions = q.sessions(options.personId);
  d.weeks = q.weeklyAdherence(options.personId);
  d.quality = q.qualityOverTime(options.personId);
  d.pain = q.painTrend(options.personId);
  d.odi = q.oswestry(options.personId);
  d.rom = q.rangeOfMotion(options.personId);
  d.levels = q.levelChanges(options.personId);
  d.programs = programAssignments(store, options.personId);
  for (const auto& s : d.sessions) {
    d.repetitions[s.id] = q.repetitions(s.id);
    d.plans[s.id] = q.plan(s.id);
  }
  if (options.deidentify) {
    const auto [pseudonym, shiftS] = pseudonymOf(store, options.personId);
    d.id = pseudonym;
    for (auto& s : d.sessions) {
      s.context.clear();
      s.startUnixS += shiftS;
      if (s.endUnixS) *s.endUnixS += shiftS;
    }
    for (auto& w : d.weeks) w.weekStart = shiftedDate(w.weekStart, shiftS);
    for (auto& x : d.quality) x.unixS += shiftS;
    for (auto& x : d.pain) x.unixS += shiftS;
    for (auto& x : d.odi) x.unixS += shiftS;
    for (auto& r : d.rom) {
      r.context.clear();
      r.unixS += shiftS;
    }
    for (auto& l : d.levels) {
      l.reason.clear();
      l.unixS += shiftS;
    }
    for (auto& p : d.programs) {
      p.startUnixS += shiftS;
      p.assignedUnixS += shiftS;
      p.personId = pseudonym;
    }
    for (auto& [id, items] : d.plans) {
      for (auto& i : items) i.reason.clear();
    }
  }
  return d;
}

std::string renderCsv(const PersonData& d) {
  // Long format: one measured value per row, so one file carries every kind of record.
  std::string out = csvRow({"record", "person_id", "session_id", "time_utc", "exercise_id", "set", "index", "measure", "value", "unit", "detail"});
  if (d.name) out += csvRow({"person", d.id, "", "", "", "", "", "display_name", "", "", *d.name});
  for (const auto& s : d.sessions) {
    out += csvRow({"session", d.id, std::to_string(s.id), utcDateTime(s.startUnixS), "", "", "", "minutes", number(s.minutes), "min",
                   s.status + (s.context.empty() ? "" : " " + s.context)});
    for (const auto& r : d.repetitions.at(s.id)) {
      out += csvRow({r.kind, d.id, std::to_string(s.id), utcDateTime(s.startUnixS + r.startS), r.exerciseId, std::to_string(r.set),
                     std::to_string(r.index), "quality", r.quality ? number(*r.quality) : "", "{score}", r.faults});
    }
  }
  for (const auto& w : d.weeks) {
    out += csvRow({"adherence_week", d.id, "", w.weekStart + "T00:00:00Z", "", "", "", "sessions_done", std::to_string(w.sessionsDone),
                   "{sessions}", w.sessionsPrescribed ? "prescribed " + std::to_string(*w.sessionsPrescribed) : ""});
  }
  for (const auto& p : d.pain) {
    out += csvRow({"pain", d.id, p.sessionId ? std::to_string(*p.sessionId) : "", utcDateTime(p.unixS), "", "", "", "pain_nrs",
                   std::to_string(p.score), "{score}", p.phase});
  }
  for (const auto& o : d.odi) {
    out += csvRow({"oswestry", d.id, "", utcDateTime(o.unixS), "", "", "", "odi_percent", o.percent ? number(*o.percent) : "", "%",
                   std::to_string(o.answered) + " sections answered"});
  }
  for (const auto& r : d.rom) {
    out += csvRow({"assessment", d.id, "", utcDateTime(r.unixS), "", "", "", r.name, number(r.value), r.unit, r.assessment});
  }
  for (const auto& l : d.levels) {
    out += csvRow({"level_change", d.id, std::to_string(l.sessionId), utcDateTime(l.unixS), l.exerciseId, "", "", "level",
                   std::to_string(l.toLevel), "", "from " + std::to_string(l.fromLevel) + (l.reason.empty() ? "" : ": " + l.reason)});
  }
  return out;
}

json optionalJson(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }
json optionalJson(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }

std::string renderJson(const PersonData& d, double now) {
  json doc;
  doc["format"] = "lumbo-export";
  doc["format_version"] = 1;
  doc["generated_utc"] = utcDateTime(now);
  doc["person"] = {{"id", d.id}};
  if (d.name) doc["person"]["display_name"] = *d.name;
  json sessions = json::array();
  for (const auto& s : d.sessions) {
    json js = {{"id", s.id}, {"start_utc", utcDateTime(s.startUnixS)}, {"status", s.status}, {"source", s.source},
               {"context", s.context}, {"minutes", s.minutes}, {"repetitions_done", s.repetitions},
               {"repetitions_prescribed", s.prescribedRepetitions}};
    js["end_utc"] = s.endUnixS ? json(utcDateTime(*s.endUnixS)) : json(nullptr);
    js["program"] = s.programName ? json({{"name", *s.programName}, {"version", *s.programVersion}}) : json(nullptr);
    json reps = json::array();
    for (const auto& r : d.repetitions.at(s.id)) {
      reps.push_back({{"exercise_id", r.exerciseId}, {"kind", r.kind}, {"set", r.set}, {"index", r.index}, {"start_s", r.startS},
                      {"end_s", r.endS}, {"quality", optionalJson(r.quality)}, {"faults", r.faults}});
    }
    js["repetitions"] = std::move(reps);
    sessions.push_back(std::move(js));
  }
  doc["sessions"] = std::move(sessions);
  json weeks = json::array();
  for (const auto& w : d.weeks) {
    weeks.push_back({{"week_start", w.weekStart}, {"sessions_done", w.sessionsDone}, {"sessions_prescribed", optionalJson(w.sessionsPrescribed)},
                     {"sessions_interrupted", w.sessionsInterrupted}, {"minutes_done", w.minutesDone},
                     {"minutes_prescribed", optionalJson(w.minutesPrescribed)}, {"repetitions_done", w.repetitionsDone},
                     {"repetitions_prescribed", optionalJson(w.repetitionsPrescribed)}});
  }
  doc["adherence_weekly"] = std::move(weeks);
  json pain = json::array();
  for (const auto& p : d.pain) {
    pain.push_back({{"time_utc", utcDateTime(p.unixS)}, {"phase", p.phase}, {"score", p.score},
                    {"session_id", p.sessionId ? json(*p.sessionId) : json(nullptr)}});
  }
  doc["pain"] = std::move(pain);
  json odi = json::array();
  for (const auto& o : d.odi) odi.push_back({{"date", utcDate(o.unixS)}, {"percent", optionalJson(o.percent)}, {"sections_answered", o.answered}});
  doc["oswestry"] = std::move(odi);
  json rom = json::array();
  for (const auto& r : d.rom) {
    rom.push_back({{"date", utcDate(r.unixS)}, {"assessment", r.assessment}, {"context", r.context}, {"name", r.name}, {"value", r.value}, {"unit", r.unit}});
  }
  doc["assessments"] = std::move(rom);
  json levels = json::array();
  for (const auto& l : d.levels) {
    levels.push_back({{"time_utc", utcDateTime(l.unixS)}, {"session_id", l.sessionId}, {"exercise_id", l.exerciseId},
                      {"from_level", l.fromLevel}, {"to_level", l.toLevel}, {"reason", l.reason}});
  }
  doc["level_changes"] = std::move(levels);
  return doc.dump(2) + "\n";
}

class UuidSource {
 public:
  std::string next() {
    std::uniform_int_distribution<unsigned> byte(0, 255);
    unsigned char b[16];
    for (auto& x : b) x = static_cast<unsigned char>(byte(rng_));
    b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);  // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
    char s[40];
    std::snprintf(s, sizeof s, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3],
                  b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return std::string("urn:uuid:") + s;
  }

 private:
  std::mt19937_64 rng_{std::random_device{}()};
};

json category(const char* code, const char* display) {
  return json::array({{{"coding", json::array({{{"system", kCategorySystem}, {"code", code}, {"display", display}}})}}});
}

json codeableConcept(std::string_view system, const std::string& code, const std::string& display) {
  return {{"coding", json::array({{{"system", system}, {"code", code}, {"display", display}}})}, {"text", display}};
}

json quantity(double value, const std::string& unit, const std::string& ucum) {
  return {{"value", value}, {"unit", unit}, {"system", kUcum}, {"code", ucum}};
}

std::string renderFhir(const PersonData& d, double now) {
  UuidSource uuids;
  json entries = json::array();
  const std::string patientUrl = uuids.next();
  json patient = {{"resourceType", "Patient"},
                  {"identifier", json::array({{{"system", std::string(kLumboPersonIdSystem)}, {"value", d.id}}})}};
  if (d.name) patient["name"] = json::array({{{"text", *d.name}}});
  entries.push_back({{"fullUrl", patientUrl}, {"resource", patient}});
  auto observation = [&](json code, json cat, const std::string& effective) {
    json o = {{"resourceType", "Observation"}, {"status", "final"}, {"category", std::move(cat)}, {"code", std::move(code)},
              {"subject", {{"reference", patientUrl}}}, {"effectiveDateTime", effective}};
    return o;
  };
  auto add = [&](json resource) { entries.push_back({{"fullUrl", uuids.next()}, {"resource", std::move(resource)}}); };

  for (const auto& p : d.pain) {
    json o = observation(codeableConcept(kLoincSystem, std::string(kLoincPainNrs), "Pain severity - 0-10 verbal numeric rating [Score] - Reported"),
                         category("survey", "Survey"), utcDateTime(p.unixS));
    o["valueInteger"] = p.score;
    o["note"] = json::array({{{"text", "reported " + p.phase + (p.phase == "other" ? "" : " an exercise session")}}});
    add(std::move(o));
  }
  // The program versions as CarePlans, each exercise an activity; the latest is the one active.
  std::map<std::int64_t, std::string> carePlanUrl;
  for (std::size_t i = 0; i < d.programs.size(); ++i) {
    const ProgramAssignment& a = d.programs[i];
    const std::string url = uuids.next();
    carePlanUrl[a.rowId] = url;
    json activities = json::array();
    auto program = parseProgram(a.content, a.key);
    if (program) {
      for (const ProgramStage& st : program->stages) {
        for (const lumbo::ProgramExercise& pe : st.exercises) {
          std::string what = "from level " + std::to_string(pe.startLevel);
          if (pe.sets > 0) what += ", " + std::to_string(pe.sets) + " sets";
          if (pe.repetitions > 0) what += " of " + std::to_string(pe.repetitions);
          if (!st.name.empty()) what += "; stage '" + st.name + "' from day " + std::to_string(st.fromDay) + " after landing";
          activities.push_back({{"detail",
                                 {{"kind", "ServiceRequest"},
                                  {"code", codeableConcept(kLumboCodeSystem, "exercise-" + pe.exerciseId, pe.exerciseId)},
                                  {"status", i + 1 == d.programs.size() ? "in-progress" : "stopped"},
                                  {"description", what},
                                  {"scheduledTiming", {{"repeat", {{"frequency", a.sessionsPerWeek}, {"period", 1}, {"periodUnit", "wk"}}}}}}}});
        }
      }
    }
    json plan = {{"resourceType", "CarePlan"},
                 {"status", i + 1 == d.programs.size() ? "active" : "revoked"},
                 {"intent", "plan"},
                 {"title", a.key + " version " + std::to_string(a.version)},
                 {"subject", {{"reference", patientUrl}}},
                 {"period", {{"start", utcDateTime(a.startUnixS)}}},
                 {"created", utcDateTime(a.assignedUnixS)},
                 {"activity", std::move(activities)}};
    if (i + 1 < d.programs.size()) plan["period"]["end"] = utcDateTime(d.programs[i + 1].startUnixS);
    if (a.odiEveryDays) plan["note"] = json::array({{{"text", "Oswestry questionnaire every " + std::to_string(*a.odiEveryDays) + " days"}}});
    entries.push_back({{"fullUrl", url}, {"resource", std::move(plan)}});
  }
  // Each session as a Procedure, with what its plan prescribed against what was done.
  for (const auto& s : d.sessions) {
    if (s.status == "open") continue;
    int done = s.repetitions;
    json p = {{"resourceType", "Procedure"},
              {"status", s.status == "completed" ? "completed" : "stopped"},
              {"code", codeableConcept(kLumboCodeSystem, "mct-session", "Motor control exercise session")},
              {"subject", {{"reference", patientUrl}}},
              {"performedPeriod", {{"start", utcDateTime(s.startUnixS)}, {"end", utcDateTime(s.endUnixS.value_or(s.startUnixS))}}}};
    std::string note = std::to_string(done) + " of " + std::to_string(s.prescribedRepetitions) + " prescribed repetitions";
    if (s.prescribedMinutes) note += ", " + fixed(s.minutes, 1) + " of " + fixed(*s.prescribedMinutes, 1) + " prescribed minutes";
    for (const PlannedItem& i : d.plans.at(s.id)) {
      note += "; " + i.exerciseId + " level " + std::to_string(i.level) + " " + std::to_string(i.sets) + " x " + std::to_string(i.repsPerSet);
    }
    p["note"] = json::array({{{"text", note}}});
    if (s.programVersionId) {
      if (const auto it = carePlanUrl.find(*s.programVersionId); it != carePlanUrl.end()) {
        p["basedOn"] = json::array({{{"reference", it->second}}});
      }
    }
    add(std::move(p));
  }
  for (const auto& x : d.odi) {
    // The answers as a QuestionnaireResponse, the score as an Observation derived from it.
    const std::string responseUrl = uuids.next();
    json items = json::array();
    for (std::size_t k = 0; k < x.sections.size(); ++k) {
      json item = {{"linkId", "section-" + std::to_string(k + 1)}, {"text", "Oswestry section " + std::to_string(k + 1)}};
      if (x.sections[k]) item["answer"] = json::array({{{"valueInteger", *x.sections[k]}}});
      items.push_back(std::move(item));
    }
    entries.push_back({{"fullUrl", responseUrl},
                       {"resource",
                        {{"resourceType", "QuestionnaireResponse"},
                         {"status", "completed"},
                         {"questionnaire", std::string(kOdiQuestionnaire)},
                         {"subject", {{"reference", patientUrl}}},
                         {"authored", utcDateTime(x.unixS)},
                         {"item", std::move(items)}}}});
    if (!x.percent) continue;
    json o = observation(codeableConcept(kLoincSystem, std::string(kLoincOdiScore), "Oswestry disability index score ODI"),
                         category("survey", "Survey"), utcDateTime(x.unixS));
    o["valueQuantity"] = quantity(*x.percent, "%", "%");
    o["derivedFrom"] = json::array({{{"reference", responseUrl}}});
    add(std::move(o));
  }
  for (const auto& w : d.weeks) {
    if (!w.sessionsPrescribed || *w.sessionsPrescribed == 0) continue;
    const double start = *parseUtcDate(w.weekStart);
    json o = observation(codeableConcept(kLumboCodeSystem, "adherence-sessions-weekly", "Exercise sessions done as a share of those prescribed, per week"),
                         category("activity", "Activity"), "");
    o.erase("effectiveDateTime");
    o["effectivePeriod"] = {{"start", utcDateTime(start)}, {"end", utcDateTime(start + 7 * 86400.0)}};
    o["valueQuantity"] = quantity(100.0 * w.sessionsDone / *w.sessionsPrescribed, "%", "%");
    o["component"] = json::array({
        {{"code", codeableConcept(kLumboCodeSystem, "sessions-done", "Exercise sessions done")}, {"valueInteger", w.sessionsDone}},
        {{"code", codeableConcept(kLumboCodeSystem, "sessions-prescribed", "Exercise sessions prescribed")}, {"valueInteger", *w.sessionsPrescribed}},
        {{"code", codeableConcept(kLumboCodeSystem, "exercise-minutes", "Minutes of exercise")}, {"valueQuantity", quantity(w.minutesDone, "min", "min")}},
        {{"code", codeableConcept(kLumboCodeSystem, "repetitions-done", "Repetitions done")}, {"valueInteger", w.repetitionsDone}},
        {{"code", codeableConcept(kLumboCodeSystem, "repetitions-planned", "Repetitions the sessions' plans prescribed")},
         {"valueInteger", w.repetitionsPlanned}},
    });
    if (w.minutesPrescribed) {
      o["component"].push_back({{"code", codeableConcept(kLumboCodeSystem, "exercise-minutes-prescribed", "Minutes of exercise prescribed")},
                                {"valueQuantity", quantity(*w.minutesPrescribed, "min", "min")}});
    }
    if (w.repetitionsPrescribed) {
      o["component"].push_back({{"code", codeableConcept(kLumboCodeSystem, "repetitions-prescribed", "Repetitions prescribed")},
                                {"valueInteger", *w.repetitionsPrescribed}});
    }
    add(std::move(o));
  }
  std::map<std::int64_t, double> sessionStart;
  for (const auto& s : d.sessions) sessionStart[s.id] = s.startUnixS;
  for (const auto& q : d.quality) {
    json o = observation(codeableConcept(kLumboCodeSystem, "alignment-quality", "Lumbo-pelvic alignment quality during exercise (0-100)"),
                         category("therapy", "Therapy"), utcDateTime(q.unixS));
    o["valueQuantity"] = quantity(q.meanQuality, "{score}", "{score}");
    o["component"] = json::array({
        {{"code", codeableConcept(kLumboCodeSystem, "exercise-id", "Exercise")}, {"valueString", q.exerciseId}},
        {{"code", codeableConcept(kLumboCodeSystem, "repetitions-scored", "Repetitions scored")}, {"valueInteger", q.count}},
    });
    add(std::move(o));
  }
  for (const auto& r : d.rom) {
    const std::string ucum = r.unit == "deg" ? "deg" : r.unit;
    json o = observation(codeableConcept(kLumboCodeSystem, "rom-" + r.name, "Range of motion: " + r.name), category("exam", "Exam"), utcDateTime(r.unixS));
    o["valueQuantity"] = quantity(r.value, r.unit, ucum);
    if (!r.context.empty()) {
      o["component"] = json::array({{{"code", codeableConcept(kLumboCodeSystem, "assessment-context", "Context of the assessment")},
                                     {"valueString", r.context}}});
    }
    add(std::move(o));
  }
  json bundle = {{"resourceType", "Bundle"}, {"type", "collection"}, {"timestamp", utcDateTime(now)}, {"entry", std::move(entries)}};
  return bundle.dump(2) + "\n";
}

}  // namespace

std::optional<ExportFormat> exportFormatFromName(std::string_view name) {
  if (name == "csv") return ExportFormat::Csv;
  if (name == "json") return ExportFormat::Json;
  if (name == "fhir") return ExportFormat::Fhir;
  return std::nullopt;
}

Result<std::string> renderExport(SessionStore& store, const ExportOptions& options) {
  try {
    auto data = load(store, options);
    if (!data) return Error{data.error()};
    const double now = options.generatedUnixS > 0
                           ? options.generatedUnixS
                           : unixNowS();
    switch (options.format) {
      case ExportFormat::Csv: return renderCsv(*data);
      case ExportFormat::Json: return renderJson(*data, now);
      case ExportFormat::Fhir: return renderFhir(*data, now);
    }
    return Error{"unknown export format"};
  } catch (const SqlError& e) {
    return Error{e.what()};
  }
}

Status exportPerson(SessionStore& store, const ExportOptions& options) {
  auto text = renderExport(store, options);
  if (!text) return Error{text.error()};
  return writeFileAtomically(options.out, *text);
}

}  // namespace lumbo::store
