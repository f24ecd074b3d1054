// Interaction profiles: which profiles and components the runtime accepts, and which of an
// action's bindings are live in a session.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "simruntime/runtime.h"

namespace lumbo::simxr {

// The sources (user path, full binding path) of an action in the session's current profiles,
// limited to `subaction` unless it is XR_NULL_PATH.
std::vector<std::pair<std::string, std::string>> boundSources(const Session& s, const Action& a,
                                                              XrPath subaction);

// The top-level user paths an action's subaction paths may name.
bool isTopLevelUserPath(const std::string& path);

}  // namespace lumbo::simxr
