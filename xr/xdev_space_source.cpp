// MNDX device spaces matched to body places.
#include "xr/xdev_space_source.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>

#include "xr/xr_error.h"
#include "xr/xr_pose.h"

namespace lumbo::xr {

std::optional<Device> deviceForXDevName(const std::string& raw) {
  std::string name = raw;
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto has = [&](const char* word) { return name.find(word) != std::string::npos; };
  const bool left = has("left") || has(" l ") || has("lfoot") || has("lknee") || has("lelbow") || has("lshoulder") || has("lhand");
  const bool right = has("right") || has(" r ") || has("rfoot") || has("rknee") || has("relbow") || has("rshoulder") || has("rhand");
  // Headsets and controllers come through their own paths; only body trackers are wanted here.
  if (has("hmd") || has("headset") || has("head") || has("controller") || has("hand")) return std::nullopt;
  if (has("lumbar") || has("lower back") || has("lowerback")) return Device::Lumbar;
  if (has("waist") || has("hip") || has("pelvis")) return Device::Pelvis;
  if (has("chest") || has("sternum") || has("upper back")) return Device::Chest;
  if (has("foot") || has("ankle")) {
    if (left) return Device::LFoot;
    if (right) return Device::RFoot;
  }
  if (has("knee") || has("thigh")) {
    if (left) return Device::LKnee;
    if (right) return Device::RKnee;
  }
  if (has("elbow") || has("arm")) {
    if (left) return Device::LElbow;
    if (right) return Device::RElbow;
  }
  if (has("shoulder")) {
    if (left) return Device::LShoulder;
    if (right) return Device::RShoulder;
  }
  return std::nullopt;
}

XDevSpaceSource::XDevSpaceSource(const XrRuntime& runtime, XrSession session) {
  auto createList = runtime.proc<PFN_xrCreateXDevListMNDX>("xrCreateXDevListMNDX");
  auto enumerate = runtime.proc<PFN_xrEnumerateXDevsMNDX>("xrEnumerateXDevsMNDX");
  auto properties = runtime.proc<PFN_xrGetXDevPropertiesMNDX>("xrGetXDevPropertiesMNDX");
  auto createSpace = runtime.proc<PFN_xrCreateXDevSpaceMNDX>("xrCreateXDevSpaceMNDX");
  destroyList_ = runtime.proc<PFN_xrDestroyXDevListMNDX>("xrDestroyXDevListMNDX");
  if (!createList || !enumerate || !properties || !createSpace || !destroyList_) {
    throw std::runtime_error("XR_MNDX_xdev_space entry points are missing");
  }
  XrCreateXDevListInfoMNDX listInfo{XR_TYPE_CREATE_XDEV_LIST_INFO_MNDX, nullptr};
  XR_CHECK(createList(session, &listInfo, &list_));
  uint32_t n = 0;
  XR_CHECK(enumerate(list_, 0, &n, nullptr));
  std::vector<XrXDevIdMNDX> ids(n);
  XR_CHECK(enumerate(list_, n, &n, ids.data()));
  for (XrXDevIdMNDX id : ids) {
    XrGetXDevInfoMNDX info{XR_TYPE_GET_XDEV_INFO_MNDX, nullptr, id};
    XrXDevPropertiesMNDX props{XR_TYPE_XDEV_PROPERTIES_MNDX, nullptr, {}, {}, XR_FALSE};
    XR_CHECK(properties(list_, &info, &props));
    if (!props.canCreateSpace) continue;
    const std::string name = std::string(props.name) + " " + props.serial;
    const auto device = deviceForXDevName(name);
    if (!device || devices_.test(index(*device))) {
      if (!device) unmatched_.push_back(props.name);
      continue;
    }
    XrCreateXDevSpaceInfoMNDX spaceInfo{XR_TYPE_CREATE_XDEV_SPACE_INFO_MNDX, nullptr, list_, id, {{0, 0, 0, 1}, {0, 0, 0}}};
    Entry entry{*device, {}};
    XR_CHECK(createSpace(session, &spaceInfo, entry.space.put()));
    entries_.push_back(std::move(entry));
    devices_.set(index(*device));
  }
}

XDevSpaceSource::~XDevSpaceSource() {
  entries_.clear();
  if (list_ != XR_NULL_HANDLE) destroyList_(list_);
}

void XDevSpaceSource::locate(XrSpace base, XrTime time, TrackedFrame& frame) const {
  for (const Entry& e : entries_) {
    if (frame.valid(e.device)) continue;  // a source listed earlier already has it
    const DeviceState s = locateDevice(e.space.get(), base, time);
    if (s.valid) frame[e.device] = s;
  }
}

}  // namespace lumbo::xr
