// A person at a glance for the therapist's patient list: last session, adherence over the last 7
// and 28 days against the program in force, latest quality, pain and ODI, and the flags that ask
// for attention ("no session for 9 days", "pain rising", "ODI due").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/outcomes.h"
#include "store/patient_record.h"
#include "store/program_assignments.h"
#include "store/session_store.h"

namespace lumbo::store {

// Sessions done in a window against those the program prescribes for it.
struct WindowAdherence {
  int days = 7;
  int sessionsDone = 0;
  std::optional<int> sessionsPrescribed;  // sessions_per_week x days / 7; empty without a program
  int repetitionsDone = 0;
  int repetitionsPlanned = 0;             // by the plans of the sessions done
  double minutesDone = 0.0;
  std::optional<double> percent() const {
    if (!sessionsPrescribed || *sessionsPrescribed == 0) return std::nullopt;
    return 100.0 * sessionsDone / *sessionsPrescribed;
  }
};

struct PatientSummary {
  PatientRecord patient;
  std::optional<ProgramAssignment> program;
  int sessions = 0;
  std::optional<double> lastSessionUnixS;
  std::optional<int> daysSinceLastSession;
  WindowAdherence last7, last28;
  std::optional<double> latestQuality;  // mean of the last session's scored repetitions and holds
  std::optional<int> latestPain;
  std::optional<double> latestOdiPercent;
  OdiDue odi;
  std::vector<std::string> flags;
};

// Everything up to `atUnixS` (sessions dated later are not counted). "No session for N days"
// when the gap exceeds the program's missed_days (7 without a program); "pain rising" when the
// latest pain score of the last 28 days is the program's pain_rise (2) or more above the first.
PatientSummary summarizePatient(SessionStore& store, const std::string& personId, double atUnixS);

}  // namespace lumbo::store
