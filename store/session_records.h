// Plain records the store keeps: what a session, its repetitions, holds, events, pain scores,
// questionnaires, assessments and reduced-rate posture samples are, independent of the engine.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "body/posture.h"

namespace lumbo::store {

// A person profile. The id is a pseudonym (e.g. "p01"); a display name exists only if the user
// typed one, and reports or exports never invent one.
struct PersonRecord {
  std::string id;
  std::optional<std::string> displayName;
};

// One exercise line of a prescribed program.
struct ProgramExercise {
  std::string exerciseId;
  int sets = 1;
  int repsPerSet = 10;
  double holdS = 0.0;  // 0 for repetition exercises
};

// A program as prescribed at one version: a change of prescription is a new version, so old
// sessions keep pointing at what was asked of them then.
struct ProgramRecord {
  std::string name;
  int version = 1;
  int sessionsPerWeek = 3;
  double minutesPerSession = 20.0;
  double startUnixS = 0.0;  // from when this version applies
  std::vector<ProgramExercise> exercises;
};

enum class SessionStatus : std::uint8_t { Open, Completed, Interrupted };

// One exercise of a session's plan: what the session was asked to do, kept whole even when the
// session stops early, so adherence counts what was prescribed and not only what was started.
struct PlannedItem {
  std::string exerciseId;
  int level = 1;
  int sets = 1;
  int repsPerSet = 10;
  double holdS = 0.0;    // per repetition; 0 for exercises without a hold
  double minutes = 0.0;  // time the prescription takes at the exercise's tempo, with the rests between sets
  std::string decision;  // "start", "progress", "hold", "regress"
  std::string reason;
  double restS = 0.0;  // between sets; 0: none timed
};

// The bands one exercise of a session was scored with and where they came from: the exercise
// file's population bands or the person's personal reference (which, set when). A quality of 80
// against the person's own range is not one of 80 against everyone's, so each session keeps it.
struct ScoringBands {
  std::string exerciseId;
  std::string source;  // e.g. "population bands of deep_squat.json"
  std::string json;    // exercises/personal_reference.h's bandsUsedJson at the planned level
};

// What a session was asked to do, and under which program version.
struct SessionPrescription {
  // The program assignment (a row of the program table) the session followed; wins over
  // SessionInfo::programName. Empty: no assigned program (e.g. a file given on the command line).
  std::optional<std::int64_t> programVersionId;
  std::string stage;  // staged programs: the stage the plan came from
  std::vector<PlannedItem> items;
  std::vector<ScoringBands> bands;  // one per exercise scored; may be empty
};

// How a session starts. Times are seconds since the Unix epoch (UTC); times inside the session
// (repetitions, events, samples) are seconds since startUnixS.
struct SessionInfo {
  std::string personId;
  std::optional<std::string> programName;  // the latest version of it at startUnixS is linked
  double startUnixS = 0.0;
  std::string context;  // free label for before/after comparisons, e.g. "pre-flight"; may be empty
  std::string source = "live";  // "live", "score" (a recorded trace), ...
  std::optional<int> painBefore;  // 0-10
  SessionPrescription prescription;  // what the session was asked to do; may be empty
};

struct ExerciseSetRecord {
  std::string exerciseId;
  int set = 1;  // 1-based within the session for this exercise
  int level = 1;
  int prescribedReps = 0;
  double startS = 0.0;
  double endS = 0.0;
};

struct FaultRecord {
  std::string metric;  // metricName() of body/posture.h, e.g. "lumbar_flexion_deg"
  std::string text;    // what the person was told, e.g. "keep the back neutral"
  double magnitude = 0.0;  // in the metric's own unit, beyond the tolerated band
  double durationS = 0.0;
};

struct RepetitionRecord {
  std::string exerciseId;
  int set = 1;
  int index = 1;  // 1-based within the set
  double startS = 0.0;
  double endS = 0.0;
  // 0-100: share of the repetition within alignment tolerances. Empty when tracking of a scored
  // metric was lost during it: the repetition counts but has no quality.
  std::optional<double> quality;
  std::vector<FaultRecord> faults;
  double trackingLostS = 0.0;
};

struct HoldRecord {
  std::string exerciseId;
  int set = 1;
  int index = 1;
  double startS = 0.0;
  double targetS = 0.0;
  double heldS = 0.0;
  double quality = 0.0;  // 0-100
};

// PainCheck: an answer between sets ("pain 3 of 10", "sharp pain"); PainStop: why pain stopped
// an exercise ("pain rose from 2 to 5 of 10: exercise stopped"). ExerciseEnded, RepetitionsChange
// and Message are a therapist's actions during a live session (`detail` says who sent them;
// LevelChange and Pause/Resume may be a therapist's too).
enum class EventKind : std::uint8_t {
  TrackingLost, TrackingRegained, Pause, Resume, Calibration, LevelChange, PainCheck, PainStop,
  ExerciseEnded, RepetitionsChange, Message
};

struct EventRecord {
  double timeS = 0.0;
  EventKind kind = EventKind::Pause;
  std::string detail;  // for LevelChange: "exercise_id from->to: reason"; free text otherwise
  std::string exerciseId;  // may be empty
  int fromLevel = 0;  // LevelChange only
  int toLevel = 0;
};

// One render quality level of a live session: eye size, MSAA samples, frames drawn at it and how
// many of them were shown on time. `mode` is how levels were chosen: auto, high, low or fixed.
struct RenderQualityRecord {
  std::string mode;
  int widthPx = 0;
  int heightPx = 0;
  int samples = 1;
  std::int64_t frames = 0;
  std::int64_t framesOnTime = 0;
};

// Pain on the 0-10 numeric rating scale, before or after a session or on its own.
struct PainRecord {
  std::string personId;
  double unixS = 0.0;
  int score = 0;
  std::string phase = "other";  // "before", "after", "other"
};

// Oswestry Disability Index: ten sections scored 0-5; a section not answered is empty.
struct OswestryRecord {
  std::string personId;
  double unixS = 0.0;
  std::array<std::optional<int>, 10> sections{};

  // Percent = sum / (5 * answered) * 100 (the published rule for skipped sections). Empty when
  // fewer than 9 sections are answered (too many gaps to score).
  std::optional<double> percent() const;
};

struct MeasuredValue {
  std::string name;  // e.g. "lumbar_flexion_rom_deg"
  double value = 0.0;
  std::string unit;  // UCUM: "deg", "m", "s", "%"
};

// One finding of an assessment, as the therapist reads it.
struct FindingRecord {
  std::string source;     // the recording
  std::string test;       // "squat or sit-to-stand"
  std::string featureId;  // "squat_lumbar_flexion_deg"
  bool suboptimal = false;
  std::string finding;    // "lumbar flexion 38 deg at the bottom: the low back rounds"
};

struct AssessmentRecord {
  std::string personId;
  double unixS = 0.0;
  std::string name;  // e.g. "range_of_motion"
  std::string context;  // e.g. "pre-flight"; may be empty
  std::vector<MeasuredValue> values;
  std::vector<FindingRecord> findings;
};

// The posture of one instant at a reduced rate: each metric's value where it was available.
struct PostureSampleRecord {
  double timeS = 0.0;
  std::array<float, kMetricCount> values{};
  std::uint16_t availableMask = 0;  // bit i: metric i available
  std::uint16_t measuredMask = 0;   // bit i: metric i measured (not estimated)
  std::uint16_t trackedDevices = 0;  // bit d: device d had a valid pose

  static PostureSampleRecord from(const Posture& posture, std::uint16_t trackedDevices);
};

const char* statusName(SessionStatus status);
const char* eventKindName(EventKind kind);
std::optional<EventKind> eventKindFromName(const std::string& name);

}  // namespace lumbo::store
