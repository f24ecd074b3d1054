// Folding received messages into the viewer's picture of the session.
#include "monitor/viewer_model.h"

#include <algorithm>

namespace lumbo::monitor {

void ViewerModel::note(double timeS, const std::string& text) {
  events_.push_back({timeS, "connection", text});
  if (events_.size() > kEventsKept) events_.pop_front();
}

void ViewerModel::apply(const Message& message) {
  if (const auto* w = std::get_if<Welcome>(&message.payload)) {
    if (welcome_ && welcome_->epoch != w->epoch) {
      // A new session: what was known of the old one no longer applies.
      frame_.reset();
      state_.reset();
      calibration_.reset();
      for (auto& s : strips_) s.clear();
      eventsThisSession_ = 0;
    }
    welcome_ = *w;
    ended_ = false;
  } else if (const auto* f = std::get_if<FrameMessage>(&message.payload)) {
    frame_ = *f;
    ++frames_;
    for (std::size_t i = 0; i < kMetricCount; ++i) {
      auto& strip = strips_[i];
      const Metric& m = f->posture.metrics[i];
      strip.push_back({f->tracked.timeS, static_cast<float>(m.value), m.source});
      if (strip.size() > kStripSamples) strip.pop_front();
    }
  } else if (const auto* s = std::get_if<StateMessage>(&message.payload)) {
    state_ = *s;
  } else if (const auto* c = std::get_if<Calibration>(&message.payload)) {
    calibration_ = *c;
  } else if (const auto* e = std::get_if<EventMessage>(&message.payload)) {
    // A viewer that connects again (or whose hello the session answers twice) is sent the
    // session's recent events again: an event already held is the same event, not a new one.
    // Only this session's: a new session's clock starts again at 0.
    const std::size_t ofThisSession = std::min(eventsThisSession_, events_.size());
    for (auto held = events_.end() - static_cast<std::ptrdiff_t>(ofThisSession); held != events_.end(); ++held) {
      if (held->timeS == e->timeS && held->kind == e->kind && held->detail == e->detail) return;
    }
    events_.push_back(*e);
    ++eventsThisSession_;
    if (events_.size() > kEventsKept) events_.pop_front();
  } else if (const auto* r = std::get_if<ReplyMessage>(&message.payload)) {
    lastReply_ = *r;
  } else if (std::holds_alternative<ByeMessage>(message.payload)) {
    ended_ = true;
  }
}

}  // namespace lumbo::monitor
