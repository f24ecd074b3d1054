// Body trackers through XR_MNDX_xdev_space (Monado, e.g. SlimeVR or Vive trackers there): every
// tracked device is a space; devices are matched to body places by name.
#pragma once

#include <string>
#include <vector>

#include "body/tracked_frame.h"
#include "xr/ext/mndx_xdev_space.h"
#include "xr/xr_handles.h"
#include "xr/xr_runtime.h"

namespace lumbo::xr {

// The body place a device name suggests ("waist tracker" -> pelvis), or nullopt.
std::optional<Device> deviceForXDevName(const std::string& name);

class XDevSpaceSource {
 public:
  XDevSpaceSource(const XrRuntime& runtime, XrSession session);
  ~XDevSpaceSource();
  XDevSpaceSource(const XDevSpaceSource&) = delete;
  XDevSpaceSource& operator=(const XDevSpaceSource&) = delete;

  void locate(XrSpace base, XrTime time, TrackedFrame& frame) const;
  DeviceSet devices() const { return devices_; }
  const std::vector<std::string>& unmatchedNames() const { return unmatched_; }

 private:
  struct Entry {
    Device device;
    UniqueSpace space;
  };
  XrXDevListMNDX list_ = XR_NULL_HANDLE;
  PFN_xrDestroyXDevListMNDX destroyList_ = nullptr;
  std::vector<Entry> entries_;
  DeviceSet devices_;
  std::vector<std::string> unmatched_;
};

}  // namespace lumbo::xr
