// The server and client over real CURVE-encrypted sockets on the loopback interface: only
// authorised keys get in, bad messages are refused while the session goes on, a viewer that never
// reads loses frames without holding anything up, and viewers survive a session's end and restart.
#include <gtest/gtest.h>

#include <zmq.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "monitor/monitor_client.h"
#include "monitor/monitor_server.h"

namespace lumbo::monitor {
namespace {

struct Log {
  std::mutex mutex;
  std::vector<std::string> lines;
  std::function<void(const std::string&)> sink() {
    return [this](const std::string& l) {
      std::lock_guard lock(mutex);
      lines.push_back(l);
    };
  }
  std::string all() {
    std::lock_guard lock(mutex);
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
  }
  bool contains(const std::string& text) {
    std::lock_guard lock(mutex);
    for (const auto& l : lines) {
      if (l.find(text) != std::string::npos) return true;
    }
    return false;
  }
};

FrameMessage frameAt(double timeS) {
  FrameMessage f;
  f.tracked.timeS = timeS;
  for (auto& d : f.tracked.devices) {
    d.valid = true;
    d.pose.positionM = {0.1, 1.0 + timeS * 0.001, -0.2};
  }
  return f;
}

class MonitorLink : public ::testing::Test {
 protected:
  void SetUp() override {
    serverKey = *generateKeyPair("session");
    anna = *generateKeyPair("anna");
    stranger = *generateKeyPair("stranger");
    startServer(0);
  }
  void startServer(int port) {
    MonitorServerOptions o;
    o.port = port;
    o.serverKey = serverKey;
    o.authorized = {{anna.name, anna.publicKey}};
    o.log = log.sink();
    auto s = MonitorServer::start(o);
    ASSERT_TRUE(s) << s.error();
    server = std::move(*s);
    server->setWelcome(Welcome{0, "p01", {{"deep_squat", 1, 1, 10}}, 0.0});
  }
  MonitorClientOptions clientOptions(const KeyPair& key) {
    MonitorClientOptions o;
    o.port = server->port();
    o.key = key;
    o.serverPublicKey = serverKey.publicKey;
    return o;
  }
  // Receives until `done` holds or `seconds` pass, publishing a frame every few milliseconds as
  // a running session would.
  template <typename Done>
  bool pump(MonitorClient& client, Done done, double seconds = 5.0, std::vector<Message>* got = nullptr) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < end) {
      server->publish(frameAt(timeS += 0.01));
      while (auto m = client.receive(2)) {
        if (got) got->push_back(*m);
      }
      if (done()) return true;
    }
    return false;
  }

  KeyPair serverKey, anna, stranger;
  Log log;
  std::unique_ptr<MonitorServer> server;
  double timeS = 0.0;
};

TEST_F(MonitorLink, AnAuthorisedViewerIsWelcomedAndItsCommandsCarryItsName) {
  MonitorClient client(clientOptions(anna));
  std::vector<Message> got;
  int frames = 0;
  ASSERT_TRUE(pump(client, [&] {
    frames = 0;
    for (const auto& m : got) frames += std::holds_alternative<FrameMessage>(m.payload);
    return frames >= 20;
  }, 10.0, &got)) << "no frames reached the viewer";
  ASSERT_TRUE(std::holds_alternative<Welcome>(got.front().payload));
  EXPECT_EQ(std::get<Welcome>(got.front().payload).epoch, server->epoch());
  EXPECT_EQ(client.state(), ConnectionState::Connected);
  EXPECT_NE(client.takeNotice().find("connected to p01's session"), std::string::npos);

  ASSERT_NE(client.send(CommandKind::Message, 0, "slower please"), 0u);
  std::vector<ViewerCommand> commands;
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (commands.empty() && std::chrono::steady_clock::now() < end) {
    client.receive(5);
    server->takeCommands(commands);
  }
  ASSERT_EQ(commands.size(), 1u);
  EXPECT_EQ(commands[0].by, "anna");  // from the key the ZAP handler let in, not from the message
  EXPECT_EQ(commands[0].command.text, "slower please");
  EXPECT_TRUE(log.contains("viewer anna connected"));
}

TEST_F(MonitorLink, AKeyThatIsNotAuthorisedIsRefusedAndLogged) {
  MonitorClient client(clientOptions(stranger));
  int frames = 0;
  pump(client, [&] { return client.state() == ConnectionState::Refused; }, 5.0);
  EXPECT_EQ(client.state(), ConnectionState::Refused);
  EXPECT_NE(client.takeNotice().find("refused this viewer's key"), std::string::npos);
  while (auto m = client.receive(0)) frames += std::holds_alternative<FrameMessage>(m->payload);
  EXPECT_EQ(frames, 0);
  EXPECT_GE(server->stats().refusedKeys, 1u);
  EXPECT_TRUE(log.contains("not authorised"));
  EXPECT_EQ(server->stats().viewersSeen, 0u);
}

TEST_F(MonitorLink, AWrongServerKeyNeverConnects) {
  MonitorClientOptions o = clientOptions(anna);
  o.serverPublicKey = stranger.publicKey;
  MonitorClient client(o);
  pump(client, [] { return false; }, 1.5);
  EXPECT_NE(client.state(), ConnectionState::Connected);
  EXPECT_EQ(server->stats().viewersSeen, 0u);
}

// A raw socket with an authorised key, to send what no well-behaved viewer sends.
struct RawViewer {
  void* context = zmq_ctx_new();
  void* socket = nullptr;
  RawViewer(int port, const KeyPair& key, const std::string& serverKey, int rcvhwm = 1000) {
    socket = zmq_socket(context, ZMQ_DEALER);
    zmq_setsockopt(socket, ZMQ_CURVE_SERVERKEY, serverKey.c_str(), 40);
    zmq_setsockopt(socket, ZMQ_CURVE_PUBLICKEY, key.publicKey.c_str(), 40);
    zmq_setsockopt(socket, ZMQ_CURVE_SECRETKEY, key.secretKey.c_str(), 40);
    zmq_setsockopt(socket, ZMQ_RCVHWM, &rcvhwm, sizeof rcvhwm);
    const int small = 4096;
    zmq_setsockopt(socket, ZMQ_RCVBUF, &small, sizeof small);
    const int linger = 0;
    zmq_setsockopt(socket, ZMQ_LINGER, &linger, sizeof linger);
    zmq_connect(socket, ("tcp://127.0.0.1:" + std::to_string(port)).c_str());
  }
  ~RawViewer() {
    zmq_close(socket);
    zmq_ctx_term(context);
  }
  void send(const std::vector<std::uint8_t>& bytes, int flags = 0) { zmq_send(socket, bytes.data(), bytes.size(), flags); }
};

TEST_F(MonitorLink, MalformedOversizedTruncatedAndReplayedMessagesAreRefusedWhileTheSessionGoesOn) {
  MonitorClient good(clientOptions(anna));
  ASSERT_TRUE(pump(good, [&] { return good.state() == ConnectionState::Connected; }, 10.0));
  RawViewer raw(server->port(), anna, serverKey.publicKey);
  const auto hello = encode(Message{5, HelloMessage{}});
  raw.send(hello);
  raw.send({1, 2, 3, 4, 5, 6, 7});                                // garbage
  raw.send(std::vector<std::uint8_t>(3000, 'L'));                 // oversized
  auto truncated = encode(Message{6, CommandMessage{server->epoch(), CommandKind::Pause, 0, "x"}});
  truncated.resize(truncated.size() - 2);
  raw.send(truncated);
  raw.send(hello);                                                // replayed: sequence 5 again
  raw.send(encode(Message{7, CommandMessage{server->epoch() + 1, CommandKind::Pause, 0, ""}}));  // another session's
  raw.send(encode(Message{8, HelloMessage{}}), ZMQ_SNDMORE);      // two parts
  raw.send(encode(Message{9, HeartbeatMessage{}}));
  // Far beyond any message: ZeroMQ drops that peer before buffering it (on its own connection,
  // since a dropped connection loses what it had not yet delivered).
  RawViewer huge(server->port(), anna, serverKey.publicKey);
  huge.send(std::vector<std::uint8_t>(1 << 20, 0));
  ASSERT_TRUE(pump(good, [&] { return server->stats().refusedMessages >= 6; }, 10.0))
      << "refused " << server->stats().refusedMessages;
  EXPECT_TRUE(log.contains("oversized message"));
  EXPECT_TRUE(log.contains("truncated"));
  EXPECT_TRUE(log.contains("replayed"));
  EXPECT_TRUE(log.contains("another session"));
  std::vector<ViewerCommand> commands;
  server->takeCommands(commands);
  EXPECT_TRUE(commands.empty());  // none of them reached the session
  // The well-behaved viewer still gets every new frame.
  std::vector<Message> got;
  int frames = 0;
  ASSERT_TRUE(pump(good, [&] {
    for (; !got.empty(); got.pop_back()) frames += std::holds_alternative<FrameMessage>(got.back().payload);
    return frames >= 20;
  }, 10.0, &got));
  EXPECT_EQ(good.state(), ConnectionState::Connected);
}

TEST_F(MonitorLink, AViewerThatNeverReadsLosesFramesWhileTheOthersDoNot) {
  MonitorClient good(clientOptions(anna));
  ASSERT_TRUE(pump(good, [&] { return good.state() == ConnectionState::Connected; }, 10.0));
  RawViewer stalled(server->port(), anna, serverKey.publicKey, 1);
  stalled.send(encode(Message{1, HelloMessage{}}));
  ASSERT_TRUE(pump(good, [&] { return server->stats().viewersNow == 2; }, 10.0));
  std::uint64_t sequence = 1;
  std::uint64_t goodFrames = 0;
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while ((server->stats().viewerDropped < 100 || goodFrames < 200) && std::chrono::steady_clock::now() < end) {
    for (int i = 0; i < 50; ++i) server->publish(frameAt(timeS += 0.01));
    stalled.send(encode(Message{++sequence, HeartbeatMessage{}}));  // alive, but never reading
    while (auto m = good.receive(1)) goodFrames += std::holds_alternative<FrameMessage>(m->payload);
  }
  const MonitorStats s = server->stats();
  EXPECT_GE(s.viewerDropped, 100u) << "the stalled viewer's frames were never dropped";
  EXPECT_EQ(s.viewersNow, 2u);
  EXPECT_GT(goodFrames, 100u);
  EXPECT_EQ(good.state(), ConnectionState::Connected);
}

TEST_F(MonitorLink, ViewersHearTheEndAndFindTheRestartedSession) {
  MonitorClient client(clientOptions(anna));
  ASSERT_TRUE(pump(client, [&] { return client.state() == ConnectionState::Connected; }, 10.0));
  const std::uint64_t first = client.epoch();
  const int port = server->port();
  client.takeNotice();
  server->stop("all exercises done");
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (client.state() != ConnectionState::Ended && std::chrono::steady_clock::now() < end) client.receive(20);
  EXPECT_EQ(client.state(), ConnectionState::Ended) << log.all();
  EXPECT_NE(client.takeNotice().find("the session ended (all exercises done)"), std::string::npos);
  server.reset();
  startServer(port);
  ASSERT_TRUE(pump(client, [&] { return client.state() == ConnectionState::Connected; }, 15.0));
  EXPECT_NE(client.epoch(), first);
  EXPECT_NE(client.takeNotice().find("the session restarted"), std::string::npos);
}

TEST_F(MonitorLink, AFloodOfRefusedConnectionsLeavesTheSessionServing) {
  MonitorClient good(clientOptions(anna));
  ASSERT_TRUE(pump(good, [&] { return good.state() == ConnectionState::Connected; }, 10.0));
  std::vector<std::unique_ptr<RawViewer>> flood;
  for (int i = 0; i < 40; ++i) {
    flood.push_back(std::make_unique<RawViewer>(server->port(), *generateKeyPair("x"), serverKey.publicKey));
    flood.back()->send(encode(Message{1, HelloMessage{}}));
  }
  std::vector<Message> got;
  int frames = 0;
  ASSERT_TRUE(pump(good, [&] {
    for (; !got.empty(); got.pop_back()) frames += std::holds_alternative<FrameMessage>(got.back().payload);
    return frames >= 50 && server->stats().refusedKeys >= 40;
  }, 20.0, &got)) << "frames " << frames << ", refused " << server->stats().refusedKeys;
  EXPECT_EQ(server->stats().viewersNow, 1u);
}

}  // namespace
}  // namespace lumbo::monitor
