// A guided session published for live monitoring: each frame's poses and metrics, its state when
// it changes, its calibration and events, from the frame thread by copying only; and the
// therapists' commands turned into the session's own commands, applied between frames and
// answered.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/session/guided_session.h"
#include "monitor/monitor_server.h"

namespace lumbo::monitor {

struct SessionPublisherOptions {
  ListenAddress listen;
  std::filesystem::path keyFolder;  // server.key, server.pub, authorized/ (monitorFolderFor)
  std::string personId;
  std::size_t queueCapacity = 256;
  std::function<void(const std::string&)> log;  // default stderr
};

class SessionPublisher {
 public:
  // Makes the session's key on first use, reads the authorised viewers and listens. Fails with
  // the reason (a bad key file, the port in use).
  static Result<std::unique_ptr<SessionPublisher>> start(const SessionPublisherOptions& options,
                                                         const app::GuidedSession& session);

  // After the session's update for `frame`: queues the frame and what changed.
  void publish(const TrackedFrame& frame, const app::GuidedSession& session);
  // Applies the commands received since the last call; returns how many were applied.
  int applyCommands(app::GuidedSession& session);
  void stop(const std::string& reason) { server_->stop(reason); }

  MonitorStats stats() const { return server_->stats(); }
  const std::string& endpoint() const { return endpoint_; }
  const std::filesystem::path& serverPublicKey() const { return serverPublicKey_; }
  std::size_t authorizedViewers() const { return authorized_; }

 private:
  SessionPublisher() = default;
  void fillState(const app::GuidedSession& session);
  void event(double timeS, std::string kind, std::string detail);

  std::unique_ptr<MonitorServer> server_;
  std::string endpoint_;
  std::filesystem::path serverPublicKey_;
  std::size_t authorized_ = 0;
  StateMessage state_;
  StateMessage sent_;
  bool stateSent_ = false;
  double stateSentS_ = -1e9;
  bool calibrationSent_ = false;
  glm::dquat sentNeutral_{1, 0, 0, 0};
  app::SessionStage lastStage_ = app::SessionStage::Finished;
  bool lastPaused_ = false;
  bool lastTrackingLost_ = false;
  std::size_t lastExercise_ = 0;
  bool started_ = false;
  std::vector<ViewerCommand> commands_;
};

}  // namespace lumbo::monitor
