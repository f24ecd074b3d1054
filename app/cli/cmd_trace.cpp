// `lumbo trace info FILE`: what a trace holds, read in one streaming pass.
#include <algorithm>
#include <cstdio>
#include <vector>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "body/trace_reader.h"

namespace lumbo::app {

namespace {

int traceInfo(const std::string& path) {
  auto reader = TraceReader::open(path);
  if (!reader) {
    std::fprintf(stderr, "lumbo trace info: %s\n", reader.error().c_str());
    return kExitFailure;
  }
  const TraceLayout& layout = reader->layout();
  std::array<std::size_t, kDeviceCount> invalid{};
  std::size_t samples = 0;
  double firstS = 0.0, lastS = 0.0;
  std::vector<double> intervals;  // a bounded subsample is enough for a robust rate
  TraceSample s;
  while (reader->next(s)) {
    if (samples == 0) firstS = s.frame.timeS;
    else if (intervals.size() < 100000) intervals.push_back(s.frame.timeS - lastS);
    lastS = s.frame.timeS;
    ++samples;
    for (Device d : kAllDevices) {
      if (layout.devices.test(index(d)) && !s.frame.valid(d)) ++invalid[index(d)];
    }
  }
  if (!reader->error().empty()) {
    std::fprintf(stderr, "lumbo trace info: %s\n", reader->error().c_str());
    return kExitFailure;
  }
  std::printf("file: %s\n", path.c_str());
  for (const auto& [key, value] : reader->metadata().entries()) {
    std::printf("%s: %s\n", key.c_str(), value.c_str());
  }
  std::printf("samples: %zu\n", samples);
  std::printf("duration: %.3f s\n", lastS - firstS);
  if (!intervals.empty()) {
    std::nth_element(intervals.begin(), intervals.begin() + static_cast<std::ptrdiff_t>(intervals.size() / 2), intervals.end());
    const double median = intervals[intervals.size() / 2];
    std::printf("sample rate: %.2f Hz (median interval %.4f s)\n", 1.0 / median, median);
  }
  std::printf("devices:\n");
  for (Device d : kAllDevices) {
    if (!layout.devices.test(index(d))) continue;
    const double pct = samples ? 100.0 * static_cast<double>(invalid[index(d)]) / static_cast<double>(samples) : 0.0;
    std::printf("  %-10.*s invalid samples: %zu (%.1f %%)\n", static_cast<int>(deviceName(d).size()),
                deviceName(d).data(), invalid[index(d)], pct);
  }
  if (!layout.groundTruth.empty()) {
    std::printf("ground truth:");
    for (const auto& g : layout.groundTruth) std::printf(" %s", g.c_str());
    std::printf("\n");
  }
  if (!layout.extra.empty()) {
    std::printf("other columns:");
    for (const auto& e : layout.extra) std::printf(" %s", e.c_str());
    std::printf("\n");
  }
  return kExitOk;
}

}  // namespace

int runTrace(std::span<const std::string> args) {
  if (args.empty()) throw UsageError("missing trace subcommand (info)");
  if (args[0] != "info") throw UsageError("unknown trace subcommand '" + args[0] + "'");
  const Args parsed(args.subspan(1), ArgSpec{{}, {}, 1, 1});
  return traceInfo(parsed.positional()[0]);
}

}  // namespace lumbo::app
