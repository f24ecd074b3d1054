// Offline analysis: calibrate on a trace's neutral window, then solve the posture of every sample.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "body/calibration.h"
#include "body/posture.h"
#include "body/posture_solver.h"
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

// One pass over a trace's samples in order, handing each to `visit` until it returns false.
// Callable again for another pass from the start: a trace in memory, or a file read again, so
// that a recording of any length is analysed in constant memory.
using SampleVisitor = std::function<bool(const TraceSample&)>;
using TracePass = std::function<Status(const SampleVisitor& visit)>;
TracePass passOver(const Trace& trace);            // the trace must outlive the pass
TracePass passOverFile(std::filesystem::path path);  // a file error names the file and line

// The analysis of a trace one sample at a time: calibrated from a first pass over the neutral
// window (read no further than the window's end), then solving whatever samples it is given.
class StreamingAnalysis {
 public:
  // `neutralFrame`, when set, sees each sample of the neutral window as read (unrestricted).
  // Fails as analyzeTrace does.
  static Result<StreamingAnalysis> calibrate(const TracePass& pass, const TraceMetadata& metadata,
                                             const TraceLayout& layout, const AnalysisOptions& options,
                                             const std::function<void(const TrackedFrame&)>& neutralFrame = {});
  // The posture of one sample, restricted to the devices used.
  Posture solve(const TrackedFrame& frame);
  const TimeWindow& neutral() const { return neutral_; }

 private:
  StreamingAnalysis(PostureSolver solver, TimeWindow neutral, DeviceSet use)
      : solver_(std::move(solver)), neutral_(neutral), use_(use) {}
  PostureSolver solver_;
  TimeWindow neutral_;
  DeviceSet use_;
};

// Fails with a clear reason when calibration is refused (movement during the hold, a device
// missing) or the trace has no usable neutral window.
Result<TraceAnalysis> analyzeTrace(const Trace& trace, const AnalysisOptions& options);

}  // namespace lumbo
