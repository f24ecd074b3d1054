// The patient list's per-person summary.
#include "store/adherence.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "exercises/program.h"
#include "store/queries.h"

namespace lumbo::store {

namespace {

constexpr double kDayS = 86400.0;

// perWeek 0: no program, nothing prescribed.
WindowAdherence window(const std::vector<SessionRow>& sessions, int days, double atUnixS, int perWeek) {
  WindowAdherence w;
  w.days = days;
  // Calendar days: the window holds the day of atUnixS and the days-1 before it.
  const double fromS = (std::floor(atUnixS / kDayS) - (days - 1)) * kDayS;
  for (const SessionRow& s : sessions) {
    if (s.status == "open" || s.startUnixS < fromS || s.startUnixS > atUnixS) continue;
    w.sessionsDone += 1;
    w.repetitionsDone += s.repetitions;
    w.repetitionsPlanned += s.prescribedRepetitions;
    w.minutesDone += s.minutes;
  }
  if (perWeek > 0) w.sessionsPrescribed = static_cast<int>(std::lround(perWeek * days / 7.0));
  return w;
}

}  // namespace

PatientSummary summarizePatient(SessionStore& store, const std::string& personId, double atUnixS) {
  PatientSummary out;
  out.patient = findPatient(store, personId).value_or(PatientRecord{personId, std::nullopt, std::nullopt, "", 0.0});
  out.program = programInForce(store, personId, atUnixS);
  ProgressionRules rules;
  std::vector<std::string> locked;
  if (out.program) {
    // Parsed without the library: only the rules and locks are wanted, and they do not depend on it.
    if (auto p = parseProgram(out.program->content, out.program->key); p) {
      rules = p->rules;
      for (const lumbo::ProgramStage& stage : p->stages) {
        for (const lumbo::ProgramExercise& pe : stage.exercises) {
          if (pe.locked && std::find(locked.begin(), locked.end(), pe.exerciseId) == locked.end()) locked.push_back(pe.exerciseId);
        }
      }
    }
  }
  Queries q(store);
  std::vector<SessionRow> sessions;
  for (SessionRow& s : q.sessions(personId)) {
    if (s.startUnixS <= atUnixS) sessions.push_back(std::move(s));
  }
  out.sessions = static_cast<int>(sessions.size());
  if (!sessions.empty()) out.lastSessionUnixS = sessions.back().startUnixS;
  out.daysSinceLastSession = q.daysSinceLastSession(personId, atUnixS);
  const int perWeek = out.program ? out.program->sessionsPerWeek : 0;
  out.last7 = window(sessions, 7, atUnixS, perWeek);
  out.last28 = window(sessions, 28, atUnixS, perWeek);

  // The last session's quality over all its exercises' scored repetitions and holds.
  if (!sessions.empty()) {
    auto s = store.connection().prepare(
        "SELECT avg(quality) FROM (SELECT quality FROM repetition WHERE session_id = ?1 AND quality IS NOT NULL "
        "UNION ALL SELECT quality FROM hold WHERE session_id = ?1)");
    s.bind(1, sessions.back().id);
    if (s.step() && !s.isNull(0)) out.latestQuality = s.getDouble(0);
  }
  std::vector<PainPoint> recentPain;
  for (const PainPoint& p : q.painTrend(personId)) {
    if (p.unixS > atUnixS) continue;
    out.latestPain = p.score;
    if (p.unixS >= atUnixS - 28 * kDayS) recentPain.push_back(p);
  }
  for (const OdiPoint& o : q.oswestry(personId)) {
    if (o.unixS <= atUnixS && o.percent) out.latestOdiPercent = o.percent;
  }
  out.odi = odiDue(store, personId, atUnixS);

  if (out.daysSinceLastSession && *out.daysSinceLastSession > rules.missedDays) {
    out.flags.push_back("no session for " + std::to_string(*out.daysSinceLastSession) + " days");
  } else if (!out.daysSinceLastSession && out.program) {
    out.flags.push_back("no session yet");
  }
  if (recentPain.size() >= 2 && recentPain.back().score - recentPain.front().score >= rules.painRise) {
    out.flags.push_back("pain rising (" + std::to_string(recentPain.front().score) + " to " +
                        std::to_string(recentPain.back().score) + " in 28 days)");
  }
  // Per exercise, its first and latest session quality within the last 28 days.
  std::map<std::string, std::pair<double, double>> qualityWindow;
  for (const QualityPoint& qp : q.qualityOverTime(personId)) {
    if (qp.unixS > atUnixS || qp.unixS < atUnixS - 28 * kDayS) continue;
    auto [it, fresh] = qualityWindow.try_emplace(qp.exerciseId, qp.meanQuality, qp.meanQuality);
    if (!fresh) it->second.second = qp.meanQuality;
  }
  for (const auto& [exercise, firstLast] : qualityWindow) {
    if (firstLast.first - firstLast.second >= kQualityFallPoints) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "quality falling (%s %.0f to %.0f in 28 days)", exercise.c_str(), firstLast.first,
                    firstLast.second);
      out.flags.push_back(buf);
    }
  }
  if (!locked.empty()) {
    std::string names;
    for (const std::string& id : locked) names += (names.empty() ? "" : ", ") + id;
    out.flags.push_back("level locked (" + names + ")");
  }
  if (out.odi.due) out.flags.push_back("ODI due");
  return out;
}

std::vector<std::filesystem::path> storesInFolder(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.ends_with(".lumbo.sqlite")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace lumbo::store
