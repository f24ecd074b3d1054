// Personal references in the store.
#include "store/personal_references.h"

#include "store/queries.h"

namespace lumbo::store {

namespace {
constexpr const char* kColumns =
    "SELECT person_id, exercise_id, set_unix_s, source_file, bands_json, trace_text FROM personal_reference ";

StoredReference read(Statement& s) {
  return {s.getText(0), s.getText(1), s.getDouble(2), s.getText(3), s.getText(4), s.getText(5)};
}
}  // namespace

Status setPersonalReference(SessionStore& store, const StoredReference& r) {
  if (!store.person(r.personId)) return Error{"unknown person '" + r.personId + "' in " + store.path().string()};
  Connection& db = store.connection();
  Transaction t(db);
  db.prepare("INSERT INTO personal_reference(person_id, exercise_id, set_unix_s, source_file, bands_json, trace_text) "
             "VALUES(?, ?, ?, ?, ?, ?)")
      .bind(1, r.personId)
      .bind(2, r.exerciseId)
      .bind(3, r.setUnixS)
      .bind(4, r.sourceFile)
      .bind(5, r.bandsJson)
      .bind(6, r.traceText)
      .run();
  t.commit();
  return Done{};
}

std::optional<StoredReference> personalReferenceOf(SessionStore& store, const std::string& personId,
                                                   const std::string& exerciseId) {
  auto s = store.connection().prepare(std::string(kColumns) +
                                      "WHERE person_id = ? AND exercise_id = ? ORDER BY set_unix_s DESC, id DESC LIMIT 1");
  s.bind(1, personId).bind(2, exerciseId);
  if (!s.step()) return std::nullopt;
  return read(s);
}

std::vector<StoredReference> personalReferencesOf(SessionStore& store, const std::string& personId) {
  auto s = store.connection().prepare(std::string(kColumns) + "WHERE person_id = ? ORDER BY exercise_id, set_unix_s, id");
  s.bind(1, personId);
  std::vector<StoredReference> out;
  while (s.step()) {
    StoredReference r = read(s);
    if (!out.empty() && out.back().exerciseId == r.exerciseId) out.back() = std::move(r);
    else out.push_back(std::move(r));
  }
  return out;
}

Result<std::optional<PersonalExercise>> personalExerciseOf(SessionStore& store, const std::string& personId,
                                                           const Exercise& exercise) {
  auto stored = personalReferenceOf(store, personId, exercise.id);
  if (!stored) return std::optional<PersonalExercise>();
  auto ref = parsePersonalReference(stored->bandsJson, exercise,
                                    store.path().string() + ": personal reference of " + personId + " for " + exercise.id);
  if (!ref) return Error{ref.error()};
  auto ex = personalised(exercise, *ref);
  if (!ex) return Error{ex.error()};
  return std::optional<PersonalExercise>(PersonalExercise{
      std::move(*ex), "personal reference of " + personId + " set on " + utcDate(stored->setUnixS) + " from " + ref->source,
      std::move(*stored)});
}

}  // namespace lumbo::store
