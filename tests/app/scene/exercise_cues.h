// For the panel tests: an exercise's longest cue, the one that needs the most room on the panel.
#pragma once

#include <string>

#include "exercises/exercise.h"

namespace lumbo::app::test {

// From its targets, ranges and driver; null when it has none.
inline const std::string* longestCue(const Exercise& e) {
  const std::string* longest = nullptr;
  auto consider = [&](const std::string& c) {
    if (!c.empty() && (!longest || c.size() > longest->size())) longest = &c;
  };
  for (const Phase& p : e.phases) {
    for (const Target& t : p.targets) consider(t.cue);
  }
  for (const RangeTarget& r : e.ranges) consider(r.cue);
  consider(e.driver.rangeCue);
  return longest;
}

}  // namespace lumbo::app::test
