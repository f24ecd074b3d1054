// The session's side of live monitoring: a CURVE-encrypted ZeroMQ ROUTER socket that only
// authorised viewer keys may connect to (a ZAP handler checks each one and logs refusals), a
// bounded queue the frame thread fills without ever waiting, and a sender thread that does all
// the ZeroMQ work: encoding, sending to each viewer at its rate, dropping what a slow viewer
// cannot take, and reading the viewers' hellos, heartbeats and commands.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "body/result.h"
#include "monitor/monitor_keys.h"
#include "monitor/monitor_protocol.h"

namespace lumbo::monitor {

struct MonitorServerOptions {
  std::string address = "127.0.0.1";  // listen here only: another interface must be asked for
  int port = 0;  // 0: any free port (port() says which)
  KeyPair serverKey;
  std::vector<PublicKey> authorized;
  std::size_t queueCapacity = 256;       // messages between the frame thread and the sender
  std::size_t maxViewers = 8;
  double viewerTimeoutS = 5.0;           // a viewer silent this long is forgotten
  int sendHighWaterMark = 64;            // messages ZeroMQ holds per viewer before dropping
  std::function<void(const std::string&)> log;  // refusals and viewers coming and going; default stderr
};

// A command from a viewer, checked (authorised key, this session's epoch, a new sequence number).
struct ViewerCommand {
  CommandMessage command;
  std::string by;          // the viewer key's name
  std::string viewerId;    // to reply to
  std::uint64_t sequence = 0;
};

struct MonitorStats {
  std::uint64_t published = 0;       // messages handed to the queue
  std::uint64_t queueDropped = 0;    // oldest dropped because the sender fell behind
  std::uint64_t sent = 0;            // messages sent to a viewer
  std::uint64_t viewerDropped = 0;   // not sent: that viewer's queue was full (it reads too slowly)
  std::uint64_t refusedKeys = 0;     // connections refused by the ZAP handler
  std::uint64_t refusedMessages = 0; // malformed, oversized, replayed or out-of-turn messages
  std::uint64_t commands = 0;
  std::uint64_t viewersSeen = 0;
  std::size_t viewersNow = 0;
};

class MonitorServer {
 public:
  // Binds (tcp://address:port) and starts the sender thread. Fails with the reason (port in use,
  // bad address) without leaving anything running.
  static Result<std::unique_ptr<MonitorServer>> start(MonitorServerOptions options);
  ~MonitorServer();  // says Bye to the viewers and stops
  MonitorServer(const MonitorServer&) = delete;
  MonitorServer& operator=(const MonitorServer&) = delete;

  // Frame thread: copies into the queue (the oldest is dropped when it is full) and returns.
  void publish(Payload payload);
  // Frame thread: the commands received since the last call.
  void takeCommands(std::vector<ViewerCommand>& out);
  // Queues an answer to one viewer.
  void reply(const std::string& viewerId, ReplyMessage reply);
  // Sent to each viewer when it says Hello (so a late viewer sees the plan and the state).
  void setWelcome(Welcome welcome);
  std::uint64_t epoch() const { return epoch_; }
  std::string endpoint() const { return endpoint_; }
  int port() const { return port_; }
  MonitorStats stats() const;
  // Says Bye with `reason` and waits a little for it to leave. Idempotent; the destructor calls it.
  void stop(const std::string& reason = "session ended");

 private:
  struct Outgoing {
    Payload payload;
    std::string target;  // empty: every viewer
  };
  struct Impl;
  explicit MonitorServer(MonitorServerOptions options);
  void push(Outgoing item);
  void run();

  MonitorServerOptions options_;
  std::unique_ptr<Impl> impl_;
  std::uint64_t epoch_ = 0;
  std::string endpoint_;
  int port_ = 0;
  mutable std::mutex mutex_;  // guards queue_, commands_, welcome_, stats_
  std::deque<Outgoing> queue_;
  std::vector<ViewerCommand> commands_;
  Welcome welcome_;
  MonitorStats stats_;
  int wakeFd_ = -1;  // an eventfd: the sender sleeps in zmq_poll until it is written
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

// "7400" -> 127.0.0.1:7400; "0.0.0.0:7400", "[::1]:7400", "host:7400" as given. Fails with the
// reason for a port outside 1-65535 or an empty address.
struct ListenAddress {
  std::string host = "127.0.0.1";
  int port = 0;
};
Result<ListenAddress> parseListenAddress(const std::string& text, const std::string& defaultHost = "127.0.0.1");

}  // namespace lumbo::monitor
