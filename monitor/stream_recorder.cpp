// Writing a monitored session's stream to a trace and two CSV files.
#include "monitor/stream_recorder.h"

#include <cstdio>

#include "store/private_file.h"

namespace lumbo::monitor {

namespace {

std::string csvCell(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c == '\n' ? ' ' : c;
  }
  return out + "\"";
}

std::string seconds(double t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", t);
  return buf;
}

}  // namespace

Status StreamRecorder::record(const Message& message) {
  if (const auto* w = std::get_if<Welcome>(&message.payload)) {
    if (epoch_) return Done{};
    epoch_ = w->epoch;
    TraceLayout layout;
    layout.devices.set();
    layout.validColumns.set();
    TraceMetadata metadata;
    metadata.set("source", "lumbo monitor: live session of " + w->personId);
    if (!w->plan.empty()) metadata.set("exercise", w->plan.front().exerciseId);
    auto writer = TraceWriter::open(path_, layout, metadata);
    if (!writer) return Error{writer.error()};
    writer_.emplace(std::move(*writer));
    return Done{};
  }
  if (!writer_) return Done{};
  if (const auto* f = std::get_if<FrameMessage>(&message.payload)) {
    if (f->tracked.timeS <= lastTimeS_) return Done{};  // a trace's time only moves forward
    lastTimeS_ = f->tracked.timeS;
    TraceSample sample;
    sample.frame = f->tracked;
    ++frames_;
    return writer_->write(sample);
  }
  if (const auto* s = std::get_if<StateMessage>(&message.payload)) lastStateTimeS_ = s->timeS;
  if (const auto* e = std::get_if<EventMessage>(&message.payload)) {
    events_ += seconds(e->timeS) + "," + csvCell(e->kind) + "," + csvCell(e->detail) + "\n";
  }
  return Done{};
}

void StreamRecorder::drawn(double timeS, const DrawnPanel& panel) {
  if (!writer_ || panel == lastPanel_) return;
  lastPanel_ = panel;
  panel_ += seconds(timeS) + "," + csvCell(panel.exercise) + "," + csvCell(panel.counters) + "," + csvCell(panel.cue) + "," +
            csvCell(panel.quality) + "\n";
}

Status StreamRecorder::commit() {
  if (!writer_) return Error{path_.string() + ": nothing recorded (no session was received)"};
  if (auto st = store::writeFileAtomically(path_.string() + ".events.csv", events_); !st) return st;
  if (auto st = store::writeFileAtomically(path_.string() + ".panel.csv", panel_); !st) return st;
  auto st = writer_->commit();
  writer_.reset();
  return st;
}

}  // namespace lumbo::monitor
