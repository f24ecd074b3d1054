// Parsing UI scripts and playing them as ImGui input, one step per frame.
#include "app/clinic/ui_script.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <charconv>
#include <chrono>
#include <fstream>
#include <map>
#include <sstream>

#include "app/clinic/widget_registry.h"

namespace lumbo::app {

namespace {

// Frames left after a click or key for what it opens to be drawn before the next lookup.
constexpr int kSettleFrames = 2;
// Wheel notches tried before a control out of view is given up on.
constexpr int kMaxScrollFrames = 200;

const std::map<std::string, int>& keyNames() {
  static const std::map<std::string, int> keys{
      {"enter", GLFW_KEY_ENTER},   {"tab", GLFW_KEY_TAB},          {"escape", GLFW_KEY_ESCAPE},
      {"backspace", GLFW_KEY_BACKSPACE}, {"delete", GLFW_KEY_DELETE}, {"up", GLFW_KEY_UP},
      {"down", GLFW_KEY_DOWN},     {"left", GLFW_KEY_LEFT},        {"right", GLFW_KEY_RIGHT},
      {"home", GLFW_KEY_HOME},     {"end", GLFW_KEY_END},          {"pageup", GLFW_KEY_PAGE_UP},
      {"pagedown", GLFW_KEY_PAGE_DOWN}, {"space", GLFW_KEY_SPACE},  {"a", GLFW_KEY_A},
      {"c", GLFW_KEY_C},           {"v", GLFW_KEY_V},              {"x", GLFW_KEY_X},
      {"n", GLFW_KEY_N},           {"s", GLFW_KEY_S},              {"w", GLFW_KEY_W}};
  return keys;
}

Result<std::vector<std::string>> words(const std::string& line) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ' || line[i] == '\t' || line[i] == '\r') {
      ++i;
      continue;
    }
    if (line[i] == '#') break;
    std::string w;
    if (line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '\\' && i + 1 < line.size()) {
          w += line[i + 1];
          i += 2;
        } else if (line[i] == '"') {
          closed = true;
          ++i;
          break;
        } else {
          w += line[i++];
        }
      }
      if (!closed) return Error{"unclosed quote"};
    } else {
      while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') w += line[i++];
    }
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace

Result<UiScript> parseUiScript(const std::string& text, const std::string& source) {
  static const std::map<std::string, std::pair<ScriptAction::Kind, int>> verbs{
      {"click", {ScriptAction::Kind::Click, 1}},
      {"set", {ScriptAction::Kind::Set, 2}},
      {"type", {ScriptAction::Kind::Type, 1}},
      {"key", {ScriptAction::Kind::Key, 1}},
      {"wait", {ScriptAction::Kind::Wait, 1}},
      {"wait-for", {ScriptAction::Kind::WaitFor, 2}},
      {"expect", {ScriptAction::Kind::Expect, 1}},
      {"expect-not", {ScriptAction::Kind::ExpectNot, 1}},
      {"expect-enabled", {ScriptAction::Kind::ExpectEnabled, 1}},
      {"expect-disabled", {ScriptAction::Kind::ExpectDisabled, 1}},
      {"screenshot", {ScriptAction::Kind::Screenshot, 1}},
      {"layout", {ScriptAction::Kind::Layout, 1}}};
  UiScript script;
  script.source = source;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    auto w = words(line);
    const std::string at = source + ":" + std::to_string(number) + ": ";
    if (!w) return Error{at + w.error()};
    if (w->empty()) continue;
    const auto verb = verbs.find((*w)[0]);
    if (verb == verbs.end()) {
      return Error{at + "unknown action '" + (*w)[0] + "' (click, set, type, key, wait, wait-for, expect, expect-not, expect-enabled, "
                   "expect-disabled, screenshot, layout)"};
    }
    const auto [kind, arity] = verb->second;
    if (static_cast<int>(w->size()) - 1 != arity) {
      return Error{at + (*w)[0] + " takes " + std::to_string(arity) + " argument" + (arity == 1 ? "" : "s") + ", found " +
                   std::to_string(w->size() - 1)};
    }
    ScriptAction a{kind, std::vector<std::string>(w->begin() + 1, w->end()), number};
    if (kind == ScriptAction::Kind::Wait) {
      int frames = 0;
      const std::string& v = a.args[0];
      const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), frames);
      if (ec != std::errc() || p != v.data() + v.size() || frames < 1 || frames > 100000) {
        return Error{at + "wait: '" + v + "' is not a number of frames (1 or more)"};
      }
    }
    if (kind == ScriptAction::Kind::WaitFor) {
      double seconds = 0.0;
      const std::string& v = a.args[1];
      const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), seconds);
      if (ec != std::errc() || p != v.data() + v.size() || !(seconds > 0.0) || seconds > 3600.0) {
        return Error{at + "wait-for: '" + v + "' is not a number of seconds (more than 0, at most 3600)"};
      }
    }
    if (kind == ScriptAction::Kind::Key) {
      std::string k = a.args[0];
      if (k.rfind("ctrl+", 0) == 0) k = k.substr(5);
      if (!keyNames().count(k)) return Error{at + "key: unknown key '" + a.args[0] + "'"};
    }
    script.actions.push_back(std::move(a));
  }
  return script;
}

Result<UiScript> loadUiScript(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path.string() + ": cannot open the script"};
  std::ostringstream text;
  text << in.rdbuf();
  return parseUiScript(text.str(), path.string());
}

ScriptRunner::ScriptRunner(UiScript script) : script_(std::move(script)) {
  // The first frame draws the console before anything is looked up.
  steps_.push_back({Step::Kind::Settle, "", 0, false, 0, 0.0});
  for (const ScriptAction& a : script_.actions) expand(a);
}

std::string ScriptRunner::where(int line) const { return script_.source + ":" + std::to_string(line) + ": "; }

void ScriptRunner::expand(const ScriptAction& a) {
  auto push = [&](Step::Kind kind, std::string arg = "", int key = 0, bool ctrl = false) {
    steps_.push_back({kind, std::move(arg), key, ctrl, a.line, 0.0});
  };
  auto settle = [&] {
    for (int i = 0; i < kSettleFrames; ++i) push(Step::Kind::Settle);
  };
  auto click = [&](const std::string& label) {
    push(Step::Kind::MoveTo, label);
    push(Step::Kind::Press);
    push(Step::Kind::Release);
    settle();
  };
  auto key = [&](const std::string& name) {
    const bool ctrl = name.rfind("ctrl+", 0) == 0;
    const int code = keyNames().at(ctrl ? name.substr(5) : name);
    push(Step::Kind::KeyDown, "", code, ctrl);
    push(Step::Kind::KeyUp, "", code, ctrl);
    settle();
  };
  switch (a.kind) {
    case ScriptAction::Kind::Click: click(a.args[0]); break;
    case ScriptAction::Kind::Set:
      // What a person does: click into the field, select what is there, type, confirm.
      click(a.args[0]);
      key("ctrl+a");
      push(Step::Kind::Chars, a.args[1]);
      key("enter");
      break;
    case ScriptAction::Kind::Type: push(Step::Kind::Chars, a.args[0]); settle(); break;
    case ScriptAction::Kind::Key: key(a.args[0]); break;
    case ScriptAction::Kind::Wait:
      for (int i = 0, n = std::stoi(a.args[0]); i < n; ++i) push(Step::Kind::Settle);
      break;
    case ScriptAction::Kind::WaitFor:
      push(Step::Kind::WaitFor, a.args[0]);
      steps_.back().seconds = std::stod(a.args[1]);
      break;
    case ScriptAction::Kind::Expect: push(Step::Kind::Expect, a.args[0]); break;
    case ScriptAction::Kind::ExpectNot: push(Step::Kind::ExpectNot, a.args[0]); break;
    case ScriptAction::Kind::ExpectEnabled: push(Step::Kind::ExpectEnabled, a.args[0]); break;
    case ScriptAction::Kind::ExpectDisabled: push(Step::Kind::ExpectDisabled, a.args[0]); break;
    case ScriptAction::Kind::Screenshot: push(Step::Kind::Screenshot, a.args[0]); break;
    case ScriptAction::Kind::Layout: push(Step::Kind::Layout, a.args[0]); break;
  }
}

Result<ScriptRunner::FrameRequest> ScriptRunner::beforeFrame(ImGuiIO& io, const WidgetRegistry& shown) {
  FrameRequest request;
  // Checks take no frame of their own; the first input step ends this frame's turn.
  while (next_ < steps_.size()) {
    const Step& s = steps_[next_++];
    switch (s.kind) {
      case Step::Kind::Expect:
        if (!shown.shows(s.arg)) return Error{where(s.line) + "expected '" + s.arg + "' on screen; it is not"};
        continue;
      case Step::Kind::WaitFor: {
        if (shown.shows(s.arg)) {
          waitingSinceS_ = -1.0;
          continue;
        }
        // Wall-clock time: what is awaited comes from outside the console (a live session).
        const double nowS = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
        if (waitingSinceS_ < 0.0) waitingSinceS_ = nowS;
        if (nowS - waitingSinceS_ > s.seconds) {
          return Error{where(s.line) + "waited " + std::to_string(static_cast<int>(s.seconds)) + " s for '" + s.arg + "' on screen; it did not appear"};
        }
        --next_;
        return request;
      }
      case Step::Kind::ExpectNot:
        if (shown.shows(s.arg)) return Error{where(s.line) + "'" + s.arg + "' is on screen; expected it not to be"};
        continue;
      case Step::Kind::ExpectEnabled:
      case Step::Kind::ExpectDisabled: {
        const auto found = shown.find(s.arg);
        if (!found.widget) return Error{where(s.line) + found.error};
        const bool wantEnabled = s.kind == Step::Kind::ExpectEnabled;
        if (found.widget->enabled != wantEnabled) {
          return Error{where(s.line) + "'" + s.arg + "' is " + (found.widget->enabled ? "enabled" : "disabled") + ", expected " +
                       (wantEnabled ? "enabled" : "disabled")};
        }
        continue;
      }
      case Step::Kind::Screenshot: request.screenshotPath = s.arg; return request;
      case Step::Kind::Layout: request.layoutPath = s.arg; return request;
      case Step::Kind::MoveTo: {
        const auto found = shown.find(s.arg);
        if (!found.widget) return Error{where(s.line) + found.error};
        const WidgetRect& w = *found.widget;
        if (!w.inView) {
          // As a person would: the wheel over the window that holds it, a notch a frame, until
          // the control is in view; this step is tried again next frame.
          if (++scrollFrames_ > kMaxScrollFrames) return Error{where(s.line) + "'" + s.arg + "' stays out of view after scrolling"};
          io.MousePos = ImVec2(0.5f * (w.viewMinX + w.viewMaxX), 0.5f * (w.viewMinY + w.viewMaxY));
          io.MouseWheel = w.centreY() < w.viewMinY ? 1.0f : -1.0f;
          --next_;
          return request;
        }
        scrollFrames_ = 0;
        io.MousePos = ImVec2(w.centreX(), w.centreY());
        return request;
      }
      case Step::Kind::Press: io.MouseDown[0] = true; return request;
      case Step::Kind::Release: io.MouseDown[0] = false; return request;
      case Step::Kind::KeyDown:
        io.KeyCtrl = s.ctrl;
        io.KeysDown[s.key] = true;
        return request;
      case Step::Kind::KeyUp:
        io.KeysDown[s.key] = false;
        io.KeyCtrl = false;
        return request;
      case Step::Kind::Chars: io.AddInputCharactersUTF8(s.arg.c_str()); return request;
      case Step::Kind::Settle: return request;
    }
  }
  done_ = true;
  return request;
}

}  // namespace lumbo::app
