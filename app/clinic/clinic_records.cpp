// The console's reads and writes over the person's store, through the commands' own code.
#include "app/clinic/clinic_records.h"

#include <algorithm>
#include <set>

#include "store/assessment_import.h"
#include "store/export.h"
#include "store/output_guard.h"
#include "store/outcomes.h"
#include "store/patient_record.h"
#include "store/personal_references.h"
#include "store/report.h"

namespace lumbo::app {

ClinicRecords::ClinicRecords(std::filesystem::path folder, std::optional<std::filesystem::path> db, std::vector<Exercise> library,
                             double todayUnixS)
    : folder_(std::move(folder)), db_(std::move(db)), library_(std::move(library)), todayUnixS_(todayUnixS) {}

std::vector<PatientEntry> ClinicRecords::patients(std::vector<std::string>& problems) const {
  std::vector<std::filesystem::path> files;
  if (db_) {
    files.push_back(*db_);
  } else {
    files = store::storesInFolder(folder_);
  }
  std::vector<PatientEntry> out;
  for (const auto& f : files) {
    auto opened = store::SessionStore::open(f, store::OpenOptions{.create = false});
    if (!opened) {
      problems.push_back(opened.error());
      continue;
    }
    for (const store::PatientRecord& p : store::patients(*opened)) {
      out.push_back({store::summarizePatient(*opened, p.id, todayUnixS_), f});
    }
  }
  return out;
}

Result<std::filesystem::path> ClinicRecords::addPatient(const store::PatientUpdate& update) const {
  if (auto st = store::checkPersonId(update.id); !st) return Error{"ID: " + st.error()};
  if (update.landingDate && !update.landingDate->empty() && !store::parseUtcDate(*update.landingDate)) {
    return Error{"Landing date: '" + *update.landingDate + "' is no date (want YYYY-MM-DD)"};
  }
  const std::filesystem::path db = db_ ? *db_ : folder_ / (update.id + ".lumbo.sqlite");
  if (!db_) {
    std::error_code ec;
    std::filesystem::create_directories(folder_, ec);
    std::filesystem::permissions(folder_, std::filesystem::perms::owner_all, ec);
  }
  auto registered = store::registerPatient(db, update);
  if (!registered) return Error{registered.error()};
  if (*registered) return Error{"ID: " + update.id + " is already registered in " + db.string()};
  return db;
}

Result<store::SessionStore> ClinicRecords::open(const PatientEntry& entry) const {
  auto opened = store::SessionStore::open(entry.db, store::OpenOptions{.create = false});
  if (!opened) return Error{opened.error()};
  if (!opened->person(entry.summary.patient.id)) return Error{"unknown person '" + entry.summary.patient.id + "' in " + entry.db.string()};
  return opened;
}

Result<PatientDetail> ClinicRecords::detail(const PatientEntry& entry) const {
  auto db = open(entry);
  if (!db) return Error{db.error()};
  const std::string& id = entry.summary.patient.id;
  PatientDetail d;
  d.summary = store::summarizePatient(*db, id, todayUnixS_);
  store::Queries q(*db);
  d.sessions = q.sessions(id);
  d.weeks = q.weeklyAdherence(id);
  d.quality = q.qualityOverTime(id);
  d.pain = q.painTrend(id);
  d.odi = q.oswestry(id);
  d.rangeOfMotion = q.rangeOfMotion(id);
  d.levelChanges = q.levelChanges(id);
  d.assignments = store::programAssignments(*db, id);
  std::set<std::string> seen;
  auto addContext = [&](const std::string& c) {
    if (!c.empty() && seen.insert(c).second) d.contexts.push_back(c);
  };
  for (const store::RomPoint& r : d.rangeOfMotion) addContext(r.context);
  for (const store::SessionRow& s : d.sessions) addContext(s.context);
  for (const store::StoredReference& r : store::personalReferencesOf(*db, id)) {
    ReferenceEntry e{r.exerciseId, store::utcDate(r.setUnixS), r.sourceFile, {}, {}, {}};
    const Exercise* exercise = findExercise(library_, r.exerciseId);
    if (!exercise) {
      e.problem = "not in the exercise library";
    } else if (auto pe = store::personalExerciseOf(*db, id, *exercise); !pe) {
      e.problem = pe.error();
    } else if (*pe) {
      e.source = (*pe)->source;
      e.bands = bandComparisonLines(*exercise, (*pe)->exercise);
    }
    d.references.push_back(std::move(e));
  }
  return d;
}

Result<ClinicRecords::SessionRecord> ClinicRecords::session(const PatientEntry& entry, std::int64_t sessionId) const {
  auto db = open(entry);
  if (!db) return Error{db.error()};
  store::Queries q(*db);
  return SessionRecord{q.repetitions(sessionId), q.bands(sessionId)};
}

Result<SavedProgram> ClinicRecords::saveProgram(const PatientEntry& entry, const std::string& programText) const {
  auto db = open(entry);
  if (!db) return Error{db.error()};
  const std::string& id = entry.summary.patient.id;
  auto assigned = store::assignProgram(*db, id, programText, "program editor", library_, todayUnixS_, todayUnixS_);
  if (!assigned) return Error{assigned.error()};
  auto program = store::programOf(*assigned, library_);
  if (!program) return Error{program.error()};
  auto next = store::planSessionAt(*db, id, *program, library_, todayUnixS_);
  if (!next) return Error{"assigned version " + std::to_string(assigned->version) + ", but the next session cannot be planned: " + next.error()};
  return SavedProgram{*assigned, std::move(next).value()};
}

Result<store::PlannedSession> ClinicRecords::nextSession(const PatientEntry& entry, const Program& program) const {
  auto db = open(entry);
  if (!db) return Error{db.error()};
  return store::planSessionAt(*db, entry.summary.patient.id, program, library_, todayUnixS_);
}

Result<Program> ClinicRecords::programInForce(const PatientEntry& entry) const {
  auto db = open(entry);
  if (!db) return Error{db.error()};
  auto assigned = store::programInForce(*db, entry.summary.patient.id, todayUnixS_);
  if (!assigned) return Error{"no program assigned yet"};
  return store::programOf(*assigned, library_);
}

Status ClinicRecords::saveOdi(const PatientEntry& entry, const std::array<std::optional<int>, 10>& sections) const {
  store::OswestryRecord odi{entry.summary.patient.id, todayUnixS_, sections};
  int answered = 0;
  for (const auto& s : sections) answered += s ? 1 : 0;
  if (answered < store::kOdiMinAnswered) {
    return Error{"only " + std::to_string(answered) + " of 10 sections answered; the published method scores at most one "
                 "unanswered section"};
  }
  auto db = open(entry);
  if (!db) return Error{db.error()};
  db->addOswestry(odi);
  return Done{};
}

Status ClinicRecords::savePain(const PatientEntry& entry, int nrs) const {
  if (nrs < 0 || nrs > 10) return Error{"pain: " + std::to_string(nrs) + " is not from 0 to 10"};
  auto db = open(entry);
  if (!db) return Error{db.error()};
  db->addPain(store::PainRecord{entry.summary.patient.id, todayUnixS_, nrs, "other"});
  return Done{};
}

Status ClinicRecords::saveNotes(const PatientEntry& entry, const std::string& notes) const {
  auto db = open(entry);
  if (!db) return Error{db.error()};
  store::PatientUpdate u;
  u.id = entry.summary.patient.id;
  u.notes = notes;
  return store::savePatient(*db, u);
}

Result<ImportedAssessment> ClinicRecords::importAssessment(const PatientEntry& entry, const std::vector<std::filesystem::path>& recordings,
                                                           const std::string& context) const {
  if (recordings.empty()) return Error{"Recordings: give at least one recording"};
  auto db = open(entry);
  if (!db) return Error{db.error()};
  store::AssessedRecordings assessed = store::assessRecordings(recordings, library_);
  if (assessed.results.empty()) {
    std::string why = "no recording held a test of the battery";
    for (const std::string& s : assessed.skipped) why += "; " + s;
    return Error{why};
  }
  db->addAssessment(store::assessmentRecordOf(entry.summary.patient.id, todayUnixS_, context, assessed.results));
  ImportedAssessment out{std::move(assessed.results), std::move(assessed.skipped), {}};
  out.proposal = proposeProgram(out.results, library_);
  return out;
}

Result<ImportedAssessment> ClinicRecords::latestAssessmentProposal(const PatientEntry& entry) const {
  auto db = open(entry);
  if (!db) return Error{db.error()};
  const auto all = store::storedAssessments(*db, entry.summary.patient.id);
  if (all.empty()) return Error{"no assessment recorded yet"};
  std::vector<std::filesystem::path> sources;
  for (const store::FindingRecord& f : all.back().findings) {
    if (std::find(sources.begin(), sources.end(), f.source) == sources.end() && std::filesystem::exists(f.source)) {
      sources.emplace_back(f.source);
    }
  }
  if (sources.empty()) return Error{"the latest assessment's recordings are no longer where they were"};
  store::AssessedRecordings assessed = store::assessRecordings(sources, library_);
  if (assessed.results.empty()) return Error{"the latest assessment's recordings hold no test of the battery"};
  ImportedAssessment out{std::move(assessed.results), std::move(assessed.skipped), {}};
  out.proposal = proposeProgram(out.results, library_);
  return out;
}

Result<std::vector<std::filesystem::path>> ClinicRecords::writeReport(const PatientEntry& entry, const std::filesystem::path& outDir,
                                                                      bool replace) const {
  const std::vector<std::filesystem::path> inputs{entry.db};
  if (auto st = store::checkOutputFolder(outDir, "report.html", {inputs, replace}); !st) return Error{st.error()};
  auto db = open(entry);
  if (!db) return Error{db.error()};
  store::ReportOptions options;
  options.personId = entry.summary.patient.id;
  options.outDir = outDir;
  return store::writeReport(*db, options);
}

Result<std::filesystem::path> ClinicRecords::exportFhir(const PatientEntry& entry, const std::filesystem::path& out, bool replace) const {
  const std::vector<std::filesystem::path> inputs{entry.db};
  if (auto st = store::checkOutput(out, {inputs, replace}); !st) return Error{st.error()};
  auto db = open(entry);
  if (!db) return Error{db.error()};
  store::ExportOptions options;
  options.personId = entry.summary.patient.id;
  options.format = store::ExportFormat::Fhir;
  options.out = out;
  if (auto st = store::exportPerson(*db, options); !st) return Error{st.error()};
  return out;
}

std::vector<std::pair<std::filesystem::path, Program>> programTemplates(const std::vector<Exercise>& library) {
  std::vector<std::pair<std::filesystem::path, Program>> out;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(defaultProgramFolder(), ec)) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    if (auto p = loadProgram(f, &library)) out.emplace_back(f, std::move(p).value());
  }
  return out;
}

}  // namespace lumbo::app
