// Personal references: a recording of the person's own good repetitions, made under a
// therapist's supervision, turned into the bands the person is scored against (their own range
// plus the exercise's margin, never wider than its safety limits), with every band's origin.
#pragma once

#include <string>
#include <vector>

#include "body/result.h"
#include "body/trace.h"
#include "exercises/exercise.h"

namespace lumbo {

struct PersonalReference {
  std::string exerciseId;
  std::string source;        // where it came from, in words: "reference trace ref.csv (4 repetitions)"
  int repetitions = 0;       // scored repetitions it was made from
  // Per target, all phases flattened as in the exercise file, in the signal's unit about neutral.
  std::vector<Band> bands;
  std::vector<double> reaches;  // per range target
};

// Scores `reference` against the exercise's population bands (level 1) and makes the person's
// bands from its first `maxRepetitions` scored repetitions (0: all). Refused, with every reason,
// when fewer than the exercise's minimum are scored or a repetition left a safety limit.
Result<PersonalReference> makePersonalReference(const Trace& reference, const Exercise& exercise,
                                                const std::string& source, int maxRepetitions = 0);

// The exercise with the reference's bands and reaches in place of the population's. The
// reference must have been made for this exercise (same id, same number of targets).
Result<Exercise> personalised(const Exercise& exercise, const PersonalReference& reference);

// The safety limit of a target: its population band scaled by the exercise's safety scale.
Band safetyBand(const Exercise& exercise, const Target& target);

// {"exercise", "source", "repetitions", "bands": [[min|null, max|null], ...], "reaches": [...]}:
// how the store keeps it. Parsing checks it against the exercise (`where` names the origin).
std::string personalReferenceJson(const PersonalReference& reference);
Result<PersonalReference> parsePersonalReference(const std::string& json, const Exercise& exercise,
                                                 const std::string& where);

// Each target's and range's personal band beside the population's, one line each, as `lumbo
// reference show` prints them and the console lists them:
// "lunge      trunk_lean_deg         up to 24.1 deg         (population up to 30.0 deg)".
std::vector<std::string> bandComparisonLines(const Exercise& population, const Exercise& personal);

// Which bands an exercise scores with and where each came from, for the score report:
// [{"phase", "signal", "min", "max", "source"}] plus the range targets' reaches.
std::string bandsUsedJson(const Exercise& exercise, int level, const std::string& source);
// The source bandsUsedJson names for an exercise file's own bands: "population bands of ID.json".
std::string populationBandsSource(const Exercise& exercise);

}  // namespace lumbo
