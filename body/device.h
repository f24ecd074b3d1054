// The tracked devices Lumbo knows by name: headset, hand controllers and body trackers.
#pragma once

#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace lumbo {

// Order is part of no file format: traces name devices by their string names.
enum class Device : std::uint8_t {
  Head,
  Pelvis,
  Chest,
  Lumbar,
  LHand,
  RHand,
  LFoot,
  RFoot,
  LKnee,
  RKnee,
  LElbow,
  RElbow,
  LShoulder,
  RShoulder,
};

inline constexpr std::size_t kDeviceCount = 14;

inline constexpr std::array<Device, kDeviceCount> kAllDevices = {
    Device::Head,  Device::Pelvis, Device::Chest, Device::Lumbar,    Device::LHand,
    Device::RHand, Device::LFoot,  Device::RFoot, Device::LKnee,     Device::RKnee,
    Device::LElbow, Device::RElbow, Device::LShoulder, Device::RShoulder};

using DeviceSet = std::bitset<kDeviceCount>;

constexpr std::size_t index(Device d) { return static_cast<std::size_t>(d); }

// The name used in trace columns and on the command line ("head", "lfoot", ...).
std::string_view deviceName(Device d);
std::optional<Device> deviceFromName(std::string_view name);

// Parses "head,pelvis,chest" into a set; returns nullopt and the offending name on error.
std::optional<DeviceSet> parseDeviceList(std::string_view list, std::string* badName = nullptr);

}  // namespace lumbo
