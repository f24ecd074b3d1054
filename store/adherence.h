// A person at a glance for the therapist's patient list: last session, adherence over the last 7
// and 28 days against the program in force, latest quality, pain and ODI, and the flags that ask
// for attention ("no session for 9 days", "pain rising", "ODI due").
#pragma once

#include <filesystem>
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

// How far an exercise's latest session quality must lie below its first of the last 28 days for
// "quality falling": a quarter of the gap between the default progress and regress thresholds
// is session-to-session noise on the bundled recordings, so the flag asks for more than that.
inline constexpr double kQualityFallPoints = 15.0;

// Everything up to `atUnixS` (sessions dated later are not counted). "No session for N days"
// when the gap exceeds the program's missed_days (7 without a program); "pain rising" when the
// latest pain score of the last 28 days is the program's pain_rise (2) or more above the first;
// "quality falling" when an exercise's latest session quality of the last 28 days is
// kQualityFallPoints or more below its first; "level locked" naming the exercises whose level
// the program in force fixes (they are never progressed, so the therapist reviews them).
PatientSummary summarizePatient(SessionStore& store, const std::string& personId, double atUnixS);

// Every Lumbo store (`*.lumbo.sqlite`) directly in a data folder, sorted by name; empty when the
// folder is missing.
std::vector<std::filesystem::path> storesInFolder(const std::filesystem::path& folder);

}  // namespace lumbo::store
