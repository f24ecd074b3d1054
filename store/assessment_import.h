// An assessment taken from recordings, as `lumbo assess` and the therapist's console both do it:
// the battery run over each recording (one that holds none of its tests is skipped with the
// reason), and its findings and measured values as the record stored with a context.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "exercises/assessment.h"
#include "exercises/exercise.h"
#include "store/session_records.h"
#include "store/session_store.h"

namespace lumbo::store {

struct AssessedRecordings {
  std::vector<TestResult> results;
  std::vector<std::string> skipped;  // "FILE: why", one per recording that gave no test
};

// Reads and assesses each recording in turn; never throws for a bad file.
AssessedRecordings assessRecordings(const std::vector<std::filesystem::path>& recordings, const std::vector<Exercise>& library);

// The stored form of an assessment: every feature's value (quality scores, which have no unit,
// as UCUM's "{score}") and its finding.
AssessmentRecord assessmentRecordOf(const std::string& personId, double atUnixS, const std::string& context,
                                    const std::vector<TestResult>& results);

// An assessment as stored: when, with which context, and its findings (each naming its recording).
struct StoredAssessment {
  std::int64_t id = 0;
  double unixS = 0.0;
  std::string context;
  std::vector<FindingRecord> findings;
};
// The person's assessments, oldest first.
std::vector<StoredAssessment> storedAssessments(SessionStore& store, const std::string& personId);

}  // namespace lumbo::store
