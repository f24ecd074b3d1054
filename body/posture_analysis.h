// Offline analysis: calibrate on a trace's neutral window, then solve the posture of every sample.
#pragma once

#include <optional>
#include <vector>

#include "body/calibration.h"
#include "body/posture.h"
#include "body/trace.h"

namespace lumbo {

struct AnalysisOptions {
  std::optional<TimeWindow> neutral;  // default: the trace's "# neutral:", else its first second
  DeviceSet devices = DeviceSet().set();  // devices to use; the others are ignored
  bool gravityFree = false;               // microgravity: angles relative to the calibrated neutral
  NeutralPosition position = NeutralPosition::Standing;
  AngleReference reference = AngleReference::Person;
};

struct TraceAnalysis {
  std::vector<Posture> postures;  // one per trace sample, same times
  TimeWindow neutral;             // the window actually used
};

// Fails with a clear reason when calibration is refused (movement during the hold, a device
// missing) or the trace has no usable neutral window.
Result<TraceAnalysis> analyzeTrace(const Trace& trace, const AnalysisOptions& options);

}  // namespace lumbo
