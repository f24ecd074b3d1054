// `lumbo patient add|show|list`: the patient record (name, landing date, notes), one person's
// overview, and every person in the data folder with adherence, quality, pain and the flags
// that ask for the therapist's attention.
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/cli/clinic_options.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "body/clock.h"
#include "store/output_guard.h"
#include "store/adherence.h"
#include "store/patient_record.h"
#include "store/private_file.h"
#include "store/queries.h"

namespace lumbo::app {

namespace {

std::string ratio(const store::WindowAdherence& w) {
  if (!w.sessionsPrescribed) return std::to_string(w.sessionsDone) + "/-";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%d/%d (%.0f%%)", w.sessionsDone, *w.sessionsPrescribed, w.percent().value_or(0.0));
  return buf;
}

std::string orDash(const std::optional<double>& v, const char* format) {
  if (!v) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, format, *v);
  return buf;
}

std::string joinFlags(const std::vector<std::string>& flags) {
  std::string s;
  for (const auto& f : flags) s += (s.empty() ? "" : "; ") + f;
  return s;
}

nlohmann::json windowJson(const store::WindowAdherence& w) {
  nlohmann::json j = {{"days", w.days}, {"sessions_done", w.sessionsDone}, {"repetitions_done", w.repetitionsDone},
                      {"repetitions_planned", w.repetitionsPlanned}, {"minutes_done", w.minutesDone}};
  j["sessions_prescribed"] = w.sessionsPrescribed ? nlohmann::json(*w.sessionsPrescribed) : nlohmann::json();
  return j;
}

nlohmann::json summaryJson(const store::PatientSummary& s, const std::filesystem::path& db) {
  auto opt = [](const auto& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
  nlohmann::json j = {{"person", s.patient.id},
                      {"name", opt(s.patient.name)},
                      {"landing_date", opt(s.patient.landingDate)},
                      {"db", db.string()},
                      {"sessions", s.sessions},
                      {"last_session", s.lastSessionUnixS ? nlohmann::json(store::utcDate(*s.lastSessionUnixS)) : nlohmann::json()},
                      {"days_since_last_session", opt(s.daysSinceLastSession)},
                      {"last_7_days", windowJson(s.last7)},
                      {"last_28_days", windowJson(s.last28)},
                      {"latest_quality", opt(s.latestQuality)},
                      {"latest_pain", opt(s.latestPain)},
                      {"latest_odi_percent", opt(s.latestOdiPercent)},
                      {"odi_due", s.odi.due},
                      {"flags", s.flags}};
  if (s.program) j["program"] = {{"id", s.program->key}, {"version", s.program->version}};
  return j;
}

int add(const Args& parsed) {
  const std::string& id = parsed.positional()[0];
  if (auto st = store::checkPersonId(id); !st) throw UsageError(st.error());
  store::PatientUpdate u;
  u.id = id;
  u.name = parsed.value("--name");
  u.notes = parsed.value("--notes");
  // A landing date may lie ahead (a crew member registered before flight), so only its form is
  // checked here; the store checks it against the sessions it stages.
  if (auto d = parsed.value("--landing-date")) {
    if (!store::parseUtcDate(*d)) throw UsageError("--landing-date: '" + *d + "' is no date (want YYYY-MM-DD)");
    u.landingDate = *d;
  }
  const std::filesystem::path db = databaseFor(parsed, id);
  auto registered = store::registerPatient(db, u);
  if (!registered) {
    std::fprintf(stderr, "lumbo patient add: %s\n", registered.error().c_str());
    return kExitFailure;
  }
  const bool known = *registered;
  std::printf("%s %s in %s\n", known ? "updated" : "added", id.c_str(), db.c_str());
  return kExitOk;
}

int show(const Args& parsed, double atUnixS) {
  const std::string& id = parsed.positional()[0];
  if (auto st = store::checkPersonId(id); !st) throw UsageError(st.error());
  const std::filesystem::path db = databaseFor(parsed, id);
  auto opened = openPersonStore(db, id);
  if (!opened) {
    std::fprintf(stderr, "lumbo patient: %s\n", opened.error().c_str());
    return kExitFailure;
  }
  const store::PatientSummary s = store::summarizePatient(*opened, id, atUnixS);
  std::printf("person: %s\n", id.c_str());
  std::printf("name: %s\n", s.patient.name.value_or("-").c_str());
  std::printf("landing date: %s\n", s.patient.landingDate.value_or("-").c_str());
  if (!s.patient.notes.empty()) std::printf("notes: %s\n", s.patient.notes.c_str());
  if (s.program) {
    std::printf("program in force: %s version %d since %s (%d sessions a week, %.1f minutes a session)\n", s.program->key.c_str(),
                s.program->version, store::utcDate(s.program->startUnixS).c_str(), s.program->sessionsPerWeek,
                s.program->minutesPerSession);
  } else {
    std::printf("program in force: none (lumbo program assign --person %s FILE)\n", id.c_str());
  }
  std::printf("sessions: %d, last %s", s.sessions, s.lastSessionUnixS ? store::utcDate(*s.lastSessionUnixS).c_str() : "-");
  if (s.daysSinceLastSession) std::printf(" (%d days ago)", *s.daysSinceLastSession);
  std::printf("\nlast 7 days: %s sessions, %d of %d planned repetitions\n", ratio(s.last7).c_str(), s.last7.repetitionsDone,
              s.last7.repetitionsPlanned);
  std::printf("last 28 days: %s sessions, %d of %d planned repetitions\n", ratio(s.last28).c_str(), s.last28.repetitionsDone,
              s.last28.repetitionsPlanned);
  std::printf("latest quality: %s, pain: %s, ODI: %s\n", orDash(s.latestQuality, "%.0f").c_str(),
              s.latestPain ? std::to_string(*s.latestPain).c_str() : "-", orDash(s.latestOdiPercent, "%.0f%%").c_str());
  std::printf("ODI %s: %s\n", s.odi.due ? "due" : "not due", s.odi.reason.c_str());
  std::printf("flags: %s\n", s.flags.empty() ? "none" : joinFlags(s.flags).c_str());
  return kExitOk;
}

int list(const Args& parsed, double atUnixS) {
  // Every store of the data folder (or the one --db names), every person in each.
  std::vector<std::filesystem::path> files;
  if (auto db = parsed.value("--db")) {
    files.emplace_back(*db);
  } else {
    const std::filesystem::path dir = dataFolder(parsed);
    files = store::storesInFolder(dir);
    if (files.empty()) std::fprintf(stderr, "lumbo patient list: no stores in %s\n", dir.c_str());
  }
  nlohmann::json all = nlohmann::json::array();
  std::vector<std::pair<store::PatientSummary, std::filesystem::path>> rows;
  for (const auto& f : files) {
    auto opened = store::SessionStore::open(f, store::OpenOptions{.create = false});
    if (!opened) {
      std::fprintf(stderr, "lumbo patient list: skipped %s\n", opened.error().c_str());
      continue;
    }
    for (const store::PatientRecord& p : store::patients(*opened)) rows.emplace_back(store::summarizePatient(*opened, p.id, atUnixS), f);
  }
  std::printf("%-10s %-18s %-12s %-12s %-14s %-7s %-5s %-6s %s\n", "person", "name", "last session", "last 7 days",
              "last 28 days", "quality", "pain", "ODI", "flags");
  for (const auto& [s, f] : rows) {
    std::printf("%-10s %-18s %-12s %-12s %-14s %-7s %-5s %-6s %s\n", s.patient.id.c_str(), s.patient.name.value_or("-").c_str(),
                s.lastSessionUnixS ? store::utcDate(*s.lastSessionUnixS).c_str() : "-", ratio(s.last7).c_str(),
                ratio(s.last28).c_str(), orDash(s.latestQuality, "%.0f").c_str(),
                s.latestPain ? std::to_string(*s.latestPain).c_str() : "-", orDash(s.latestOdiPercent, "%.0f%%").c_str(),
                s.flags.empty() ? "-" : joinFlags(s.flags).c_str());
    all.push_back(summaryJson(s, f));
  }
  if (auto out = parsed.value("--json")) {
    if (*out != "-") guardOutput(parsed, *out, {});
    const std::string text = all.dump(2) + "\n";
    if (*out == "-") {
      std::fwrite(text.data(), 1, text.size(), stdout);
    } else if (auto st = store::writeFileAtomically(*out, text); !st) {
      std::fprintf(stderr, "lumbo patient list: %s\n", st.error().c_str());
      return kExitFailure;
    }
  }
  return kExitOk;
}

}  // namespace

int runPatient(std::span<const std::string> args) {
  if (args.empty()) throw UsageError("patient needs add, show or list");
  const std::string& verb = args[0];
  const std::span<const std::string> rest = args.subspan(1);
  if (verb == "add") return add(Args(rest, ArgSpec{{"--name", "--landing-date", "--notes", "--db"}, {}, 1, 1}));
  if (verb == "show") {
    const Args parsed(rest, ArgSpec{{"--db", "--date"}, {}, 1, 1});
    return show(parsed, dateOption(parsed, "--date", true).value_or(unixNowS()));
  }
  if (verb == "list") {
    const Args parsed(rest, ArgSpec{{"--data-dir", "--db", "--date", "--json"}, {"--force"}, 0, 0});
    return list(parsed, dateOption(parsed, "--date", true).value_or(unixNowS()));
  }
  throw UsageError("patient: unknown action '" + verb + "' (add, show or list)");
}

}  // namespace lumbo::app
