// Building the report: queries, charts, tables, and the CSV twins of every chart.
#include "store/report.h"

#include <algorithm>
#include <map>
#include <set>

#include "body/clock.h"
#include "store/private_file.h"
#include "store/queries.h"
#include "store/svg_chart.h"
#include "store/text_format.h"

namespace lumbo::store {

namespace {

std::string optionalNumber(const std::optional<double>& v, int decimals) { return v ? fixed(*v, decimals) : ""; }
std::string optionalInt(const std::optional<int>& v) { return v ? std::to_string(*v) : ""; }

const char* kStyle = R"css(
body { font-family: sans-serif; max-width: 980px; margin: 2em auto; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; font-size: 0.9em; display: block; max-width: 100%; overflow-x: auto; }
td, th { border: 1px solid #ccc; padding: 2px 8px; text-align: right; }
th { background: #f4f4f4; } td.t { text-align: left; max-width: 30em; overflow-wrap: anywhere; }
svg { max-width: 100%; height: auto; } .note { color: #666; font-size: 0.9em; }
)css";

std::string table(const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows) {
  std::string t = "<table><tr>";
  for (const auto& h : head) t += "<th>" + htmlEscape(h) + "</th>";
  t += "</tr>\n";
  for (const auto& r : rows) {
    t += "<tr>";
    for (std::size_t i = 0; i < r.size(); ++i) t += (i == 0 ? "<td class=\"t\">" : "<td>") + htmlEscape(r[i]) + "</td>";
    t += "</tr>\n";
  }
  return t + "</table>\n";
}

std::string csv(const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows) {
  std::string out = csvRow(head);
  for (const auto& r : rows) out += csvRow(r);
  return out;
}

}  // namespace

Result<std::vector<std::filesystem::path>> writeReport(SessionStore& store, const ReportOptions& options) {
  constexpr int kSteps = 8;
  auto progress = [&](int step, std::string_view what) {
    if (options.progress) options.progress(step, kSteps, what);
  };
  std::vector<std::filesystem::path> written;
  auto save = [&](const std::string& name, const std::string& content) -> Status {
    const auto path = options.outDir / name;
    if (auto s = writeFileAtomically(path, content); !s) return s;
    written.push_back(path);
    return Done{};
  };
  try {
    Queries q(store);
    const auto person = store.person(options.personId);
    if (!person) return Error{store.path().string() + ": no person '" + options.personId + "' in this store"};
    if (auto s = makePrivateDirectory(options.outDir); !s) return Error{s.error()};
    const double now = options.generatedUnixS > 0
                           ? options.generatedUnixS
                           : unixNowS();

    // A name appears only if the person typed one in.
    const std::string who = person->displayName ? *person->displayName + " (" + person->id + ")" : person->id;
    std::string html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Lumbo report: " +
                       htmlEscape(who) + "</title>\n<style>" + kStyle + "</style></head><body>\n<h1>Lumbo report: " +
                       htmlEscape(who) + "</h1>\n<p class=\"note\">Generated " + utcDateTime(now) +
                       ". Dates are UTC. Quality is the share of each repetition within the alignment tolerances "
                       "(0-100). Every chart's figures are in the CSV file named under it.</p>\n";

    progress(1, "sessions and adherence");
    const auto sessions = q.sessions(options.personId);
    const auto weeks = q.weeklyAdherence(options.personId);
    const auto days = q.activityByDay(options.personId);
    std::map<std::string, double> minutesByDay;
    for (const auto& d : days) minutesByDay[d.date] = d.minutes;
    std::vector<std::vector<std::string>> weekRows;
    for (const auto& w : weeks) {
      weekRows.push_back({w.weekStart, std::to_string(w.sessionsDone), optionalInt(w.sessionsPrescribed),
                          std::to_string(w.sessionsInterrupted), fixed(w.minutesDone, 1), optionalNumber(w.minutesPrescribed, 1),
                          fixed(w.minutesPlanned, 1), std::to_string(w.repetitionsDone), optionalInt(w.repetitionsPrescribed),
                          std::to_string(w.repetitionsPlanned)});
    }
    // "prescribed": the program in force asked for that many sessions' worth; "planned": the
    // plans of the sessions actually held asked for this (a session stopped early keeps its plan).
    const std::vector<std::string> weekHead = {"week_start", "sessions_done", "sessions_prescribed", "sessions_interrupted",
                                               "minutes_done", "minutes_prescribed", "minutes_planned", "repetitions_done",
                                               "repetitions_prescribed", "repetitions_planned"};
    html += "<h2>Adherence</h2>\n" + calendarSvg("Sessions per day (minutes)", minutesByDay) +
            "<p class=\"note\">adherence_daily.csv, adherence_weekly.csv</p>\n" + table(weekHead, weekRows);
    std::vector<std::vector<std::string>> dayRows;
    for (const auto& d : days) {
      dayRows.push_back({d.date, std::to_string(d.sessions), fixed(d.minutes, 1), fixed(d.minutesPrescribed, 1),
                         std::to_string(d.repetitions), std::to_string(d.repetitionsPrescribed)});
    }
    const std::vector<std::string> dayHead = {"date", "sessions", "minutes", "minutes_prescribed", "repetitions",
                                              "repetitions_prescribed"};
    html += table(dayHead, dayRows);
    if (auto s = save("adherence_weekly.csv", csv(weekHead, weekRows)); !s) return Error{s.error()};
    if (auto s = save("adherence_daily.csv", csv(dayHead, dayRows)); !s) return Error{s.error()};

    progress(2, "quality per exercise");
    const auto quality = q.qualityOverTime(options.personId);
    TimeChart qualityChart{"Alignment quality per exercise", "quality", 0.0, 100.0, {}};
    std::map<std::string, std::size_t> seriesOf;
    std::vector<std::vector<std::string>> qualityRows;
    for (const auto& p : quality) {
      auto [it, added] = seriesOf.emplace(p.exerciseId, qualityChart.series.size());
      if (added) qualityChart.series.push_back({p.exerciseId, {}, false});
      qualityChart.series[it->second].points.emplace_back(p.unixS, p.meanQuality);
      qualityRows.push_back({utcDate(p.unixS), std::to_string(p.sessionId), p.exerciseId, fixed(p.meanQuality, 1), std::to_string(p.count)});
    }
    html += "<h2>Quality</h2>\n" + timeChartSvg(qualityChart) + "<p class=\"note\">quality.csv</p>\n";
    if (auto s = save("quality.csv", csv({"date", "session_id", "exercise_id", "mean_quality", "count"}, qualityRows)); !s) return Error{s.error()};

    progress(3, "pain and disability");
    const auto pain = q.painTrend(options.personId);
    TimeChart painChart{"Pain (0-10 numeric rating)", "pain", 0.0, 10.0, {{"before session", {}, false}, {"after session", {}, true}, {"outside a session", {}, false}}};
    std::vector<std::vector<std::string>> painRows;
    for (const auto& p : pain) {
      const std::size_t k = p.phase == "before" ? 0 : p.phase == "after" ? 1 : 2;
      painChart.series[k].points.emplace_back(p.unixS, p.score);
      painRows.push_back({utcDateTime(p.unixS), p.sessionId ? std::to_string(*p.sessionId) : "", p.phase, std::to_string(p.score)});
    }
    std::erase_if(painChart.series, [](const ChartSeries& s) { return s.points.empty(); });
    const auto odi = q.oswestry(options.personId);
    std::vector<std::vector<std::string>> odiRows;
    TimeChart odiChart{"Oswestry Disability Index", "ODI %", 0.0, 100.0, {{"ODI", {}, false}}};
    for (const auto& o : odi) {
      odiRows.push_back({utcDate(o.unixS), optionalNumber(o.percent, 1), std::to_string(o.answered)});
      if (o.percent) odiChart.series[0].points.emplace_back(o.unixS, *o.percent);
    }
    html += "<h2>Pain</h2>\n" + timeChartSvg(painChart) + "<p class=\"note\">pain.csv</p>\n";
    html += "<h3>Oswestry Disability Index</h3>\n" + timeChartSvg(odiChart) + table({"date", "ODI %", "sections answered"}, odiRows) +
            "<p class=\"note\">oswestry.csv (0 % no disability, 100 % bed-bound; sum / (5 x sections answered) x 100)</p>\n";
    if (auto s = save("pain.csv", csv({"time_utc", "session_id", "phase", "score"}, painRows)); !s) return Error{s.error()};
    if (auto s = save("oswestry.csv", csv({"date", "odi_percent", "sections_answered"}, odiRows)); !s) return Error{s.error()};

    progress(4, "range of motion");
    const auto rom = q.rangeOfMotion(options.personId);
    std::map<std::string, TimeChart> romCharts;  // one chart per unit, so degrees and metres do not share an axis
    std::map<std::string, std::map<std::string, std::size_t>> romSeries;
    std::vector<std::vector<std::string>> romRows;
    for (const auto& v : rom) {
      auto& chart = romCharts[v.unit];
      chart.title = "Range of motion (" + v.unit + ")";
      chart.yLabel = v.unit;
      auto [it, added] = romSeries[v.unit].emplace(v.name, chart.series.size());
      if (added) chart.series.push_back({v.name, {}, false});
      chart.series[it->second].points.emplace_back(v.unixS, v.value);
      romRows.push_back({utcDate(v.unixS), v.assessment, v.context, v.name, number(v.value), v.unit});
    }
    html += "<h2>Range of motion</h2>\n";
    if (romCharts.empty()) html += timeChartSvg(TimeChart{"Range of motion", "", {}, {}, {}});
    for (const auto& [unit, chart] : romCharts) html += timeChartSvg(chart);
    html += "<p class=\"note\">range_of_motion.csv</p>\n";
    if (auto s = save("range_of_motion.csv", csv({"date", "assessment", "context", "measure", "value", "unit"}, romRows)); !s) return Error{s.error()};

    // Before and after: the first and the last context label used (e.g. pre-flight, post-flight).
    std::vector<std::pair<double, std::string>> contexts;
    for (const auto& x : sessions) {
      if (!x.context.empty()) contexts.emplace_back(x.startUnixS, x.context);
    }
    for (const auto& v : rom) {
      if (!v.context.empty()) contexts.emplace_back(v.unixS, v.context);
    }
    std::sort(contexts.begin(), contexts.end());
    std::vector<std::string> labels;
    for (const auto& [t, c] : contexts) {
      if (std::find(labels.begin(), labels.end(), c) == labels.end()) labels.push_back(c);
    }
    std::vector<std::vector<std::string>> compareRows;
    if (labels.size() >= 2) {
      const auto before = Period::parse(labels.front());
      const auto after = Period::parse(labels.back());
      for (const auto& c : q.compare(options.personId, *before, *after)) {
        compareRows.push_back({c.measure, c.unit, optionalNumber(c.meanBefore, 1), std::to_string(c.countBefore),
                               optionalNumber(c.meanAfter, 1), std::to_string(c.countAfter), optionalNumber(c.change(), 1)});
      }
      html += "<h2>" + htmlEscape(labels.front()) + " and " + htmlEscape(labels.back()) + "</h2>\n";
    } else {
      html += "<h2>Before and after</h2>\n<p>No two context labels recorded yet (e.g. pre-flight, post-flight).</p>\n";
    }
    const std::vector<std::string> compareHead = {"measure", "unit", "before", "n_before", "after", "n_after", "change"};
    if (!compareRows.empty()) html += table(compareHead, compareRows);
    html += "<p class=\"note\">comparison.csv</p>\n";
    if (auto s = save("comparison.csv", csv(compareHead, compareRows)); !s) return Error{s.error()};

    progress(5, "level changes");
    std::vector<std::vector<std::string>> levelRows;
    for (const auto& l : q.levelChanges(options.personId)) {
      levelRows.push_back({utcDateTime(l.unixS), std::to_string(l.sessionId), l.exerciseId, std::to_string(l.fromLevel),
                           std::to_string(l.toLevel), l.reason});
    }
    const std::vector<std::string> levelHead = {"time_utc", "session_id", "exercise_id", "from_level", "to_level", "reason"};
    html += "<h2>Level changes</h2>\n" + (levelRows.empty() ? std::string("<p>none</p>\n") : table(levelHead, levelRows)) +
            "<p class=\"note\">level_changes.csv</p>\n";
    if (auto s = save("level_changes.csv", csv(levelHead, levelRows)); !s) return Error{s.error()};

    progress(6, "last session");
    std::vector<std::vector<std::string>> repRows;
    std::vector<Bar> bars;
    std::string lastTitle = "Last session";
    std::string scoredAgainst;
    if (const auto last = q.lastSessionId(options.personId)) {
      // What the qualities were measured against: a personal reference scores the person's own range.
      for (const ScoringBands& b : q.bands(*last)) {
        scoredAgainst += "<li>" + htmlEscape(b.exerciseId) + ": " + htmlEscape(b.source) + "</li>";
      }
      if (!scoredAgainst.empty()) scoredAgainst = "<p>Scored against:</p><ul>" + scoredAgainst + "</ul>\n";
      for (const auto& s : sessions) {
        if (s.id == *last) lastTitle = "Last session: " + utcDateTime(s.startUnixS) + " (" + s.status + ")";
      }
      for (const auto& r : q.repetitions(*last)) {
        const std::string label = r.exerciseId + " set " + std::to_string(r.set) + " #" + std::to_string(r.index);
        bars.push_back({r.quality ? label : label + " (not scored: tracking lost)", r.quality.value_or(0.0), r.exerciseId});
        repRows.push_back({std::to_string(r.sessionId), r.exerciseId, r.kind, std::to_string(r.set), std::to_string(r.index),
                           fixed(r.startS, 2), fixed(r.endS, 2), optionalNumber(r.quality, 1), r.faults});
      }
    }
    const std::vector<std::string> repHead = {"session_id", "exercise_id", "kind", "set", "index", "start_s", "end_s", "quality", "faults"};
    html += "<h2>" + htmlEscape(lastTitle) + "</h2>\n" + scoredAgainst + barChartSvg("Quality of each repetition", "quality", 100.0, bars) +
            "<p class=\"note\">last_session_repetitions.csv</p>\n" + table(repHead, repRows);
    if (auto s = save("last_session_repetitions.csv", csv(repHead, repRows)); !s) return Error{s.error()};

    progress(7, "session list");
    std::vector<std::vector<std::string>> sessionRows;
    for (const auto& s : sessions) {
      sessionRows.push_back({utcDateTime(s.startUnixS), std::to_string(s.id), s.status, s.context, s.source,
                             s.programName ? *s.programName + " v" + std::to_string(*s.programVersion) : "", fixed(s.minutes, 1),
                             optionalNumber(s.prescribedMinutes, 1), std::to_string(s.repetitions),
                             std::to_string(s.prescribedRepetitions)});
    }
    const std::vector<std::string> sessionHead = {"start_utc", "session_id", "status", "context", "source", "program", "minutes",
                                                  "minutes_prescribed", "repetitions_done", "repetitions_prescribed"};
    html += "<h2>Sessions</h2>\n" + table(sessionHead, sessionRows) + "<p class=\"note\">sessions.csv</p>\n";
    if (auto s = save("sessions.csv", csv(sessionHead, sessionRows)); !s) return Error{s.error()};

    progress(8, "writing report.html");
    html += "</body></html>\n";
    if (auto s = save("report.html", html); !s) return Error{s.error()};
    return written;
  } catch (const SqlError& e) {
    return Error{e.what()};
  }
}

}  // namespace lumbo::store
