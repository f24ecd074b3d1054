// The store's schema: every version's DDL, kept so old databases can be created in tests and
// migrated forward, and the checks that tell our files from foreign ones.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace lumbo::store {

// PRAGMA application_id of every Lumbo store ("LMBO"): a SQLite file without it is not ours.
inline constexpr std::int32_t kApplicationId = 0x4C4D424F;

// Version 1: people, programs, sessions, sets, repetitions with faults, holds, events, pain,
// Oswestry questionnaires and assessments.
extern const std::string_view kSchemaV1;

// Version 2: reduced-rate posture samples for charts, and a context label on sessions and
// assessments ("pre-flight", "post-flight") for before/after comparisons.
extern const std::string_view kMigrationV1ToV2;

// Version 3: a repetition's quality may be NULL (tracking of a scored metric was lost during it:
// it counts, but has no quality), and how long tracking was lost inside it is kept.
extern const std::string_view kMigrationV2ToV3;

// Version 4: the clinical loop. A person's landing date and notes; each program assignment's
// file content, key, ODI interval and whether it is staged (a new assignment of the same program
// is a new version); each session's plan (prescribed exercises, levels, sets, repetitions, hold
// seconds, minutes, with the decision and its reason) and stage; level decisions taken outside a
// session; an assessment's findings; each person's pseudonym and date shift for de-identified
// exports.
extern const std::string_view kMigrationV3ToV4;

// Version 5: pain check-ins between sets and pain stops are event kinds.
extern const std::string_view kMigrationV4ToV5;

// Version 6: the event kinds of a therapist's live actions (exercise_ended, repetitions_change,
// message) join the CHECK of event.kind.
extern const std::string_view kMigrationV5ToV6;

// Version 7: personal references (bands from the person's own good repetitions, the recording
// they came from, when and from which file).
extern const std::string_view kMigrationV6ToV7;

// Version 8: the render quality a live session's frames were drawn at: per level (eye size and
// MSAA samples), how many frames and how many of them were shown on time.
extern const std::string_view kMigrationV7ToV8;

// Version 9: the rest between sets each session's plan prescribed, and the bands each exercise of
// a session was scored with, with where they came from (population or personal reference).
extern const std::string_view kMigrationV8ToV9;

inline constexpr int kSchemaVersion = 9;

// migrations()[i] turns version i+1 into version i+2.
std::span<const std::string_view> migrations();

}  // namespace lumbo::store
