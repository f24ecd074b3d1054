// Folding received messages into the viewer's picture of the session.
#include "monitor/viewer_model.h"

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
    events_.push_back(*e);
    if (events_.size() > kEventsKept) events_.pop_front();
  } else if (const auto* r = std::get_if<ReplyMessage>(&message.payload)) {
    lastReply_ = *r;
  } else if (std::holds_alternative<ByeMessage>(message.payload)) {
    ended_ = true;
  }
}

}  // namespace lumbo::monitor
