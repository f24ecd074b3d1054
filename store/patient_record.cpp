// Reading and writing the patient record, with the landing date checked against sessions.
#include "store/patient_record.h"

#include "store/queries.h"

namespace lumbo::store {

namespace {

PatientRecord read(const Statement& s) {
  PatientRecord p;
  p.id = s.getText(0);
  if (!s.isNull(1)) p.name = s.getText(1);
  if (!s.isNull(2)) p.landingDate = s.getText(2);
  p.notes = s.getText(3);
  p.createdUnixS = s.getDouble(4);
  return p;
}

constexpr const char* kColumns = "SELECT id, display_name, landing_date, notes, created_unix_s FROM person ";

}  // namespace

std::optional<PatientRecord> findPatient(SessionStore& store, const std::string& id) {
  auto s = store.connection().prepare(std::string(kColumns) + "WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read(s);
}

std::vector<PatientRecord> patients(SessionStore& store) {
  auto s = store.connection().prepare(std::string(kColumns) + "ORDER BY id");
  std::vector<PatientRecord> out;
  while (s.step()) out.push_back(read(s));
  return out;
}

Status savePatient(SessionStore& store, const PatientUpdate& u) {
  if (u.id.empty()) return Error{"a person needs an id"};
  Connection& db = store.connection();
  Transaction t(db);
  if (u.landingDate) {
    const auto landing = parseUtcDate(*u.landingDate);
    if (!landing) return Error{"--landing-date: '" + *u.landingDate + "' is no date (want YYYY-MM-DD)"};
    auto s = db.prepare("SELECT min(start_unix_s) FROM session WHERE person_id = ? AND stage != '' AND start_unix_s < ?");
    s.bind(1, u.id).bind(2, *landing);
    if (s.step() && !s.isNull(0)) {
      return Error{"--landing-date " + *u.landingDate + " is after " + u.id + "'s session of " + utcDate(s.getDouble(0)) +
                   ", whose stage was chosen by days since landing; nothing was changed"};
    }
  }
  db.prepare("INSERT INTO person(id, created_unix_s) VALUES(?, unixepoch('now')) ON CONFLICT(id) DO NOTHING").bind(1, u.id).run();
  if (u.name) db.prepare("UPDATE person SET display_name = ? WHERE id = ?").bind(1, *u.name).bind(2, u.id).run();
  if (u.landingDate) db.prepare("UPDATE person SET landing_date = ? WHERE id = ?").bind(1, *u.landingDate).bind(2, u.id).run();
  if (u.notes) db.prepare("UPDATE person SET notes = ? WHERE id = ?").bind(1, *u.notes).bind(2, u.id).run();
  t.commit();
  return Done{};
}

Result<bool> registerPatient(const std::filesystem::path& db, const PatientUpdate& update) {
  const bool existed = std::filesystem::exists(db);
  auto opened = SessionStore::open(db);
  if (!opened) return Error{opened.error()};
  const bool known = opened->person(update.id).has_value();
  if (auto s = savePatient(*opened, update); !s) {
    if (!existed) {
      opened = Error{"closed"};
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
    }
    return Error{s.error()};
  }
  return known;
}

}  // namespace lumbo::store
