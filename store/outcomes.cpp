// Parsing ODI answers and deciding when the next ODI is due.
#include "store/outcomes.h"

#include <cmath>

#include "store/program_assignments.h"

namespace lumbo::store {

Result<std::array<std::optional<int>, 10>> parseOdiAnswers(std::string_view text) {
  std::array<std::optional<int>, 10> out{};
  std::size_t count = 0;
  std::size_t at = 0;
  while (true) {
    const auto comma = text.find(',', at);
    const std::string_view part = text.substr(at, comma == std::string_view::npos ? std::string_view::npos : comma - at);
    ++count;
    if (count > 10) return Error{"--answers: more than 10 sections (the ODI has ten)"};
    const std::string section = "--answers: section " + std::to_string(count);
    if (part == "-") {
      out[count - 1] = std::nullopt;
    } else if (part.size() == 1 && part[0] >= '0' && part[0] <= '5') {
      out[count - 1] = part[0] - '0';
    } else {
      return Error{section + ": '" + std::string(part) + "' is not 0-5 or - (not answered)"};
    }
    if (comma == std::string_view::npos) break;
    at = comma + 1;
  }
  if (count != 10) return Error{"--answers: " + std::to_string(count) + " sections given, the ODI has ten (use - for one not answered)"};
  int answered = 0;
  for (const auto& s : out) answered += s ? 1 : 0;
  if (answered < kOdiMinAnswered) {
    return Error{"--answers: only " + std::to_string(answered) + " of 10 sections answered; the published method scores at most one "
                 "unanswered section, so this questionnaire cannot be scored"};
  }
  return out;
}

OdiDue odiDue(SessionStore& store, const std::string& personId, double atUnixS) {
  OdiDue d;
  const auto program = programInForce(store, personId, atUnixS);
  if (program) d.everyDays = program->odiEveryDays;
  auto s = store.connection().prepare("SELECT max(unix_s) FROM oswestry WHERE person_id = ? AND unix_s <= ?");
  s.bind(1, personId).bind(2, atUnixS);
  if (s.step() && !s.isNull(0)) d.lastUnixS = s.getDouble(0);
  if (!d.everyDays) {
    d.reason = program ? "the program in force asks for no ODI" : "no program in force";
    return d;
  }
  const std::string every = " (every " + std::to_string(*d.everyDays) + " days)";
  if (!d.lastUnixS) {
    d.due = true;
    d.reason = "no ODI recorded yet" + every;
    return d;
  }
  const int days = static_cast<int>(std::floor(atUnixS / 86400.0) - std::floor(*d.lastUnixS / 86400.0));
  d.due = days >= *d.everyDays;
  d.reason = "last ODI " + std::to_string(days) + " days ago" + every;
  return d;
}

}  // namespace lumbo::store
