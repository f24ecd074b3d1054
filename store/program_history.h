// The progression history of a person as the session database holds it, for `lumbo program next`
// and for choosing a live session's levels.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "exercises/program.h"
#include "store/session_store.h"

namespace lumbo::store {

// Per session its date, pain before and after, and each exercise's mean quality at the level it
// was done at, in the order the sessions happened (their own start times, not when they were
// recorded). Levels are those the session's sets were done at; for older records without them,
// the recorded level changes, else the program's starting level. Only sessions that started
// before `beforeUnixS` count.
Result<std::vector<SessionResult>> historyFromStore(const std::string& path, const std::string& person,
                                                    const Program& program);
Result<std::vector<SessionResult>> historyFromStore(SessionStore& store, const std::string& person, const Program& program,
                                                    double beforeUnixS = std::numeric_limits<double>::infinity());

}  // namespace lumbo::store
