// The light and dark themes' colours and ImGui style.
#include "app/clinic/clinic_theme.h"

namespace lumbo::app {

namespace {

ImVec4 rgb(float r, float g, float b, float a = 1.0f) { return ImVec4(r / 255.0f, g / 255.0f, b / 255.0f, a); }

Theme lightTheme() {
  Theme t;
  t.kind = ThemeKind::Light;
  t.background = rgb(243, 245, 248);
  t.panel = rgb(255, 255, 255);
  t.text = rgb(28, 34, 46);
  t.mutedText = rgb(99, 110, 128);
  t.grid = rgb(226, 231, 238);
  t.axis = rgb(150, 160, 175);
  t.accent = rgb(20, 110, 190);
  t.accentHovered = rgb(30, 128, 214);
  t.accentActive = rgb(14, 90, 160);
  t.onAccent = rgb(255, 255, 255);
  t.error = rgb(200, 40, 50);
  t.warning = rgb(196, 120, 0);
  t.good = rgb(30, 140, 80);
  t.flag = rgb(253, 232, 200);
  t.flagText = rgb(140, 70, 0);
  t.series[0] = rgb(20, 110, 190);
  t.series[1] = rgb(230, 120, 20);
  t.series[2] = rgb(40, 160, 90);
  t.series[3] = rgb(170, 60, 170);
  t.series[4] = rgb(200, 50, 60);
  t.series[5] = rgb(20, 160, 170);
  t.target = rgb(190, 198, 210);
  return t;
}

Theme darkTheme() {
  Theme t;
  t.kind = ThemeKind::Dark;
  t.background = rgb(22, 26, 33);
  t.panel = rgb(32, 37, 46);
  t.text = rgb(230, 234, 240);
  t.mutedText = rgb(150, 160, 175);
  t.grid = rgb(52, 59, 71);
  t.axis = rgb(110, 120, 135);
  t.accent = rgb(60, 140, 220);
  t.accentHovered = rgb(80, 158, 235);
  t.accentActive = rgb(45, 120, 200);
  t.onAccent = rgb(255, 255, 255);
  t.error = rgb(240, 90, 95);
  t.warning = rgb(240, 170, 60);
  t.good = rgb(80, 200, 130);
  t.flag = rgb(88, 62, 24);
  t.flagText = rgb(255, 205, 140);
  t.series[0] = rgb(90, 165, 240);
  t.series[1] = rgb(245, 150, 60);
  t.series[2] = rgb(90, 200, 130);
  t.series[3] = rgb(210, 120, 220);
  t.series[4] = rgb(240, 95, 100);
  t.series[5] = rgb(70, 200, 205);
  t.target = rgb(80, 90, 106);
  return t;
}

Theme& current() {
  static Theme t = lightTheme();
  return t;
}

}  // namespace

std::optional<ThemeKind> themeFromName(std::string_view name) {
  if (name == "light") return ThemeKind::Light;
  if (name == "dark") return ThemeKind::Dark;
  return std::nullopt;
}

const Theme& theme() { return current(); }

namespace {
ThemeFonts& fontsHeld() {
  static ThemeFonts f;
  return f;
}
}  // namespace

void setThemeFonts(const ThemeFonts& fonts) { fontsHeld() = fonts; }
const ThemeFonts& themeFonts() { return fontsHeld(); }

ImU32 toU32(const ImVec4& c) { return ImGui::ColorConvertFloat4ToU32(c); }

void applyTheme(ThemeKind kind) {
  Theme& t = current();
  t = kind == ThemeKind::Light ? lightTheme() : darkTheme();
  ImGuiStyle& style = ImGui::GetStyle();
  if (kind == ThemeKind::Light) {
    ImGui::StyleColorsLight(&style);
  } else {
    ImGui::StyleColorsDark(&style);
  }
  style.WindowPadding = ImVec2(16, 14);
  style.FramePadding = ImVec2(10, 6);
  style.CellPadding = ImVec2(10, 6);
  style.ItemSpacing = ImVec2(10, 8);
  style.ItemInnerSpacing = ImVec2(8, 6);
  style.ScrollbarSize = 16;
  style.WindowRounding = 0;
  style.ChildRounding = 6;
  style.FrameRounding = 5;
  style.PopupRounding = 6;
  style.TabRounding = 5;
  style.GrabRounding = 4;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 1;
  style.FrameBorderSize = kind == ThemeKind::Light ? 1.0f : 0.0f;
  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = t.text;
  c[ImGuiCol_TextDisabled] = t.mutedText;
  c[ImGuiCol_WindowBg] = t.background;
  c[ImGuiCol_ChildBg] = t.panel;
  c[ImGuiCol_PopupBg] = t.panel;
  c[ImGuiCol_Border] = kind == ThemeKind::Light ? rgb(214, 220, 229) : rgb(55, 62, 75);
  c[ImGuiCol_FrameBg] = kind == ThemeKind::Light ? rgb(255, 255, 255) : rgb(44, 50, 61);
  c[ImGuiCol_FrameBgHovered] = kind == ThemeKind::Light ? rgb(236, 243, 251) : rgb(54, 61, 74);
  c[ImGuiCol_FrameBgActive] = kind == ThemeKind::Light ? rgb(225, 236, 250) : rgb(62, 70, 85);
  c[ImGuiCol_Button] = kind == ThemeKind::Light ? rgb(232, 237, 244) : rgb(50, 57, 70);
  c[ImGuiCol_ButtonHovered] = kind == ThemeKind::Light ? rgb(216, 226, 239) : rgb(62, 71, 87);
  c[ImGuiCol_ButtonActive] = kind == ThemeKind::Light ? rgb(200, 214, 233) : rgb(72, 82, 100);
  c[ImGuiCol_Header] = kind == ThemeKind::Light ? rgb(222, 235, 250) : rgb(40, 62, 92);
  c[ImGuiCol_HeaderHovered] = kind == ThemeKind::Light ? rgb(232, 241, 252) : rgb(48, 72, 104);
  c[ImGuiCol_HeaderActive] = kind == ThemeKind::Light ? rgb(210, 228, 248) : rgb(52, 80, 116);
  c[ImGuiCol_Tab] = kind == ThemeKind::Light ? rgb(226, 232, 240) : rgb(36, 42, 52);
  c[ImGuiCol_TabHovered] = t.accentHovered;
  c[ImGuiCol_TabActive] = t.accent;
  c[ImGuiCol_TabUnfocused] = c[ImGuiCol_Tab];
  c[ImGuiCol_TabUnfocusedActive] = t.accent;
  c[ImGuiCol_TableHeaderBg] = kind == ThemeKind::Light ? rgb(234, 239, 246) : rgb(40, 46, 57);
  c[ImGuiCol_TableBorderStrong] = c[ImGuiCol_Border];
  c[ImGuiCol_TableBorderLight] = kind == ThemeKind::Light ? rgb(232, 236, 242) : rgb(46, 52, 63);
  c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_TableRowBgAlt] = kind == ThemeKind::Light ? rgb(247, 249, 252) : rgb(36, 41, 51);
  c[ImGuiCol_CheckMark] = t.accent;
  c[ImGuiCol_SliderGrab] = t.accent;
  c[ImGuiCol_SliderGrabActive] = t.accentActive;
  c[ImGuiCol_Separator] = c[ImGuiCol_Border];
  c[ImGuiCol_TitleBg] = t.panel;
  c[ImGuiCol_TitleBgActive] = t.panel;
  c[ImGuiCol_ModalWindowDimBg] = rgb(0, 0, 0, 0.35f);
}

}  // namespace lumbo::app
