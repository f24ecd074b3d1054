// Hand controllers: their poses (which stand in for the hands), select and menu buttons for the
// UI pointer, and haptic pulses. Bindings are suggested for the simple, Vive and Touch profiles.
#pragma once

#include <array>

#include "body/tracked_frame.h"
#include "xr/xr_handles.h"
#include "xr/xr_runtime.h"

namespace lumbo::xr {

enum class Hand { Left = 0, Right = 1 };

struct ControllerState {
  DeviceState grip;       // the hand
  DeviceState aim;        // the pointer ray's origin and direction (-z)
  bool select = false;    // trigger or select button held
  bool selectPressed = false;  // went down this frame
  bool menuPressed = false;
  bool active = false;    // the runtime has a device bound for this hand
};

class ControllerInput {
 public:
  ControllerInput(const XrRuntime& runtime, XrSession session);

  XrActionSet actionSet() const { return set_.get(); }
  // After xrSyncActions: reads buttons and locates grip and aim poses in `base`.
  void update(XrSession session, XrSpace base, XrTime time);
  const ControllerState& state(Hand h) const { return state_[static_cast<int>(h)]; }

  // A vibration of `amplitude` (0-1) for `durationS` on one hand.
  void pulse(XrSession session, Hand hand, float amplitude, double durationS);

 private:
  const XrRuntime& runtime_;
  std::array<XrPath, 2> hands_{};
  UniqueActionSet set_;
  UniqueAction gripPose_, aimPose_, select_, menu_, haptic_;
  std::array<UniqueSpace, 2> gripSpaces_, aimSpaces_;
  std::array<ControllerState, 2> state_{};
};

}  // namespace lumbo::xr
