// The live monitoring protocol: the messages a session and its viewers exchange, and their
// versioned, length-checked binary encoding (little-endian; every message a 20-byte header, then
// its payload; strings a 16-bit length and UTF-8 bytes). Decoding refuses, with the reason, any
// message that is not exactly one well-formed message of a known type.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "body/calibration.h"
#include "body/posture.h"
#include "body/result.h"
#include "body/tracked_frame.h"

namespace lumbo::monitor {

inline constexpr std::array<std::uint8_t, 4> kMagic{'L', 'M', 'O', 'N'};
inline constexpr std::uint8_t kProtocolVersion = 1;
inline constexpr std::size_t kHeaderBytes = 20;
// What a session accepts from a viewer (a command with its text fits many times over) and what a
// viewer accepts from a session (a state with every repetition of a long exercise).
inline constexpr std::size_t kMaxViewerMessageBytes = 2048;
inline constexpr std::size_t kMaxSessionMessageBytes = 65536;
inline constexpr std::size_t kMaxTextBytes = 512;
inline constexpr std::size_t kMaxRepetitionsSent = 100;

enum class MessageType : std::uint8_t {
  // session -> viewer
  Welcome = 1,
  Frame = 2,
  State = 3,
  CalibrationInfo = 4,
  Event = 5,
  Reply = 6,
  Bye = 7,
  // viewer -> session
  Hello = 16,
  Heartbeat = 17,
  Command = 18,
};

struct PlanItem {
  std::string exerciseId;
  int level = 1;
  int sets = 1;
  int repetitionsPerSet = 1;
};

// First message to a viewer that said Hello: who and what this session is. `epoch` is random per
// session: a command naming another epoch belongs to another session and is refused.
struct Welcome {
  std::uint64_t epoch = 0;
  std::string personId;
  std::vector<PlanItem> plan;
  double poseRateHz = 0.0;  // what this viewer will get; 0: every frame
};

// One headset frame: every device's pose and validity, and the posture metrics of the frame.
struct FrameMessage {
  TrackedFrame tracked;  // timeS: session time
  Posture posture;
};

struct RepetitionInfo {
  int number = 0;
  std::optional<double> quality;  // empty: not scored (tracking lost during it)
  std::vector<std::string> faults;
  bool operator==(const RepetitionInfo&) const = default;
};

// Everything but the poses, sent when it changes.
struct StateMessage {
  std::uint8_t stage = 0;  // app::SessionStage
  bool paused = false;
  bool stopped = false;
  bool trackingLost = false;
  double timeS = 0.0;
  int exerciseIndex = 0;
  std::string exerciseId;
  std::string exerciseName;
  int level = 1;
  int levelCount = 1;
  int phase = 0;
  std::string phaseName;
  std::string instruction;
  std::string cue;    // empty: in band
  std::string fault;
  bool outOfBand = false;
  int signal = 0;
  double excess = 0.0;
  int repetitions = 0;
  int targetRepetitions = 0;
  int repetitionsPerSet = 0;
  int set = 1;
  double holdS = 0.0;
  double calibrationProgress = 0.0;
  std::string calibrationProblem;
  std::string positionProblem;
  std::optional<int> painBefore;
  std::optional<int> painAfter;
  std::string message;
  std::vector<RepetitionInfo> repetitionsDone;  // of the current exercise, the latest last
  bool operator==(const StateMessage&) const = default;
};

struct EventMessage {
  double timeS = 0.0;
  std::string kind;
  std::string detail;
};

// The answer to a viewer's command: applied, or refused and why.
struct ReplyMessage {
  std::uint64_t commandSequence = 0;
  bool accepted = false;
  std::string detail;
};

struct ByeMessage {
  std::string reason;
};

struct HelloMessage {
  double poseRateHz = 0.0;  // 0: every frame
};

struct HeartbeatMessage {};

enum class CommandKind : std::uint8_t { Pause = 1, Resume, EndExercise, SetLevel, SetRepetitions, Message };

struct CommandMessage {
  std::uint64_t epoch = 0;
  CommandKind kind = CommandKind::Pause;
  std::int32_t value = 0;
  std::string text;
};

using Payload = std::variant<Welcome, FrameMessage, StateMessage, Calibration, EventMessage, ReplyMessage, ByeMessage,
                             HelloMessage, HeartbeatMessage, CommandMessage>;

struct Message {
  std::uint64_t sequence = 0;
  Payload payload;
};

MessageType typeOf(const Payload& payload);

// The whole message, header included.
std::vector<std::uint8_t> encode(const Message& message);
// Appends into `out` (cleared first), so a sender reuses one buffer.
void encodeInto(const Message& message, std::vector<std::uint8_t>& out);

// Refuses (with the reason) a message longer than `maxBytes`, shorter than its header, of another
// magic or version, whose header length disagrees with its size, of an unknown type, with a field
// running past its end, a string over kMaxTextBytes or not UTF-8, a value out of its range, or
// with bytes left over.
Result<Message> decode(std::span<const std::uint8_t> bytes, std::size_t maxBytes);

std::string_view commandKindName(CommandKind kind);

}  // namespace lumbo::monitor
