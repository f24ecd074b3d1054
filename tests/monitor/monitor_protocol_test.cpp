// The monitoring protocol: every message survives encoding, and anything that is not exactly one
// well-formed message is refused with its reason.
#include <gtest/gtest.h>

#include <cstring>

#include "monitor/monitor_protocol.h"

namespace lumbo::monitor {
namespace {

FrameMessage sampleFrame() {
  FrameMessage f;
  f.tracked.timeS = 12.5;
  f.tracked[Device::Head].valid = true;
  f.tracked[Device::Head].pose.positionM = {0.1, 1.62, -0.3};
  f.tracked[Device::Head].pose.orientation = glm::normalize(glm::dquat(0.9, 0.1, 0.3, -0.2));
  f.tracked[Device::Pelvis].valid = true;
  f.tracked[Device::Pelvis].estimated = true;
  f.tracked[Device::Pelvis].pose.positionM = {0.0, 0.95, -0.25};
  f.posture[MetricId::LumbarFlexionDeg] = {23.5, 0.8, MetricSource::Measured};
  f.posture[MetricId::PelvicTiltDeg] = {-4.0, 0.4, MetricSource::Estimated};
  return f;
}

StateMessage sampleState() {
  StateMessage s;
  s.stage = 3;
  s.exerciseId = "deep_squat";
  s.exerciseName = "Deep squat";
  s.level = 2;
  s.levelCount = 3;
  s.instruction = "Sit back, chest up";
  s.cue = "Keep your back long — don't round";  // UTF-8 beyond ASCII
  s.outOfBand = true;
  s.excess = 4.5;
  s.repetitions = 3;
  s.targetRepetitions = 10;
  s.repetitionsPerSet = 10;
  s.holdS = 1.5;
  s.painBefore = 2;
  s.message = "slower please";
  s.repetitionsDone = {{1, 91.0, {}}, {2, std::nullopt, {"lumbar flexion 12 deg beyond neutral"}}};
  return s;
}

template <typename T>
T roundTrip(const T& payload, std::uint64_t sequence = 7) {
  const auto bytes = encode(Message{sequence, payload});
  auto decoded = decode(bytes, kMaxSessionMessageBytes);
  EXPECT_TRUE(decoded) << decoded.error();
  EXPECT_EQ(decoded->sequence, sequence);
  return std::get<T>(decoded->payload);
}

TEST(MonitorProtocol, FramesKeepPosesValidityAndMetrics) {
  const FrameMessage f = sampleFrame();
  const FrameMessage back = roundTrip(f);
  EXPECT_DOUBLE_EQ(back.tracked.timeS, 12.5);
  EXPECT_TRUE(back.tracked.valid(Device::Head));
  EXPECT_FALSE(back.tracked.valid(Device::Chest));
  EXPECT_TRUE(back.tracked[Device::Pelvis].estimated);
  EXPECT_NEAR(back.tracked[Device::Head].pose.positionM.y, 1.62, 1e-6);
  EXPECT_NEAR(back.tracked[Device::Head].pose.orientation.x, f.tracked[Device::Head].pose.orientation.x, 1e-6);
  EXPECT_NEAR(back.posture[MetricId::LumbarFlexionDeg].value, 23.5, 1e-6);
  EXPECT_EQ(back.posture[MetricId::PelvicTiltDeg].source, MetricSource::Estimated);
  EXPECT_EQ(back.posture[MetricId::HeadHeightM].source, MetricSource::Unavailable);
}

TEST(MonitorProtocol, StatesAndTheOtherMessagesSurviveEncoding) {
  EXPECT_EQ(roundTrip(sampleState()), sampleState());
  Calibration c;
  c.position = NeutralPosition::Supine;
  c.devices.set(index(Device::Pelvis));
  c.neutralPositionM[index(Device::Pelvis)] = {0.2, 0.3, -1.0};
  c.pelvisToHeadM = 0.61;
  const Calibration cb = roundTrip(c);
  EXPECT_EQ(cb.position, NeutralPosition::Supine);
  EXPECT_TRUE(cb.devices.test(index(Device::Pelvis)));
  EXPECT_DOUBLE_EQ(cb.neutralPositionM[index(Device::Pelvis)].z, -1.0);
  EXPECT_DOUBLE_EQ(cb.pelvisToHeadM, 0.61);
  const Welcome w = roundTrip(Welcome{42, "p01", {{"bridge", 2, 3, 8}}, 30.0});
  EXPECT_EQ(w.epoch, 42u);
  ASSERT_EQ(w.plan.size(), 1u);
  EXPECT_EQ(w.plan[0].repetitionsPerSet, 8);
  const CommandMessage cmd = roundTrip(CommandMessage{42, CommandKind::Message, 0, "keep breathing"});
  EXPECT_EQ(cmd.kind, CommandKind::Message);
  EXPECT_EQ(cmd.text, "keep breathing");
  EXPECT_EQ(roundTrip(EventMessage{3.0, "pause", "by anna"}).detail, "by anna");
  EXPECT_TRUE(roundTrip(ReplyMessage{9, true, "applied"}).accepted);
  EXPECT_EQ(roundTrip(ByeMessage{"all exercises done"}).reason, "all exercises done");
  EXPECT_DOUBLE_EQ(roundTrip(HelloMessage{20.0}).poseRateHz, 20.0);
}

TEST(MonitorProtocol, EveryTruncationIsRefused) {
  const auto bytes = encode(Message{1, sampleState()});
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    auto d = decode(std::span(bytes.data(), n), kMaxSessionMessageBytes);
    EXPECT_FALSE(d) << "a message cut to " << n << " of " << bytes.size() << " bytes was accepted";
  }
}

TEST(MonitorProtocol, RefusesWhatIsNotOneWellFormedMessage) {
  const auto good = encode(Message{1, CommandMessage{5, CommandKind::Pause, 0, ""}});
  ASSERT_TRUE(decode(good, kMaxViewerMessageBytes));

  auto refused = [](std::vector<std::uint8_t> bytes, std::size_t max, const std::string& why) {
    auto d = decode(bytes, max);
    ASSERT_FALSE(d) << "accepted; expected: " << why;
    EXPECT_NE(d.error().find(why), std::string::npos) << d.error();
  };
  std::vector<std::uint8_t> big(kMaxViewerMessageBytes + 1, 0);
  refused(big, kMaxViewerMessageBytes, "oversized");
  auto magic = good;
  magic[0] = 'X';
  refused(magic, kMaxViewerMessageBytes, "bad magic");
  auto version = good;
  version[4] = 99;
  refused(version, kMaxViewerMessageBytes, "protocol version 99");
  auto padded = good;
  padded.push_back(0);
  refused(padded, kMaxViewerMessageBytes, "length mismatch");
  auto type = good;
  type[5] = 200;
  refused(type, kMaxViewerMessageBytes, "unknown message type 200");
  // A command kind out of range, with its length still right.
  auto kind = good;
  kind[kHeaderBytes + 8] = 77;
  refused(kind, kMaxViewerMessageBytes, "command: 77 is outside");
  // Text that is not UTF-8.
  auto text = encode(Message{1, CommandMessage{5, CommandKind::Message, 0, "ab"}});
  text.back() = 0xFF;
  refused(text, kMaxViewerMessageBytes, "not UTF-8");
  // A pose that is not finite, and one that is not a rotation.
  FrameMessage f = sampleFrame();
  f.tracked[Device::Head].pose.positionM.x = std::nan("");
  refused(encode(Message{1, f}), kMaxSessionMessageBytes, "not a finite number");
  f = sampleFrame();
  f.tracked[Device::Head].pose.orientation = glm::dquat(2.0, 0.0, 0.0, 0.0);
  refused(encode(Message{1, f}), kMaxSessionMessageBytes, "not a unit quaternion");
  refused(std::vector<std::uint8_t>(20, 0xAB), kMaxViewerMessageBytes, "bad magic");
}

}  // namespace
}  // namespace lumbo::monitor
