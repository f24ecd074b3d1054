// Decides, per device and frame, whether a pose can be trusted: not only "valid" as the source
// says, but also not frozen (a runtime repeating the last pose, or dead-reckoning a lost tracker
// that creeps without turning), not jumping further than a body can move, not left displaced by
// such a jump, and not part of a whole body that froze or jumped together. A device that failed
// stays untrusted until it has behaved for a while.
#pragma once

#include <array>
#include <string_view>

#include "body/posture.h"
#include "body/tracked_frame.h"

namespace lumbo {

struct TrackingLimits {
  double maxSpeedMPerS = 6.0;              // faster than any trunk or limb movement in exercise
  double maxAngularSpeedDegPerS = 1500.0;  // idem for rotation
  // Bit-identical orientation this long: the runtime holds (or dead-reckons) a lost pose. A
  // strapped tracker on a living body never holds its orientation to the last bit for this long,
  // even when its position creeps a millimetre a second.
  double frozenAfterS = 0.3;
  // Every device bit-identical together this long: the whole stream froze. Sooner than one
  // device alone, since a whole body never repeats itself by chance.
  double bodyFrozenAfterS = 0.1;
  double recoverAfterS = 0.25;             // good samples needed before trusting a device again
  // After every device jumped together the devices stay untrusted until jumps bring them back
  // within this of where they were (a glitch that returns), or for `maxDisplacedS` at most (the
  // tracking space re-centred for good).
  double displacedToleranceM = 0.05;
  double maxDisplacedS = 5.0;
};

enum class TrackingIssue : std::uint8_t { None, Invalid, Frozen, Jump, Recovering };
std::string_view trackingIssueName(TrackingIssue issue);

class TrackingMonitor {
 public:
  explicit TrackingMonitor(const TrackingLimits& limits = {}) : limits_(limits) {}

  // Updates every device's state from this frame. Frames must come in time order.
  void update(const TrackedFrame& frame);

  bool trusted(Device d) const { return state_[index(d)].issue == TrackingIssue::None; }
  TrackingIssue issue(Device d) const { return state_[index(d)].issue; }
  // The devices trusted on the last frame.
  DeviceSet trustedDevices() const;
  // The devices whose positions were trusted: also those whose only problem is turning faster
  // than a body can (what position-only signals such as foot height may still use).
  DeviceSet trustedPositions() const;
  // What went wrong on the last frame with the devices in `among`, the whole body's problems
  // first: what a repetition that lost them is told.
  TrackingFault fault(const DeviceSet& among) const;
  void reset() { *this = TrackingMonitor(limits_); }

 private:
  struct DeviceTrack {
    TrackingIssue issue = TrackingIssue::Invalid;
    bool everTracked = false;
    bool havePrevious = false;
    Pose previous;
    double previousTimeS = 0.0;
    double unchangedSinceS = 0.0;  // orientation bit-identical since
    double goodSinceS = 0.0;
    glm::dvec3 offsetM{0.0};       // sum of the impossible steps not yet undone
    double displacedSinceS = 0.0;
    TrackingFault cause = TrackingFault::None;  // why it is (or was last) untrusted
    bool positionOk = false;       // untrusted for its orientation only
  };
  TrackingLimits limits_;
  std::array<DeviceTrack, kDeviceCount> state_{};
  double bodyUnchangedSinceS_ = 0.0;
  bool bodyHadPrevious_ = false;
};

}  // namespace lumbo
