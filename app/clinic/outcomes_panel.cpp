// The ODI form, the pain scale and the assessment import of a patient's page.
#include "app/clinic/outcomes_panel.h"

#include <imgui.h>

#include <cstdio>
#include <sstream>

#include "app/clinic/clinic_theme.h"
#include "app/clinic/program_editor.h"
#include "app/clinic/ui_controls.h"
#include "app/scene/odi_questionnaire.h"
#include "store/session_records.h"

namespace lumbo::app {

bool OutcomesPanel::draw(const ClinicRecords& records, const PatientEntry& entry, ProgramEditor& editor, bool& openEditor) {
  bool saved = false;
  if (!status_.empty()) ui::textColoured(statusIsError_ ? theme().error : theme().good, status_);
  const float half = 0.5f * (ImGui::GetContentRegionAvail().x - 10.0f);
  ImGui::BeginChild("odi form", ImVec2(half, 0), true);
  saved |= drawOdi(records, entry);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("pain and assessment", ImVec2(0, 0), true);
  saved |= drawPain(records, entry);
  ImGui::Separator();
  saved |= drawAssessment(records, entry, editor, openEditor);
  ImGui::EndChild();
  return saved;
}

bool OutcomesPanel::drawOdi(const ClinicRecords& records, const PatientEntry& entry) {
  ImGui::PushFont(themeFonts().bold);
  ui::text("Oswestry Disability Index");
  ImGui::PopFont();
  // The score as the store computes it: sum / (5 x sections answered) x 100.
  store::OswestryRecord draft{entry.summary.patient.id, records.todayUnixS(), odi_};
  int answered = 0;
  for (const auto& s : odi_) answered += s ? 1 : 0;
  const auto percent = draft.percent();
  char score[96];
  if (percent) {
    std::snprintf(score, sizeof score, "Score: %.0f %% (%d of 10 sections answered)", *percent, answered);
  } else {
    std::snprintf(score, sizeof score, "Score: - (%d of 10 answered; at most one may be left out)", answered);
  }
  ui::textColoured(percent ? theme().accent : theme().mutedText, score);
  ImGui::BeginDisabled(!percent);
  bool saved = false;
  if (ui::primaryButton("Save ODI")) {
    if (auto st = records.saveOdi(entry, odi_); st) {
      status_ = std::string("ODI saved: ") + score;
      statusIsError_ = false;
      std::printf("clinic: ODI %.0f %% for %s\n", percent.value_or(0.0), entry.summary.patient.id.c_str());
      odi_ = {};
      section_ = 0;
      saved = true;
    } else {
      status_ = st.error();
      statusIsError_ = true;
    }
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ui::button("Clear form")) {
    odi_ = {};
    section_ = 0;
  }
  // The sections on the left with their answers; the chosen section's six statements on the
  // right. Answering moves on to the next section, as the paper form is read.
  ImGui::BeginChild("odi sections", ImVec2(250, 0), true);
  for (std::size_t s = 0; s < kOdiQuestionnaire.size(); ++s) {
    const std::string answer = odi_[s] ? std::to_string(*odi_[s]) : "-";
    const std::string label = std::to_string(s + 1) + ". " + kOdiQuestionnaire[s].topic + "##odisection" + std::to_string(s);
    if (ui::selectable(label.c_str(), section_ == static_cast<int>(s))) section_ = static_cast<int>(s);
    ImGui::SameLine(215.0f);
    ui::textColoured(odi_[s] ? theme().accent : theme().mutedText, answer);
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("odi statements", ImVec2(0, 0), false);
  const std::size_t s = static_cast<std::size_t>(section_);
  const OdiSection& section = kOdiQuestionnaire[s];
  ImGui::PushFont(themeFonts().bold);
  ui::text("Section " + std::to_string(s + 1) + ": " + section.topic);
  ImGui::PopFont();
  ui::textDisabled("The statement that describes the patient today:");
  for (std::size_t a = 0; a < section.answers.size(); ++a) {
    const std::string label = std::to_string(a) + "  " + section.answers[a] + "##odi" + std::to_string(s) + "a" + std::to_string(a);
    if (ui::radio(label.c_str(), odi_[s] == static_cast<int>(a))) {
      odi_[s] = static_cast<int>(a);
      if (section_ + 1 < static_cast<int>(kOdiQuestionnaire.size())) ++section_;
    }
  }
  if (ui::radio(("Not answered##odi" + std::to_string(s)).c_str(), !odi_[s])) odi_[s] = std::nullopt;
  ImGui::EndChild();
  return saved;
}

bool OutcomesPanel::drawPain(const ClinicRecords& records, const PatientEntry& entry) {
  ImGui::PushFont(themeFonts().bold);
  ui::text("Pain now (0 none to 10 worst imaginable)");
  ImGui::PopFont();
  for (int v = 0; v <= 10; ++v) {
    if (v > 0) ImGui::SameLine();
    const bool on = pain_ == v;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, theme().accent);
    if (ui::button((std::to_string(v) + "##pain").c_str(), ImVec2(34, 0))) pain_ = v;
    if (on) ImGui::PopStyleColor();
  }
  ImGui::BeginDisabled(pain_ < 0);
  bool saved = false;
  if (ui::primaryButton("Save pain")) {
    if (auto st = records.savePain(entry, pain_); st) {
      status_ = "Pain " + std::to_string(pain_) + " / 10 saved";
      statusIsError_ = false;
      std::printf("clinic: pain %d for %s\n", pain_, entry.summary.patient.id.c_str());
      pain_ = -1;
      saved = true;
    } else {
      status_ = st.error();
      statusIsError_ = true;
    }
  }
  ImGui::EndDisabled();
  return saved;
}

bool OutcomesPanel::drawAssessment(const ClinicRecords& records, const PatientEntry& entry, ProgramEditor& editor, bool& openEditor) {
  ImGui::PushFont(themeFonts().bold);
  ui::text("Assessment from recordings");
  ImGui::PopFont();
  ui::textDisabled("Recording files, one per line (the battery's tests: squat, bends, bridge, ...)");
  ui::inputMultiline("Recordings", recordings_, ImVec2(-1, 70));
  ui::fieldLabel("Context", 90.0f);
  ui::inputText("Context", context_, 240.0f);
  ImGui::SameLine();
  ui::textDisabled("e.g. pre-flight");
  bool saved = false;
  if (ui::primaryButton("Import assessment")) {
    std::vector<std::filesystem::path> paths;
    std::istringstream in(recordings_);
    std::string line;
    while (std::getline(in, line)) {
      while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
      while (!line.empty() && line.front() == ' ') line.erase(line.begin());
      if (!line.empty()) paths.emplace_back(line);
    }
    auto r = records.importAssessment(entry, paths, context_);
    if (r) {
      imported_ = std::move(r).value();
      status_ = "Assessment stored" + (context_.empty() ? std::string() : " as '" + context_ + "'");
      statusIsError_ = false;
      std::printf("clinic: assessment of %zu test(s) stored for %s\n", imported_->results.size(), entry.summary.patient.id.c_str());
      saved = true;
    } else {
      status_ = r.error();
      statusIsError_ = true;
    }
  }
  if (imported_) {
    for (const TestResult& t : imported_->results) {
      ui::text(t.test + " (" + std::filesystem::path(t.source).filename().string() + ")");
      for (const AssessmentFeature& f : t.features) {
        if (f.suboptimal) {
          ui::textColoured(theme().warning, "  ! " + f.finding);
        } else {
          ui::textDisabled("    " + f.finding);
        }
      }
    }
    for (const std::string& s : imported_->skipped) ui::textColoured(theme().warning, "skipped " + s);
    if (ui::button("Edit the proposed program")) {
      editor.startFrom(imported_->proposal, "the assessment's proposal");
      openEditor = true;
    }
  }
  return saved;
}

}  // namespace lumbo::app
