// Combining the pose sources into tracked frames.
#include "xr/body_input.h"

#include "xr/xr_error.h"
#include "xr/xr_pose.h"

namespace lumbo::xr {

std::vector<std::string> bodyInputExtensions() {
  return {XR_HTCX_VIVE_TRACKER_INTERACTION_EXTENSION_NAME, XR_MNDX_XDEV_SPACE_EXTENSION_NAME,
          XR_FB_BODY_TRACKING_EXTENSION_NAME, XR_EXT_HAND_TRACKING_EXTENSION_NAME};
}

BodyInput::BodyInput(const XrRuntime& runtime, const XrSessionLoop& session) : runtime_(runtime), session_(session) {
  const XrSession s = session.session();
  controllers_ = std::make_unique<ControllerInput>(runtime, s);
  std::vector<XrActionSet> sets = {controllers_->actionSet()};
  if (runtime.enabled(XR_HTCX_VIVE_TRACKER_INTERACTION_EXTENSION_NAME)) {
    vive_ = std::make_unique<ViveTrackerSource>(runtime, s);
    sets.push_back(vive_->actionSet());
  }
  XrSessionActionSetsAttachInfo attach{XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO};
  attach.countActionSets = static_cast<uint32_t>(sets.size());
  attach.actionSets = sets.data();
  XR_CHECK(xrAttachSessionActionSets(s, &attach));
  if (vive_) vive_->refresh(s);
  // One tracker source: HTCX where the runtime has it (SteamVR), device spaces otherwise (Monado).
  // Using both would give every tracker twice, and validation layers that predate MNDX take
  // its spaces for invalid handles.
  if (!vive_ && runtime.enabled(XR_MNDX_XDEV_SPACE_EXTENSION_NAME)) {
    xdev_ = std::make_unique<XDevSpaceSource>(runtime, s);
  }
  fbBody_ = FbBodySource::create(runtime, s);
  hands_ = HandTrackingSource::create(runtime, s);
}

void BodyInput::handleEvent(const XrEventDataBuffer& event) {
  if (event.type == XR_TYPE_EVENT_DATA_VIVE_TRACKER_CONNECTED_HTCX && vive_) vive_->refresh(session_.session());
}

TrackedFrame BodyInput::locate(XrTime time, bool focused) {
  TrackedFrame frame;
  frame.timeS = toSeconds(time);
  const XrSession s = session_.session();
  const XrSpace base = session_.baseSpace();
  frame[Device::Head] = locateDevice(session_.viewSpace(), base, time);
  if (focused) {
    std::vector<XrActiveActionSet> active = {{controllers_->actionSet(), XR_NULL_PATH}};
    if (vive_) active.push_back({vive_->actionSet(), XR_NULL_PATH});
    XrActionsSyncInfo sync{XR_TYPE_ACTIONS_SYNC_INFO};
    sync.countActiveActionSets = static_cast<uint32_t>(active.size());
    sync.activeActionSets = active.data();
    // XR_SESSION_NOT_FOCUSED (a success) can still come back if focus was lost meanwhile.
    XR_CHECK(xrSyncActions(s, &sync));
    controllers_->update(s, base, time);
    frame[Device::LHand] = controllers_->state(Hand::Left).grip;
    frame[Device::RHand] = controllers_->state(Hand::Right).grip;
    controllersSeen_ = controllersSeen_ || frame.valid(Device::LHand) || frame.valid(Device::RHand);
    if (vive_) vive_->locate(s, base, time, frame);
  }
  // Measured sources first; the estimated FB joints only fill what nothing measured.
  if (xdev_) xdev_->locate(base, time, frame);
  if (hands_) hands_->locate(base, time, frame);
  if (fbBody_) fbBody_->locate(base, time, frame);
  for (Device d : kAllDevices) {
    if (frame.valid(d)) seen_.set(index(d));
  }
  return frame;
}

DeviceSet BodyInput::provided() const {
  DeviceSet set = seen_;
  if (vive_) set |= vive_->connected();
  if (xdev_) set |= xdev_->devices();
  return set;
}

std::string BodyInput::summary() const {
  // Only what has had a valid pose: a tracker that is connected but lost, or a runtime's device
  // list entry that never tracked, measures nothing and is not named.
  const DeviceSet devices = provided() & seen_;
  std::string names;
  for (Device d : {Device::Pelvis, Device::Chest, Device::Lumbar, Device::LFoot, Device::RFoot, Device::LKnee,
                   Device::RKnee, Device::LElbow, Device::RElbow, Device::LShoulder, Device::RShoulder}) {
    if (devices.test(index(d))) names += (names.empty() ? "" : ", ") + std::string(deviceName(d));
  }
  std::string source;
  if (vive_ && (vive_->connected() & seen_).any()) source = "Vive trackers (XR_HTCX_vive_tracker_interaction)";
  else if (xdev_ && (xdev_->devices() & seen_).any()) source = "device spaces (XR_MNDX_xdev_space)";
  else if (fbBody_) source = "body tracking (XR_FB_body_tracking)";
  else source = "the headset only";
  std::string hands;
  if (controllersSeen_) hands = "controllers";
  else if (hands_ && hands_->everTracked()) hands = "tracked hands (XR_EXT_hand_tracking): poke or pinch a button";
  else hands = "none tracked: look at a button for 1.5 s to press it";
  std::string out = "body source: " + source + (names.empty() ? "" : " [" + names + "]") + "; hands: " + hands + ". ";
  const bool pelvis = devices.test(index(Device::Pelvis)), chest = devices.test(index(Device::Chest));
  if (!fbBody_ || (vive_ && vive_->connected().any()) || (xdev_ && xdev_->devices().any())) {
    if (pelvis && chest) out += "Lumbar, pelvic and trunk angles are measured.";
    else if (pelvis) out += "Pelvic angles are measured; lumbar angles and trunk inclination are only estimated (no chest tracker) and are not scored.";
    else out += "Lumbar and pelvic angles cannot be measured without pelvis and chest trackers; trunk inclination is estimated from the headset and not scored.";
  } else {
    out += "Its spine joints are estimated from the headset and hands, not measured: lumbar alignment is shown but never scored.";
  }
  return out;
}

}  // namespace lumbo::xr
