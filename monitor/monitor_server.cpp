// The session's monitoring socket, its ZAP handler and its sender thread.
#include "monitor/monitor_server.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <random>

#include <zmq.hpp>
#include <zmq_addon.hpp>

namespace lumbo::monitor {

namespace {

double nowS() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

// ZeroMQ looks for the ZAP handler of a context at this inproc address.
constexpr const char* kZapEndpoint = "inproc://zeromq.zap.01";

}  // namespace

Result<ListenAddress> parseListenAddress(const std::string& text, const std::string& defaultHost) {
  ListenAddress out;
  out.host = defaultHost;
  std::string portText = text;
  if (const auto colon = text.rfind(':'); colon != std::string::npos) {
    out.host = text.substr(0, colon);
    portText = text.substr(colon + 1);
    if (out.host.empty()) return Error{"'" + text + "': no address before ':'"};
  }
  int port = 0;
  for (char c : portText) {
    if (c < '0' || c > '9' || port > 65535) return Error{"'" + text + "': the port must be a number 1-65535"};
    port = port * 10 + (c - '0');
  }
  if (portText.empty() || port < 1 || port > 65535) return Error{"'" + text + "': the port must be a number 1-65535"};
  out.port = port;
  return out;
}

struct MonitorServer::Impl {
  struct Viewer {
    std::string name;
    double lastSeenS = 0.0;
    double rateHz = 0.0;
    double lastFrameS = -1e18;
    std::uint64_t lastSequence = 0;
    bool welcomed = false;
  };
  zmq::context_t context{1};
  zmq::socket_t zap{context, zmq::socket_type::rep};
  zmq::socket_t router{context, zmq::socket_type::router};
  std::map<std::string, std::string> authorized;  // Z85 key -> name
  std::map<std::string, Viewer> viewers;          // by routing id
  std::vector<std::uint8_t> buffer;
  std::uint64_t sequence = 0;
  std::optional<Payload> lastState;
  std::optional<Payload> lastCalibration;
  std::deque<Payload> recentEvents;
  // Refusals are logged, but a flood of them must not flood the log.
  double logWindowS = 0.0;
  int loggedInWindow = 0;
  int suppressed = 0;
};

MonitorServer::MonitorServer(MonitorServerOptions options) : options_(std::move(options)), impl_(std::make_unique<Impl>()) {}

Result<std::unique_ptr<MonitorServer>> MonitorServer::start(MonitorServerOptions options) {
  if (!options.log) options.log = [](const std::string& line) { std::fprintf(stderr, "lumbo monitor: %s\n", line.c_str()); };
  std::unique_ptr<MonitorServer> server(new MonitorServer(std::move(options)));
  Impl& impl = *server->impl_;
  for (const PublicKey& k : server->options_.authorized) impl.authorized[k.key] = k.name;
  std::random_device random;
  server->epoch_ = (static_cast<std::uint64_t>(random()) << 32) ^ random() ^ static_cast<std::uint64_t>(nowS() * 1e6);
  const MonitorServerOptions& o = server->options_;
  const bool ipv6 = o.address.find(':') != std::string::npos;
  const std::string host = ipv6 && o.address.front() != '[' ? "[" + o.address + "]" : o.address;
  server->endpoint_ = "tcp://" + host + ":" + std::to_string(o.port);
  try {
    // The handler must be bound before the socket that uses it accepts anyone.
    impl.zap.set(zmq::sockopt::linger, 0);
    impl.zap.bind(kZapEndpoint);
    impl.router.set(zmq::sockopt::curve_server, 1);
    impl.router.set(zmq::sockopt::curve_secretkey, o.serverKey.secretKey);
    impl.router.set(zmq::sockopt::zap_domain, "lumbo-monitor");
    impl.router.set(zmq::sockopt::router_mandatory, 1);
    impl.router.set(zmq::sockopt::sndhwm, o.sendHighWaterMark);
    impl.router.set(zmq::sockopt::rcvhwm, 256);
    // Far above any viewer message: ZeroMQ drops a peer that sends more, before buffering it.
    impl.router.set(zmq::sockopt::maxmsgsize, static_cast<std::int64_t>(64 * 1024));
    impl.router.set(zmq::sockopt::handshake_ivl, 5000);
    impl.router.set(zmq::sockopt::linger, 200);
    impl.router.set(zmq::sockopt::sndbuf, 256 * 1024);
    if (ipv6) impl.router.set(zmq::sockopt::ipv6, 1);
    // Port 0: any free port (ZeroMQ's wildcard), as tests and benchmarks want.
    impl.router.bind(o.port == 0 ? "tcp://" + host + ":*" : server->endpoint_);
    if (o.port == 0) {
      server->endpoint_ = impl.router.get(zmq::sockopt::last_endpoint);
      server->port_ = std::stoi(server->endpoint_.substr(server->endpoint_.rfind(':') + 1));
    } else {
      server->port_ = o.port;
    }
  } catch (const zmq::error_t& e) {
    return Error{"cannot listen on " + server->endpoint_ + ": " + e.what()};
  }
  server->wakeFd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (server->wakeFd_ < 0) return Error{"cannot make the sender's wake-up descriptor"};
  server->thread_ = std::thread([s = server.get()] { s->run(); });
  return server;
}

MonitorServer::~MonitorServer() {
  stop();
  if (wakeFd_ >= 0) ::close(wakeFd_);
}

void MonitorServer::stop(const std::string& reason) {
  if (!thread_.joinable()) return;
  push({ByeMessage{reason}, {}});
  stopping_ = true;
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto n = ::write(wakeFd_, &one, sizeof one);
  thread_.join();
}

void MonitorServer::push(Outgoing item) {
  bool wasEmpty = false;
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= options_.queueCapacity) {
      queue_.pop_front();
      ++stats_.queueDropped;
    }
    wasEmpty = queue_.empty();
    queue_.push_back(std::move(item));
    ++stats_.published;
  }
  // One wake-up per batch: the sender drains everything queued when it wakes.
  if (wasEmpty) {
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto n = ::write(wakeFd_, &one, sizeof one);
  }
}

void MonitorServer::publish(Payload payload) { push({std::move(payload), {}}); }

void MonitorServer::reply(const std::string& viewerId, ReplyMessage reply) { push({std::move(reply), viewerId}); }

void MonitorServer::setWelcome(Welcome welcome) {
  std::lock_guard lock(mutex_);
  welcome_ = std::move(welcome);
  welcome_.epoch = epoch_;
}

void MonitorServer::takeCommands(std::vector<ViewerCommand>& out) {
  out.clear();
  std::lock_guard lock(mutex_);
  out.swap(commands_);
}

MonitorStats MonitorServer::stats() const {
  std::lock_guard lock(mutex_);
  MonitorStats s = stats_;
  return s;
}

void MonitorServer::run() {
  Impl& impl = *impl_;
  auto log = [&](const std::string& line) {
    const double t = nowS();
    if (t - impl.logWindowS > 10.0) {
      if (impl.suppressed > 0) options_.log(std::to_string(impl.suppressed) + " more refusals in the last 10 s not shown");
      impl.logWindowS = t;
      impl.loggedInWindow = 0;
      impl.suppressed = 0;
    }
    if (++impl.loggedInWindow <= 20) options_.log(line);
    else ++impl.suppressed;
  };
  auto count = [&](std::uint64_t MonitorStats::*field, std::uint64_t n = 1) {
    std::lock_guard lock(mutex_);
    stats_.*field += n;
  };

  // Sends the encoded buffer to one viewer; false when it could not take it.
  auto sendTo = [&](const std::string& id) -> bool {
    try {
      if (!impl.router.send(zmq::buffer(id), zmq::send_flags::sndmore | zmq::send_flags::dontwait)) return false;
      impl.router.send(zmq::buffer(impl.buffer), zmq::send_flags::dontwait);
      return true;
    } catch (const zmq::error_t& e) {
      // EHOSTUNREACH: its connection is gone.
      if (auto it = impl.viewers.find(id); it != impl.viewers.end()) {
        log("viewer " + it->second.name + " gone (" + e.what() + ")");
        impl.viewers.erase(it);
      }
      return false;
    }
  };
  auto encode = [&](const Payload& p) {
    encodeInto(Message{++impl.sequence, p}, impl.buffer);
  };
  auto sendDirect = [&](const std::string& id, const Payload& p) {
    encode(p);
    if (sendTo(id)) count(&MonitorStats::sent);
  };
  auto refuse = [&](const std::string& id, const std::string& who, std::uint64_t seq, const std::string& why) {
    count(&MonitorStats::refusedMessages);
    log("refused a message from " + who + ": " + why);
    sendDirect(id, ReplyMessage{seq, false, why});
  };

  auto handleZap = [&] {
    std::vector<zmq::message_t> parts;
    if (!zmq::recv_multipart(impl.zap, std::back_inserter(parts), zmq::recv_flags::dontwait)) return;
    if (parts.size() < 6) return;
    const std::string requestId = parts[1].to_string();
    const std::string address = parts[3].to_string();
    std::string name;
    std::string key;
    if (parts.size() >= 7 && parts[5].to_string() == "CURVE" && parts[6].size() == 32) {
      char z85[41];
      zmq_z85_encode(z85, static_cast<const std::uint8_t*>(parts[6].data()), 32);
      key = z85;
      if (auto it = impl.authorized.find(key); it != impl.authorized.end()) name = it->second;
    }
    const bool ok = !name.empty();
    if (!ok) {
      count(&MonitorStats::refusedKeys);
      log("refused a viewer at " + address + ": key " + (key.empty() ? std::string("(none)") : keyCode(key)) +
          " is not authorised (lumbo monitor authorize)");
    }
    std::array<zmq::const_buffer, 6> reply = {zmq::str_buffer("1.0"), zmq::buffer(requestId),
                                              zmq::buffer(std::string_view(ok ? "200" : "400")),
                                              zmq::buffer(std::string_view(ok ? "OK" : "key not authorised")),
                                              zmq::buffer(name), zmq::const_buffer(nullptr, 0)};
    zmq::send_multipart(impl.zap, reply);
  };

  auto welcome = [&](const std::string& id, Impl::Viewer& v) {
    Welcome w;
    {
      std::lock_guard lock(mutex_);
      w = welcome_;
    }
    w.poseRateHz = v.rateHz;
    sendDirect(id, w);
    if (impl.lastCalibration) sendDirect(id, *impl.lastCalibration);
    if (impl.lastState) sendDirect(id, *impl.lastState);
    for (const Payload& e : impl.recentEvents) sendDirect(id, e);
    v.welcomed = true;
  };

  auto handleViewer = [&] {
    std::vector<zmq::message_t> parts;
    if (!zmq::recv_multipart(impl.router, std::back_inserter(parts), zmq::recv_flags::dontwait)) return false;
    if (parts.empty()) return true;
    const std::string id = parts[0].to_string();
    std::string who = "an unknown viewer";
    if (parts.size() >= 2) {
      try {
        who = parts[1].gets("User-Id");
      } catch (const zmq::error_t&) {
      }
    }
    if (parts.size() != 2) {
      refuse(id, who, 0, "a message in " + std::to_string(parts.size() - 1) + " parts, expected 1");
      return true;
    }
    auto decoded = decode(std::span(static_cast<const std::uint8_t*>(parts[1].data()), parts[1].size()), kMaxViewerMessageBytes);
    if (!decoded) {
      refuse(id, who, 0, decoded.error());
      return true;
    }
    const Message& m = *decoded;
    auto it = impl.viewers.find(id);
    if (it != impl.viewers.end() && m.sequence <= it->second.lastSequence) {
      refuse(id, who, m.sequence,
             "replayed or out-of-order message (sequence " + std::to_string(m.sequence) + " after " +
                 std::to_string(it->second.lastSequence) + ")");
      return true;
    }
    if (const auto* hello = std::get_if<HelloMessage>(&m.payload)) {
      if (stopping_) return true;  // it has said goodbye: no new welcome
      if (it == impl.viewers.end()) {
        if (impl.viewers.size() >= options_.maxViewers) {
          refuse(id, who, m.sequence, "too many viewers (" + std::to_string(options_.maxViewers) + ")");
          return true;
        }
        it = impl.viewers.emplace(id, Impl::Viewer{}).first;
        it->second.name = who;
        log("viewer " + who + " connected");
        std::lock_guard lock(mutex_);
        ++stats_.viewersSeen;
        stats_.viewersNow = impl.viewers.size();
      }
      it->second.rateHz = hello->poseRateHz;
      it->second.lastSeenS = nowS();
      it->second.lastSequence = m.sequence;
      welcome(id, it->second);
      return true;
    }
    if (it == impl.viewers.end()) {
      refuse(id, who, m.sequence, "a viewer says Hello first");
      return true;
    }
    Impl::Viewer& v = it->second;
    v.lastSeenS = nowS();
    v.lastSequence = m.sequence;
    if (const auto* command = std::get_if<CommandMessage>(&m.payload)) {
      if (command->epoch != epoch_) {
        refuse(id, who, m.sequence, "a command for another session");
        return true;
      }
      std::lock_guard lock(mutex_);
      commands_.push_back(ViewerCommand{*command, v.name, id, m.sequence});
      ++stats_.commands;
    } else if (!std::holds_alternative<HeartbeatMessage>(m.payload)) {
      refuse(id, who, m.sequence, "a session's message sent by a viewer");
    }
    return true;
  };

  auto sendOut = [&](const Outgoing& item) {
    const auto* frame = std::get_if<FrameMessage>(&item.payload);
    if (item.target.empty()) {
      if (std::holds_alternative<StateMessage>(item.payload)) impl.lastState = item.payload;
      if (std::holds_alternative<Calibration>(item.payload)) impl.lastCalibration = item.payload;
      if (std::holds_alternative<EventMessage>(item.payload)) {
        impl.recentEvents.push_back(item.payload);
        if (impl.recentEvents.size() > 100) impl.recentEvents.pop_front();
      }
    }
    if (impl.viewers.empty()) return;
    encode(item.payload);
    std::uint64_t sent = 0;
    std::uint64_t dropped = 0;
    std::vector<std::string> ids;
    for (auto& [id, v] : impl.viewers) {
      if (!item.target.empty() && id != item.target) continue;
      if (!v.welcomed) continue;
      if (frame && v.rateHz > 0.0) {
        const double t = frame->tracked.timeS;
        if (t >= v.lastFrameS && t - v.lastFrameS < 0.999 / v.rateHz) continue;
      }
      ids.push_back(id);
    }
    for (const std::string& id : ids) {
      if (sendTo(id)) {
        ++sent;
        if (frame) {
          if (auto it = impl.viewers.find(id); it != impl.viewers.end()) it->second.lastFrameS = frame->tracked.timeS;
        }
      } else {
        ++dropped;
      }
    }
    std::lock_guard lock(mutex_);
    stats_.sent += sent;
    stats_.viewerDropped += dropped;
    stats_.viewersNow = impl.viewers.size();
  };

  std::deque<Outgoing> batch;
  constexpr double kByeGraceS = 0.5;
  double byeAtS = 0.0;
  for (;;) {
    std::array<zmq::pollitem_t, 3> items = {zmq::pollitem_t{impl.router.handle(), 0, ZMQ_POLLIN, 0},
                                            zmq::pollitem_t{impl.zap.handle(), 0, ZMQ_POLLIN, 0},
                                            zmq::pollitem_t{nullptr, wakeFd_, ZMQ_POLLIN, 0}};
    try {
      zmq::poll(items.data(), items.size(), std::chrono::milliseconds(byeAtS > 0.0 ? 20 : 100));
    } catch (const zmq::error_t&) {
      continue;  // EINTR: a signal, handled by the frame thread
    }
    if (items[2].revents & ZMQ_POLLIN) {
      std::uint64_t n = 0;
      [[maybe_unused]] const auto r = ::read(wakeFd_, &n, sizeof n);
    }
    if (items[1].revents & ZMQ_POLLIN) handleZap();
    if (items[0].revents & ZMQ_POLLIN) {
      for (int i = 0; i < 256 && handleViewer(); ++i) {
      }
    }
    {
      std::lock_guard lock(mutex_);
      batch.swap(queue_);
    }
    for (const Outgoing& item : batch) sendOut(item);
    const bool bye = !batch.empty() && std::holds_alternative<ByeMessage>(batch.back().payload);
    batch.clear();
    const double t = nowS();
    for (auto it = impl.viewers.begin(); it != impl.viewers.end();) {
      if (t - it->second.lastSeenS > options_.viewerTimeoutS) {
        log("viewer " + it->second.name + " silent for " + std::to_string(static_cast<int>(options_.viewerTimeoutS)) +
            " s: forgotten");
        it = impl.viewers.erase(it);
      } else {
        ++it;
      }
    }
    // After the goodbye the socket stays open a moment: a viewer drops what it has not read
    // when the connection closes, and the goodbye should be read.
    if (bye) byeAtS = t;
    if (stopping_ && byeAtS > 0.0 && t - byeAtS > kByeGraceS) break;
  }
  impl.router.close();
  impl.zap.close();
}

}  // namespace lumbo::monitor
