// The assessment battery: from recorded movement tests (forward bending or waiter's bow, pelvic
// tilt, single-leg stance, bridge, bird dog, bends, rotations, squat or sit-to-stand, leg raise)
// it measures range of motion and control, names the suboptimal features with their values, and
// proposes a program aimed at them for the therapist to edit.
#pragma once

#include <string>
#include <vector>

#include "body/result.h"
#include "body/trace.h"
#include "exercises/exercise.h"
#include "exercises/program.h"

namespace lumbo {

struct AssessmentFeature {
  std::string id;       // "hip_hinge_lumbar_share_pct": names a baseline entry too
  std::string test;     // "forward bending"
  double value = 0.0;
  std::string unit;     // "%", "deg"
  bool suboptimal = false;
  std::string finding;  // "lumbar flexion takes 62 % of forward bending: hip hinge poor"
  std::vector<std::string> targets;  // exercises that train it, most specific first
};

struct TestResult {
  std::string source;  // the trace file or its name
  std::string test;    // which test it was recognised as
  std::vector<AssessmentFeature> features;
};

// The test a trace holds, from its "# exercise:" (an exercise id or a synthetic movement name);
// empty when it is none of the battery's.
std::string assessmentTestFor(const Trace& trace);

// Measures one test. Fails when the trace cannot be calibrated or holds no known test.
Result<TestResult> assessTrace(const Trace& trace, const std::string& source, const std::vector<Exercise>& library);

// A program aimed at the suboptimal features (level 1, the most specific exercises first, at most
// six); without findings, a maintenance program. Valid for parseProgram with the library.
Program proposeProgram(const std::vector<TestResult>& results, const std::vector<Exercise>& library);

// The program as the JSON assets/programs/ holds, so the therapist can edit and validate it.
std::string programJson(const Program& program);

// {"tests":[{"source","test","features":[{"id","test","value","unit","suboptimal","finding","targets"}]}],
//  "findings":[...], "baseline_comparison":[...], "proposed_program":{...}}
std::string assessmentJson(const std::vector<TestResult>& results, const Program& proposal, const Program* baseline = nullptr);

}  // namespace lumbo
