// The patient table, its sorting, its flags and the add-patient form.
#include "app/clinic/patients_view.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "app/clinic/clinic_theme.h"
#include "app/clinic/ui_controls.h"
#include "app/clinic/widget_registry.h"

namespace lumbo::app {

namespace {

enum Column { kPerson, kName, kLast, kWeek, kMonth, kQuality, kPain, kOdi, kFlags, kColumns };

std::string ratio(const store::WindowAdherence& w) {
  if (!w.sessionsPrescribed) return std::to_string(w.sessionsDone) + " / -";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%d / %d  (%.0f%%)", w.sessionsDone, *w.sessionsPrescribed, w.percent().value_or(0.0));
  return buf;
}

double sortValue(const PatientEntry& e, int column) {
  const store::PatientSummary& s = e.summary;
  switch (column) {
    case kLast: return s.lastSessionUnixS.value_or(-1.0);
    case kWeek: return s.last7.percent().value_or(-1.0);
    case kMonth: return s.last28.percent().value_or(-1.0);
    case kQuality: return s.latestQuality.value_or(-1.0);
    case kPain: return s.latestPain.value_or(-1);
    case kOdi: return s.latestOdiPercent.value_or(-1.0);
    case kFlags: return static_cast<double>(s.flags.size());
    default: return 0.0;
  }
}

// A flag as a coloured chip that reads as a warning in both themes.
void flagChip(const std::string& text) {
  const Theme& t = theme();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 size = ImGui::CalcTextSize(text.c_str());
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 pad(7, 2);
  dl->AddRectFilled(at, ImVec2(at.x + size.x + 2 * pad.x, at.y + size.y + 2 * pad.y), toU32(t.flag), 9.0f);
  dl->AddText(ImVec2(at.x + pad.x, at.y + pad.y), toU32(t.flagText), text.c_str());
  ImGui::Dummy(ImVec2(size.x + 2 * pad.x, size.y + 2 * pad.y));
  ui::recordLastText(text);
}

}  // namespace

void PatientsView::reload(const ClinicRecords& records) {
  problems_.clear();
  patients_ = records.patients(problems_);
  loaded_ = true;
}

void PatientsView::drawAddForm(const ClinicRecords& records) {
  ImGui::BeginChild("add patient", ImVec2(0, 190), true);
  ImGui::PushFont(themeFonts().bold);
  ui::text("New patient");
  ImGui::PopFont();
  const float label = 150.0f;
  ui::fieldLabel("ID", label);
  ui::inputText("ID", newId_, 220.0f);
  ImGui::SameLine();
  ui::textDisabled("letters, digits, - _ . (it names the patient's store)");
  ui::fieldLabel("Name", label);
  ui::inputText("Name", newName_, 320.0f);
  ImGui::SameLine(560.0f);
  ui::fieldLabel("Landing date", 680.0f);
  ui::inputText("Landing date", newLanding_, 150.0f);
  ImGui::SameLine();
  ui::textDisabled("YYYY-MM-DD, astronauts");
  ui::fieldLabel("Notes", label);
  ui::inputText("Notes", newNotes_, 700.0f);
  if (ui::primaryButton("Add")) {
    store::PatientUpdate u;
    u.id = newId_;
    if (!newName_.empty()) u.name = newName_;
    if (!newLanding_.empty()) u.landingDate = newLanding_;
    if (!newNotes_.empty()) u.notes = newNotes_;
    auto added = records.addPatient(u);
    if (added) {
      status_ = "Added " + newId_ + " in " + added->string();
      statusIsError_ = false;
      std::printf("clinic: added %s in %s\n", newId_.c_str(), added->c_str());
      newId_.clear();
      newName_.clear();
      newLanding_.clear();
      newNotes_.clear();
      adding_ = false;
      reload(records);
    } else {
      status_ = added.error();
      statusIsError_ = true;
    }
  }
  ImGui::SameLine();
  if (ui::button("Cancel")) adding_ = false;
  ImGui::EndChild();
}

std::optional<PatientEntry> PatientsView::draw(const ClinicRecords& records) {
  if (!loaded_) reload(records);
  std::optional<PatientEntry> open;
  ImGui::PushFont(themeFonts().heading);
  ui::text("Patients");
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 6);
  ui::textDisabled(std::to_string(patients_.size()) + " in " + records.folder().string() + ", as of " +
                   store::utcDate(records.todayUnixS()));
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 250.0f);
  if (ui::primaryButton("Add patient") || ui::shortcut('N')) adding_ = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ctrl+N");
  if (adding_ && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) adding_ = false;
  ImGui::SameLine();
  if (ui::button("Refresh")) reload(records);
  if (!status_.empty()) ui::textColoured(statusIsError_ ? theme().error : theme().good, status_);
  for (const std::string& p : problems_) ui::textColoured(theme().warning, "Skipped a store: " + p);
  if (adding_) drawAddForm(records);

  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("patients", kColumns, flags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Patient", ImGuiTableColumnFlags_DefaultSort, 0.9f);
    ImGui::TableSetupColumn("Name", 0, 1.2f);
    ImGui::TableSetupColumn("Last session", 0, 1.2f);
    ImGui::TableSetupColumn("Last 7 days", 0, 1.1f);
    ImGui::TableSetupColumn("Last 28 days", 0, 1.1f);
    ImGui::TableSetupColumn("Quality", 0, 0.8f);
    ImGui::TableSetupColumn("Pain", 0, 0.5f);
    ImGui::TableSetupColumn("ODI", 0, 0.5f);
    ImGui::TableSetupColumn("Flags", 0, 3.7f);
    ImGui::TableHeadersRow();
    for (int c = 0; c < kColumns; ++c) {
      ImGui::TableSetColumnIndex(c);
      ui::record(ImGui::TableGetColumnName(c));
    }
    if (ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs(); sort && sort->SpecsCount > 0) {
      const ImGuiTableColumnSortSpecs spec = sort->Specs[0];
      std::stable_sort(patients_.begin(), patients_.end(), [&](const PatientEntry& a, const PatientEntry& b) {
        bool less = false;
        if (spec.ColumnIndex == kPerson) {
          less = a.summary.patient.id < b.summary.patient.id;
        } else if (spec.ColumnIndex == kName) {
          less = a.summary.patient.name.value_or("") < b.summary.patient.name.value_or("");
        } else {
          less = sortValue(a, spec.ColumnIndex) < sortValue(b, spec.ColumnIndex);
        }
        const bool greater = spec.ColumnIndex == kPerson ? b.summary.patient.id < a.summary.patient.id
                             : spec.ColumnIndex == kName ? b.summary.patient.name.value_or("") < a.summary.patient.name.value_or("")
                                                         : sortValue(b, spec.ColumnIndex) < sortValue(a, spec.ColumnIndex);
        return spec.SortDirection == ImGuiSortDirection_Ascending ? less : greater;
      });
    }
    for (const PatientEntry& e : patients_) {
      const store::PatientSummary& s = e.summary;
      ImGui::TableNextRow(0, 34.0f);
      ImGui::TableNextColumn();
      if (ui::selectable(s.patient.id.c_str(), false, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                         ImVec2(0, 28.0f))) {
        open = e;
      }
      ImGui::TableNextColumn();
      ui::text(s.patient.name.value_or("-"));
      ImGui::TableNextColumn();
      ui::text(s.lastSessionUnixS ? store::utcDate(*s.lastSessionUnixS) : "-");
      ImGui::TableNextColumn();
      ui::text(ratio(s.last7));
      ImGui::TableNextColumn();
      ui::text(ratio(s.last28));
      ImGui::TableNextColumn();
      if (s.latestQuality) {
        char q[16];
        std::snprintf(q, sizeof q, "%.0f", *s.latestQuality);
        ui::textColoured(*s.latestQuality >= 85 ? theme().good : *s.latestQuality >= 60 ? theme().warning : theme().error, q);
      } else {
        ui::text("-");
      }
      ImGui::TableNextColumn();
      ui::text(s.latestPain ? std::to_string(*s.latestPain) : "-");
      ImGui::TableNextColumn();
      if (s.latestOdiPercent) {
        char o[16];
        std::snprintf(o, sizeof o, "%.0f%%", *s.latestOdiPercent);
        ui::text(o);
      } else {
        ui::text("-");
      }
      ImGui::TableNextColumn();
      if (s.flags.empty()) {
        ui::textDisabled("none");
      } else {
        // Chips wrap inside the cell rather than run past the window's edge.
        for (std::size_t i = 0; i < s.flags.size(); ++i) {
          if (i > 0) {
            ImGui::SameLine();
            if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(s.flags[i].c_str()).x + 14.0f) ImGui::NewLine();
          }
          flagChip(s.flags[i]);
        }
      }
    }
    ImGui::EndTable();
  }
  if (patients_.empty()) ui::textDisabled("No patients yet: Add patient registers one (lumbo patient add does the same).");
  return open;
}

}  // namespace lumbo::app
