// Offline posture analysis of a whole trace, in memory or streamed from its file.
#include "body/posture_analysis.h"

#include "body/calibration.h"
#include "body/trace_reader.h"

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

TracePass passOver(const Trace& trace) {
  return [&trace](const SampleVisitor& visit) -> Status {
    for (const TraceSample& s : trace.samples) {
      if (!visit(s)) break;
    }
    return Done{};
  };
}

TracePass passOverFile(std::filesystem::path path) {
  return [path = std::move(path)](const SampleVisitor& visit) -> Status {
    auto reader = TraceReader::open(path);
    if (!reader) return Error{reader.error()};
    TraceSample sample;  // reused: one sample's storage for the whole pass
    while (reader->next(sample)) {
      if (!visit(sample)) return Done{};
    }
    if (!reader->error().empty()) return Error{reader->error()};
    return Done{};
  };
}

Result<StreamingAnalysis> StreamingAnalysis::calibrate(const TracePass& pass, const TraceMetadata& metadata,
                                                       const TraceLayout& layout, const AnalysisOptions& options,
                                                       const std::function<void(const TrackedFrame&)>& neutralFrame) {
  std::optional<TimeWindow> neutral = options.neutral;
  if (!neutral) neutral = metadata.neutralWindow();
  const DeviceSet use = layout.devices & options.devices;
  std::vector<TrackedFrame> hold;
  bool any = false;
  const Status read = pass([&](const TraceSample& s) {
    if (!any && !neutral) neutral = TimeWindow{s.frame.timeS, s.frame.timeS + 1.0};
    any = true;
    if (neutral->contains(s.frame.timeS)) {
      hold.push_back(restrict(s.frame, use));
      if (neutralFrame) neutralFrame(s.frame);
    }
    // Times only increase in a trace: nothing after the window's end belongs to it.
    return s.frame.timeS < neutral->endS;
  });
  if (!read) return Error{read.error()};
  if (!any) return Error{"the trace has no samples"};
  if (hold.empty()) {
    return Error{"no samples in the neutral window " + std::to_string(neutral->startS) + "-" +
                 std::to_string(neutral->endS) + " s"};
  }
  auto cal = lumbo::calibrate(hold, options.position, options.gravityFree, use, {}, options.reference);
  if (!cal) return Error{cal.error()};
  return StreamingAnalysis(PostureSolver(std::move(*cal)), *neutral, use);
}

Posture StreamingAnalysis::solve(const TrackedFrame& frame) { return solver_.solve(restrict(frame, use_)); }

Result<TraceAnalysis> analyzeTrace(const Trace& trace, const AnalysisOptions& options) {
  auto analysis = StreamingAnalysis::calibrate(passOver(trace), trace.metadata, trace.layout, options);
  if (!analysis) return Error{analysis.error()};
  TraceAnalysis out;
  out.neutral = analysis->neutral();
  out.postures.reserve(trace.samples.size());
  for (const TraceSample& s : trace.samples) out.postures.push_back(analysis->solve(s.frame));
  return out;
}

}  // namespace lumbo
