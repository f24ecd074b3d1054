// Records what a viewer receives: the poses as a lumbo trace (which `lumbo view` replays), the
// session's events beside it (TRACE.events.csv) and what the viewer's panel showed as it changed
// (TRACE.panel.csv). Nothing is in place until commit(): an interrupted recording leaves no
// half-written file.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "body/trace_writer.h"
#include "monitor/monitor_protocol.h"

namespace lumbo::monitor {

// The panel's words as drawn: counters, cue and the last repetition's quality.
struct DrawnPanel {
  std::string exercise;
  std::string counters;  // "Rep 3 of 10   Set 1 of 1"
  std::string cue;       // the live cue, or "Alignment good"
  std::string quality;   // "last repetition: quality 87"
  bool operator==(const DrawnPanel&) const = default;
};

class StreamRecorder {
 public:
  explicit StreamRecorder(std::filesystem::path tracePath) : path_(std::move(tracePath)) {}

  // Opens the trace at the first Welcome (it names the exercise); frames before it, and frames
  // of a later session, are not recorded.
  Status record(const Message& message);
  void drawn(double timeS, const DrawnPanel& panel);
  // Puts the three files in place. Fails with the reason when nothing was received.
  Status commit();
  std::uint64_t framesWritten() const { return frames_; }

 private:
  std::filesystem::path path_;
  std::optional<TraceWriter> writer_;
  std::optional<std::uint64_t> epoch_;
  double lastTimeS_ = -1e300;
  std::uint64_t frames_ = 0;
  std::string events_ = "t_s,kind,detail\n";
  std::string panel_ = "t_s,exercise,counters,cue,quality\n";
  DrawnPanel lastPanel_;
  double lastStateTimeS_ = 0.0;
};

}  // namespace lumbo::monitor
