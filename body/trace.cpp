// Trace metadata helpers and the whole-file read and write built on the streaming reader/writer.
#include "body/trace.h"

#include <charconv>

#include "body/trace_reader.h"
#include "body/trace_writer.h"

namespace lumbo {

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool parseDouble(std::string_view s, double& out) {
  s = trim(s);
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size() && !s.empty();
}
}  // namespace

std::optional<TimeWindow> parseTimeWindow(std::string_view text) {
  text = trim(text);
  // The separator is the first '-' after the first character (the start may not be negative).
  const std::size_t dash = text.find('-', 1);
  if (dash == std::string_view::npos) return std::nullopt;
  TimeWindow w;
  if (!parseDouble(text.substr(0, dash), w.startS) || !parseDouble(text.substr(dash + 1), w.endS)) {
    return std::nullopt;
  }
  if (!(w.startS >= 0.0 && w.endS > w.startS)) return std::nullopt;
  return w;
}

void TraceMetadata::set(std::string key, std::string value) {
  for (auto& [k, v] : entries_) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  entries_.emplace_back(std::move(key), std::move(value));
}

std::optional<std::string_view> TraceMetadata::get(std::string_view key) const {
  for (const auto& [k, v] : entries_) {
    if (k == key) return std::string_view(v);
  }
  return std::nullopt;
}

std::optional<TimeWindow> TraceMetadata::neutralWindow() const {
  const auto v = get("neutral");
  return v ? parseTimeWindow(*v) : std::nullopt;
}

std::optional<int> TraceMetadata::repetitions() const {
  const auto v = get("repetitions");
  if (!v) return std::nullopt;
  const std::string_view s = trim(*v);
  int n = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || ptr != s.data() + s.size() || n < 0) return std::nullopt;
  return n;
}

int TraceLayout::groundTruthIndex(std::string_view name) const {
  for (std::size_t i = 0; i < groundTruth.size(); ++i) {
    if (groundTruth[i] == name) return static_cast<int>(i);
  }
  return -1;
}

Result<Trace> readTrace(const std::filesystem::path& path) {
  auto reader = TraceReader::open(path);
  if (!reader) return Error{reader.error()};
  Trace trace;
  trace.metadata = reader->metadata();
  trace.layout = reader->layout();
  TraceSample sample;
  while (reader->next(sample)) trace.samples.push_back(sample);
  if (!reader->error().empty()) return Error{reader->error()};
  return trace;
}

Status writeTrace(const std::filesystem::path& path, const Trace& trace) {
  auto writer = TraceWriter::open(path, trace.layout, trace.metadata);
  if (!writer) return Error{writer.error()};
  for (const TraceSample& s : trace.samples) {
    if (auto st = writer->write(s); !st) return st;
  }
  return writer->commit();
}

}  // namespace lumbo
