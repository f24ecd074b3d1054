// Reads the system clock once per call; nothing here is cached, so tests may compare with it.
#include "body/clock.h"

#include <chrono>
#include <cmath>

namespace lumbo {

double unixNowS() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

int unixDayNumber(double unixS) {
  constexpr double kDayS = 86400.0;
  return static_cast<int>(std::floor(unixS / kDayS));
}

int todayDayNumber() { return unixDayNumber(unixNowS()); }

}  // namespace lumbo
