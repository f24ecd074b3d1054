// The progression history of a person as the session database holds it, for `lumbo program next`
// and for choosing a live session's levels.
#pragma once

#include <string>
#include <vector>

#include "exercises/program.h"

namespace lumbo::store {

// Per session its date, pain before and after, and each exercise's mean quality at the level it
// was done at. Levels come from the recorded level changes; an exercise never changed is taken
// at the program's starting level.
Result<std::vector<SessionResult>> historyFromStore(const std::string& path, const std::string& person,
                                                    const Program& program);

}  // namespace lumbo::store
