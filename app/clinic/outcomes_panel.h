// Outcomes entered in the console: the Oswestry Disability Index form (its ten sections with
// their six statements, scored by the store's own rule as it is filled in), pain on the 0-10
// numeric rating scale, and an assessment imported from recordings (the battery `lumbo assess`
// runs, stored with its context), each saved to the person's store dated the console's day.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "app/clinic/clinic_records.h"

namespace lumbo::app {

class ProgramEditor;

class OutcomesPanel {
 public:
  // Returns true when something was saved (the page then reloads the person). An imported
  // assessment's proposal can be taken into `editor`.
  bool draw(const ClinicRecords& records, const PatientEntry& entry, ProgramEditor& editor, bool& openEditor);

 private:
  bool drawOdi(const ClinicRecords& records, const PatientEntry& entry);
  bool drawPain(const ClinicRecords& records, const PatientEntry& entry);
  bool drawAssessment(const ClinicRecords& records, const PatientEntry& entry, ProgramEditor& editor, bool& openEditor);

  std::array<std::optional<int>, 10> odi_{};
  int section_ = 0;  // the ODI section whose statements are shown
  int pain_ = -1;
  std::string recordings_;
  std::string context_;
  std::optional<ImportedAssessment> imported_;
  std::string status_;
  bool statusIsError_ = false;
};

}  // namespace lumbo::app
