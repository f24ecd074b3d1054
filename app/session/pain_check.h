// Pain during a session: the check-ins between sets, measured against the session's first
// answer, and when a rise (or sharp pain) means the exercise stops.
#pragma once

#include <optional>
#include <string>

namespace lumbo::app {

class PainCheck {
 public:
  // A rise this large on the 0-10 numeric rating scale is clinically meaningful (about the
  // minimal important change for back pain): the exercise stops rather than waiting for the
  // next session's progression to react.
  static constexpr int kStopRise = 2;
  static constexpr int kSharp = -2;  // the answer "sharp pain", not a number on the scale

  // The session's first answer (the pain before it), when there was one.
  void setBaseline(int pain0To10);
  const std::optional<int>& baseline() const { return baseline_; }

  // One check-in: 0-10 or kSharp. Returns why the exercise must stop, or nothing when it may go
  // on. The first number given becomes the baseline when the session had none.
  std::optional<std::string> answer(int value);

 private:
  std::optional<int> baseline_;
};

}  // namespace lumbo::app
