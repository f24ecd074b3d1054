// Exercise programs a therapist prescribes (JSON in assets/programs/), the session history they
// progress on, and the progression rules that decide what the next session prescribes and why.
#pragma once

#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "body/result.h"
#include "exercises/exercise.h"

namespace lumbo {

// One exercise in a program, with the therapist's caps.
struct ProgramExercise {
  std::string exerciseId;
  int startLevel = 1;
  int sets = 0;         // 0: the level's own
  int repetitions = 0;  // 0: the level's own
  bool locked = false;  // the therapist fixed the level: never progressed or regressed
  int maxLevel = 0;     // 0: the exercise's top level
  double maxLoadKg = std::numeric_limits<double>::infinity();
  // "3 x 10, hold 10 s, rest 60 s": the hold of each repetition in place of the level's own
  // (0: the level's own; only for an exercise with a hold), and the rest between sets (0: none
  // timed, the person goes on when ready).
  double holdS = 0.0;
  double restS = 0.0;
};
// The limits a prescribed hold and rest are validated against.
inline constexpr double kMinProgramHoldS = 1.0;
inline constexpr double kMaxProgramHoldS = 120.0;
inline constexpr double kMaxProgramRestS = 600.0;

// The MCT principle: progress only after alignment quality stayed high for several sessions;
// regress when it falls or when pain rises.
struct ProgressionRules {
  double progressQuality = 85.0;  // every one of the last `progressSessions` at or above this
  int progressSessions = 3;
  double regressQuality = 60.0;   // the last session below this: one level down
  double painRise = 2.0;          // pain after minus before (or between sessions) this much: down
  int missedDays = 7;             // a gap longer than this: repeat the level before progressing
};

// A stage of a staged program (astronaut reconditioning): open from `fromDay` days after
// landing, entered only when the previous stage's alignment gate holds.
struct ProgramStage {
  std::string name;
  std::string goal;
  int fromDay = 0;
  std::vector<ProgramExercise> exercises;
};

struct Program {
  std::string id;
  std::string name;
  std::string description;
  int sessionsPerWeek = 3;
  // How often the Oswestry Disability Index is due, in days ("odi_every_days": 14); empty: the
  // program does not ask for it.
  std::optional<int> odiEveryDays;
  // Ask about pain between the sets of each exercise ("pain_between_sets": true); a rise stops the
  // exercise during the session.
  bool painBetweenSets = false;
  ProgressionRules rules;
  std::vector<ProgramStage> stages;  // one unnamed stage from day 0 for a plain program
  bool staged = false;               // stages chosen by days since landing
  // Pre-flight baseline (assessment feature -> value) to compare post-flight assessments with.
  std::vector<std::pair<std::string, double>> baseline;
};

// Errors name the file and the field: "mct.json: /exercises/1/level: must be between 1 and 3".
// With a library, every exercise id and level is checked against it.
Result<Program> parseProgram(std::string_view jsonText, const std::string& source,
                             const std::vector<Exercise>* library = nullptr);
Result<Program> loadProgram(const std::filesystem::path& path, const std::vector<Exercise>* library = nullptr);
// $LUMBO_PROGRAMS_DIR, else the source tree's assets/programs.
std::filesystem::path defaultProgramFolder();

// What one session did with one exercise.
struct ExerciseResult {
  std::string exerciseId;
  int level = 1;
  std::optional<double> quality;  // null: not scored (tracking lost)
};

struct SessionResult {
  std::string date;  // YYYY-MM-DD
  int day = 0;       // days since 1970-01-01, from `date`
  std::optional<double> painBefore;  // 0-10
  std::optional<double> painAfter;
  std::string stage;  // staged programs: the stage the session was in
  std::vector<ExerciseResult> exercises;
};

// A JSON list of sessions: [{"date", "pain_before", "pain_after", "stage", "exercises":
// [{"id", "level", "quality"}]}], sorted by date on return.
Result<std::vector<SessionResult>> parseHistory(std::string_view jsonText, const std::string& source);
Result<std::vector<SessionResult>> loadHistory(const std::filesystem::path& path);

// Days since 1970-01-01 of "YYYY-MM-DD"; nullopt when it is no valid date.
std::optional<int> dayNumber(std::string_view date);

enum class Decision : std::uint8_t { Start, Progress, Hold, Regress };
std::string_view decisionName(Decision d);

struct Prescription {
  std::string exerciseId;
  std::string exerciseName;
  int level = 1;
  int previousLevel = 0;  // 0: first time
  int sets = 1;
  int repetitions = 10;
  double holdS = 0.0;  // per repetition: the program's, else the level's; 0 for an exercise without a hold
  double restS = 0.0;  // between sets; 0: none timed
  std::string load;
  Decision decision = Decision::Start;
  std::string reason;  // "bridge to level 3: quality 88, 91, 90 in the last three sessions, pain unchanged"
};

struct SessionPlan {
  std::string stage;
  std::string stageReason;  // staged programs: why this stage
  std::vector<Prescription> items;
};

// The next session. `todayDay` (days since 1970) tells a missed week; `daysSinceLanding` picks the
// stage of a staged program (required for one). Fails only on an exercise missing from `library`.
Result<SessionPlan> planNextSession(const Program& program, const std::vector<Exercise>& library,
                                    const std::vector<SessionResult>& history, std::optional<int> todayDay,
                                    std::optional<int> daysSinceLanding = std::nullopt);

// The load of a level in kilograms, read from its load text ("2 kg in each hand": 2); 0 for none.
double levelLoadKg(const Level& level);

// The hold each repetition asks for at a level (1-based, clamped): the level's own, else the
// exercise's hold phase; 0 for an exercise without a hold.
double levelHoldS(const Exercise& exercise, int level);
// ", hold 10 s, rest 60 s" after "3 x 10", each part only when there is one ("" for neither).
std::string holdAndRestWords(double holdS, double restS);
// The hold a program prescribes at a level: its own hold_s, else the level's.
double prescribedHoldS(const ProgramExercise& prescribed, const Exercise& exercise, int level);

}  // namespace lumbo
