// Outcomes entered outside sessions: the Oswestry Disability Index from its ten section answers,
// pain on the 0-10 numeric rating scale, and whether the program in force says an ODI is due.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "body/result.h"
#include "store/session_store.h"

namespace lumbo::store {

// Fairbank and Pynsent (Spine 2000;25:2940-52) score a questionnaire with one section missed as
// sum / (5 x sections answered) x 100; they give no rule for more gaps, so with two or more
// missing the score is refused rather than guessed. At least this many sections must be answered.
inline constexpr int kOdiMinAnswered = 9;

// "3,2,2,-,1,0,1,2,3,2": ten comma-separated sections, each 0-5 or '-' (not answered). The error
// names the section ("section 4: '7' is not 0-5 or -") or the count.
Result<std::array<std::optional<int>, 10>> parseOdiAnswers(std::string_view text);

struct OdiDue {
  bool due = false;
  std::optional<int> everyDays;     // the program's interval; empty: it asks for none
  std::optional<double> lastUnixS;  // the latest ODI at or before the date
  std::string reason;               // "last ODI 15 days ago (every 14 days)", "no ODI recorded yet"
};

// Whether an ODI is due for the person at `atUnixS`: the program in force then has an interval
// (odi_every_days) and no ODI was entered within it (or none at all).
OdiDue odiDue(SessionStore& store, const std::string& personId, double atUnixS);

}  // namespace lumbo::store
