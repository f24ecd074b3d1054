// The console's two themes (light for a bright clinic room, dark for a dim one): ImGui's style
// and the colours the console's own drawing uses (charts, flags, errors), all chosen to stay
// distinct from each other on both backgrounds.
#pragma once

#include <imgui.h>

#include <optional>
#include <string_view>

namespace lumbo::app {

enum class ThemeKind { Light, Dark };
std::optional<ThemeKind> themeFromName(std::string_view name);

struct Theme {
  ThemeKind kind = ThemeKind::Light;
  ImVec4 background, panel, text, mutedText, grid, axis;
  ImVec4 accent, accentHovered, accentActive, onAccent;
  ImVec4 error, warning, good, flag, flagText;
  // Chart series, in the order they are used.
  ImVec4 series[6];
  ImVec4 target;  // prescriptions and thresholds drawn behind data
};

// Applies a theme to the current ImGui context's style and makes it the one theme() returns.
void applyTheme(ThemeKind kind);
const Theme& theme();
ImU32 toU32(const ImVec4& c);

// The console's fonts besides ImGui's default (the regular one): set once the window has made them.
struct ThemeFonts {
  ImFont* bold = nullptr;
  ImFont* heading = nullptr;
  ImFont* small = nullptr;
};
void setThemeFonts(const ThemeFonts& fonts);
const ThemeFonts& themeFonts();

}  // namespace lumbo::app
