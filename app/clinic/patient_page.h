// One patient's page in the console: who they are and their flags, then tabs for the charts over
// time, the sessions (each opening to its repetitions with faults and tracking loss), the program
// editor, the outcomes, and notes with the report and FHIR export.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/clinic/clinic_records.h"
#include "app/clinic/outcomes_panel.h"
#include "app/clinic/program_editor.h"

namespace lumbo::app {

class PatientPage {
 public:
  explicit PatientPage(PatientEntry entry);
  const std::string& personId() const { return entry_.summary.patient.id; }
  // Draws the page; `changed` is set when the person's record changed (the list then reloads).
  void draw(const ClinicRecords& records, bool& changed);

 private:
  void reload(const ClinicRecords& records);
  void drawHeader();
  void drawCharts();
  void drawSessions(const ClinicRecords& records);
  void drawNotes(const ClinicRecords& records, bool& changed);
  void drawReferences();

  PatientEntry entry_;
  std::optional<PatientDetail> detail_;
  std::string error_;
  std::optional<std::int64_t> session_;
  ClinicRecords::SessionRecord opened_;  // the session_ opened
  ProgramEditor editor_;
  OutcomesPanel outcomes_;
  std::string notes_;
  std::string reportDir_, fhirPath_;
  bool replace_ = false;
  std::string exportStatus_;
  bool exportIsError_ = false;
  bool openEditor_ = false;
};

}  // namespace lumbo::app
