// The patient list: every person of every store in the data folder in a sortable table (last
// session, adherence over 7 and 28 days against the prescription, latest quality, pain and ODI,
// and the flags that ask for attention), a form to add a patient, and opening one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/clinic/clinic_records.h"

namespace lumbo::app {

class PatientsView {
 public:
  void reload(const ClinicRecords& records);
  // Draws the list; returns the patient to open when one was clicked.
  std::optional<PatientEntry> draw(const ClinicRecords& records);
  const std::vector<PatientEntry>& patients() const { return patients_; }

 private:
  void drawAddForm(const ClinicRecords& records);

  std::vector<PatientEntry> patients_;
  std::vector<std::string> problems_;
  bool loaded_ = false;
  bool adding_ = false;
  std::string newId_, newName_, newLanding_, newNotes_;
  std::string status_;
  bool statusIsError_ = false;
};

}  // namespace lumbo::app
