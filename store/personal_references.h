// The personal references a store keeps: each one set for a person and an exercise (its bands as
// JSON, the recording it was made from, when and from which file); the latest is in force.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "body/result.h"
#include "exercises/exercise.h"
#include "exercises/personal_reference.h"
#include "store/session_store.h"

namespace lumbo::store {

struct StoredReference {
  std::string personId;
  std::string exerciseId;
  double setUnixS = 0.0;
  std::string sourceFile;
  std::string bandsJson;  // exercises/personal_reference.h's storage form
  std::string traceText;  // the reference recording, as read
};

// Stores it as the person's reference for the exercise from now on. The person must exist.
Status setPersonalReference(SessionStore& store, const StoredReference& reference);
// The one in force (the latest set), if any.
std::optional<StoredReference> personalReferenceOf(SessionStore& store, const std::string& personId,
                                                   const std::string& exerciseId);
// The one in force for each exercise that has one, by exercise id.
std::vector<StoredReference> personalReferencesOf(SessionStore& store, const std::string& personId);

// The exercise with the person's stored reference in force applied, and where its bands came
// from ("personal reference of P set on DATE from FILE ..."); nullopt when the person has none
// for it. A stored reference that no longer fits the exercise file is an error saying so.
struct PersonalExercise {
  Exercise exercise;
  std::string source;
  StoredReference stored;
};
Result<std::optional<PersonalExercise>> personalExerciseOf(SessionStore& store, const std::string& personId,
                                                           const Exercise& exercise);

}  // namespace lumbo::store
