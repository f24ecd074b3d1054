// The viewer's side of live monitoring: a CURVE-encrypted ZeroMQ DEALER socket to one session,
// that says Hello (again after any silence, so it finds a restarted session), keeps the session
// aware of it with heartbeats, refuses malformed or replayed messages, sends the therapist's
// commands, and says in words what the connection is doing.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "body/result.h"
#include "monitor/monitor_keys.h"
#include "monitor/monitor_protocol.h"

namespace lumbo::monitor {

struct MonitorClientOptions {
  std::string host = "127.0.0.1";
  int port = 0;
  KeyPair key;                  // the viewer's own pair
  std::string serverPublicKey;  // Z85, from the session's server.pub
  double poseRateHz = 0.0;      // 0: every frame
  double silenceS = 2.0;        // no message for this long: the connection is taken as lost
};

enum class ConnectionState { Connecting, Connected, Lost, Refused, Ended };

class MonitorClient {
 public:
  explicit MonitorClient(MonitorClientOptions options);
  ~MonitorClient();
  MonitorClient(const MonitorClient&) = delete;
  MonitorClient& operator=(const MonitorClient&) = delete;

  // The next message from the session, waiting up to `timeoutMs`; sends heartbeats and hellos as
  // they fall due. Malformed and replayed messages are counted, noted and skipped.
  std::optional<Message> receive(int timeoutMs);
  // Sends a command to the session; returns its sequence number (0: not connected, not sent).
  std::uint64_t send(CommandKind kind, std::int32_t value = 0, const std::string& text = {});

  ConnectionState state() const { return state_; }
  // What changed, in words, since the last call ("connected to demo's session", "connection lost:
  // reconnecting", "the session restarted"); empty when nothing did.
  std::string takeNotice();
  std::uint64_t epoch() const { return epoch_; }
  std::uint64_t refusedMessages() const { return refused_; }
  const std::string& lastRefusal() const { return lastRefusal_; }
  std::uint64_t sessionsSeen() const { return sessionsSeen_; }

 private:
  struct Impl;
  void sendPayload(const Payload& payload);
  void checkMonitorEvents();
  void note(std::string text);

  MonitorClientOptions options_;
  std::unique_ptr<Impl> impl_;
  ConnectionState state_ = ConnectionState::Connecting;
  std::uint64_t epoch_ = 0;
  std::uint64_t sequence_ = 0;
  std::uint64_t lastReceived_ = 0;
  std::uint64_t refused_ = 0;
  std::uint64_t sessionsSeen_ = 0;
  std::string lastRefusal_;
  std::string notice_;
  double lastMessageS_ = 0.0;
  double lastHelloS_ = -1e9;
  double lastHeartbeatS_ = 0.0;
};

}  // namespace lumbo::monitor
