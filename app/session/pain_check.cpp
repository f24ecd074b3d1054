// PainCheck: the baseline and the stop rule.
#include "app/session/pain_check.h"

#include <algorithm>

namespace lumbo::app {

void PainCheck::setBaseline(int pain0To10) {
  if (!baseline_) baseline_ = std::clamp(pain0To10, 0, 10);
}

std::optional<std::string> PainCheck::answer(int value) {
  if (value == kSharp) return std::string("sharp pain reported");
  const int pain = std::clamp(value, 0, 10);
  if (!baseline_) {
    baseline_ = pain;
    return std::nullopt;
  }
  if (pain - *baseline_ >= kStopRise) {
    return "pain rose from " + std::to_string(*baseline_) + " to " + std::to_string(pain) + " of 10";
  }
  return std::nullopt;
}

}  // namespace lumbo::app
