// The patient's page: header, chart tab, sessions tab, program, outcomes and notes tabs.
#include "app/clinic/patient_page.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "app/clinic/clinic_theme.h"
#include "app/clinic/time_chart.h"
#include "app/clinic/ui_controls.h"
#include "app/clinic/widget_registry.h"

namespace lumbo::app {

namespace {

double dayOf(double unixS) { return std::floor(unixS / 86400.0); }

std::string fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string shortDate(const std::string& iso) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (iso.size() < 10) return iso;
  return std::string(kMonths[std::clamp(std::stoi(iso.substr(5, 2)), 1, 12) - 1]) + " " + iso.substr(8, 2);
}

}  // namespace

PatientPage::PatientPage(PatientEntry entry) : entry_(std::move(entry)) {}

void PatientPage::reload(const ClinicRecords& records) {
  auto d = records.detail(entry_);
  if (!d) {
    error_ = d.error();
    detail_.reset();
    return;
  }
  error_.clear();
  detail_ = std::move(d).value();
  entry_.summary = detail_->summary;
  notes_ = entry_.summary.patient.notes;
  const std::filesystem::path folder = entry_.db.parent_path();
  if (reportDir_.empty()) reportDir_ = (folder / (personId() + "-report")).string();
  if (fhirPath_.empty()) fhirPath_ = (folder / (personId() + ".fhir.json")).string();
}

void PatientPage::drawHeader() {
  const store::PatientSummary& s = entry_.summary;
  ImGui::PushFont(themeFonts().heading);
  ui::text(s.patient.name.value_or(s.patient.id));
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 6);
  std::string line = s.patient.id;
  if (s.patient.landingDate) line += "  ·  landed " + *s.patient.landingDate;
  if (s.program) {
    line += "  ·  " + s.program->name + " v" + std::to_string(s.program->version) + ", " + std::to_string(s.program->sessionsPerWeek) +
            " a week";
  } else {
    line += "  ·  no program assigned";
  }
  ui::textDisabled(line);
  std::string figures = "Last 7 days " + std::to_string(s.last7.sessionsDone) + "/" +
                        (s.last7.sessionsPrescribed ? std::to_string(*s.last7.sessionsPrescribed) : "-") + "   Last 28 days " +
                        std::to_string(s.last28.sessionsDone) + "/" +
                        (s.last28.sessionsPrescribed ? std::to_string(*s.last28.sessionsPrescribed) : "-") + "   Quality " +
                        (s.latestQuality ? fmt("%.0f", *s.latestQuality) : "-") + "   Pain " +
                        (s.latestPain ? std::to_string(*s.latestPain) : "-") + "   ODI " +
                        (s.latestOdiPercent ? fmt("%.0f %%", *s.latestOdiPercent) : "-");
  ui::text(figures);
  for (const std::string& f : s.flags) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button, theme().flag);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, theme().flag);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, theme().flag);
    ImGui::PushStyleColor(ImGuiCol_Text, theme().flagText);
    ImGui::SmallButton(f.c_str());
    ImGui::PopStyleColor(4);
    ui::recordLastText(f);
  }
}

void PatientPage::drawCharts() {
  const PatientDetail& d = *detail_;
  const Theme& t = theme();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float w = 0.5f * (ImGui::GetContentRegionAvail().x - gap);
  // Three rows of charts fill the page at 1280x800; taller windows get taller charts.
  const float h = std::max(190.0f, (ImGui::GetContentRegionAvail().y - 2.0f * ImGui::GetStyle().ItemSpacing.y) / 3.0f - 2.0f);

  BarChart adherence;
  adherence.title = "Sessions per week";
  adherence.colour = t.series[0];
  adherence.valueName = "done";
  adherence.targetName = "prescribed";
  for (const store::WeekAdherence& wk : d.weeks) {
    adherence.categories.push_back(shortDate(wk.weekStart));
    adherence.values.push_back(wk.sessionsDone);
    adherence.targets.push_back(wk.sessionsPrescribed ? *wk.sessionsPrescribed : -1.0);
  }
  drawBarChart(adherence, ImVec2(w, h));
  ImGui::SameLine();

  LineChart quality;
  quality.title = "Quality per exercise";
  quality.unit = "0-100";
  std::map<std::string, std::size_t> seriesOf;
  for (const store::QualityPoint& q : d.quality) {
    auto [it, fresh] = seriesOf.try_emplace(q.exerciseId, quality.series.size());
    if (fresh) quality.series.push_back({q.exerciseId, t.series[quality.series.size() % 6], {}, false});
    quality.series[it->second].points.push_back({dayOf(q.unixS), q.meanQuality, ""});
  }
  if (d.summary.program) {
    // The progression gate's thresholds behind the data.
    if (auto p = parseProgram(d.summary.program->content, d.summary.program->key); p) {
      double lo = 1e300, hi = -1e300;
      for (const auto& s : quality.series) {
        for (const auto& pt : s.points) {
          lo = std::min(lo, pt.x);
          hi = std::max(hi, pt.x);
        }
      }
      if (lo <= hi) {
        quality.series.push_back({"progress", t.target, {{lo, p->rules.progressQuality, ""}, {hi, p->rules.progressQuality, ""}}, true});
      }
    }
  }
  drawLineChart(quality, ImVec2(w, h));

  LineChart pain;
  pain.title = "Pain";
  pain.unit = "0-10";
  pain.yMax = 10.0;
  ChartSeries before{"before", t.series[1], {}, false}, after{"after", t.series[4], {}, false}, other{"between sessions", t.series[3], {}, false};
  for (const store::PainPoint& p : d.pain) {
    ChartSeries& s = p.phase == "before" ? before : p.phase == "after" ? after : other;
    s.points.push_back({dayOf(p.unixS), static_cast<double>(p.score), ""});
  }
  for (ChartSeries* s : {&before, &after, &other}) {
    if (!s->points.empty()) pain.series.push_back(*s);
  }
  drawLineChart(pain, ImVec2(w, h));
  ImGui::SameLine();

  LineChart odi;
  odi.title = "Oswestry Disability Index";
  odi.unit = "%";
  ChartSeries os{"ODI", t.series[3], {}, false};
  for (const store::OdiPoint& o : d.odi) {
    if (o.percent) os.points.push_back({dayOf(o.unixS), *o.percent, ""});
  }
  if (!os.points.empty()) odi.series.push_back(os);
  drawLineChart(odi, ImVec2(w, h));

  // Range of motion: one series per measure in degrees, each point labelled with its context.
  LineChart rom;
  rom.title = "Range of motion";
  for (std::size_t i = 0; i < d.contexts.size(); ++i) rom.title += (i ? " -> " : ":  ") + d.contexts[i];
  rom.unit = "deg";
  rom.yMax = 10.0;
  std::map<std::string, std::size_t> romSeries;
  for (const store::RomPoint& r : d.rangeOfMotion) {
    if (r.unit != "deg") continue;
    auto [it, fresh] = romSeries.try_emplace(r.name, rom.series.size());
    if (fresh) rom.series.push_back({r.name, t.series[(rom.series.size() + 2) % 6], {}, false});
    rom.series[it->second].points.push_back({dayOf(r.unixS), r.value, r.context});
    rom.yMax = std::max(rom.yMax, r.value * 1.15);
  }
  const auto ticks = niceTicks(0.0, rom.yMax, 4);
  if (!ticks.empty()) rom.yMax = std::max(rom.yMax, ticks.back());
  drawLineChart(rom, ImVec2(0, h));

}

void PatientPage::drawSessions(const ClinicRecords& records) {
  const PatientDetail& d = *detail_;
  // With a session open, its list shrinks to its rows (at most about eight) above the repetitions.
  const float rowH = ImGui::GetTextLineHeight() + 2.0f * ImGui::GetStyle().CellPadding.y;
  const float listH = session_ ? std::min(8.5f, static_cast<float>(d.sessions.size()) + 1.3f) * rowH : 0.0f;
  const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp;
  std::map<std::int64_t, std::pair<double, int>> qualityOf;  // session: sum of exercise means, count
  for (const store::QualityPoint& qp : d.quality) {
    auto& [sum, n] = qualityOf[qp.sessionId];
    sum += qp.meanQuality;
    n += 1;
  }
  if (ImGui::BeginTable("sessions", 8, flags, ImVec2(0, listH))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Date");
    ImGui::TableSetupColumn("Status");
    ImGui::TableSetupColumn("Program");
    ImGui::TableSetupColumn("Minutes");
    ImGui::TableSetupColumn("Repetitions done / planned");
    ImGui::TableSetupColumn("Quality");
    ImGui::TableSetupColumn("Context");
    ImGui::TableSetupColumn("Stage");
    ImGui::TableHeadersRow();
    for (auto it = d.sessions.rbegin(); it != d.sessions.rend(); ++it) {
      const store::SessionRow& s = *it;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      std::string when = store::utcDateTime(s.startUnixS).substr(0, 16);
      when[10] = ' ';
      const std::string label = when + "##session" + std::to_string(s.id);
      if (ui::selectable(label.c_str(), session_ == s.id, ImGuiSelectableFlags_SpanAllColumns)) {
        session_ = s.id;
        auto record = records.session(entry_, s.id);
        opened_ = record ? std::move(record).value() : ClinicRecords::SessionRecord{};
      }
      ImGui::TableNextColumn();
      ui::text(s.status);
      ImGui::TableNextColumn();
      ui::text(s.programName ? *s.programName + " v" + std::to_string(s.programVersion.value_or(0)) : "-");
      ImGui::TableNextColumn();
      ui::text(fmt("%.1f", s.minutes));
      ImGui::TableNextColumn();
      ui::text(std::to_string(s.repetitions) + " / " + std::to_string(s.prescribedRepetitions));
      ImGui::TableNextColumn();
      if (const auto q = qualityOf.find(s.id); q != qualityOf.end()) {
        const double mean = q->second.first / q->second.second;
        ui::textColoured(mean >= 85 ? theme().good : mean >= 60 ? theme().warning : theme().error, fmt("%.0f", mean));
      } else {
        ui::textDisabled("-");
      }
      ImGui::TableNextColumn();
      ui::text(s.context.empty() ? "-" : s.context);
      ImGui::TableNextColumn();
      ui::text(s.stage.empty() ? "-" : s.stage);
    }
    ImGui::EndTable();
  }
  if (d.sessions.empty()) ui::textDisabled("No sessions yet: they appear here after lumbo run or lumbo score --person.");
  if (!session_) return;
  ImGui::Separator();
  int lost = 0;
  double lostS = 0.0;
  for (const store::RepetitionRow& r : opened_.repetitions) {
    lost += r.quality ? 0 : 1;
    lostS += r.trackingLostS;
  }
  ImGui::PushFont(themeFonts().bold);
  ui::text("Repetitions of the session: " + std::to_string(opened_.repetitions.size()) + ", " + std::to_string(lost) +
           " not scored (tracking lost), " + fmt("%.1f s", lostS) + " of tracking lost in all");
  ImGui::PopFont();
  // What the qualities were measured against: the person's own reference scores their own range.
  for (const store::ScoringBands& b : opened_.bands) ui::text("Scored against: " + b.exerciseId + ": " + b.source);
  if (opened_.bands.empty() && !opened_.repetitions.empty()) ui::textDisabled("Scored against: not recorded (a session from before store version 9)");
  if (ImGui::BeginTable("repetitions", 6, flags, ImVec2(0, 0))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Exercise");
    ImGui::TableSetupColumn("Set / rep");
    ImGui::TableSetupColumn("Time (s)");
    ImGui::TableSetupColumn("Quality");
    ImGui::TableSetupColumn("Tracking lost");
    ImGui::TableSetupColumn("Faults", ImGuiTableColumnFlags_WidthStretch, 4.0f);
    ImGui::TableHeadersRow();
    for (const store::RepetitionRow& r : opened_.repetitions) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ui::text(r.kind == "hold" ? r.exerciseId + " (hold)" : r.exerciseId);
      ImGui::TableNextColumn();
      ui::text(std::to_string(r.set) + " / " + std::to_string(r.index));
      ImGui::TableNextColumn();
      ui::text(fmt("%.1f", r.startS) + " - " + fmt("%.1f", r.endS));
      ImGui::TableNextColumn();
      if (r.quality) {
        const ImVec4 c = *r.quality >= 85 ? theme().good : *r.quality >= 60 ? theme().warning : theme().error;
        ui::textColoured(c, fmt("%.0f", *r.quality));
      } else {
        ui::textColoured(theme().mutedText, "tracking lost");
      }
      ImGui::TableNextColumn();
      if (r.trackingLostS > 0.0) {
        ui::textColoured(theme().warning, fmt("%.1f s", r.trackingLostS));
      } else {
        ui::textDisabled("-");
      }
      ImGui::TableNextColumn();
      // One fault a line: the store joins them with "; ".
      std::string faults = r.faults;
      for (std::size_t at = faults.find("; "); at != std::string::npos; at = faults.find("; ", at)) faults.replace(at, 2, "\n");
      ui::textWrapped(faults.empty() ? "-" : faults);
    }
    ImGui::EndTable();
  }
}

void PatientPage::drawNotes(const ClinicRecords& records, bool& changed) {
  ImGui::PushFont(themeFonts().bold);
  ui::text("Notes");
  ImGui::PopFont();
  ui::inputMultiline("Notes", notes_, ImVec2(-1, 160));
  if (ui::primaryButton("Save notes")) {
    if (auto st = records.saveNotes(entry_, notes_); st) {
      exportStatus_ = "Notes saved";
      exportIsError_ = false;
      changed = true;
      reload(records);
    } else {
      exportStatus_ = st.error();
      exportIsError_ = true;
    }
  }
  ImGui::Separator();
  ImGui::PushFont(themeFonts().bold);
  ui::text("Report and export");
  ImGui::PopFont();
  ui::fieldLabel("Report folder", 170.0f);
  ui::inputText("Report folder", reportDir_, 620.0f);
  ImGui::SameLine();
  if (ui::button("Write report")) {
    auto r = records.writeReport(entry_, reportDir_, replace_);
    exportIsError_ = !r;
    exportStatus_ = r ? "Report written: " + (std::filesystem::path(reportDir_) / "report.html").string() : r.error();
    if (r) std::printf("clinic: report %s\n", reportDir_.c_str());
  }
  ui::fieldLabel("FHIR Bundle file", 170.0f);
  ui::inputText("FHIR Bundle file", fhirPath_, 620.0f);
  ImGui::SameLine();
  if (ui::button("Export FHIR")) {
    auto r = records.exportFhir(entry_, fhirPath_, replace_);
    exportIsError_ = !r;
    exportStatus_ = r ? "FHIR Bundle written: " + fhirPath_ : r.error();
    if (r) std::printf("clinic: fhir %s\n", fhirPath_.c_str());
  }
  ui::checkbox("Replace what is already there", &replace_);
  if (!exportStatus_.empty()) ui::textColoured(exportIsError_ ? theme().error : theme().good, exportStatus_);
}

void PatientPage::drawReferences() {
  if (detail_->references.empty()) {
    ui::textDisabled("No personal reference: every exercise scores with its population bands.");
    ui::textDisabled("Set one with: lumbo reference set --person " + personId() + " --exercise ID RECORDING");
    return;
  }
  for (const ReferenceEntry& r : detail_->references) {
    ui::text(r.exerciseId + ": set " + r.setDate + " from " + r.sourceFile);
    if (!r.problem.empty()) {
      ui::textColoured(theme().error, r.problem);
      continue;
    }
    ui::textDisabled("Scores with the " + r.source);
    for (const std::string& line : r.bands) ui::text(line);
    ImGui::Spacing();
  }
}

void PatientPage::draw(const ClinicRecords& records, bool& changed) {
  if (!detail_ && error_.empty()) reload(records);
  if (!error_.empty()) {
    ui::textColoured(theme().error, error_);
    if (ui::button("Try again")) reload(records);
    return;
  }
  drawHeader();
  ImGui::Spacing();
  if (ImGui::BeginTabBar("patient tabs")) {
    if (ui::tabItem("Progress")) {
      ImGui::BeginChild("charts");
      drawCharts();
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (ui::tabItem("Sessions")) {
      drawSessions(records);
      ImGui::EndTabItem();
    }
    const ImGuiTabItemFlags programFlags = openEditor_ ? ImGuiTabItemFlags_SetSelected : 0;
    openEditor_ = false;
    if (ui::tabItem("Program", nullptr, programFlags)) {
      if (editor_.draw(records, entry_)) {
        changed = true;
        reload(records);
      }
      ImGui::EndTabItem();
    }
    if (ui::tabItem("Outcomes")) {
      if (outcomes_.draw(records, entry_, editor_, openEditor_)) {
        changed = true;
        reload(records);
      }
      ImGui::EndTabItem();
    }
    if (ui::tabItem("References")) {
      ImGui::BeginChild("references");
      drawReferences();
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (ui::tabItem("Notes and export")) {
      drawNotes(records, changed);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
}

}  // namespace lumbo::app
