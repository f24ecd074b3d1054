// What the console reads and writes, all through the store/ and exercises/ code the commands
// use: the patients of every store in the data folder, one person's record and figures, and the
// therapist's entries (patients, programs, outcomes, assessments, notes, reports, exports). The
// console keeps no copy of its own: every change goes to the person's store, then is read back.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "body/result.h"
#include "exercises/assessment.h"
#include "exercises/exercise.h"
#include "exercises/program.h"
#include "store/adherence.h"
#include "store/program_assignments.h"
#include "store/queries.h"
#include "store/session_plan.h"

namespace lumbo::app {

struct PatientEntry {
  store::PatientSummary summary;
  std::filesystem::path db;
};

// A personal reference in force, as `lumbo reference show` lists it.
struct ReferenceEntry {
  std::string exerciseId;
  std::string setDate;     // YYYY-MM-DD, UTC
  std::string sourceFile;  // the recording it was made from
  std::string source;      // "personal reference of p01 set on ... (6 repetitions)": a score's origin
  std::vector<std::string> bands;  // personal beside population, one line per target and range
  std::string problem;             // why it cannot be applied now (exercise gone or changed); else empty
};

// One person's figures as the report shows them, read in one go when their page opens and again
// after each change.
struct PatientDetail {
  store::PatientSummary summary;
  std::vector<store::SessionRow> sessions;
  std::vector<store::WeekAdherence> weeks;
  std::vector<store::QualityPoint> quality;
  std::vector<store::PainPoint> pain;
  std::vector<store::OdiPoint> odi;
  std::vector<store::RomPoint> rangeOfMotion;
  std::vector<store::LevelChange> levelChanges;
  std::vector<store::ProgramAssignment> assignments;
  std::vector<std::string> contexts;  // assessment and session context labels, first use first
  std::vector<ReferenceEntry> references;
};

// The result of saving a program: its new version and what the next session would prescribe.
struct SavedProgram {
  store::ProgramAssignment assignment;
  store::PlannedSession next;
};

struct ImportedAssessment {
  std::vector<TestResult> results;
  std::vector<std::string> skipped;
  Program proposal;
};

class ClinicRecords {
 public:
  // `folder` holds one store per person; `db`, when given, is the one store to show instead.
  // `todayUnixS` is the date the console works at (summaries, and entries it dates).
  ClinicRecords(std::filesystem::path folder, std::optional<std::filesystem::path> db, std::vector<Exercise> library,
                double todayUnixS);

  const std::filesystem::path& folder() const { return folder_; }
  const std::vector<Exercise>& library() const { return library_; }
  double todayUnixS() const { return todayUnixS_; }

  // Every person of every store; `problems` gets one line per store that could not be read.
  std::vector<PatientEntry> patients(std::vector<std::string>& problems) const;
  // A new person in their own store in the folder (or in the --db store). Returns the store.
  Result<std::filesystem::path> addPatient(const store::PatientUpdate& update) const;

  Result<PatientDetail> detail(const PatientEntry& entry) const;
  // One session opened: its repetitions and the bands each exercise was scored with.
  struct SessionRecord {
    std::vector<store::RepetitionRow> repetitions;
    std::vector<store::ScoringBands> bands;
  };
  Result<SessionRecord> session(const PatientEntry& entry, std::int64_t sessionId) const;

  // Validates the program text against the library and assigns it from today as the next version.
  Result<SavedProgram> saveProgram(const PatientEntry& entry, const std::string& programText) const;
  // What `lumbo program next` prints for the program in force today.
  Result<store::PlannedSession> nextSession(const PatientEntry& entry, const Program& program) const;
  Result<Program> programInForce(const PatientEntry& entry) const;

  Status saveOdi(const PatientEntry& entry, const std::array<std::optional<int>, 10>& sections) const;
  Status savePain(const PatientEntry& entry, int nrs) const;
  Status saveNotes(const PatientEntry& entry, const std::string& notes) const;
  // `lumbo assess` over the recordings, stored with the context.
  Result<ImportedAssessment> importAssessment(const PatientEntry& entry, const std::vector<std::filesystem::path>& recordings,
                                              const std::string& context) const;
  // The latest stored assessment run again from its recordings (when they are still there), for
  // its proposed program.
  Result<ImportedAssessment> latestAssessmentProposal(const PatientEntry& entry) const;
  // `lumbo report` and `lumbo export --format fhir`: the paths written.
  Result<std::vector<std::filesystem::path>> writeReport(const PatientEntry& entry, const std::filesystem::path& outDir,
                                                         bool replace) const;
  Result<std::filesystem::path> exportFhir(const PatientEntry& entry, const std::filesystem::path& out, bool replace) const;

 private:
  Result<store::SessionStore> open(const PatientEntry& entry) const;

  std::filesystem::path folder_;
  std::optional<std::filesystem::path> db_;
  std::vector<Exercise> library_;
  double todayUnixS_;
};

// The bundled program templates (assets/programs), each loaded against the library; the ones
// that do not load are left out.
std::vector<std::pair<std::filesystem::path, Program>> programTemplates(const std::vector<Exercise>& library);

}  // namespace lumbo::app
