// The store's queries, computed in SQL where SQL is plain and in C++ where weeks and programs meet.
#include "store/queries.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace lumbo::store {

namespace {

constexpr double kDayS = 86400.0;

// Days since 1970-01-01 to a civil date and back (H. Hinnant's public-domain algorithms).
void civilFromDays(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0));
}

std::int64_t daysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::int64_t dayOf(double unixS) { return static_cast<std::int64_t>(std::floor(unixS / kDayS)); }
// 1970-01-01 was a Thursday: the Monday on or before a day.
std::int64_t mondayOf(std::int64_t day) { return day - ((day % 7 + 7 + 3) % 7); }

std::string dateOfDay(std::int64_t day) { return utcDate(static_cast<double>(day) * kDayS); }

struct ProgramRow {
  std::int64_t id;
  double startUnixS;
  int sessionsPerWeek;
  double minutesPerSession;
  int repetitionsPerSession;
};

std::optional<double> mean(const std::vector<double>& v) {
  if (v.empty()) return std::nullopt;
  double sum = 0.0;
  for (double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

}  // namespace

std::string utcDate(double unixS) {
  int y;
  unsigned m, d;
  civilFromDays(dayOf(unixS), y, m, d);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

std::string utcDateTime(double unixS) {
  const std::int64_t day = dayOf(unixS);
  const auto secs = static_cast<std::int64_t>(std::floor(unixS - static_cast<double>(day) * kDayS));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", utcDate(unixS).c_str(), static_cast<int>(secs / 3600),
                static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
  return buf;
}

std::optional<double> parseUtcDate(std::string_view text) {
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  const std::string s(text);
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const auto day = daysFromCivil(y, m, d);
  if (utcDate(static_cast<double>(day) * kDayS) != s) return std::nullopt;  // e.g. 2026-02-30
  return static_cast<double>(day) * kDayS;
}

std::optional<double> parseUtcDateTime(std::string_view text) {
  if (text.size() == 10) return parseUtcDate(text);
  if (text.size() != 16 || text[10] != 'T' || text[13] != ':') return std::nullopt;
  const auto day = parseUtcDate(text.substr(0, 10));
  if (!day) return std::nullopt;
  auto two = [&](std::size_t at) -> int {
    const char a = text[at], b = text[at + 1];
    if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
    return (a - '0') * 10 + (b - '0');
  };
  const int h = two(11), m = two(14);
  if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  return *day + h * 3600.0 + m * 60.0;
}

Result<Period> Period::parse(std::string_view text) {
  Period p;
  p.label = std::string(text);
  const auto dots = text.find("..");
  if (dots == std::string_view::npos) {
    if (text.empty()) return Error{"empty period"};
    p.context = std::string(text);
    return p;
  }
  const auto from = text.substr(0, dots);
  const auto to = text.substr(dots + 2);
  if (!from.empty()) {
    p.fromUnixS = parseUtcDate(from);
    if (!p.fromUnixS) return Error{"period '" + std::string(text) + "': bad start date (want YYYY-MM-DD)"};
  }
  if (!to.empty()) {
    const auto end = parseUtcDate(to);
    if (!end) return Error{"period '" + std::string(text) + "': bad end date (want YYYY-MM-DD)"};
    p.toUnixS = *end + kDayS;
  }
  if (p.fromUnixS && p.toUnixS && *p.toUnixS <= *p.fromUnixS) return Error{"period '" + std::string(text) + "': ends before it starts"};
  return p;
}

std::vector<SessionRow> Queries::sessions(const std::string& personId) {
  auto s = db_.prepare(R"sql(
    SELECT s.id, s.start_unix_s, s.end_unix_s, s.status, s.context, s.source, p.name, p.version,
      (SELECT count(*) FROM repetition r WHERE r.session_id = s.id) + (SELECT count(*) FROM hold h WHERE h.session_id = s.id),
      coalesce((SELECT sum(prescribed_reps) FROM exercise_set x WHERE x.session_id = s.id), 0),
      (SELECT sum(sets * reps_per_set) FROM session_plan pl WHERE pl.session_id = s.id),
      (SELECT sum(minutes) FROM session_plan pl WHERE pl.session_id = s.id), s.stage, s.program_id
    FROM session s LEFT JOIN program p ON p.id = s.program_id
    WHERE s.person_id = ? ORDER BY s.start_unix_s, s.id)sql");
  s.bind(1, personId);
  std::vector<SessionRow> rows;
  while (s.step()) {
    SessionRow r;
    r.id = s.getInt(0);
    r.startUnixS = s.getDouble(1);
    r.endUnixS = s.getOptionalDouble(2);
    r.status = s.getText(3);
    r.context = s.getText(4);
    r.source = s.getText(5);
    if (!s.isNull(6)) {
      r.programName = s.getText(6);
      r.programVersion = static_cast<int>(s.getInt(7));
    }
    r.repetitions = static_cast<int>(s.getInt(8));
    r.prescribedRepetitions = static_cast<int>(s.getInt(9));
    if (!s.isNull(10)) {
      r.planned = true;
      r.prescribedRepetitions = static_cast<int>(s.getInt(10));
      r.prescribedMinutes = s.getDouble(11);
    }
    r.stage = s.getText(12);
    r.programVersionId = s.getOptionalInt(13);
    if (r.endUnixS && r.status != "open") r.minutes = std::max(0.0, *r.endUnixS - r.startUnixS) / 60.0;
    rows.push_back(std::move(r));
  }
  return rows;
}

std::vector<DayActivity> Queries::activityByDay(const std::string& personId) {
  std::map<std::int64_t, DayActivity> days;
  for (const SessionRow& s : sessions(personId)) {
    if (s.status == "open") continue;
    DayActivity& d = days[dayOf(s.startUnixS)];
    d.sessions += 1;
    d.minutes += s.minutes;
    d.repetitions += s.repetitions;
    d.repetitionsPrescribed += s.prescribedRepetitions;
    d.minutesPrescribed += s.prescribedMinutes.value_or(0.0);
  }
  std::vector<DayActivity> out;
  for (auto& [day, a] : days) {
    a.date = dateOfDay(day);
    out.push_back(a);
  }
  return out;
}

std::vector<WeekAdherence> Queries::weeklyAdherence(const std::string& personId) {
  std::vector<ProgramRow> programs;
  {
    auto s = db_.prepare(R"sql(
      SELECT p.id, p.start_unix_s, p.sessions_per_week, p.minutes_per_session,
        coalesce((SELECT sum(sets * reps_per_set) FROM program_exercise e WHERE e.program_id = p.id), 0)
      FROM program p WHERE p.person_id = ? ORDER BY p.start_unix_s, p.version)sql");
    s.bind(1, personId);
    while (s.step()) {
      programs.push_back({s.getInt(0), s.getDouble(1), static_cast<int>(s.getInt(2)), s.getDouble(3), static_cast<int>(s.getInt(4))});
    }
  }
  const auto rows = sessions(personId);
  std::optional<std::int64_t> first, last;
  for (const auto& r : rows) {
    const auto w = mondayOf(dayOf(r.startUnixS));
    first = first ? std::min(*first, w) : w;
    last = last ? std::max(*last, w) : w;
  }
  if (!programs.empty()) {
    const auto w = mondayOf(dayOf(programs.front().startUnixS));
    first = first ? std::min(*first, w) : w;
    last = last ? std::max(*last, w) : w;
  }
  std::vector<WeekAdherence> weeks;
  if (!first) return weeks;
  for (auto w = *first; w <= *last; w += 7) {
    WeekAdherence a;
    a.weekStart = dateOfDay(w);
    // The prescription in force at the end of the week (the latest version started by then).
    const double weekEndS = static_cast<double>(w + 7) * kDayS;
    const ProgramRow* active = nullptr;
    for (const auto& p : programs) {
      if (p.startUnixS < weekEndS) active = &p;
    }
    if (active) {
      a.sessionsPrescribed = active->sessionsPerWeek;
      a.minutesPrescribed = active->sessionsPerWeek * active->minutesPerSession;
      a.repetitionsPrescribed = active->sessionsPerWeek * active->repetitionsPerSession;
    }
    for (const auto& r : rows) {
      if (r.status == "open" || mondayOf(dayOf(r.startUnixS)) != w) continue;
      a.sessionsDone += 1;
      if (r.status == "interrupted") a.sessionsInterrupted += 1;
      a.minutesDone += r.minutes;
      a.repetitionsDone += r.repetitions;
      a.repetitionsPlanned += r.prescribedRepetitions;
      a.minutesPlanned += r.prescribedMinutes.value_or(0.0);
    }
    weeks.push_back(a);
  }
  return weeks;
}

std::vector<QualityPoint> Queries::qualityOverTime(const std::string& personId) {
  auto s = db_.prepare(R"sql(
    SELECT s.id, s.start_unix_s, q.exercise_id, avg(q.quality), count(q.quality)
    FROM session s JOIN (
      SELECT session_id, exercise_id, quality FROM repetition
      UNION ALL SELECT session_id, exercise_id, quality FROM hold) q ON q.session_id = s.id
    WHERE s.person_id = ?
    GROUP BY s.id, q.exercise_id HAVING count(q.quality) > 0 ORDER BY s.start_unix_s, s.id, q.exercise_id)sql");
  s.bind(1, personId);
  std::vector<QualityPoint> out;
  while (s.step()) out.push_back({s.getInt(0), s.getDouble(1), s.getText(2), s.getDouble(3), static_cast<int>(s.getInt(4))});
  return out;
}

std::vector<PainPoint> Queries::painTrend(const std::string& personId) {
  auto s = db_.prepare("SELECT session_id, unix_s, phase, score FROM pain WHERE person_id = ? ORDER BY unix_s, id");
  s.bind(1, personId);
  std::vector<PainPoint> out;
  while (s.step()) out.push_back({s.getOptionalInt(0), s.getDouble(1), s.getText(2), static_cast<int>(s.getInt(3))});
  return out;
}

std::vector<LevelChange> Queries::levelChanges(const std::string& personId) {
  // Changes made at a session's start and those `program next --apply` recorded between sessions
  // (session id 0).
  auto s = db_.prepare(R"sql(
    SELECT s.id, s.start_unix_s + e.time_s, e.exercise_id, e.from_level, e.to_level, e.detail, e.id
    FROM event e JOIN session s ON s.id = e.session_id
    WHERE s.person_id = ?1 AND e.kind = 'level_change'
    UNION ALL
    SELECT 0, unix_s, exercise_id, from_level, to_level, reason, id FROM level_decision WHERE person_id = ?1
    ORDER BY 2, 7)sql");
  s.bind(1, personId);
  std::vector<LevelChange> out;
  while (s.step()) {
    out.push_back({s.getInt(0), s.getDouble(1), s.getText(2), static_cast<int>(s.getInt(3)), static_cast<int>(s.getInt(4)), s.getText(5)});
  }
  return out;
}

std::vector<RomPoint> Queries::rangeOfMotion(const std::string& personId) {
  auto s = db_.prepare(R"sql(
    SELECT a.unix_s, a.name, a.context, v.name, v.value, v.unit
    FROM assessment a JOIN assessment_value v ON v.assessment_id = a.id
    WHERE a.person_id = ? ORDER BY v.name, a.unix_s, a.id)sql");
  s.bind(1, personId);
  std::vector<RomPoint> out;
  while (s.step()) out.push_back({s.getDouble(0), s.getText(1), s.getText(2), s.getText(3), s.getDouble(4), s.getText(5)});
  return out;
}

std::vector<OdiPoint> Queries::oswestry(const std::string& personId) {
  auto s = db_.prepare("SELECT unix_s, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10 FROM oswestry WHERE person_id = ? ORDER BY unix_s, id");
  s.bind(1, personId);
  std::vector<OdiPoint> out;
  while (s.step()) {
    OswestryRecord r;
    int answered = 0;
    for (int i = 0; i < 10; ++i) {
      if (const auto v = s.getOptionalInt(1 + i)) {
        r.sections[static_cast<std::size_t>(i)] = static_cast<int>(*v);
        ++answered;
      }
    }
    out.push_back({s.getDouble(0), r.percent(), answered, r.sections});
  }
  return out;
}

std::optional<std::int64_t> Queries::lastSessionId(const std::string& personId) {
  auto s = db_.prepare("SELECT id FROM session WHERE person_id = ? ORDER BY start_unix_s DESC, id DESC LIMIT 1");
  s.bind(1, personId);
  if (!s.step()) return std::nullopt;
  return s.getInt(0);
}

std::vector<PlannedItem> Queries::plan(std::int64_t sessionId) {
  auto s = db_.prepare("SELECT exercise_id, level, sets, reps_per_set, hold_s, minutes, decision, reason, rest_s FROM session_plan "
                       "WHERE session_id = ? ORDER BY position");
  s.bind(1, sessionId);
  std::vector<PlannedItem> out;
  while (s.step()) {
    out.push_back({s.getText(0), static_cast<int>(s.getInt(1)), static_cast<int>(s.getInt(2)), static_cast<int>(s.getInt(3)),
                   s.getDouble(4), s.getDouble(5), s.getText(6), s.getText(7), s.getDouble(8)});
  }
  return out;
}

std::vector<ScoringBands> Queries::bands(std::int64_t sessionId) {
  auto s = db_.prepare("SELECT exercise_id, source, bands_json FROM session_bands WHERE session_id = ? ORDER BY exercise_id");
  s.bind(1, sessionId);
  std::vector<ScoringBands> out;
  while (s.step()) out.push_back({s.getText(0), s.getText(1), s.getText(2)});
  return out;
}

std::optional<int> Queries::daysSinceLastSession(const std::string& personId, double atUnixS) {
  auto s = db_.prepare("SELECT max(start_unix_s) FROM session WHERE person_id = ? AND start_unix_s <= ?");
  s.bind(1, personId).bind(2, atUnixS);
  if (!s.step() || s.isNull(0)) return std::nullopt;
  return static_cast<int>(dayOf(atUnixS) - dayOf(s.getDouble(0)));
}

std::vector<RepetitionRow> Queries::repetitions(std::int64_t sessionId) {
  auto s = db_.prepare(R"sql(
    SELECT session_id, exercise_id, 'repetition', set_index, rep_index, start_s, end_s, quality,
      coalesce((SELECT group_concat(metric || ': ' || text || ' (' || printf('%.1f', magnitude) || ')', '; ')
                FROM fault f WHERE f.repetition_id = r.id), ''), tracking_lost_s
    FROM repetition r WHERE session_id = ?1
    UNION ALL
    SELECT session_id, exercise_id, 'hold', set_index, hold_index, start_s, start_s + held_s, quality, '', 0
    FROM hold WHERE session_id = ?1
    ORDER BY 6, 2, 4, 5)sql");
  s.bind(1, sessionId);
  std::vector<RepetitionRow> out;
  while (s.step()) {
    out.push_back({s.getInt(0), s.getText(1), s.getText(2), static_cast<int>(s.getInt(3)), static_cast<int>(s.getInt(4)),
                   s.getDouble(5), s.getDouble(6), s.getOptionalDouble(7), s.getText(8), s.getDouble(9)});
  }
  return out;
}

std::vector<Comparison> Queries::compare(const std::string& personId, const Period& before, const Period& after) {
  // Which sessions fall in each period; pain and assessments follow the same rule.
  const auto rows = sessions(personId);
  auto sessionIn = [](const SessionRow& r, const Period& p) {
    return r.status != "open" && p.contains(r.startUnixS) && (p.context.empty() || r.context == p.context);
  };
  std::map<std::int64_t, int> periodOf;  // 1 before, 2 after
  for (const auto& r : rows) {
    if (sessionIn(r, before)) periodOf[r.id] |= 1;
    if (sessionIn(r, after)) periodOf[r.id] |= 2;
  }
  std::map<std::string, std::pair<std::string, std::pair<std::vector<double>, std::vector<double>>>> measures;
  auto add = [&](const std::string& measure, const std::string& unit, int which, double value) {
    auto& m = measures[measure];
    m.first = unit;
    if (which & 1) m.second.first.push_back(value);
    if (which & 2) m.second.second.push_back(value);
  };
  for (const auto& r : rows) {
    if (const auto it = periodOf.find(r.id); it != periodOf.end()) add("session minutes", "min", it->second, r.minutes);
  }
  for (const auto& q : qualityOverTime(personId)) {
    if (const auto it = periodOf.find(q.sessionId); it != periodOf.end()) {
      add("quality " + q.exerciseId, "0-100", it->second, q.meanQuality);
    }
  }
  for (const auto& p : painTrend(personId)) {
    int which = 0;
    if (p.sessionId) {
      if (const auto it = periodOf.find(*p.sessionId); it != periodOf.end()) which = it->second;
    } else {
      which = (before.context.empty() && before.contains(p.unixS) ? 1 : 0) | (after.context.empty() && after.contains(p.unixS) ? 2 : 0);
    }
    if (which) add("pain " + p.phase, "0-10", which, p.score);
  }
  for (const auto& o : oswestry(personId)) {
    if (!o.percent) continue;
    const int which = (before.context.empty() && before.contains(o.unixS) ? 1 : 0) | (after.context.empty() && after.contains(o.unixS) ? 2 : 0);
    if (which) add("oswestry disability index", "%", which, *o.percent);
  }
  for (const auto& v : rangeOfMotion(personId)) {
    auto in = [&](const Period& p) { return p.contains(v.unixS) && (p.context.empty() || v.context == p.context); };
    const int which = (in(before) ? 1 : 0) | (in(after) ? 2 : 0);
    if (which) add(v.name, v.unit, which, v.value);
  }
  std::vector<Comparison> out;
  for (const auto& [name, m] : measures) {
    out.push_back({name, m.first, static_cast<int>(m.second.first.size()), mean(m.second.first),
                   static_cast<int>(m.second.second.size()), mean(m.second.second)});
  }
  return out;
}

}  // namespace lumbo::store
