// Decides, per device and frame, whether a pose can be trusted: not only "valid" as the source
// says, but also not frozen (a runtime repeating the last pose) and not jumping further than a
// body can move. A device that failed stays untrusted until it has behaved for a while.
#pragma once

#include <array>
#include <string_view>

#include "body/tracked_frame.h"

namespace lumbo {

struct TrackingLimits {
  double maxSpeedMPerS = 6.0;              // faster than any trunk or limb movement in exercise
  double maxAngularSpeedDegPerS = 1500.0;  // idem for rotation
  double frozenAfterS = 0.3;               // bit-identical poses this long: the runtime holds a lost pose
  double recoverAfterS = 0.25;             // good samples needed before trusting a device again
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
  void reset() { state_ = {}; }

 private:
  struct DeviceTrack {
    TrackingIssue issue = TrackingIssue::Invalid;
    bool everTracked = false;
    bool havePrevious = false;
    Pose previous;
    double previousTimeS = 0.0;
    double unchangedSinceS = 0.0;
    double goodSinceS = 0.0;
  };
  TrackingLimits limits_;
  std::array<DeviceTrack, kDeviceCount> state_{};
};

}  // namespace lumbo
