// The console's controls: Dear ImGui widgets that also record where they were drawn under their
// label (widget_registry.h), so a UI script can find and drive exactly what a person sees. Text
// fields are drawn without ImGui's own label; the form lays out its labels itself.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace lumbo::app::ui {

// Records the last ImGui item under `label` (when it is visible).
void record(const char* label);
// Records the last ImGui item as shown text (a chip drawn by hand).
void recordLastText(const std::string& text);

bool button(const char* label, const ImVec2& size = ImVec2(0, 0));
// The page's main action (Save, Add): the theme's accent colour.
bool primaryButton(const char* label, const ImVec2& size = ImVec2(0, 0));
bool selectable(const char* label, bool selected, ImGuiSelectableFlags flags = 0, const ImVec2& size = ImVec2(0, 0));
bool checkbox(const char* label, bool* value);
bool radio(const char* label, bool active);
bool tabItem(const char* label, bool* open = nullptr, ImGuiTabItemFlags flags = 0);

// Fields: `label` names them for scripts (its visible part is not drawn). `invalid` outlines the
// field in the theme's error colour.
bool inputText(const char* label, std::string& value, float widthPx, bool invalid = false);
bool inputMultiline(const char* label, std::string& value, const ImVec2& size);
bool inputInt(const char* label, int* value, float widthPx, bool invalid = false);
bool inputDouble(const char* label, double* value, float widthPx, const char* format, bool invalid = false);
// A drop-down of `items`; each item is recorded under its own text while the list is open.
bool combo(const char* label, int* index, const std::vector<std::string>& items, float widthPx, bool invalid = false);

// Text that scripts can check for ("expect").
void text(const std::string& s);
void textColoured(const ImVec4& colour, const std::string& s);
void textWrapped(const std::string& s);
void textDisabled(const std::string& s);
// Ctrl and a letter pressed this frame (GLFW's letter keys are their capital ASCII codes).
bool shortcut(char capitalLetter);

// A form row's label in a fixed-width first column, then the field on the same line.
void fieldLabel(const char* label, float columnPx);

}  // namespace lumbo::app::ui
