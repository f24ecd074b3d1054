// The patient record: who a person in the store is to their therapist (a name if one was typed,
// an astronaut's landing date, free notes), created or updated by `lumbo patient add`.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "body/result.h"
#include "store/session_store.h"

namespace lumbo::store {

struct PatientRecord {
  std::string id;
  std::optional<std::string> name;
  std::optional<std::string> landingDate;  // YYYY-MM-DD (UTC)
  std::string notes;
  double createdUnixS = 0.0;
};

// What `patient add` changes: unset fields keep their stored value.
struct PatientUpdate {
  std::string id;
  std::optional<std::string> name;
  std::optional<std::string> landingDate;
  std::optional<std::string> notes;
};

std::optional<PatientRecord> findPatient(SessionStore& store, const std::string& id);
std::vector<PatientRecord> patients(SessionStore& store);

// Creates the person or updates the given fields, in one transaction. Refuses, writing nothing,
// a landing date that is no date or one after a session whose stage came from it (a session of
// a staged program: its days since landing would turn negative).
Status savePatient(SessionStore& store, const PatientUpdate& update);

// `lumbo patient add` and the console's "Add patient": opens the store at `db` (created 0600
// when missing), saves the record and answers whether the person was already there. A store
// made for this call alone is removed again when the record is refused, so a refused entry
// leaves the data folder as it was.
Result<bool> registerPatient(const std::filesystem::path& db, const PatientUpdate& update);

}  // namespace lumbo::store
