// Running the assessment battery over recordings and turning its results into a stored record.
#include "store/assessment_import.h"

#include "body/trace.h"

namespace lumbo::store {

AssessedRecordings assessRecordings(const std::vector<std::filesystem::path>& recordings, const std::vector<Exercise>& library) {
  AssessedRecordings out;
  for (const std::filesystem::path& path : recordings) {
    auto trace = readTrace(path);
    Result<TestResult> r = trace ? assessTrace(*trace, path.string(), library) : Result<TestResult>(Error{trace.error()});
    if (!r) {
      out.skipped.push_back(r.error());
      continue;
    }
    out.results.push_back(std::move(r).value());
  }
  return out;
}

AssessmentRecord assessmentRecordOf(const std::string& personId, double atUnixS, const std::string& context,
                                    const std::vector<TestResult>& results) {
  AssessmentRecord a;
  a.personId = personId;
  a.unixS = atUnixS;
  a.name = "assessment battery";
  a.context = context;
  for (const TestResult& t : results) {
    for (const AssessmentFeature& f : t.features) {
      a.values.push_back({f.id, f.value, f.unit.empty() ? "{score}" : f.unit});
      a.findings.push_back({t.source, t.test, f.id, f.suboptimal, f.finding});
    }
  }
  return a;
}

std::vector<StoredAssessment> storedAssessments(SessionStore& store, const std::string& personId) {
  std::vector<StoredAssessment> out;
  auto s = store.connection().prepare("SELECT id, unix_s, context FROM assessment WHERE person_id = ? ORDER BY unix_s, id");
  s.bind(1, personId);
  while (s.step()) out.push_back({s.getInt(0), s.getDouble(1), s.getText(2), {}});
  for (StoredAssessment& a : out) {
    auto f = store.connection().prepare(
        "SELECT source, test, feature_id, suboptimal, finding FROM assessment_finding WHERE assessment_id = ? ORDER BY rowid");
    f.bind(1, a.id);
    while (f.step()) a.findings.push_back({f.getText(0), f.getText(1), f.getText(2), f.getInt(3) != 0, f.getText(4)});
  }
  return out;
}

}  // namespace lumbo::store
