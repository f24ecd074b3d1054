// Device names as they appear in traces and on the command line.
#include "body/device.h"

#include <string>

namespace lumbo {

namespace {
constexpr std::array<std::string_view, kDeviceCount> kNames = {
    "head",  "pelvis", "chest", "lumbar", "lhand",  "rhand",     "lfoot",
    "rfoot", "lknee",  "rknee", "lelbow", "relbow", "lshoulder", "rshoulder"};
}  // namespace

std::string_view deviceName(Device d) { return kNames[index(d)]; }

std::optional<Device> deviceFromName(std::string_view name) {
  for (Device d : kAllDevices) {
    if (kNames[index(d)] == name) return d;
  }
  return std::nullopt;
}

std::optional<DeviceSet> parseDeviceList(std::string_view list, std::string* badName) {
  DeviceSet set;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    const std::string_view item = list.substr(0, comma);
    const auto device = deviceFromName(item);
    if (!device) {
      if (badName) *badName = std::string(item);
      return std::nullopt;
    }
    set.set(index(*device));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return set;
}

}  // namespace lumbo
