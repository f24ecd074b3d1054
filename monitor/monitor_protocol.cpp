// Encoding and checked decoding of the live monitoring messages.
#include "monitor/monitor_protocol.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <type_traits>

namespace lumbo::monitor {

static_assert(std::endian::native == std::endian::little, "the wire format is little-endian and so is every target");

namespace {

class Writer {
 public:
  explicit Writer(std::vector<std::uint8_t>& out) : out_(out) {}
  template <typename T>
  void put(T v) {
    static_assert(std::is_arithmetic_v<T>);
    const auto at = out_.size();
    out_.resize(at + sizeof v);
    std::memcpy(out_.data() + at, &v, sizeof v);
  }
  void u8(std::uint64_t v) { put(static_cast<std::uint8_t>(v)); }
  void u16(std::uint64_t v) { put(static_cast<std::uint16_t>(v)); }
  void i32(std::int64_t v) { put(static_cast<std::int32_t>(v)); }
  void f32(double v) { put(static_cast<float>(v)); }
  void f64(double v) { put(v); }
  void flag(bool v) { u8(v ? 1 : 0); }
  void text(const std::string& s) {
    std::size_t n = std::min(s.size(), kMaxTextBytes);
    // A cut never splits a UTF-8 sequence: back off to the start of the one it would split.
    if (n < s.size()) {
      while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    }
    u16(n);
    out_.insert(out_.end(), s.begin(), s.begin() + static_cast<std::ptrdiff_t>(n));
  }
  void optionalInt(const std::optional<int>& v) { put(static_cast<std::int8_t>(v ? *v : -1)); }
  void quat(const glm::dquat& q) {
    f64(q.w), f64(q.x), f64(q.y), f64(q.z);
  }
  void vec(const glm::dvec3& v) { f64(v.x), f64(v.y), f64(v.z); }

 private:
  std::vector<std::uint8_t>& out_;
};

bool validUtf8(const std::uint8_t* p, std::size_t n) {
  for (std::size_t i = 0; i < n;) {
    const std::uint8_t c = p[i];
    const std::size_t extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 4;
    if (extra == 4 || extra >= n - i) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

// Reads fields in order; the first failure is kept and every later read returns zero.
class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}
  template <typename T>
  T get(const char* field) {
    T v{};
    if (!error_.empty()) return v;
    if (bytes_.size() - at_ < sizeof v) {
      fail(std::string(field) + ": message ends inside it");
      return v;
    }
    std::memcpy(&v, bytes_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  int u8(const char* f) { return get<std::uint8_t>(f); }
  int u16(const char* f) { return get<std::uint16_t>(f); }
  std::int32_t i32(const char* f) { return get<std::int32_t>(f); }
  std::uint64_t u64(const char* f) { return get<std::uint64_t>(f); }
  double f32(const char* f) { return finite(get<float>(f), f); }
  double f64(const char* f) { return finite(get<double>(f), f); }
  bool flag(const char* f) {
    const int v = u8(f);
    if (v > 1) fail(std::string(f) + ": not 0 or 1");
    return v == 1;
  }
  int ranged(const char* f, int v, int lo, int hi) {
    if (v < lo || v > hi) fail(std::string(f) + ": " + std::to_string(v) + " is outside " + std::to_string(lo) + "-" +
                               std::to_string(hi));
    return v;
  }
  std::string text(const char* f) {
    const std::size_t n = static_cast<std::size_t>(u16(f));
    if (!error_.empty()) return {};
    if (n > kMaxTextBytes) {
      fail(std::string(f) + ": " + std::to_string(n) + " bytes, more than " + std::to_string(kMaxTextBytes));
      return {};
    }
    if (bytes_.size() - at_ < n) {
      fail(std::string(f) + ": message ends inside it");
      return {};
    }
    const std::uint8_t* p = bytes_.data() + at_;
    if (!validUtf8(p, n)) {
      fail(std::string(f) + ": not UTF-8");
      return {};
    }
    at_ += n;
    return std::string(reinterpret_cast<const char*>(p), n);
  }
  std::optional<int> optionalInt(const char* f, int hi) {
    const int v = get<std::int8_t>(f);
    if (v == -1) return std::nullopt;
    return ranged(f, v, 0, hi);
  }
  glm::dquat quat(const char* f) {
    const double w = f64(f), x = f64(f), y = f64(f), z = f64(f);
    return {w, x, y, z};
  }
  glm::dvec3 vec(const char* f) {
    const double x = f64(f), y = f64(f), z = f64(f);
    return {x, y, z};
  }
  void fail(std::string why) {
    if (error_.empty()) error_ = std::move(why);
  }
  bool done() const { return at_ == bytes_.size(); }
  std::size_t remaining() const { return bytes_.size() - at_; }
  const std::string& error() const { return error_; }

 private:
  double finite(double v, const char* f) {
    if (!std::isfinite(v)) fail(std::string(f) + ": not a finite number");
    return v;
  }
  std::span<const std::uint8_t> bytes_;
  std::size_t at_ = 0;
  std::string error_;
};

void write(Writer& w, const Welcome& m) {
  w.put(m.epoch);
  w.text(m.personId);
  w.u8(std::min<std::size_t>(m.plan.size(), 255));
  for (std::size_t i = 0; i < m.plan.size() && i < 255; ++i) {
    w.text(m.plan[i].exerciseId);
    w.u8(m.plan[i].level), w.u8(m.plan[i].sets), w.u16(m.plan[i].repetitionsPerSet);
  }
  w.f32(m.poseRateHz);
}

void write(Writer& w, const FrameMessage& m) {
  w.f64(m.tracked.timeS);
  std::uint16_t valid = 0;
  std::uint16_t estimated = 0;
  for (std::size_t d = 0; d < kDeviceCount; ++d) {
    if (m.tracked.devices[d].valid) valid = static_cast<std::uint16_t>(valid | (1u << d));
    if (m.tracked.devices[d].estimated) estimated = static_cast<std::uint16_t>(estimated | (1u << d));
  }
  w.u16(valid), w.u16(estimated);
  // Only valid devices' poses travel: a frame with the headset alone is small.
  for (std::size_t d = 0; d < kDeviceCount; ++d) {
    if (!m.tracked.devices[d].valid) continue;
    const Pose& p = m.tracked.devices[d].pose;
    w.f32(p.positionM.x), w.f32(p.positionM.y), w.f32(p.positionM.z);
    w.f32(p.orientation.w), w.f32(p.orientation.x), w.f32(p.orientation.y), w.f32(p.orientation.z);
  }
  for (const Metric& metric : m.posture.metrics) {
    w.f32(metric.value), w.f32(metric.confidence), w.u8(static_cast<std::uint8_t>(metric.source));
  }
}

void write(Writer& w, const StateMessage& m) {
  w.u8(m.stage), w.flag(m.paused), w.flag(m.stopped), w.flag(m.trackingLost);
  w.f64(m.timeS);
  w.u8(m.exerciseIndex);
  w.text(m.exerciseId), w.text(m.exerciseName);
  w.u8(m.level), w.u8(m.levelCount), w.u8(m.phase);
  w.text(m.phaseName), w.text(m.instruction), w.text(m.cue), w.text(m.fault);
  w.flag(m.outOfBand), w.u16(m.signal), w.f32(m.excess);
  w.u16(m.repetitions), w.u16(m.targetRepetitions), w.u16(m.repetitionsPerSet), w.u8(m.set);
  w.f32(m.holdS), w.f32(m.calibrationProgress);
  w.text(m.calibrationProblem), w.text(m.positionProblem);
  w.optionalInt(m.painBefore), w.optionalInt(m.painAfter);
  w.text(m.message);
  const std::size_t first = m.repetitionsDone.size() > kMaxRepetitionsSent ? m.repetitionsDone.size() - kMaxRepetitionsSent : 0;
  w.u8(m.repetitionsDone.size() - first);
  for (std::size_t i = first; i < m.repetitionsDone.size(); ++i) {
    const RepetitionInfo& r = m.repetitionsDone[i];
    w.u16(r.number);
    w.f32(r.quality.value_or(-1.0));
    w.u8(std::min<std::size_t>(r.faults.size(), 8));
    for (std::size_t k = 0; k < r.faults.size() && k < 8; ++k) w.text(r.faults[k]);
  }
}

void write(Writer& w, const Calibration& c) {
  w.u8(static_cast<std::uint8_t>(c.position)), w.flag(c.gravityFree);
  w.u16(c.devices.to_ulong());
  w.quat(c.neutralFrame), w.quat(c.referenceFrame);
  for (const auto& q : c.mount) w.quat(q);
  for (const auto& p : c.neutralPositionM) w.vec(p);
  w.f64(c.eyeHeightM), w.f64(c.statureM), w.f64(c.pelvisToChestM), w.f64(c.chestToHeadM), w.f64(c.pelvisToHeadM);
}

void write(Writer& w, const EventMessage& m) { w.f64(m.timeS), w.text(m.kind), w.text(m.detail); }
void write(Writer& w, const ReplyMessage& m) { w.put(m.commandSequence), w.flag(m.accepted), w.text(m.detail); }
void write(Writer& w, const ByeMessage& m) { w.text(m.reason); }
void write(Writer& w, const HelloMessage& m) { w.f32(m.poseRateHz); }
void write(Writer&, const HeartbeatMessage&) {}
void write(Writer& w, const CommandMessage& m) {
  w.put(m.epoch), w.u8(static_cast<std::uint8_t>(m.kind)), w.i32(m.value), w.text(m.text);
}

Welcome readWelcome(Reader& r) {
  Welcome m;
  m.epoch = r.u64("epoch");
  m.personId = r.text("person");
  const int n = r.u8("plan size");
  for (int i = 0; i < n && r.error().empty(); ++i) {
    PlanItem p;
    p.exerciseId = r.text("plan exercise");
    p.level = r.ranged("plan level", r.u8("plan level"), 1, 50);
    p.sets = r.u8("plan sets");
    p.repetitionsPerSet = r.u16("plan repetitions");
    m.plan.push_back(std::move(p));
  }
  m.poseRateHz = r.f32("pose rate");
  return m;
}

FrameMessage readFrame(Reader& r) {
  FrameMessage m;
  m.tracked.timeS = r.f64("time");
  const int valid = r.u16("valid mask");
  const int estimated = r.u16("estimated mask");
  if ((valid | estimated) >> kDeviceCount) r.fail("device masks: bits beyond the known devices");
  m.posture.timeS = m.tracked.timeS;
  for (std::size_t d = 0; d < kDeviceCount && r.error().empty(); ++d) {
    DeviceState& s = m.tracked.devices[d];
    s.estimated = (estimated >> d) & 1;
    if (!((valid >> d) & 1)) continue;
    s.valid = true;
    const double x = r.f32("position"), y = r.f32("position"), z = r.f32("position");
    const double qw = r.f32("orientation"), qx = r.f32("orientation"), qy = r.f32("orientation"), qz = r.f32("orientation");
    s.pose.positionM = {x, y, z};
    glm::dquat q(qw, qx, qy, qz);
    const double len = glm::length(q);
    if (r.error().empty() && std::abs(len - 1.0) > 1e-3) r.fail("orientation: not a unit quaternion");
    s.pose.orientation = len > 0.0 ? q / len : glm::dquat(1, 0, 0, 0);
  }
  for (Metric& metric : m.posture.metrics) {
    metric.value = r.f32("metric value");
    metric.confidence = r.f32("metric confidence");
    metric.source = static_cast<MetricSource>(r.ranged("metric source", r.u8("metric source"), 0, 2));
  }
  return m;
}

StateMessage readState(Reader& r) {
  StateMessage m;
  m.stage = static_cast<std::uint8_t>(r.ranged("stage", r.u8("stage"), 0, 6));
  m.paused = r.flag("paused"), m.stopped = r.flag("stopped"), m.trackingLost = r.flag("tracking lost");
  m.timeS = r.f64("time");
  m.exerciseIndex = r.u8("exercise index");
  m.exerciseId = r.text("exercise id");
  m.exerciseName = r.text("exercise name");
  m.level = r.u8("level"), m.levelCount = r.u8("level count"), m.phase = r.u8("phase");
  m.phaseName = r.text("phase name"), m.instruction = r.text("instruction"), m.cue = r.text("cue"), m.fault = r.text("fault");
  m.outOfBand = r.flag("out of band"), m.signal = r.u16("signal"), m.excess = r.f32("excess");
  m.repetitions = r.u16("repetitions"), m.targetRepetitions = r.u16("target repetitions");
  m.repetitionsPerSet = r.u16("repetitions per set"), m.set = r.u8("set");
  m.holdS = r.f32("hold"), m.calibrationProgress = r.f32("calibration progress");
  m.calibrationProblem = r.text("calibration problem"), m.positionProblem = r.text("position problem");
  m.painBefore = r.optionalInt("pain before", 10), m.painAfter = r.optionalInt("pain after", 10);
  m.message = r.text("message");
  const int n = r.u8("repetition count");
  if (n > static_cast<int>(kMaxRepetitionsSent)) r.fail("repetition count: more than " + std::to_string(kMaxRepetitionsSent));
  for (int i = 0; i < n && r.error().empty(); ++i) {
    RepetitionInfo rep;
    rep.number = r.u16("repetition number");
    const double q = r.f32("repetition quality");
    if (q >= 0.0) rep.quality = q;
    if (q > 100.0 || (q < 0.0 && q != -1.0)) r.fail("repetition quality: outside 0-100");
    const int faults = r.ranged("fault count", r.u8("fault count"), 0, 8);
    for (int k = 0; k < faults && r.error().empty(); ++k) rep.faults.push_back(r.text("fault"));
    m.repetitionsDone.push_back(std::move(rep));
  }
  return m;
}

Calibration readCalibration(Reader& r) {
  Calibration c;
  c.position = static_cast<NeutralPosition>(r.ranged("neutral position", r.u8("neutral position"), 0, 2));
  c.gravityFree = r.flag("gravity free");
  const int devices = r.u16("devices");
  if (devices >> kDeviceCount) r.fail("devices: bits beyond the known devices");
  c.devices = DeviceSet(static_cast<unsigned long>(devices));
  c.neutralFrame = r.quat("neutral frame");
  c.referenceFrame = r.quat("reference frame");
  for (auto& q : c.mount) q = r.quat("mount");
  for (auto& p : c.neutralPositionM) p = r.vec("neutral position");
  c.eyeHeightM = r.f64("eye height"), c.statureM = r.f64("stature"), c.pelvisToChestM = r.f64("pelvis to chest");
  c.chestToHeadM = r.f64("chest to head"), c.pelvisToHeadM = r.f64("pelvis to head");
  return c;
}

CommandMessage readCommand(Reader& r) {
  CommandMessage m;
  m.epoch = r.u64("epoch");
  m.kind = static_cast<CommandKind>(r.ranged("command", r.u8("command"), 1, 6));
  m.value = r.i32("value");
  m.text = r.text("text");
  return m;
}

}  // namespace

MessageType typeOf(const Payload& payload) {
  static constexpr MessageType kTypes[] = {MessageType::Welcome, MessageType::Frame,  MessageType::State,
                                           MessageType::CalibrationInfo, MessageType::Event, MessageType::Reply,
                                           MessageType::Bye,     MessageType::Hello,  MessageType::Heartbeat,
                                           MessageType::Command};
  static_assert(std::size(kTypes) == std::variant_size_v<Payload>);
  return kTypes[payload.index()];
}

void encodeInto(const Message& message, std::vector<std::uint8_t>& out) {
  out.clear();
  Writer w(out);
  for (std::uint8_t c : kMagic) w.u8(c);
  w.u8(kProtocolVersion);
  w.u8(static_cast<std::uint8_t>(typeOf(message.payload)));
  w.u16(0);
  w.put(message.sequence);
  w.put(std::uint32_t{0});  // the payload's length, filled in below
  std::visit([&](const auto& p) { write(w, p); }, message.payload);
  const auto length = static_cast<std::uint32_t>(out.size() - kHeaderBytes);
  std::memcpy(out.data() + 16, &length, sizeof length);
}

std::vector<std::uint8_t> encode(const Message& message) {
  std::vector<std::uint8_t> out;
  encodeInto(message, out);
  return out;
}

Result<Message> decode(std::span<const std::uint8_t> bytes, std::size_t maxBytes) {
  if (bytes.size() > maxBytes) {
    return Error{"oversized message: " + std::to_string(bytes.size()) + " bytes, at most " + std::to_string(maxBytes)};
  }
  if (bytes.size() < kHeaderBytes) return Error{"truncated message: " + std::to_string(bytes.size()) + " bytes, no whole header"};
  if (!std::equal(kMagic.begin(), kMagic.end(), bytes.begin())) return Error{"not a lumbo monitor message (bad magic)"};
  if (bytes[4] != kProtocolVersion) {
    return Error{"protocol version " + std::to_string(bytes[4]) + ", this build speaks " + std::to_string(kProtocolVersion)};
  }
  Reader header(bytes.subspan(5));
  const int type = header.u8("type");
  const int flags = header.u16("flags");
  Message m;
  m.sequence = header.u64("sequence");
  const std::uint32_t length = header.get<std::uint32_t>("length");
  if (flags != 0) return Error{"header flags: " + std::to_string(flags) + ", none are defined"};
  if (length != bytes.size() - kHeaderBytes) {
    return Error{"length mismatch: the header says " + std::to_string(length) + " payload bytes, the message has " +
                 std::to_string(bytes.size() - kHeaderBytes) + " (truncated or padded)"};
  }
  Reader r(bytes.subspan(kHeaderBytes));
  switch (static_cast<MessageType>(type)) {
    case MessageType::Welcome: m.payload = readWelcome(r); break;
    case MessageType::Frame: m.payload = readFrame(r); break;
    case MessageType::State: m.payload = readState(r); break;
    case MessageType::CalibrationInfo: m.payload = readCalibration(r); break;
    case MessageType::Event: {
      EventMessage e;
      e.timeS = r.f64("time"), e.kind = r.text("kind"), e.detail = r.text("detail");
      m.payload = std::move(e);
      break;
    }
    case MessageType::Reply: {
      ReplyMessage e;
      e.commandSequence = r.u64("command sequence"), e.accepted = r.flag("accepted"), e.detail = r.text("detail");
      m.payload = std::move(e);
      break;
    }
    case MessageType::Bye: m.payload = ByeMessage{r.text("reason")}; break;
    case MessageType::Hello: {
      HelloMessage h;
      h.poseRateHz = r.f32("pose rate");
      if (h.poseRateHz < 0.0 || h.poseRateHz > 1000.0) r.fail("pose rate: outside 0-1000 Hz");
      m.payload = h;
      break;
    }
    case MessageType::Heartbeat: m.payload = HeartbeatMessage{}; break;
    case MessageType::Command: m.payload = readCommand(r); break;
    default: return Error{"unknown message type " + std::to_string(type)};
  }
  if (!r.error().empty()) return Error{"malformed message (type " + std::to_string(type) + "): " + r.error()};
  if (!r.done()) return Error{"malformed message (type " + std::to_string(type) + "): " + std::to_string(r.remaining()) + " bytes left over"};
  return m;
}

std::string_view commandKindName(CommandKind kind) {
  switch (kind) {
    case CommandKind::Pause: return "pause";
    case CommandKind::Resume: return "resume";
    case CommandKind::EndExercise: return "end exercise";
    case CommandKind::SetLevel: return "set level";
    case CommandKind::SetRepetitions: return "set repetitions";
    case CommandKind::Message: return "message";
  }
  return "unknown";
}

}  // namespace lumbo::monitor
