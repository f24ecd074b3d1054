// The registry of labelled rectangles and shown text, swapped each frame.
#include "app/clinic/widget_registry.h"

#include <nlohmann/json.hpp>

namespace lumbo::app {

void WidgetRegistry::beginFrame() {
  shown_.swap(drawing_);
  drawing_.clear();
  shownText_.swap(drawingText_);
  drawingText_.clear();
}

void WidgetRegistry::addWidget(std::string_view label, float minX, float minY, float maxX, float maxY, bool enabled) {
  const auto hashes = label.find("##");
  std::string visible(hashes == std::string_view::npos ? label : label.substr(0, hashes));
  drawing_.push_back({std::string(label), std::move(visible), minX, minY, maxX, maxY, enabled});
}

void WidgetRegistry::addHiddenWidget(std::string_view label, float minX, float minY, float maxX, float maxY, bool enabled,
                                     const WidgetRect& view) {
  addWidget(label, minX, minY, maxX, maxY, enabled);
  WidgetRect& w = drawing_.back();
  w.inView = false;
  w.viewMinX = view.minX;
  w.viewMinY = view.minY;
  w.viewMaxX = view.maxX;
  w.viewMaxY = view.maxY;
}

void WidgetRegistry::addText(std::string_view text, float minX, float minY, float maxX, float maxY) {
  drawingText_.push_back({std::string(text), std::string(text), minX, minY, maxX, maxY, true});
}

WidgetRegistry::Lookup WidgetRegistry::find(std::string_view label) const {
  for (const WidgetRect& w : shown_) {
    if (w.label == label) return {&w, ""};
  }
  // "##odi3a1": the control whose id part is that, whatever its visible label.
  if (label.rfind("##", 0) == 0) {
    for (const WidgetRect& w : shown_) {
      if (w.label.size() >= label.size() && w.label.compare(w.label.size() - label.size(), label.size(), label) == 0) return {&w, ""};
    }
  }
  const WidgetRect* match = nullptr;
  int matches = 0;
  for (const WidgetRect& w : shown_) {
    if (w.visible == label) {
      match = &w;
      ++matches;
    }
  }
  if (matches == 1) return {match, ""};
  std::string seen;
  for (const WidgetRect& w : shown_) {
    if (!w.visible.empty() && w.inView && seen.size() < 600) seen += (seen.empty() ? "" : ", ") + ("'" + w.label + "'");
  }
  if (matches > 1) return {nullptr, std::to_string(matches) + " controls are labelled '" + std::string(label) + "'; give the full label (" + seen + ")"};
  return {nullptr, "no control labelled '" + std::string(label) + "' on screen (shown: " + seen + ")"};
}

bool WidgetRegistry::shows(std::string_view text) const {
  for (const WidgetRect& t : shownText_) {
    if (t.label.find(text) != std::string::npos) return true;
  }
  for (const WidgetRect& w : shown_) {
    if (w.inView && w.visible.find(text) != std::string::npos) return true;
  }
  return false;
}

std::string WidgetRegistry::layoutJson() const {
  nlohmann::json widgets = nlohmann::json::array();
  for (const WidgetRect& w : shown_) {
    widgets.push_back({{"label", w.label}, {"x0", w.minX}, {"y0", w.minY}, {"x1", w.maxX}, {"y1", w.maxY}, {"enabled", w.enabled},
                       {"in_view", w.inView}});
  }
  nlohmann::json texts = nlohmann::json::array();
  for (const WidgetRect& t : shownText_) texts.push_back({{"text", t.label}, {"x0", t.minX}, {"y0", t.minY}, {"x1", t.maxX}, {"y1", t.maxY}});
  return nlohmann::json{{"widgets", widgets}, {"texts", texts}}.dump(1) + "\n";
}

WidgetRegistry& widgetRegistry() {
  static WidgetRegistry registry;
  return registry;
}

}  // namespace lumbo::app
