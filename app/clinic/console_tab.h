// A page of the console's top tab bar besides the patient list and the open patients' pages: the
// place where further views (a live session viewer) plug in without the console knowing them.
#pragma once

#include <string>

namespace lumbo::app {

class ConsoleTab {
 public:
  virtual ~ConsoleTab() = default;
  // The tab's label, unique among the tabs ("Live session").
  virtual std::string label() const = 0;
  // Draws the tab's content into the current ImGui window, below the tab bar.
  virtual void draw() = 0;
};

}  // namespace lumbo::app
