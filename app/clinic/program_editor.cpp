// The program editor's form, library picker, validation line, saving and next-session table.
#include "app/clinic/program_editor.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "app/clinic/clinic_theme.h"
#include "app/clinic/ui_controls.h"
#include "exercises/signals.h"

namespace lumbo::app {

namespace {

constexpr float kLabelPx = 210.0f;

std::string fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string levelSummary(const Level& lv) {
  std::string s = lv.name + ": " + std::to_string(lv.sets) + " x " + std::to_string(lv.repetitions);
  if (lv.holdS > 0) s += ", hold " + fmt("%.0f", lv.holdS) + " s";
  if (!lv.load.empty() && lv.load != "none") s += ", " + lv.load;
  return s;
}

}  // namespace

void ProgramEditor::reset(const ClinicRecords& records, const PatientEntry& entry) {
  saved_.reset();
  status_.clear();
  if (auto p = records.programInForce(entry)) {
    startFrom(*p, "the program in force");
  } else {
    startFrom(emptyProgram(records.library()), "a new program");
  }
}

void ProgramEditor::startFrom(const Program& program, const std::string& origin) {
  draft_ = program;
  origin_ = origin;
  targetStage_ = 0;
}

void ProgramEditor::drawStartFrom(const ClinicRecords& records, const PatientEntry& entry) {
  ui::textDisabled("Editing a copy of " + origin_ + ". Nothing changes for the patient until it is saved.");
  if (ui::button("Program in force")) {
    if (auto p = records.programInForce(entry)) {
      startFrom(*p, "the program in force");
    } else {
      status_ = p.error();
      statusIsError_ = true;
    }
  }
  ImGui::SameLine();
  // The bundled templates are read once, when the editor first shows them.
  if (!templatesRead_) {
    templates_ = programTemplates(records.library());
    templatesRead_ = true;
  }
  const auto& templates = templates_;
  std::vector<std::string> names;
  for (const auto& [path, p] : templates) names.push_back(path.stem().string());
  ui::combo("Template", &templateIndex_, names, 250.0f);
  ImGui::SameLine();
  if (ui::button("Use template") && templateIndex_ >= 0 && templateIndex_ < static_cast<int>(templates.size())) {
    startFrom(templates[static_cast<std::size_t>(templateIndex_)].second, "the template " + names[static_cast<std::size_t>(templateIndex_)]);
  }
  ImGui::SameLine();
  if (ui::button("Assessment proposal")) {
    if (auto a = records.latestAssessmentProposal(entry)) {
      startFrom(a->proposal, "the latest assessment's proposal");
    } else {
      status_ = a.error();
      statusIsError_ = true;
    }
  }
}

void ProgramEditor::drawProgramFields() {
  Program& p = *draft_;
  const DraftCheck& c = check_;
  ui::fieldLabel("Program name", kLabelPx);
  ui::inputText("Program name", p.name, 380.0f, faults(c, "/name"));
  ui::fieldLabel("Program ID", kLabelPx);
  ui::inputText("Program ID", p.id, 380.0f, faults(c, "/id"));
  ui::fieldLabel("Description", kLabelPx);
  ui::inputText("Description", p.description, 480.0f, faults(c, "/description"));
  ui::fieldLabel("Sessions per week", kLabelPx);
  ui::inputInt("Sessions per week", &p.sessionsPerWeek, 90.0f, faults(c, "/sessions_per_week"));
  ui::fieldLabel("ODI questionnaire", kLabelPx);
  bool odi = p.odiEveryDays.has_value();
  if (ui::checkbox("every##odi", &odi)) p.odiEveryDays = odi ? std::optional<int>(14) : std::nullopt;
  if (p.odiEveryDays) {
    ImGui::SameLine();
    ui::inputInt("ODI every (days)", &*p.odiEveryDays, 90.0f, faults(c, "/odi_every_days"));
    ImGui::SameLine();
    ui::text("days");
  }

  ImGui::Spacing();
  ImGui::PushFont(themeFonts().bold);
  ui::textColoured(theme().accent, "Progression gate");
  ImGui::PopFont();
  ProgressionRules& r = p.rules;
  ui::fieldLabel("Progress at quality", kLabelPx);
  ui::inputDouble("Progress at quality", &r.progressQuality, 90.0f, "%.0f", faults(c, "/progression/progress_quality"));
  ImGui::SameLine();
  ui::text("for");
  ImGui::SameLine();
  ui::inputInt("Sessions needed", &r.progressSessions, 70.0f, faults(c, "/progression/progress_sessions"));
  ImGui::SameLine();
  ui::text("sessions in a row");
  ui::fieldLabel("Regress below quality", kLabelPx);
  ui::inputDouble("Regress below quality", &r.regressQuality, 90.0f, "%.0f", faults(c, "/progression/regress_quality"));
  ImGui::SameLine();
  ui::text("or when pain rises by");
  ImGui::SameLine();
  ui::inputDouble("Pain rise", &r.painRise, 70.0f, "%.1f", faults(c, "/progression/pain_rise"));
  ui::fieldLabel("Missed days", kLabelPx);
  ui::inputInt("Missed days", &r.missedDays, 90.0f, faults(c, "/progression/missed_days"));
  ImGui::SameLine();
  ui::textDisabled("a longer gap repeats the level");

  ImGui::Spacing();
  bool staged = p.staged;
  if (ui::checkbox("Astronaut staging by days since landing", &staged)) {
    p.staged = staged;
    if (staged) {
      if (p.stages.front().name.empty()) p.stages.front().name = "stage 1";
    } else {
      // One list again: the first stage's exercises.
      p.stages.resize(1);
      p.stages.front().name.clear();
      p.stages.front().goal.clear();
      p.stages.front().fromDay = 0;
    }
  }
}

void ProgramEditor::drawExercises(const std::vector<Exercise>& library) {
  Program& p = *draft_;
  const DraftCheck& c = check_;
  std::vector<std::string> ids;
  for (const Exercise& e : library) ids.push_back(e.id);
  std::optional<std::pair<std::size_t, std::size_t>> remove;
  for (std::size_t si = 0; si < p.stages.size(); ++si) {
    ProgramStage& stage = p.stages[si];
    const std::string sp = "/stages/" + std::to_string(si);
    const std::string sid = "##s" + std::to_string(si);
    ImGui::PushID(static_cast<int>(si));
    if (p.staged) {
      ImGui::Separator();
      ImGui::PushFont(themeFonts().bold);
      ui::textColoured(theme().accent, "Stage " + std::to_string(si + 1));
      ImGui::PopFont();
      ImGui::SameLine();
      ui::inputText(("Stage name" + sid).c_str(), stage.name, 200.0f, faults(c, sp + "/name"));
      ImGui::SameLine();
      ui::text("from day");
      ImGui::SameLine();
      ui::inputInt(("From day" + sid).c_str(), &stage.fromDay, 70.0f, faults(c, sp + "/from_day"));
      ImGui::SameLine();
      if (ui::radio(("Add exercises here" + sid).c_str(), targetStage_ == static_cast<int>(si))) targetStage_ = static_cast<int>(si);
      ui::fieldLabel("Goal", 110.0f);
      ui::inputText(("Goal" + sid).c_str(), stage.goal, 560.0f, faults(c, sp + "/goal"));
    }
    // Ten columns share the form's width: the numbers are narrow (three digits) so that the
    // exercise's name keeps room.
    constexpr float kNumberPx = 46.0f;
    const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(4.0f, ImGui::GetStyle().CellPadding.y));
    if (ImGui::BeginTable("exercises", 10, flags)) {
      ImGui::TableSetupColumn("Exercise", ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableSetupColumn("Level");
      ImGui::TableSetupColumn("Sets");
      ImGui::TableSetupColumn("Reps");
      ImGui::TableSetupColumn("Hold");
      ImGui::TableSetupColumn("Rest");
      ImGui::TableSetupColumn("");
      ImGui::TableSetupColumn("Max level");
      ImGui::TableSetupColumn("Max kg");
      ImGui::TableSetupColumn("");
      ImGui::TableHeadersRow();
      for (std::size_t ei = 0; ei < stage.exercises.size(); ++ei) {
        ProgramExercise& pe = stage.exercises[ei];
        const std::string ep = exercisePointer(p, si, ei);
        const std::string id = "##s" + std::to_string(si) + "e" + std::to_string(ei);
        const Exercise* ex = findExercise(library, pe.exerciseId);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        int which = 0;
        for (std::size_t k = 0; k < ids.size(); ++k) {
          if (ids[k] == pe.exerciseId) which = static_cast<int>(k);
        }
        if (ui::combo(("Exercise" + id).c_str(), &which, ids, -1.0f, faults(c, ep + "/exercise"))) {
          pe.exerciseId = ids[static_cast<std::size_t>(which)];
          ex = findExercise(library, pe.exerciseId);
        }
        if (ex && pe.startLevel >= 1 && pe.startLevel <= static_cast<int>(ex->levels.size())) {
          ImGui::PushFont(themeFonts().small);
          ui::textDisabled(levelSummary(ex->levels[static_cast<std::size_t>(pe.startLevel - 1)]));
          ImGui::PopFont();
        }
        ImGui::TableNextColumn();
        ui::inputInt(("Level" + id).c_str(), &pe.startLevel, kNumberPx, faults(c, ep + "/level"));
        ImGui::TableNextColumn();
        ui::inputInt(("Sets" + id).c_str(), &pe.sets, kNumberPx, faults(c, ep + "/sets"));
        ImGui::TableNextColumn();
        ui::inputInt(("Repetitions" + id).c_str(), &pe.repetitions, kNumberPx, faults(c, ep + "/repetitions"));
        ImGui::TableNextColumn();
        ui::inputDouble(("Hold (s)" + id).c_str(), &pe.holdS, kNumberPx, "%.0f", faults(c, ep + "/hold_s"));
        ImGui::TableNextColumn();
        ui::inputDouble(("Rest (s)" + id).c_str(), &pe.restS, kNumberPx, "%.0f", faults(c, ep + "/rest_s"));
        ImGui::TableNextColumn();
        ui::checkbox(("Locked" + id).c_str(), &pe.locked);
        ImGui::TableNextColumn();
        ui::inputInt(("Max level" + id).c_str(), &pe.maxLevel, kNumberPx, faults(c, ep + "/max_level"));
        ImGui::TableNextColumn();
        double kg = std::isfinite(pe.maxLoadKg) ? pe.maxLoadKg : 0.0;
        if (ui::inputDouble(("Max load (kg)" + id).c_str(), &kg, kNumberPx, "%.1f", faults(c, ep + "/max_load_kg"))) {
          pe.maxLoadKg = kg > 0.0 ? kg : std::numeric_limits<double>::infinity();
        }
        ImGui::TableNextColumn();
        if (ui::button(("Remove" + id).c_str())) remove = std::make_pair(si, ei);
      }
      ImGui::EndTable();
    }
    ImGui::PopStyleVar();
    ui::textDisabled("Sets, reps and hold 0: the level's own; rest 0: none timed (hold and rest in seconds).");
    ui::textDisabled("Max level 0 and max kg 0: no cap.");
    ImGui::PopID();
  }
  if (remove) {
    auto& list = p.stages[remove->first].exercises;
    list.erase(list.begin() + static_cast<std::ptrdiff_t>(remove->second));
  }
  if (p.staged && ui::button("Add stage")) {
    ProgramStage s;
    s.name = "stage " + std::to_string(p.stages.size() + 1);
    s.fromDay = p.stages.back().fromDay + 7;
    p.stages.push_back(std::move(s));
  }
}

void ProgramEditor::drawPicker(const std::vector<Exercise>& library) {
  ImGui::PushFont(themeFonts().bold);
  ui::textColoured(theme().accent, "Exercise library");
  ImGui::PopFont();
  ImGui::BeginChild("library list", ImVec2(0, 190), true);
  for (std::size_t i = 0; i < library.size(); ++i) {
    if (ui::selectable((library[i].name + "##pick" + library[i].id).c_str(), pickedExercise_ == static_cast<int>(i))) {
      pickedExercise_ = static_cast<int>(i);
    }
  }
  ImGui::EndChild();
  if (pickedExercise_ < 0 || pickedExercise_ >= static_cast<int>(library.size())) return;
  const Exercise& e = library[static_cast<std::size_t>(pickedExercise_)];
  if (ui::primaryButton("Add to program")) {
    Program& p = *draft_;
    const auto stage = static_cast<std::size_t>(std::clamp(targetStage_, 0, static_cast<int>(p.stages.size()) - 1));
    p.stages[stage].exercises.push_back(ProgramExercise{e.id});
  }
  ImGui::BeginChild("library details", ImVec2(0, 0), true);
  ImGui::PushFont(themeFonts().bold);
  ui::text(e.name + " (" + e.id + ")");
  ImGui::PopFont();
  ImGui::PushFont(themeFonts().small);
  ui::textDisabled("Starting position: " + std::string(startingPositionName(e.startingPosition)) +
                   (e.kind == ExerciseKind::Hold ? ", a hold" : ", repetitions"));
  std::string trackers;
  for (std::size_t d = 0; d < kDeviceCount; ++d) {
    if (e.trackers.test(d)) trackers += (trackers.empty() ? "" : ", ") + std::string(deviceName(static_cast<Device>(d)));
  }
  ui::textDisabled("Trackers: " + (trackers.empty() ? std::string("headset only") : trackers));
  ui::textWrapped(e.rationale);
  if (ImGui::BeginTable("levels", 4, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("Level");
    ImGui::TableSetupColumn("Sets x reps");
    ImGui::TableSetupColumn("Load");
    ImGui::TableSetupColumn("Targets");
    ImGui::TableHeadersRow();
    for (std::size_t l = 0; l < e.levels.size(); ++l) {
      const Level& lv = e.levels[l];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ui::text(std::to_string(l + 1) + " " + lv.name);
      ImGui::TableNextColumn();
      ui::text(std::to_string(lv.sets) + " x " + std::to_string(lv.repetitions) + (lv.holdS > 0 ? ", " + fmt("%.0f s", lv.holdS) : ""));
      ImGui::TableNextColumn();
      ui::text(lv.load.empty() ? "none" : lv.load);
      ImGui::TableNextColumn();
      ui::text(fmt("bands x%.2f", lv.toleranceScale) + (lv.baseOfSupport.empty() ? "" : ", " + lv.baseOfSupport));
    }
    ImGui::EndTable();
  }
  for (const Phase& ph : e.phases) {
    for (const Target& t : ph.targets) {
      std::string band = std::string(signalName(t.signal)) + " " + ph.name + ": ";
      band += std::isfinite(t.band.min) ? fmt("%.0f", t.band.min) : std::string("-");
      band += " to ";
      band += std::isfinite(t.band.max) ? fmt("%.0f", t.band.max) : std::string("-");
      band += " " + std::string(signalUnit(t.signal));
      ui::textDisabled(band);
    }
  }
  ImGui::PopFont();
  ImGui::EndChild();
}

void ProgramEditor::drawNext() {
  if (!saved_ && !preview_) return;
  if (saved_) {
    ui::textColoured(theme().good, "Assigned " + saved_->assignment.key + " version " + std::to_string(saved_->assignment.version) +
                                       " from " + store::utcDate(saved_->assignment.startUnixS));
    ui::text("Next session (what lumbo program next prescribes):");
  } else {
    ui::text("Next session if this draft were assigned (not saved):");
  }
  ImGui::PushFont(themeFonts().small);
  const store::PlannedSession& next = saved_ ? saved_->next : *preview_;
  if (!next.plan.stage.empty()) ui::textDisabled("Stage " + next.plan.stage + ": " + next.plan.stageReason);
  for (std::size_t i = 0; i < next.plan.items.size(); ++i) {
    const Prescription& p = next.plan.items[i];
    ImGui::PushFont(themeFonts().bold);
    ui::text(p.exerciseId + ": level " + std::to_string(p.level) + ", " + std::to_string(p.sets) + " x " +
             std::to_string(p.repetitions) + holdAndRestWords(p.holdS, p.restS) + (p.load.empty() || p.load == "none" ? "" : ", " + p.load) +
             (i < next.items.size() ? fmt(", %.1f min", next.items[i].minutes) : "") + "  [" + std::string(decisionName(p.decision)) +
             "]");
    ImGui::PopFont();
    ui::textWrapped(p.reason);
  }
  ImGui::PopFont();
  ImGui::Separator();
}

bool ProgramEditor::draw(const ClinicRecords& records, const PatientEntry& entry) {
  if (!draft_) reset(records, entry);
  check_ = checkDraft(*draft_, records.library());
  bool savedNow = false;
  // The action bar first, so that saving and the reason it is refused are always in view.
  ImGui::BeginDisabled(!check_.valid);
  const bool save = ui::primaryButton("Save and assign") || (check_.valid && ui::shortcut('S'));
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Ctrl+S");
  ImGui::SameLine();
  if (check_.valid) {
    ui::textColoured(theme().good, "Valid: saving assigns it from " + store::utcDate(records.todayUnixS()) + " as the next version");
  } else {
    ui::textColoured(theme().error, "Cannot save: " + check_.field + ": " + check_.message);
  }
  if (save && check_.valid) {
    auto s = records.saveProgram(entry, check_.text);
    if (s) {
      saved_ = std::move(s).value();
      preview_.reset();
      status_.clear();
      std::printf("clinic: assigned %s version %d to %s\n", saved_->assignment.key.c_str(), saved_->assignment.version,
                  entry.summary.patient.id.c_str());
      startFrom(*draft_, "the program in force");
      savedNow = true;
    } else {
      status_ = s.error();
      statusIsError_ = true;
    }
  }
  if (!status_.empty()) ui::textColoured(statusIsError_ ? theme().error : theme().good, status_);
  drawStartFrom(records, entry);
  ImGui::SameLine();
  ImGui::BeginDisabled(!check_.valid);
  if (ui::button("Preview next session")) {
    auto program = parseProgram(check_.text, "program", &records.library());
    auto next = program ? records.nextSession(entry, *program) : Result<store::PlannedSession>(Error{program.error()});
    if (next) {
      preview_ = std::move(next).value();
      status_.clear();
    } else {
      status_ = next.error();
      statusIsError_ = true;
    }
  }
  ImGui::EndDisabled();
  ImGui::Separator();
  const float right = 430.0f;
  ImGui::BeginChild("program form", ImVec2(ImGui::GetContentRegionAvail().x - right - 10, 0), false);
  drawProgramFields();
  drawExercises(records.library());
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("picker", ImVec2(right, 0), false);
  // What saving did (or would do) comes first, where it is seen without scrolling.
  drawNext();
  drawPicker(records.library());
  ImGui::EndChild();
  return savedNow;
}

}  // namespace lumbo::app
