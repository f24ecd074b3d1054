// The recording controls over Dear ImGui.
#include "app/clinic/ui_controls.h"

#include <imgui_internal.h>

#include "app/clinic/clinic_theme.h"
#include "app/clinic/widget_registry.h"

namespace lumbo::app::ui {

namespace {

std::string hiddenId(const char* label) { return std::string("##") + label; }

void recordText(const std::string& s) {
  const ImVec2 a = ImGui::GetItemRectMin();
  const ImVec2 b = ImGui::GetItemRectMax();
  widgetRegistry().addText(s, a.x, a.y, b.x, b.y);
}

int resizeCallback(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    auto* s = static_cast<std::string*>(data->UserData);
    s->resize(static_cast<std::size_t>(data->BufTextLen));
    data->Buf = s->data();
  }
  return 0;
}

// Fields that fail validation get the error colour's outline.
struct InvalidFrame {
  bool on;
  explicit InvalidFrame(bool invalid) : on(invalid) {
    if (!on) return;
    ImGui::PushStyleColor(ImGuiCol_Border, theme().error);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 2.0f);
  }
  ~InvalidFrame() {
    if (!on) return;
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
  }
  InvalidFrame(const InvalidFrame&) = delete;
  InvalidFrame& operator=(const InvalidFrame&) = delete;
};

}  // namespace

void recordLastText(const std::string& s) { recordText(s); }

void record(const char* label) {
  const ImVec2 a = ImGui::GetItemRectMin();
  const ImVec2 b = ImGui::GetItemRectMax();
  const bool enabled = (GImGui->CurrentItemFlags & ImGuiItemFlags_Disabled) == 0;
  if (ImGui::IsItemVisible()) {
    widgetRegistry().addWidget(label, a.x, a.y, b.x, b.y, enabled);
    return;
  }
  // Laid out but scrolled out of view: recorded with the window's visible part, which a script
  // scrolls with the mouse wheel until the control comes into view.
  const ImRect view = GImGui->CurrentWindow->InnerClipRect;
  WidgetRect w;
  w.minX = view.Min.x;
  w.minY = view.Min.y;
  w.maxX = view.Max.x;
  w.maxY = view.Max.y;
  widgetRegistry().addHiddenWidget(label, a.x, a.y, b.x, b.y, enabled, w);
}

bool button(const char* label, const ImVec2& size) {
  const bool pressed = ImGui::Button(label, size);
  record(label);
  return pressed;
}

bool primaryButton(const char* label, const ImVec2& size) {
  const Theme& t = theme();
  ImGui::PushStyleColor(ImGuiCol_Button, t.accent);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, t.accentHovered);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, t.accentActive);
  ImGui::PushStyleColor(ImGuiCol_Text, t.onAccent);
  const bool pressed = ImGui::Button(label, size);
  ImGui::PopStyleColor(4);
  record(label);
  return pressed;
}

bool selectable(const char* label, bool selected, ImGuiSelectableFlags flags, const ImVec2& size) {
  const bool pressed = ImGui::Selectable(label, selected, flags, size);
  record(label);
  return pressed;
}

bool checkbox(const char* label, bool* value) {
  const bool changed = ImGui::Checkbox(label, value);
  record(label);
  return changed;
}

bool radio(const char* label, bool active) {
  const bool pressed = ImGui::RadioButton(label, active);
  record(label);
  return pressed;
}

bool tabItem(const char* label, bool* open, ImGuiTabItemFlags flags) {
  const bool shown = ImGui::BeginTabItem(label, open, flags);
  record(label);
  return shown;
}

bool inputText(const char* label, std::string& value, float widthPx, bool invalid) {
  InvalidFrame frame(invalid);
  ImGui::SetNextItemWidth(widthPx);
  const bool changed = ImGui::InputText(hiddenId(label).c_str(), value.data(), value.capacity() + 1,
                                        ImGuiInputTextFlags_CallbackResize, resizeCallback, &value);
  record(label);
  return changed;
}

bool inputMultiline(const char* label, std::string& value, const ImVec2& size) {
  const bool changed = ImGui::InputTextMultiline(hiddenId(label).c_str(), value.data(), value.capacity() + 1, size,
                                                 ImGuiInputTextFlags_CallbackResize, resizeCallback, &value);
  record(label);
  return changed;
}

bool inputInt(const char* label, int* value, float widthPx, bool invalid) {
  InvalidFrame frame(invalid);
  ImGui::SetNextItemWidth(widthPx);
  const bool changed = ImGui::InputInt(hiddenId(label).c_str(), value, 0, 0);
  record(label);
  return changed;
}

bool inputDouble(const char* label, double* value, float widthPx, const char* format, bool invalid) {
  InvalidFrame frame(invalid);
  ImGui::SetNextItemWidth(widthPx);
  const bool changed = ImGui::InputDouble(hiddenId(label).c_str(), value, 0.0, 0.0, format);
  record(label);
  return changed;
}

bool combo(const char* label, int* index, const std::vector<std::string>& items, float widthPx, bool invalid) {
  InvalidFrame frame(invalid);
  ImGui::SetNextItemWidth(widthPx);
  const char* preview = *index >= 0 && *index < static_cast<int>(items.size()) ? items[static_cast<std::size_t>(*index)].c_str() : "";
  bool changed = false;
  const bool open = ImGui::BeginCombo(hiddenId(label).c_str(), preview);
  record(label);
  if (open) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      const bool selected = static_cast<int>(i) == *index;
      if (selectable(items[i].c_str(), selected)) {
        *index = static_cast<int>(i);
        changed = true;
      }
      if (selected) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
  return changed;
}

void text(const std::string& s) {
  ImGui::TextUnformatted(s.c_str());
  recordText(s);
}

void textColoured(const ImVec4& colour, const std::string& s) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextUnformatted(s.c_str());
  ImGui::PopStyleColor();
  recordText(s);
}

void textWrapped(const std::string& s) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(s.c_str());
  ImGui::PopTextWrapPos();
  recordText(s);
}

void textDisabled(const std::string& s) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextUnformatted(s.c_str());
  ImGui::PopStyleColor();
  recordText(s);
}

bool shortcut(char capitalLetter) { return ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(capitalLetter, false); }

void fieldLabel(const char* label, float columnPx) {
  ImGui::AlignTextToFramePadding();
  const char* end = ImGui::FindRenderedTextEnd(label);
  ImGui::TextUnformatted(label, end);
  recordText(std::string(label, end));
  ImGui::SameLine(columnPx);
}

}  // namespace lumbo::app::ui
