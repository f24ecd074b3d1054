// What a guided session publishes, and the therapists' commands it takes.
#include "monitor/session_publisher.h"

#include <cmath>

namespace lumbo::monitor {

namespace {

double quantise(double v, double step) { return std::round(v / step) * step; }

app::SessionCommand::Kind sessionKind(CommandKind kind) {
  using K = app::SessionCommand::Kind;
  switch (kind) {
    case CommandKind::Pause: return K::Pause;
    case CommandKind::Resume: return K::Resume;
    case CommandKind::EndExercise: return K::EndExercise;
    case CommandKind::SetLevel: return K::SetLevel;
    case CommandKind::SetRepetitions: return K::SetRepetitions;
    case CommandKind::Message: return K::Message;
  }
  return K::Pause;
}

}  // namespace

Result<std::unique_ptr<SessionPublisher>> SessionPublisher::start(const SessionPublisherOptions& options,
                                                                  const app::GuidedSession& session) {
  auto key = ensureServerKey(options.keyFolder);
  if (!key) return Error{key.error()};
  auto viewers = monitor::authorizedViewers(options.keyFolder);
  if (!viewers) return Error{viewers.error()};
  MonitorServerOptions serverOptions;
  serverOptions.address = options.listen.host;
  serverOptions.port = options.listen.port;
  serverOptions.serverKey = *key;
  serverOptions.authorized = *viewers;
  serverOptions.queueCapacity = options.queueCapacity;
  serverOptions.log = options.log;
  auto server = MonitorServer::start(serverOptions);
  if (!server) return Error{server.error()};
  std::unique_ptr<SessionPublisher> p(new SessionPublisher());
  p->server_ = std::move(*server);
  p->endpoint_ = p->server_->endpoint();
  p->serverPublicKey_ = serverPublicKeyPath(options.keyFolder);
  p->authorized_ = viewers->size();
  Welcome welcome;
  welcome.personId = options.personId;
  for (const app::PlannedExercise& e : session.plan()) {
    const int level = std::max(1, e.level);
    const Level* l = level <= static_cast<int>(e.exercise.levels.size()) ? &e.exercise.levels[static_cast<std::size_t>(level - 1)] : nullptr;
    welcome.plan.push_back({e.exercise.id, level, l ? l->sets : 1, l ? l->repetitions : 1});
  }
  p->server_->setWelcome(std::move(welcome));
  return p;
}

void SessionPublisher::event(double timeS, std::string kind, std::string detail) {
  server_->publish(EventMessage{timeS, std::move(kind), std::move(detail)});
}

void SessionPublisher::fillState(const app::GuidedSession& session) {
  const app::SessionView& v = session.view();
  StateMessage& s = state_;
  s.stage = static_cast<std::uint8_t>(v.stage);
  s.paused = v.paused;
  s.stopped = v.stopped;
  s.trackingLost = v.feedback.paused && v.stage == app::SessionStage::Exercising;
  s.timeS = v.timeS;
  s.exerciseIndex = static_cast<int>(v.exerciseIndex);
  const app::PlannedExercise* e = v.exercise;
  s.exerciseId = e ? e->exercise.id : std::string();
  s.exerciseName = e ? e->exercise.name : std::string();
  s.level = e ? e->level : 1;
  s.levelCount = e ? static_cast<int>(e->exercise.levels.size()) : 1;
  const bool exercising = v.stage == app::SessionStage::Exercising;
  s.phase = exercising ? static_cast<int>(v.feedback.phase) : 0;
  s.phaseName = exercising && e && v.feedback.phase < e->exercise.phases.size() ? e->exercise.phases[v.feedback.phase].name : std::string();
  s.instruction = v.instruction;
  s.outOfBand = exercising && v.feedback.outOfBand;
  s.cue = s.outOfBand && v.feedback.cue ? *v.feedback.cue : std::string();
  s.fault = s.outOfBand && v.feedback.fault ? *v.feedback.fault : std::string();
  s.signal = s.outOfBand ? static_cast<int>(v.feedback.signal) : 0;
  s.excess = s.outOfBand ? quantise(v.feedback.excess, 0.5) : 0.0;
  // After the last exercise, what it came to (the panels then show the summary).
  const bool after = v.stage == app::SessionStage::PainAfter || v.stage == app::SessionStage::Summary ||
                     v.stage == app::SessionStage::Finished;
  const app::ExerciseOutcome* last = after && !session.outcomes().empty() ? &session.outcomes().back() : nullptr;
  s.repetitions = exercising ? v.feedback.repetitions : last ? static_cast<int>(last->repetitions.size()) : 0;
  s.targetRepetitions = v.targetRepetitions;
  s.repetitionsPerSet = e && e->level >= 1 && e->level <= static_cast<int>(e->exercise.levels.size())
                            ? e->exercise.levels[static_cast<std::size_t>(e->level - 1)].repetitions
                            : 0;
  s.set = exercising ? v.feedback.set : 1;
  s.holdS = exercising ? quantise(v.feedback.holdS, 0.1) : 0.0;
  s.calibrationProgress = quantise(v.calibrationProgress, 0.02);
  s.calibrationProblem = v.calibrationProblem;
  s.positionProblem = v.positionProblem;
  s.painBefore = v.painBefore;
  s.painAfter = v.painAfter;
  s.message = v.message;
  const auto reps = last ? std::span<const RepetitionResult>(last->repetitions) : session.currentRepetitions();
  if (s.repetitionsDone.size() != reps.size()) {
    s.repetitionsDone.resize(reps.size());
    for (std::size_t i = 0; i < reps.size(); ++i) {
      RepetitionInfo& r = s.repetitionsDone[i];
      r.number = reps[i].number;
      r.quality = reps[i].scored ? std::optional<double>(reps[i].quality) : std::nullopt;
      r.faults.clear();
      for (const RepFault& f : reps[i].faults) r.faults.push_back(f.text);
    }
  }
}

void SessionPublisher::publish(const TrackedFrame& frame, const app::GuidedSession& session) {
  const app::SessionView& v = session.view();
  server_->publish(FrameMessage{frame, v.posture});
  fillState(session);
  // Time moves every frame: a state is new when anything else changed, or once a second.
  const double t = v.timeS;
  const double sentTimeS = sent_.timeS;
  sent_.timeS = state_.timeS;
  if (!stateSent_ || !(state_ == sent_) || t - stateSentS_ >= 1.0 || t < stateSentS_) {
    sent_ = state_;
    stateSent_ = true;
    stateSentS_ = t;
    server_->publish(state_);
  } else {
    sent_.timeS = sentTimeS;
  }
  if (const auto& cal = session.calibration()) {
    if (!calibrationSent_ || cal->neutralFrame != sentNeutral_) {
      server_->publish(*cal);
      calibrationSent_ = true;
      sentNeutral_ = cal->neutralFrame;
      event(t, "calibration", std::string(neutralPositionName(cal->position)) + " neutral");
    }
  }
  if (started_ && v.stage != lastStage_) event(t, "stage", app::stageName(v.stage));
  if (started_ && v.paused != lastPaused_) event(t, v.paused ? "pause" : "resume", "");
  if (started_ && state_.trackingLost != lastTrackingLost_) event(t, state_.trackingLost ? "tracking_lost" : "tracking_regained", "");
  if (started_ && v.exerciseIndex != lastExercise_ && v.exercise) event(t, "exercise", v.exercise->exercise.id);
  if (v.feedback.repetitionCompleted && v.stage == app::SessionStage::Exercising) {
    const auto reps = session.currentRepetitions();
    std::string detail = "#" + std::to_string(v.feedback.repetitions);
    if (!reps.empty()) detail += reps.back().scored ? ", quality " + std::to_string(static_cast<int>(std::lround(reps.back().quality))) : ", not scored";
    event(t, "repetition", detail);
  }
  started_ = true;
  lastStage_ = v.stage;
  lastPaused_ = v.paused;
  lastTrackingLost_ = state_.trackingLost;
  lastExercise_ = v.exerciseIndex;
}

int SessionPublisher::applyCommands(app::GuidedSession& session) {
  server_->takeCommands(commands_);
  int applied = 0;
  for (const ViewerCommand& c : commands_) {
    const app::SessionView& v = session.view();
    const auto before = std::make_tuple(v.stage, v.paused, v.exerciseIndex, v.exercise ? v.exercise->level : 0,
                                        v.targetRepetitions, v.message);
    app::SessionCommand command;
    command.kind = sessionKind(c.command.kind);
    command.value = c.command.value;
    command.text = c.command.text;
    command.by = c.by;
    session.apply(command);
    const app::SessionView& after = session.view();
    const bool changed = before != std::make_tuple(after.stage, after.paused, after.exerciseIndex,
                                                   after.exercise ? after.exercise->level : 0, after.targetRepetitions,
                                                   after.message);
    const std::string what = std::string(commandKindName(c.command.kind));
    if (changed) {
      ++applied;
      event(after.timeS, "therapist", what + " by " + c.by + (c.command.text.empty() ? "" : ": " + c.command.text));
      server_->reply(c.viewerId, ReplyMessage{c.sequence, true, what + " applied"});
    } else {
      server_->reply(c.viewerId, ReplyMessage{c.sequence, false, what + ": nothing to change while " + app::stageName(after.stage)});
    }
  }
  return applied;
}

}  // namespace lumbo::monitor
