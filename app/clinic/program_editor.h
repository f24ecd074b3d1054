// The program editor of a patient's page: start from the program in force, a bundled template or
// the assessment's proposal; pick exercises from the library with their details; set levels,
// sets, repetitions, caps and locks, the progression gate, sessions a week, the ODI interval and
// the astronaut staging by days since landing. It checks the draft on every change, points at the
// field at fault, saves only a valid program (as the person's next version) and then shows what
// the next session prescribes and why.
#pragma once

#include <optional>
#include <string>

#include "app/clinic/clinic_records.h"
#include "app/clinic/program_draft.h"

namespace lumbo::app {

class ProgramEditor {
 public:
  // Starts from what the person has: the program in force, else an empty draft.
  void reset(const ClinicRecords& records, const PatientEntry& entry);
  void startFrom(const Program& program, const std::string& origin);
  bool hasDraft() const { return draft_.has_value(); }
  // Draws the editor; returns true when a program was saved (the page then reloads the person).
  bool draw(const ClinicRecords& records, const PatientEntry& entry);

 private:
  void drawStartFrom(const ClinicRecords& records, const PatientEntry& entry);
  void drawProgramFields();
  void drawExercises(const std::vector<Exercise>& library);
  void drawPicker(const std::vector<Exercise>& library);
  void drawNext();

  std::optional<Program> draft_;
  std::string origin_;
  DraftCheck check_;
  std::vector<std::pair<std::filesystem::path, Program>> templates_;
  bool templatesRead_ = false;
  int templateIndex_ = 0;
  int pickedExercise_ = 0;
  int targetStage_ = 0;
  std::string status_;
  bool statusIsError_ = false;
  std::optional<SavedProgram> saved_;
  std::optional<store::PlannedSession> preview_;  // the draft's next session, unsaved
};

}  // namespace lumbo::app
