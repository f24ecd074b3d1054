// Questions therapists ask of a profile's store: adherence, quality, pain, levels, range of
// motion and before/after comparisons. Dates are UTC calendar days; weeks start on Monday.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "body/result.h"
#include "store/session_store.h"

namespace lumbo::store {

// "2026-11-21" for a Unix time (UTC), and back (midnight UTC); nullopt if malformed.
std::string utcDate(double unixS);
std::string utcDateTime(double unixS);  // "2026-11-21T13:45:00Z"
std::optional<double> parseUtcDate(std::string_view text);
// "2026-11-21" (midnight UTC) or "2026-11-21T13:45" (UTC); nullopt if malformed.
std::optional<double> parseUtcDateTime(std::string_view text);

struct SessionRow {
  std::int64_t id = 0;
  double startUnixS = 0.0;
  std::optional<double> endUnixS;
  std::string status;
  std::string context;
  std::string source;
  std::optional<std::string> programName;
  std::optional<int> programVersion;
  std::optional<std::int64_t> programVersionId;  // the program table's row
  double minutes = 0.0;  // 0 while open
  int repetitions = 0;   // repetitions and holds done
  // What the session's plan asked for, all of it even when the session stopped early; sessions
  // recorded without a plan fall back to the sets they started.
  int prescribedRepetitions = 0;
  std::optional<double> prescribedMinutes;  // empty without a plan
  bool planned = false;  // the session's plan was recorded
  std::string stage;
};

struct DayActivity {
  std::string date;
  int sessions = 0;
  double minutes = 0.0;
  int repetitions = 0;
  int repetitionsPrescribed = 0;      // by the plans of that day's sessions
  double minutesPrescribed = 0.0;
};

struct WeekAdherence {
  std::string weekStart;  // Monday
  int sessionsDone = 0;   // completed and interrupted: both were exercised
  int sessionsInterrupted = 0;
  std::optional<int> sessionsPrescribed;  // empty when no program applied that week
  double minutesDone = 0.0;
  std::optional<double> minutesPrescribed;
  int repetitionsDone = 0;
  std::optional<int> repetitionsPrescribed;
  // What the plans of the sessions held that week asked for: done against this is completion
  // of the sessions, done against the prescribed figures above is adherence to the program.
  int repetitionsPlanned = 0;
  double minutesPlanned = 0.0;
};

struct QualityPoint {
  std::int64_t sessionId = 0;
  double unixS = 0.0;
  std::string exerciseId;
  double meanQuality = 0.0;  // 0-100 over the session's scored repetitions and holds of the exercise
  int count = 0;             // scored ones
};

struct PainPoint {
  std::optional<std::int64_t> sessionId;
  double unixS = 0.0;
  std::string phase;
  int score = 0;
};

struct LevelChange {
  std::int64_t sessionId = 0;
  double unixS = 0.0;
  std::string exerciseId;
  int fromLevel = 0;
  int toLevel = 0;
  std::string reason;
};

struct RomPoint {
  double unixS = 0.0;
  std::string assessment;
  std::string context;
  std::string name;
  double value = 0.0;
  std::string unit;
};

struct OdiPoint {
  double unixS = 0.0;
  std::optional<double> percent;  // empty when too many sections were skipped
  int answered = 0;
  std::array<std::optional<int>, 10> sections{};  // 0-5; empty: not answered
};

struct RepetitionRow {
  std::int64_t sessionId = 0;
  std::string exerciseId;
  std::string kind;  // "repetition" or "hold"
  int set = 0;
  int index = 0;
  double startS = 0.0;
  double endS = 0.0;
  std::optional<double> quality;  // empty: not scored (tracking lost)
  std::string faults;  // "metric: text (magnitude)"; "; "-separated
  double trackingLostS = 0.0;  // seconds a scored metric was not measured during it
};

// A stretch of days and/or a context label ("pre-flight"). Unset parts do not filter.
struct Period {
  std::optional<double> fromUnixS;  // inclusive
  std::optional<double> toUnixS;    // exclusive
  std::string context;
  std::string label;

  // "2026-01-01..2026-02-01" (end day included), or a context label such as "pre-flight".
  static Result<Period> parse(std::string_view text);
  bool contains(double unixS) const {
    return (!fromUnixS || unixS >= *fromUnixS) && (!toUnixS || unixS < *toUnixS);
  }
};

struct Comparison {
  std::string measure;
  std::string unit;
  int countBefore = 0;
  std::optional<double> meanBefore;
  int countAfter = 0;
  std::optional<double> meanAfter;
  std::optional<double> change() const {
    if (!meanBefore || !meanAfter) return std::nullopt;
    return *meanAfter - *meanBefore;
  }
};

class Queries {
 public:
  explicit Queries(SessionStore& store) : db_(store.connection()) {}

  std::vector<SessionRow> sessions(const std::string& personId);
  std::vector<DayActivity> activityByDay(const std::string& personId);
  std::vector<WeekAdherence> weeklyAdherence(const std::string& personId);
  std::vector<QualityPoint> qualityOverTime(const std::string& personId);
  std::vector<PainPoint> painTrend(const std::string& personId);
  std::vector<LevelChange> levelChanges(const std::string& personId);
  std::vector<RomPoint> rangeOfMotion(const std::string& personId);
  std::vector<OdiPoint> oswestry(const std::string& personId);
  std::optional<std::int64_t> lastSessionId(const std::string& personId);
  // Whole days from the last session started at or before `atUnixS` to it; empty without one.
  std::optional<int> daysSinceLastSession(const std::string& personId, double atUnixS);
  std::vector<RepetitionRow> repetitions(std::int64_t sessionId);
  // The plan a session recorded (empty for sessions recorded without one).
  std::vector<PlannedItem> plan(std::int64_t sessionId);
  // The bands each exercise of a session was scored with (empty for sessions recorded before
  // schema version 9, which did not keep them).
  std::vector<ScoringBands> bands(std::int64_t sessionId);
  std::vector<Comparison> compare(const std::string& personId, const Period& before, const Period& after);

 private:
  Connection& db_;
};

}  // namespace lumbo::store
