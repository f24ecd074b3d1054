// Body trackers through XR_HTCX_vive_tracker_interaction (SteamVR): one pose action per tracker
// role (waist, chest, feet, knees, elbows, shoulders) mapped to Lumbo's devices.
#pragma once

#include <vector>

#include "body/tracked_frame.h"
#include "xr/xr_handles.h"
#include "xr/xr_runtime.h"

namespace lumbo::xr {

class ViveTrackerSource {
 public:
  // Requires the extension to be enabled on the runtime.
  ViveTrackerSource(const XrRuntime& runtime, XrSession session);

  XrActionSet actionSet() const { return set_.get(); }
  // Fills the devices whose roles are bound and tracked.
  void locate(XrSession session, XrSpace base, XrTime time, TrackedFrame& frame);
  // Devices with a tracker connected for their role (after a connection event or at start).
  DeviceSet connected() const { return connected_; }
  // Re-reads which roles have trackers (on XR_TYPE_EVENT_DATA_VIVE_TRACKER_CONNECTED_HTCX).
  void refresh(XrSession session);

 private:
  struct Role {
    Device device;
    XrPath path = XR_NULL_PATH;
    UniqueSpace space;
  };
  const XrRuntime& runtime_;
  UniqueActionSet set_;
  UniqueAction pose_;
  std::vector<Role> roles_;
  DeviceSet connected_;
};

}  // namespace lumbo::xr
