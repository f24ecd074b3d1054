// Offline posture analysis of a whole trace.
#include "body/posture_analysis.h"

#include "body/calibration.h"
#include "body/posture_solver.h"

namespace lumbo {

namespace {
TrackedFrame restrict(const TrackedFrame& f, const DeviceSet& devices) {
  TrackedFrame out = f;
  for (Device d : kAllDevices) {
    if (!devices.test(index(d))) out[d] = DeviceState{};
  }
  return out;
}
}  // namespace

Result<TraceAnalysis> analyzeTrace(const Trace& trace, const AnalysisOptions& options) {
  if (trace.samples.empty()) return Error{"the trace has no samples"};
  TraceAnalysis out;
  const double t0 = trace.samples.front().frame.timeS;
  if (options.neutral) out.neutral = *options.neutral;
  else if (auto w = trace.metadata.neutralWindow()) out.neutral = *w;
  else out.neutral = TimeWindow{t0, t0 + 1.0};

  const DeviceSet use = trace.layout.devices & options.devices;
  std::vector<TrackedFrame> hold;
  for (const TraceSample& s : trace.samples) {
    if (out.neutral.contains(s.frame.timeS)) hold.push_back(restrict(s.frame, use));
  }
  if (hold.empty()) {
    return Error{"no samples in the neutral window " + std::to_string(out.neutral.startS) + "-" +
                 std::to_string(out.neutral.endS) + " s"};
  }
  auto cal = calibrate(hold, options.position, options.gravityFree, use, {}, options.reference);
  if (!cal) return Error{cal.error()};
  PostureSolver solver(std::move(*cal));
  out.postures.reserve(trace.samples.size());
  for (const TraceSample& s : trace.samples) out.postures.push_back(solver.solve(restrict(s.frame, use)));
  return out;
}

}  // namespace lumbo
