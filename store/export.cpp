// CSV, JSON and FHIR R4 renderings of one person's data.
#include "store/export.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>

#include "body/clock.h"
#include "store/private_file.h"
#include "store/queries.h"
#include "store/text_format.h"

namespace lumbo::store {

namespace {

using nlohmann::json;

constexpr const char* kUcum = "http://unitsofmeasure.org";
constexpr const char* kCategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";
constexpr const char* kDeidentified = "deidentified";

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
};

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
  for (const auto& s : d.sessions) d.repetitions[s.id] = q.repetitions(s.id);
  if (options.deidentify) {
    for (auto& s : d.sessions) s.context.clear();
    for (auto& r : d.rom) r.context.clear();
    for (auto& l : d.levels) l.reason.clear();
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
                  {"identifier", json::array({{{"system", std::string(kLumboCodeSystem) + "/person-id"}, {"value", d.id}}})}};
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
  for (const auto& x : d.odi) {
    if (!x.percent) continue;
    json o = observation(codeableConcept(kLoincSystem, std::string(kLoincOdiScore), "Oswestry disability index score ODI"),
                         category("survey", "Survey"), utcDateTime(x.unixS));
    o["valueQuantity"] = quantity(*x.percent, "%", "%");
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
    });
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
