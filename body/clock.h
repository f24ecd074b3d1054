// Wall-clock time as sessions, reports and programs record it: seconds and days since the Unix
// epoch (1970-01-01 UTC).
#pragma once

namespace lumbo {

// Now, in seconds since the epoch, with the system clock's fraction of a second.
double unixNowS();

// The day number (days since 1970-01-01 UTC) that a Unix time falls on; times before the epoch
// round down, so every day is a whole 86400 s.
int unixDayNumber(double unixS);

// Today as a day number: the day programs schedule by.
int todayDayNumber();

}  // namespace lumbo
