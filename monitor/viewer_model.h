// What a viewer knows of the session it watches, built from the messages it receives: the plan,
// the latest poses and state, the calibration, the metrics' recent history for live strips, the
// events, the answers to its commands and what the connection did. Kept apart from any drawing,
// so a window or a clinic tab can show it.
#pragma once

#include <array>
#include <deque>
#include <optional>
#include <string>

#include "monitor/monitor_protocol.h"

namespace lumbo::monitor {

struct MetricSample {
  double timeS = 0.0;
  float value = 0.0f;
  MetricSource source = MetricSource::Unavailable;
};

class ViewerModel {
 public:
  static constexpr std::size_t kStripSamples = 600;
  static constexpr std::size_t kEventsKept = 200;

  void apply(const Message& message);
  // A line about the connection ("connection lost: reconnecting"), shown with the events.
  void note(double timeS, const std::string& text);

  const std::optional<Welcome>& welcome() const { return welcome_; }
  const std::optional<FrameMessage>& frame() const { return frame_; }
  const std::optional<StateMessage>& state() const { return state_; }
  const std::optional<Calibration>& calibration() const { return calibration_; }
  const std::deque<EventMessage>& events() const { return events_; }
  const std::array<std::deque<MetricSample>, kMetricCount>& strips() const { return strips_; }
  const std::optional<ReplyMessage>& lastReply() const { return lastReply_; }
  std::uint64_t framesReceived() const { return frames_; }
  bool ended() const { return ended_; }

 private:
  std::optional<Welcome> welcome_;
  std::optional<FrameMessage> frame_;
  std::optional<StateMessage> state_;
  std::optional<Calibration> calibration_;
  std::deque<EventMessage> events_;
  std::size_t eventsThisSession_ = 0;  // of events_, the newest that the current session sent
  std::array<std::deque<MetricSample>, kMetricCount> strips_;
  std::optional<ReplyMessage> lastReply_;
  std::uint64_t frames_ = 0;
  bool ended_ = false;
};

}  // namespace lumbo::monitor
