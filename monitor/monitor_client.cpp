// The viewer's connection to a session.
#include "monitor/monitor_client.h"

#include <algorithm>
#include <chrono>
#include <cstring>

#include <zmq.hpp>
#include <zmq_addon.hpp>

namespace lumbo::monitor {

namespace {
double nowS() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }
}  // namespace

struct MonitorClient::Impl {
  zmq::context_t context{1};
  zmq::socket_t dealer{context, zmq::socket_type::dealer};
  zmq::socket_t events{context, zmq::socket_type::pair};
  std::vector<std::uint8_t> buffer;
};

MonitorClient::MonitorClient(MonitorClientOptions options) : options_(std::move(options)), impl_(std::make_unique<Impl>()) {
  Impl& impl = *impl_;
  impl.dealer.set(zmq::sockopt::curve_serverkey, options_.serverPublicKey);
  impl.dealer.set(zmq::sockopt::curve_publickey, options_.key.publicKey);
  impl.dealer.set(zmq::sockopt::curve_secretkey, options_.key.secretKey);
  // While the session is away a few hellos wait, not a burst of them. (ZMQ_IMMEDIATE would
  // queue none, but then messages arriving just after the welcome can be lost.)
  impl.dealer.set(zmq::sockopt::sndhwm, 4);
  impl.dealer.set(zmq::sockopt::linger, 0);
  impl.dealer.set(zmq::sockopt::reconnect_ivl, 250);
  impl.dealer.set(zmq::sockopt::reconnect_ivl_max, 2000);
  impl.dealer.set(zmq::sockopt::maxmsgsize, static_cast<std::int64_t>(kMaxSessionMessageBytes * 2));
  impl.dealer.set(zmq::sockopt::rcvhwm, 1000);
  const bool ipv6 = options_.host.find(':') != std::string::npos;
  if (ipv6) impl.dealer.set(zmq::sockopt::ipv6, 1);
  const std::string host = ipv6 && options_.host.front() != '[' ? "[" + options_.host + "]" : options_.host;
  // The handshake's outcome is not a message: a socket monitor says when the session refused us.
  const std::string monitorAddress = "inproc://lumbo-monitor-events-" + std::to_string(reinterpret_cast<std::uintptr_t>(this));
  zmq_socket_monitor(impl.dealer.handle(), monitorAddress.c_str(),
                     ZMQ_EVENT_HANDSHAKE_FAILED_AUTH | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | ZMQ_EVENT_HANDSHAKE_SUCCEEDED |
                         ZMQ_EVENT_DISCONNECTED);
  impl.events.connect(monitorAddress);
  impl.dealer.connect("tcp://" + host + ":" + std::to_string(options_.port));
  lastMessageS_ = nowS();
  note("connecting to " + options_.host + ":" + std::to_string(options_.port));
}

MonitorClient::~MonitorClient() {
  zmq_socket_monitor(impl_->dealer.handle(), nullptr, 0);
}

void MonitorClient::note(std::string text) {
  if (!notice_.empty()) notice_ += "; ";
  notice_ += text;
}

std::string MonitorClient::takeNotice() {
  std::string out;
  out.swap(notice_);
  return out;
}

void MonitorClient::sendPayload(const Payload& payload) {
  encodeInto(Message{++sequence_, payload}, impl_->buffer);
  try {
    impl_->dealer.send(zmq::buffer(impl_->buffer), zmq::send_flags::dontwait);
  } catch (const zmq::error_t&) {
  }
}

std::uint64_t MonitorClient::send(CommandKind kind, std::int32_t value, const std::string& text) {
  if (state_ != ConnectionState::Connected) return 0;
  sendPayload(CommandMessage{epoch_, kind, value, text});
  return sequence_;
}

void MonitorClient::checkMonitorEvents() {
  for (;;) {
    std::vector<zmq::message_t> parts;
    if (!zmq::recv_multipart(impl_->events, std::back_inserter(parts), zmq::recv_flags::dontwait)) return;
    if (parts.empty() || parts[0].size() < 6) continue;
    std::uint16_t event = 0;
    std::uint32_t value = 0;
    std::memcpy(&event, parts[0].data(), 2);
    std::memcpy(&value, static_cast<const char*>(parts[0].data()) + 2, 4);
    if (event == ZMQ_EVENT_HANDSHAKE_FAILED_AUTH) {
      if (state_ != ConnectionState::Refused) {
        note("the session refused this viewer's key (status " + std::to_string(value) +
             "): ask for it to be authorised (lumbo monitor authorize)");
      }
      state_ = ConnectionState::Refused;
    } else if (event == ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL) {
      if (state_ != ConnectionState::Refused) note("the encrypted handshake failed: is --server-key this session's?");
      state_ = ConnectionState::Refused;
    } else if (event == ZMQ_EVENT_DISCONNECTED && state_ == ConnectionState::Connected) {
      state_ = ConnectionState::Lost;
      note("connection lost: reconnecting");
    }
  }
}

std::optional<Message> MonitorClient::receive(int timeoutMs) {
  const double start = nowS();
  for (;;) {
    const double t = nowS();
    checkMonitorEvents();
    if (state_ == ConnectionState::Connected && t - lastMessageS_ > options_.silenceS) {
      state_ = ConnectionState::Lost;
      note("no word from the session for " + std::to_string(static_cast<int>(options_.silenceS)) + " s: reconnecting");
    }
    if (state_ != ConnectionState::Connected && t - lastHelloS_ >= 1.0) {
      sendPayload(HelloMessage{options_.poseRateHz});
      lastHelloS_ = t;
    } else if (state_ == ConnectionState::Connected && t - lastHeartbeatS_ >= 1.0) {
      sendPayload(HeartbeatMessage{});
      lastHeartbeatS_ = t;
    }
    const int leftMs = timeoutMs - static_cast<int>((t - start) * 1000.0);
    std::array<zmq::pollitem_t, 2> items = {zmq::pollitem_t{impl_->dealer.handle(), 0, ZMQ_POLLIN, 0},
                                            zmq::pollitem_t{impl_->events.handle(), 0, ZMQ_POLLIN, 0}};
    try {
      zmq::poll(items.data(), items.size(), std::chrono::milliseconds(std::clamp(leftMs, 0, 200)));
    } catch (const zmq::error_t&) {
    }
    if (items[1].revents & ZMQ_POLLIN) checkMonitorEvents();
    zmq::message_t raw;
    std::optional<std::size_t> got;
    try {
      got = impl_->dealer.recv(raw, zmq::recv_flags::dontwait);
    } catch (const zmq::error_t&) {
    }
    if (got) {
      lastMessageS_ = nowS();
      auto decoded = decode(std::span(static_cast<const std::uint8_t*>(raw.data()), raw.size()), kMaxSessionMessageBytes);
      if (!decoded) {
        ++refused_;
        lastRefusal_ = decoded.error();
        continue;
      }
      Message& m = *decoded;
      if (const auto* w = std::get_if<Welcome>(&m.payload)) {
        if (w->epoch != epoch_) {
          ++sessionsSeen_;
          note(sessionsSeen_ > 1 ? "the session restarted: watching the new one"
                                 : "connected to " + w->personId + "'s session");
          epoch_ = w->epoch;
        } else if (state_ != ConnectionState::Connected) {
          note("reconnected");
        }
        state_ = ConnectionState::Connected;
        lastReceived_ = m.sequence;
        lastHeartbeatS_ = lastMessageS_;
        return m;
      }
      if (state_ != ConnectionState::Connected && state_ != ConnectionState::Lost) continue;  // not welcomed yet
      if (m.sequence <= lastReceived_) {
        ++refused_;
        lastRefusal_ = "replayed or out-of-order message (sequence " + std::to_string(m.sequence) + ")";
        continue;
      }
      lastReceived_ = m.sequence;
      if (state_ == ConnectionState::Lost) {
        state_ = ConnectionState::Connected;
        note("reconnected");
      }
      if (const auto* bye = std::get_if<ByeMessage>(&m.payload)) {
        state_ = ConnectionState::Ended;
        note("the session ended (" + bye->reason + "): waiting for it to start again");
      }
      return m;
    }
    if (nowS() - start >= timeoutMs / 1000.0) return std::nullopt;
  }
}

}  // namespace lumbo::monitor
