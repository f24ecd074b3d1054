// Names of the record enums as stored, and the record helpers that compute.
#include "store/session_records.h"

namespace lumbo::store {

std::optional<double> OswestryRecord::percent() const {
  int sum = 0;
  int answered = 0;
  for (const auto& s : sections) {
    if (!s) continue;
    sum += *s;
    ++answered;
  }
  if (answered < 9) return std::nullopt;
  return 100.0 * sum / (5.0 * answered);
}

PostureSampleRecord PostureSampleRecord::from(const Posture& posture, std::uint16_t trackedDevices) {
  PostureSampleRecord r;
  r.timeS = posture.timeS;
  r.trackedDevices = trackedDevices;
  for (std::size_t i = 0; i < kMetricCount; ++i) {
    const Metric& m = posture.metrics[i];
    r.values[i] = static_cast<float>(m.value);
    if (m.available()) r.availableMask = static_cast<std::uint16_t>(r.availableMask | (1u << i));
    if (m.measured()) r.measuredMask = static_cast<std::uint16_t>(r.measuredMask | (1u << i));
  }
  return r;
}

const char* statusName(SessionStatus status) {
  switch (status) {
    case SessionStatus::Open: return "open";
    case SessionStatus::Completed: return "completed";
    case SessionStatus::Interrupted: return "interrupted";
  }
  return "open";
}

namespace {
constexpr const char* kEventNames[] = {"tracking_lost", "tracking_regained", "pause",
                                       "resume",        "calibration",       "level_change",
                                       "pain_check",    "pain_stop",         "exercise_ended",
                                       "repetitions_change", "message"};
}

const char* eventKindName(EventKind kind) { return kEventNames[static_cast<std::size_t>(kind)]; }

std::optional<EventKind> eventKindFromName(const std::string& name) {
  for (std::size_t i = 0; i < std::size(kEventNames); ++i) {
    if (name == kEventNames[i]) return static_cast<EventKind>(i);
  }
  return std::nullopt;
}

}  // namespace lumbo::store
