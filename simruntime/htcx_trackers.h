// XR_HTCX_vive_tracker_interaction: the tracker role paths and the body place each simulated
// tracker follows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "simruntime/runtime.h"

namespace lumbo::simxr {

inline constexpr const char* kTrackerProfile = "/interaction_profiles/htc/vive_tracker_htcx";

// Every role path the extension defines, simulated or not: bindings may name any of them.
const std::vector<std::string>& trackerUserPaths();
bool isTrackerUserPath(const std::string& userPath);
// The device a role path follows; nullopt for roles no simulated tracker plays.
std::optional<Device> trackerDevice(const std::string& userPath);
// The role path of a device the trace has, or nullopt when no tracker role stands for it.
std::optional<std::string> trackerUserPath(Device d);

// One persistent and role path per tracked device that plays a role, announced to the session.
void addTrackerPaths(Instance& inst);

}  // namespace lumbo::simxr
