// `lumbo analyze`: posture metrics of every sample of a trace, as CSV, plus a one-line summary;
// and `lumbo accuracy`: how far those metrics are from a capture system's own angles.
#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "body/calibration.h"
#include "body/posture_analysis.h"
#include "body/trace.h"
#include "body/trace_reader.h"
#include "store/private_file.h"

namespace lumbo::app {

namespace {

// Columns of the analyze CSV, in order.
constexpr MetricId kCsvMetrics[] = {MetricId::LumbarFlexionDeg,    MetricId::LumbarLateralDeg,
                                    MetricId::LumbarRotationDeg,   MetricId::TrunkInclinationDeg,
                                    MetricId::PelvicTiltDeg,       MetricId::PelvicObliquityDeg,
                                    MetricId::PelvisHeightM};

AnalysisOptions analysisOptions(const Args& args) {
  AnalysisOptions o;
  if (auto w = args.value("--neutral")) {
    o.neutral = parseTimeWindow(*w);
    if (!o.neutral) throw UsageError("--neutral expects A-B in seconds (A < B), got '" + *w + "'");
  }
  if (auto list = args.value("--devices")) {
    std::string bad;
    auto set = parseDeviceList(*list, &bad);
    if (!set) throw UsageError("--devices: unknown device '" + bad + "'");
    o.devices = *set;
  }
  if (auto pos = args.value("--position")) {
    auto p = neutralPositionFromName(*pos);
    if (!p) throw UsageError("--position expects standing, supine or four_point_kneeling");
    o.position = *p;
  }
  if (auto ref = args.value("--reference")) {
    if (*ref == "person") o.reference = AngleReference::Person;
    else if (*ref == "stage") o.reference = AngleReference::Stage;
    else throw UsageError("--reference expects person or stage");
  }
  o.gravityFree = args.flag("--gravity-free");
  return o;
}

// Lowest confidence among the row's available metrics: the row is as trustworthy as its
// weakest value.
double rowConfidence(const Posture& p) {
  double c = std::numeric_limits<double>::infinity();
  for (MetricId id : kCsvMetrics) {
    if (p[id].available()) c = std::min(c, p[id].confidence);
  }
  return std::isinf(c) ? 0.0 : c;
}

std::string_view sourceName(MetricSource s) {
  switch (s) {
    case MetricSource::Measured: return "measured";
    case MetricSource::Estimated: return "estimated";
    case MetricSource::Unavailable: return "unavailable";
  }
  return "";
}

void appendFixed(std::string& out, double value, int decimals) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
  out.append(buf, r.ptr);
}

// One row of the analysis CSV. Formats with std::to_chars: printf-style formatting would cost
// more than the whole posture analysis.
void appendRow(std::string& text, const Posture& p) {
  appendFixed(text, p.timeS, 3);
  for (MetricId id : kCsvMetrics) {
    text += ',';
    if (p[id].available()) appendFixed(text, p[id].value, id == MetricId::PelvisHeightM ? 4 : 2);
  }
  text += ',';
  appendFixed(text, rowConfidence(p), 2);
  text += ',';
  text += sourceName(p[MetricId::LumbarFlexionDeg].source);
  text += '\n';
}

// The lowest and highest value of each CSV metric, for the summary line.
struct MetricRanges {
  std::array<double, std::size(kCsvMetrics)> lo, hi;
  MetricRanges() {
    lo.fill(std::numeric_limits<double>::infinity());
    hi.fill(-std::numeric_limits<double>::infinity());
  }
  void add(const Posture& p) {
    for (std::size_t i = 0; i < std::size(kCsvMetrics); ++i) {
      const Metric& m = p[kCsvMetrics[i]];
      if (!m.available()) continue;
      lo[i] = std::min(lo[i], m.value);
      hi[i] = std::max(hi[i], m.value);
    }
  }
};

// Streams the trace twice (the neutral window, then every sample), so that memory stays the
// same for a recording of minutes or hours.
int analyze(const Args& args) {
  const std::string tracePath = args.positional()[0];
  const std::string csvPath = args.required("--csv");
  guardOutput(args, csvPath, {tracePath});
  const auto start = std::chrono::steady_clock::now();
  const auto header = TraceReader::open(tracePath);
  if (!header) {
    std::fprintf(stderr, "lumbo analyze: %s\n", header.error().c_str());
    return kExitFailure;
  }
  const TracePass pass = passOverFile(tracePath);
  auto analysis = StreamingAnalysis::calibrate(pass, header->metadata(), header->layout(), analysisOptions(args));
  if (!analysis) {
    std::fprintf(stderr, "lumbo analyze: %s: %s\n", tracePath.c_str(), analysis.error().c_str());
    return kExitFailure;
  }
  // Rows go out as they are made, through a temporary file renamed into place at the end:
  // nothing is at the path unless the whole trace was analysed.
  auto csv = store::PrivateFileWriter::open(csvPath);
  if (!csv) {
    std::fprintf(stderr, "lumbo analyze: %s\n", csv.error().c_str());
    return kExitFailure;
  }
  csv->text() = "t_s";
  for (MetricId id : kCsvMetrics) {
    csv->text() += ',';
    csv->text() += metricName(id);
  }
  csv->text() += ",confidence,lumbar_source\n";
  MetricRanges ranges;
  std::size_t samples = 0;
  double firstS = 0.0, lastS = 0.0;
  const Status read = pass([&](const TraceSample& s) {
    const Posture p = analysis->solve(s.frame);
    appendRow(csv->text(), p);
    csv->flushIfFull();
    ranges.add(p);
    if (samples++ == 0) firstS = s.frame.timeS;
    lastS = s.frame.timeS;
    return true;
  });
  if (!read) {
    std::fprintf(stderr, "lumbo analyze: %s\n", read.error().c_str());
    return kExitFailure;
  }
  if (auto st = csv->commit(); !st) {
    std::fprintf(stderr, "lumbo analyze: %s\n", st.error().c_str());
    return kExitFailure;
  }
  const double elapsedS = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double durationS = lastS - firstS;
  std::printf("%s: %zu samples, %.1f s, neutral %.2f-%.2f s;", tracePath.c_str(), samples, durationS,
              analysis->neutral().startS, analysis->neutral().endS);
  for (std::size_t i = 0; i < std::size(kCsvMetrics); ++i) {
    const auto name = metricName(kCsvMetrics[i]);
    if (std::isinf(ranges.lo[i])) std::printf(" %.*s n/a;", static_cast<int>(name.size()), name.data());
    else std::printf(" %.*s %.1f..%.1f;", static_cast<int>(name.size()), name.data(), ranges.lo[i], ranges.hi[i]);
  }
  std::printf(" %.0fx real time\n", durationS / std::max(elapsedS, 1e-9));
  return kExitOk;
}

// --- accuracy against ground truth -----------------------------------------------------------

struct GtPair {
  MetricId metric;
  const char* column;
};
constexpr GtPair kGtPairs[] = {{MetricId::LumbarFlexionDeg, "gt_lumbar_flexion_deg"},
                               {MetricId::LumbarLateralDeg, "gt_lumbar_lateral_deg"},
                               {MetricId::LumbarRotationDeg, "gt_lumbar_rotation_deg"},
                               {MetricId::TrunkInclinationDeg, "gt_trunk_inclination_deg"},
                               {MetricId::PelvicTiltDeg, "gt_pelvic_tilt_deg"}};
constexpr std::size_t kGtCount = std::size(kGtPairs);

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

// RMSE between the metric's change from the neutral window and the ground truth's change from
// the same window, over samples where both exist. NaN when there is nothing to compare.
// Estimated values take part only when asked (reduced setups); by default only measured ones.
double changeRmse(const Trace& trace, const TraceAnalysis& a, MetricId metric, int gtIndex,
                  bool withEstimates) {
  auto counts = [&](const Metric& m) { return m.measured() || (withEstimates && m.available()); };
  double sumM = 0, sumG = 0;
  int n = 0;
  for (std::size_t i = 0; i < trace.samples.size(); ++i) {
    const double g = trace.samples[i].groundTruth[static_cast<std::size_t>(gtIndex)];
    const Metric& m = a.postures[i][metric];
    if (!a.neutral.contains(trace.samples[i].frame.timeS) || std::isnan(g) || !counts(m)) continue;
    sumM += m.value;
    sumG += g;
    ++n;
  }
  if (n == 0) return std::nan("");
  const double m0 = sumM / n, g0 = sumG / n;
  double se = 0;
  int count = 0;
  for (std::size_t i = 0; i < trace.samples.size(); ++i) {
    const double g = trace.samples[i].groundTruth[static_cast<std::size_t>(gtIndex)];
    const Metric& m = a.postures[i][metric];
    if (std::isnan(g) || !counts(m)) continue;
    const double e = (m.value - m0) - (g - g0);
    se += e * e;
    ++count;
  }
  return count ? std::sqrt(se / count) : std::nan("");
}

int accuracy(const Args& args) {
  const AnalysisOptions options = analysisOptions(args);
  std::map<std::string, std::array<std::vector<double>, kGtCount>> byMovement;
  std::array<std::vector<double>, kGtCount> all;
  std::printf("%-48s", "trace (RMSE of change from neutral, deg)");
  for (const auto& g : kGtPairs) std::printf(" %12.12s", metricName(g.metric).data());
  std::printf("\n");
  for (const std::string& path : args.positional()) {
    const auto trace = readTrace(path);
    if (!trace) {
      std::fprintf(stderr, "lumbo accuracy: %s\n", trace.error().c_str());
      return kExitFailure;
    }
    const auto analysis = analyzeTrace(*trace, options);
    if (!analysis) {
      std::fprintf(stderr, "lumbo accuracy: %s: %s\n", path.c_str(), analysis.error().c_str());
      return kExitFailure;
    }
    const std::string movement(trace->metadata.get("exercise").value_or("unknown"));
    std::printf("%-48s", std::filesystem::path(path).filename().string().c_str());
    for (std::size_t k = 0; k < kGtCount; ++k) {
      const int gi = trace->layout.groundTruthIndex(kGtPairs[k].column);
      const double rmse = gi < 0 ? std::nan("") : changeRmse(*trace, *analysis, kGtPairs[k].metric, gi, args.flag("--estimates"));
      std::printf(" %12.2f", rmse);
      if (!std::isnan(rmse)) {
        byMovement[movement][k].push_back(rmse);
        all[k].push_back(rmse);
      }
    }
    std::printf("\n");
  }
  auto row = [](const std::string& label, const std::array<std::vector<double>, kGtCount>& v, double q) {
    std::printf("%-48s", label.c_str());
    for (const auto& x : v) std::printf(" %12.2f", percentile(x, q));
    std::printf("\n");
  };
  std::printf("\n");
  for (const auto& [movement, v] : byMovement) row("median " + movement, v, 0.5);
  row("median all", all, 0.5);
  row("90th percentile all", all, 0.9);
  return kExitOk;
}

const ArgSpec kAnalysisSpec{{"--csv", "--neutral", "--devices", "--position", "--reference"}, {"--gravity-free", "--force"}, 1, 1};

}  // namespace

int runAnalyze(std::span<const std::string> args) { return analyze(Args(args, kAnalysisSpec)); }

int runAccuracy(std::span<const std::string> args) {
  return accuracy(Args(args, ArgSpec{{"--neutral", "--devices", "--position", "--reference"}, {"--gravity-free", "--estimates"}, 1, 100000}));
}

}  // namespace lumbo::app
