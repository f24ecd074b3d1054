// UI scripts: a short list of actions a person would take ("click \"Edit program\"", "set
// \"Repetitions##0\" 12", "key enter", "expect \"saved\""), read from a file and played into the
// console as Dear ImGui input (mouse moved to the control's rectangle, pressed and released; the
// wheel turned over its window first when it is scrolled out of view; keys pressed; characters
// typed), one input change per frame, so tests drive the real UI. `wait-for "text" SECONDS` waits
// for what a live view shows, frame after frame, up to that long.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "body/result.h"

struct ImGuiIO;

namespace lumbo::app {

class WidgetRegistry;

struct ScriptAction {
  enum class Kind { Click, Set, Type, Key, Wait, WaitFor, Expect, ExpectNot, ExpectEnabled, ExpectDisabled, Screenshot, Layout };
  Kind kind = Kind::Wait;
  std::vector<std::string> args;
  int line = 0;
};

struct UiScript {
  std::string source;  // the file, for messages
  std::vector<ScriptAction> actions;
};

// One action per line; '#' starts a comment; arguments are words or "quoted text" (with \" and
// \\). Errors name the file, line and what is wrong.
Result<UiScript> parseUiScript(const std::string& text, const std::string& source);
Result<UiScript> loadUiScript(const std::filesystem::path& path);

class ScriptRunner {
 public:
  explicit ScriptRunner(UiScript script);

  // What the runner asks of the frame about to be drawn.
  struct FrameRequest {
    std::optional<std::string> screenshotPath;  // save what this frame shows
    std::optional<std::string> layoutPath;      // write the layout this frame records
  };
  // Before each frame: sets the frame's input from the next step, checking expectations against
  // what the previous frame showed. An error (a control not on screen, an expectation not met)
  // names the script's file and line.
  Result<FrameRequest> beforeFrame(ImGuiIO& io, const WidgetRegistry& shown);
  bool finished() const { return done_; }

 private:
  struct Step {
    enum class Kind { MoveTo, Press, Release, KeyDown, KeyUp, Chars, Settle, WaitFor, Expect, ExpectNot, ExpectEnabled, ExpectDisabled, Screenshot, Layout };
    Kind kind;
    std::string arg;
    int key = 0;
    bool ctrl = false;
    int line = 0;
    double seconds = 0.0;  // WaitFor's limit
  };
  void expand(const ScriptAction& action);
  std::string where(int line) const;

  UiScript script_;
  std::vector<Step> steps_;
  std::size_t next_ = 0;
  int scrollFrames_ = 0;
  double waitingSinceS_ = -1.0;  // when the current WaitFor began; -1: none
  bool done_ = false;
};

}  // namespace lumbo::app
