// Unix time and day numbers against the C clock and hand-computed dates.
#include <gtest/gtest.h>

#include <ctime>

#include "body/clock.h"

namespace lumbo {
namespace {

TEST(Clock, NowAgreesWithTheCClock) {
  const double before = static_cast<double>(std::time(nullptr));
  const double now = unixNowS();
  EXPECT_GE(now, before);
  EXPECT_LT(now, before + 2.0);
}

TEST(Clock, DayNumbersStartAtTheEpochAndRoundDown) {
  EXPECT_EQ(unixDayNumber(0.0), 0);
  EXPECT_EQ(unixDayNumber(86399.9), 0);
  EXPECT_EQ(unixDayNumber(86400.0), 1);
  EXPECT_EQ(unixDayNumber(-0.5), -1);
  EXPECT_EQ(unixDayNumber(1709251200.0), 19783);  // 2024-03-01 00:00 UTC
}

TEST(Clock, TodayIsTheDayOfNow) {
  const int before = unixDayNumber(unixNowS());
  const int today = todayDayNumber();
  EXPECT_GE(today, before);
  EXPECT_LE(today, before + 1);  // the call may straddle midnight
}

}  // namespace
}  // namespace lumbo
