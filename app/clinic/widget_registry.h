// Where each labelled control and each piece of text of the console was drawn in the last frame:
// what a UI script clicks, types into and checks, and what tests read back as the layout.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lumbo::app {

struct WidgetRect {
  std::string label;    // as passed to ImGui, "Save##program" included
  std::string visible;  // the part before "##": what the person reads
  float minX = 0, minY = 0, maxX = 0, maxY = 0;
  bool enabled = true;
  // Scrolled out of its window's view: a script scrolls that window (the rectangle below) first.
  bool inView = true;
  float viewMinX = 0, viewMinY = 0, viewMaxX = 0, viewMaxY = 0;
  float centreX() const { return 0.5f * (minX + maxX); }
  float centreY() const { return 0.5f * (minY + maxY); }
};

class WidgetRegistry {
 public:
  // Called when a frame starts: what the frame before showed becomes what lookups see.
  void beginFrame();
  void addWidget(std::string_view label, float minX, float minY, float maxX, float maxY, bool enabled);
  // A control laid out outside the visible part of its scrolling window `view`.
  void addHiddenWidget(std::string_view label, float minX, float minY, float maxX, float maxY, bool enabled,
                       const WidgetRect& view);
  // Text shown, with the rectangle it was drawn in.
  void addText(std::string_view text, float minX = 0, float minY = 0, float maxX = 0, float maxY = 0);

  // The widget labelled exactly `label`, else (for "##id") the one whose label ends in it, else
  // the one whose visible label it is; an error when none or several match (the message lists
  // what was on screen).
  struct Lookup {
    const WidgetRect* widget = nullptr;
    std::string error;
  };
  Lookup find(std::string_view label) const;
  // Whether any text or label shown in the last frame contains `text`.
  bool shows(std::string_view text) const;
  const std::vector<WidgetRect>& widgets() const { return shown_; }
  // {"widgets": [{"label", "x0", "y0", "x1", "y1", "enabled"}], "texts": [{"text", "x0", ...}]} of
  // the last frame.
  std::string layoutJson() const;

 private:
  std::vector<WidgetRect> shown_, drawing_;
  std::vector<WidgetRect> shownText_, drawingText_;  // label: the text
};

// The registry the console's controls record into while a frame is drawn (one console per process).
WidgetRegistry& widgetRegistry();

}  // namespace lumbo::app
