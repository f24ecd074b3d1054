// The DDL of each schema version and the forward migrations between them.
#include "store/schema.h"

#include <array>

namespace lumbo::store {

// Times are seconds: *_unix_s since the epoch (UTC), *_s since the session's start. Quality is
// 0-100, pain 0-10, Oswestry sections 0-5 (NULL when not answered).
const std::string_view kSchemaV1 = R"sql(
CREATE TABLE person(
  id TEXT PRIMARY KEY,
  display_name TEXT,
  created_unix_s REAL NOT NULL);
CREATE TABLE program(
  id INTEGER PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES person(id),
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  sessions_per_week INTEGER NOT NULL,
  minutes_per_session REAL NOT NULL,
  start_unix_s REAL NOT NULL,
  UNIQUE(person_id, name, version));
CREATE TABLE program_exercise(
  program_id INTEGER NOT NULL REFERENCES program(id),
  exercise_id TEXT NOT NULL,
  sets INTEGER NOT NULL,
  reps_per_set INTEGER NOT NULL,
  hold_s REAL NOT NULL,
  PRIMARY KEY(program_id, exercise_id));
CREATE TABLE session(
  id INTEGER PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES person(id),
  program_id INTEGER REFERENCES program(id),
  start_unix_s REAL NOT NULL,
  end_unix_s REAL,
  status TEXT NOT NULL CHECK(status IN ('open', 'completed', 'interrupted')),
  source TEXT NOT NULL);
CREATE INDEX session_by_person ON session(person_id, start_unix_s);
CREATE TABLE exercise_set(
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES session(id),
  exercise_id TEXT NOT NULL,
  set_index INTEGER NOT NULL,
  level INTEGER NOT NULL,
  prescribed_reps INTEGER NOT NULL,
  start_s REAL NOT NULL,
  end_s REAL NOT NULL);
CREATE INDEX exercise_set_by_session ON exercise_set(session_id);
CREATE TABLE repetition(
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES session(id),
  exercise_id TEXT NOT NULL,
  set_index INTEGER NOT NULL,
  rep_index INTEGER NOT NULL,
  start_s REAL NOT NULL,
  end_s REAL NOT NULL,
  quality REAL NOT NULL CHECK(quality BETWEEN 0 AND 100));
CREATE INDEX repetition_by_session ON repetition(session_id);
CREATE TABLE fault(
  repetition_id INTEGER NOT NULL REFERENCES repetition(id),
  metric TEXT NOT NULL,
  text TEXT NOT NULL,
  magnitude REAL NOT NULL,
  duration_s REAL NOT NULL);
CREATE INDEX fault_by_repetition ON fault(repetition_id);
CREATE TABLE hold(
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES session(id),
  exercise_id TEXT NOT NULL,
  set_index INTEGER NOT NULL,
  hold_index INTEGER NOT NULL,
  start_s REAL NOT NULL,
  target_s REAL NOT NULL,
  held_s REAL NOT NULL,
  quality REAL NOT NULL CHECK(quality BETWEEN 0 AND 100));
CREATE INDEX hold_by_session ON hold(session_id);
CREATE TABLE event(
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES session(id),
  time_s REAL NOT NULL,
  kind TEXT NOT NULL CHECK(kind IN ('tracking_lost', 'tracking_regained', 'pause', 'resume',
                                    'calibration', 'level_change')),
  exercise_id TEXT NOT NULL,
  from_level INTEGER NOT NULL,
  to_level INTEGER NOT NULL,
  detail TEXT NOT NULL);
CREATE INDEX event_by_session ON event(session_id);
CREATE TABLE pain(
  id INTEGER PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES person(id),
  session_id INTEGER REFERENCES session(id),
  unix_s REAL NOT NULL,
  phase TEXT NOT NULL CHECK(phase IN ('before', 'after', 'other')),
  score INTEGER NOT NULL CHECK(score BETWEEN 0 AND 10));
CREATE TABLE oswestry(
  id INTEGER PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES person(id),
  unix_s REAL NOT NULL,
  s1 INTEGER CHECK(s1 BETWEEN 0 AND 5), s2 INTEGER CHECK(s2 BETWEEN 0 AND 5),
  s3 INTEGER CHECK(s3 BETWEEN 0 AND 5), s4 INTEGER CHECK(s4 BETWEEN 0 AND 5),
  s5 INTEGER CHECK(s5 BETWEEN 0 AND 5), s6 INTEGER CHECK(s6 BETWEEN 0 AND 5),
  s7 INTEGER CHECK(s7 BETWEEN 0 AND 5), s8 INTEGER CHECK(s8 BETWEEN 0 AND 5),
  s9 INTEGER CHECK(s9 BETWEEN 0 AND 5), s10 INTEGER CHECK(s10 BETWEEN 0 AND 5));
CREATE TABLE assessment(
  id INTEGER PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES person(id),
  unix_s REAL NOT NULL,
  name TEXT NOT NULL);
CREATE TABLE assessment_value(
  assessment_id INTEGER NOT NULL REFERENCES assessment(id),
  name TEXT NOT NULL,
  value REAL NOT NULL,
  unit TEXT NOT NULL);
CREATE INDEX assessment_value_by_assessment ON assessment_value(assessment_id);
)sql";

// Samples are keyed by (session, milliseconds) without a rowid: one B-tree, no extra index, which
// keeps an hour of 10 Hz samples near 2-3 MB. The ten metrics are packed as little-endian
// float32 in metric order (body/posture.h MetricId); masks say which are available and measured.
const std::string_view kMigrationV1ToV2 = R"sql(
ALTER TABLE session ADD COLUMN context TEXT NOT NULL DEFAULT '';
ALTER TABLE assessment ADD COLUMN context TEXT NOT NULL DEFAULT '';
CREATE TABLE posture_sample(
  session_id INTEGER NOT NULL REFERENCES session(id),
  t_ms INTEGER NOT NULL,
  metrics BLOB NOT NULL,
  available_mask INTEGER NOT NULL,
  measured_mask INTEGER NOT NULL,
  tracked_devices INTEGER NOT NULL,
  PRIMARY KEY(session_id, t_ms)) WITHOUT ROWID;
)sql";

// SQLite cannot relax NOT NULL in place: the table is rebuilt (the documented create-copy-drop-
// rename procedure; open() runs migrations with foreign keys off and checks them afterwards).
const std::string_view kMigrationV2ToV3 = R"sql(
CREATE TABLE repetition_v3(
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES session(id),
  exercise_id TEXT NOT NULL,
  set_index INTEGER NOT NULL,
  rep_index INTEGER NOT NULL,
  start_s REAL NOT NULL,
  end_s REAL NOT NULL,
  quality REAL CHECK(quality BETWEEN 0 AND 100),
  tracking_lost_s REAL NOT NULL DEFAULT 0);
INSERT INTO repetition_v3(id, session_id, exercise_id, set_index, rep_index, start_s, end_s, quality)
  SELECT id, session_id, exercise_id, set_index, rep_index, start_s, end_s, quality FROM repetition;
DROP TABLE repetition;
ALTER TABLE repetition_v3 RENAME TO repetition;
CREATE INDEX repetition_by_session ON repetition(session_id);
)sql";

// The program in force is kept as the file's own text, so a session can always be traced to the
// exact prescription it followed, even after the file on disk was edited or deleted. Each
// session's plan is stored beside it: adherence compares with what was asked of that session,
// not with the sets it happened to start. Level decisions outside a session (`program next
// --apply`) have no session to hang an event on, so they get their own table. De-identified
// exports keep one pseudonym and one date shift per person, so two exports of one person agree
// and exports of two people stay apart.
const std::string_view kMigrationV3ToV4 = R"sql(
ALTER TABLE person ADD COLUMN landing_date TEXT;
ALTER TABLE person ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE program ADD COLUMN program_key TEXT NOT NULL DEFAULT '';
ALTER TABLE program ADD COLUMN content TEXT NOT NULL DEFAULT '';
ALTER TABLE program ADD COLUMN assigned_unix_s REAL;
ALTER TABLE program ADD COLUMN odi_every_days INTEGER;
ALTER TABLE program ADD COLUMN staged INTEGER NOT NULL DEFAULT 0;
ALTER TABLE session ADD COLUMN stage TEXT NOT NULL DEFAULT '';
CREATE TABLE session_plan(
  session_id INTEGER NOT NULL REFERENCES session(id),
  position INTEGER NOT NULL,
  exercise_id TEXT NOT NULL,
  level INTEGER NOT NULL,
  sets INTEGER NOT NULL,
  reps_per_set INTEGER NOT NULL,
  hold_s REAL NOT NULL,
  minutes REAL NOT NULL,
  decision TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(session_id, position)) WITHOUT ROWID;
CREATE TABLE level_decision(
  id INTEGER PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES person(id),
  program_id INTEGER REFERENCES program(id),
  unix_s REAL NOT NULL,
  exercise_id TEXT NOT NULL,
  from_level INTEGER NOT NULL,
  to_level INTEGER NOT NULL,
  reason TEXT NOT NULL);
CREATE TABLE assessment_finding(
  assessment_id INTEGER NOT NULL REFERENCES assessment(id),
  source TEXT NOT NULL,
  test TEXT NOT NULL,
  feature_id TEXT NOT NULL,
  suboptimal INTEGER NOT NULL,
  finding TEXT NOT NULL);
CREATE INDEX assessment_finding_by_assessment ON assessment_finding(assessment_id);
CREATE TABLE pseudonym(
  person_id TEXT PRIMARY KEY REFERENCES person(id),
  pseudonym TEXT NOT NULL UNIQUE,
  shift_days INTEGER NOT NULL);
)sql";

// Pain during a session is an event: each check-in between sets and the stop it caused. The
// kinds are a CHECK constraint, so the table is rebuilt (create-copy-drop-rename, as for v3).
const std::string_view kMigrationV4ToV5 = R"sql(
CREATE TABLE event_v5(
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES session(id),
  time_s REAL NOT NULL,
  kind TEXT NOT NULL CHECK(kind IN ('tracking_lost', 'tracking_regained', 'pause', 'resume',
                                    'calibration', 'level_change', 'pain_check', 'pain_stop')),
  exercise_id TEXT NOT NULL,
  from_level INTEGER NOT NULL,
  to_level INTEGER NOT NULL,
  detail TEXT NOT NULL);
INSERT INTO event_v5(id, session_id, time_s, kind, exercise_id, from_level, to_level, detail)
  SELECT id, session_id, time_s, kind, exercise_id, from_level, to_level, detail FROM event;
DROP TABLE event;
ALTER TABLE event_v5 RENAME TO event;
CREATE INDEX event_by_session ON event(session_id);
)sql";

// A therapist's live actions (lumbo monitor) are events too: ending the exercise, changing its
// repetitions, a message. A CHECK cannot be changed in place either: the table is rebuilt again.
const std::string_view kMigrationV5ToV6 = R"sql(
CREATE TABLE event_v6(
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES session(id),
  time_s REAL NOT NULL,
  kind TEXT NOT NULL CHECK(kind IN ('tracking_lost', 'tracking_regained', 'pause', 'resume',
                                    'calibration', 'level_change', 'pain_check', 'pain_stop',
                                    'exercise_ended', 'repetitions_change', 'message')),
  exercise_id TEXT NOT NULL,
  from_level INTEGER NOT NULL,
  to_level INTEGER NOT NULL,
  detail TEXT NOT NULL);
INSERT INTO event_v6(id, session_id, time_s, kind, exercise_id, from_level, to_level, detail)
  SELECT id, session_id, time_s, kind, exercise_id, from_level, to_level, detail FROM event;
DROP TABLE event;
ALTER TABLE event_v6 RENAME TO event;
CREATE INDEX event_by_session ON event(session_id);
)sql";

// Version 7: personal references. A therapist's recording of the person's good repetitions of an
// exercise: the bands made from it (JSON, with their origin), the recording itself (the person's
// ghost), when it was set and from which file. A later one for the same exercise replaces the
// earlier as the one in force; the earlier ones are kept.
const std::string_view kMigrationV6ToV7 = R"sql(
CREATE TABLE personal_reference(
  id INTEGER PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES person(id),
  exercise_id TEXT NOT NULL,
  set_unix_s REAL NOT NULL,
  source_file TEXT NOT NULL,
  bands_json TEXT NOT NULL,
  trace_text TEXT NOT NULL);
CREATE INDEX personal_reference_by_person ON personal_reference(person_id, exercise_id);
)sql";

// Version 8: the render quality frames were drawn at, per level, with how many were on time, so
// a session's report can say whether the headset kept its frame rate.
const std::string_view kMigrationV7ToV8 = R"sql(
CREATE TABLE render_quality(
  session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
  mode TEXT NOT NULL CHECK(mode IN ('auto', 'high', 'low', 'fixed')),
  width_px INTEGER NOT NULL CHECK(width_px > 0),
  height_px INTEGER NOT NULL CHECK(height_px > 0),
  samples INTEGER NOT NULL CHECK(samples > 0),
  frames INTEGER NOT NULL CHECK(frames >= 0),
  frames_on_time INTEGER NOT NULL CHECK(frames_on_time >= 0 AND frames_on_time <= frames));
CREATE INDEX render_quality_by_session ON render_quality(session_id);
)sql";

// Version 9: what a session's record lacked to be read later without guessing. The rest between
// sets was prescribed but not kept; and a quality only means something beside the bands it was
// measured against, which a personal reference set later replaces.
const std::string_view kMigrationV8ToV9 = R"sql(
ALTER TABLE session_plan ADD COLUMN rest_s REAL NOT NULL DEFAULT 0 CHECK(rest_s >= 0);
CREATE TABLE session_bands(
  session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
  exercise_id TEXT NOT NULL,
  source TEXT NOT NULL,
  bands_json TEXT NOT NULL,
  PRIMARY KEY(session_id, exercise_id)) WITHOUT ROWID;
)sql";

std::span<const std::string_view> migrations() {
  static const std::array<std::string_view, 8> kMigrations = {kMigrationV1ToV2, kMigrationV2ToV3, kMigrationV3ToV4,
                                                              kMigrationV4ToV5, kMigrationV5ToV6, kMigrationV6ToV7,
                                                              kMigrationV7ToV8, kMigrationV8ToV9};
  static_assert(kMigrations.size() == kSchemaVersion - 1);
  return kMigrations;
}

}  // namespace lumbo::store
