// Exercise definitions: what a person does (phases, driving signal, target bands, faults with
// cues, levels) as plain data loaded and validated from the JSON files in assets/exercises/.
#pragma once

#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "body/device.h"
#include "body/result.h"
#include "exercises/signals.h"

namespace lumbo {

enum class StartingPosition : std::uint8_t { Standing, Sitting, Supine, FourPointKneeling, SideLying, Prone };
std::string_view startingPositionName(StartingPosition p);

// Repetitions: leave a rest position, go out, optionally hold, come back. Hold: get into a
// position and stay there for a time.
enum class ExerciseKind : std::uint8_t { Repetitions, Hold };

// What a phase is in the movement cycle; the engine moves through them in file order.
enum class PhaseRole : std::uint8_t { Rest, Out, Hold, Back };
std::string_view phaseRoleName(PhaseRole r);

// How the driving signals become one excursion that grows as the person moves out.
enum class DriverMode : std::uint8_t { Increase, Decrease, Magnitude };

// A band relative to the calibrated neutral (0 = as in the neutral hold), in the signal's unit.
struct Band {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
};

// A target band for one signal during one phase; leaving it is the fault named here.
struct Target {
  SignalIndex signal = 0;
  Band band;
  std::string fault;            // the deviation, in words: "lumbar flexion beyond neutral"
  std::string faultBelow;       // when set, the words for leaving the band below its min
  std::string cue;              // what the person hears: "Keep your back long"
  double pointsPerUnit = 2.0;   // quality points lost per unit beyond the band, at the peak
};

// A range a repetition must reach: its signal's peak between leaving rest and coming back must be
// at least `reach` (squat depth, leg height). Falling short is the fault named here.
struct RangeTarget {
  SignalIndex signal = 0;
  double reach = 0.0;
  std::string fault;           // "squat too shallow"
  std::string cue;             // "Sit deeper, as far as you control"
  double pointsPerUnit = 1.0;  // quality points lost per unit short of `reach`
};

struct Phase {
  std::string name;  // "descent", "hold at the top": used in feedback and fault sentences
  PhaseRole role = PhaseRole::Rest;
  double holdS = 0.0;  // Hold role: how long to stay
  std::vector<Target> targets;
};

// The signal whose excursion moves the engine from phase to phase.
struct Driver {
  std::vector<SignalIndex> signals;  // combined by taking the largest excursion
  DriverMode mode = DriverMode::Increase;
  double startExcursion = 0.05;   // moved this far from rest: the repetition has started
  double reverseFraction = 0.15;  // came back this share of the excursion: turned round
  double returnFraction = 0.5;    // came back this share: the repetition is complete
  double targetExcursion = 0.0;   // 0: no range target; else the hold starts here and less is a fault
  double rangePointsPerUnit = 0.0;
  std::string rangeFault;         // "leg raised too little"
  std::string rangeCue;
};

struct Level {
  std::string name;               // "supported", "band light"
  int repetitions = 10;           // per set
  int sets = 1;
  double holdS = 0.0;             // overrides every hold phase's time when > 0
  double toleranceScale = 1.0;    // multiplies every band: above 1 is more forgiving
  std::string load;               // "none", "light band", "2 kg in each hand"
  std::string baseOfSupport;      // "feet hip width", "one foot"
  std::string description;
};

// Seconds the movement should take; a repetition much faster than this is rushed.
struct Tempo {
  double outS = 0.0;
  double holdS = 0.0;
  double backS = 0.0;
  double totalS() const { return outS + holdS + backS; }
};

// How a personal reference (a recording of the person's own good repetitions) sets the bands:
// the range each target's signal covered in its phase across the reference's repetitions, widened
// by the margin of its unit, and never wider than the safety limits: the population band scaled
// by `safetyScale`. A range target asks for the least the reference reached, less the margin.
struct PersonalBandSettings {
  double marginDeg = 3.0;
  double marginPct = 3.0;
  double marginM = 0.02;
  double marginN = 5.0;
  double safetyScale = 2.0;
  int minRepetitions = 2;  // scored repetitions a reference needs
  double margin(std::string_view unit) const {
    return unit == "deg" ? marginDeg : unit == "%" ? marginPct : unit == "N" ? marginN : marginM;
  }
};

struct Exercise {
  std::string id;
  std::string name;
  std::string rationale;  // why this exercise, for the therapist
  std::vector<std::string> instructions;
  StartingPosition startingPosition = StartingPosition::Standing;
  ExerciseKind kind = ExerciseKind::Repetitions;
  DeviceSet trackers;      // devices the exercise needs
  Driver driver;
  std::vector<Phase> phases;
  std::vector<RangeTarget> ranges;
  std::vector<Level> levels;  // easier to harder; level N is levels[N - 1]
  Tempo tempo;
  double minConfidence = 0.5;      // below this a signal counts as lost
  double holdShortPointsPerS = 5.0;
  double rushedPointsPerS = 5.0;
  // Furniture the person uses, which the scene draws: "chair" (sit to stand).
  std::vector<std::string> props;
  PersonalBandSettings personal;

  // Every signal the engine needs measured: the driver's, the targets' and the ranges'.
  std::vector<SignalIndex> requiredSignals() const;
};

// Parses and validates one exercise. `source` names the file in messages, which then say the
// field as a JSON pointer: "squat.json: /phases/2/targets/0/signal: unknown signal 'x'".
Result<Exercise> parseExercise(std::string_view jsonText, const std::string& source);
Result<Exercise> loadExercise(const std::filesystem::path& path);

// Every *.json in a folder, sorted by id; fails on the first bad file or a repeated id.
Result<std::vector<Exercise>> loadExerciseLibrary(const std::filesystem::path& folder);

// The exercise with this id, or nullptr. Ids are unique: the library loader refuses repeats.
const Exercise* findExercise(const std::vector<Exercise>& library, std::string_view id);

// The bundled library folder: $LUMBO_EXERCISES_DIR, else the source tree's assets/exercises.
std::filesystem::path defaultExerciseFolder();

}  // namespace lumbo
