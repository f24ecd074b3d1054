// The in-memory parts of a "lumbo-trace v1" motion trace: metadata, column layout and samples.
// The format is specified in docs/trace_format.md.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "body/result.h"
#include "body/tracked_frame.h"

namespace lumbo {

inline constexpr std::string_view kTraceMagic = "# lumbo-trace v1";

struct TimeWindow {
  double startS = 0.0;
  double endS = 0.0;
  double durationS() const { return endS - startS; }
  // Half-open [start, end): a hold "0.0-2.0" ends where the movement's first sample begins.
  bool contains(double t) const { return t >= startS && t < endS; }
};

// Parses "A-B" (seconds, A < B), as in "# neutral: 0.0-2.0" and --neutral A-B.
std::optional<TimeWindow> parseTimeWindow(std::string_view text);

// `# key: value` lines, in file order. Unknown keys are kept so a rewrite loses nothing.
class TraceMetadata {
 public:
  void set(std::string key, std::string value);
  std::optional<std::string_view> get(std::string_view key) const;
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

  std::optional<TimeWindow> neutralWindow() const;
  std::optional<int> repetitions() const;

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

// Which columns a trace has, beyond t_s. Device pose columns are always the full group of seven
// (<dev>_px.._qz); `_valid` columns are optional.
struct TraceLayout {
  DeviceSet devices;                     // worn: their pose columns are present
  DeviceSet validColumns;                // devices that also have a <dev>_valid column
  std::vector<std::string> groundTruth;  // gt_* columns, file order
  std::vector<std::string> extra;        // unknown columns, file order, kept verbatim

  // Index into TraceSample::groundTruth, or -1.
  int groundTruthIndex(std::string_view name) const;
};

struct TraceSample {
  TrackedFrame frame;
  std::vector<double> groundTruth;  // NaN where the cell was empty; aligned with layout
  std::vector<std::string> extra;   // raw cells; aligned with layout
};

// A whole trace in memory. Use TraceReader to stream traces too long to hold.
struct Trace {
  TraceMetadata metadata;
  TraceLayout layout;
  std::vector<TraceSample> samples;

  double durationS() const {
    return samples.empty() ? 0.0 : samples.back().frame.timeS - samples.front().frame.timeS;
  }
};

// Reads a whole trace; on any error returns it and no partial trace.
Result<Trace> readTrace(const std::filesystem::path& path);

// Writes a whole trace atomically (a temporary file renamed into place).
Status writeTrace(const std::filesystem::path& path, const Trace& trace);

}  // namespace lumbo
