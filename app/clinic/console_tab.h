// A page of the console's top tab bar besides the patient list and the open patients' pages: the
// place where further views (a live session viewer) plug in without the console knowing them.
#pragma once

#include <string>

#include "render/vulkan_context.h"

namespace lumbo::app {

class ConsoleTab {
 public:
  virtual ~ConsoleTab() = default;
  // The tab's label, unique among the tabs ("Live session").
  virtual std::string label() const = 0;
  // Draws the tab's content into the current ImGui window, below the tab bar.
  virtual void draw() = 0;
  // Called every frame before the tabs are drawn, shown or not: work that must not wait for the
  // tab to be looked at (a connection's messages).
  virtual void update() {}
  // Whether the tab asks to be the selected one (once: opened from the command line).
  virtual bool takeSelectRequest() { return false; }
  // After the frame's ImGui drawing is in the window's image (ClinicWindow::setComposer): a tab
  // that renders a picture of its own on the window's device copies it in here.
  virtual void compose(const render::VulkanContext& /*context*/, VkImage /*windowImage*/) {}
};

}  // namespace lumbo::app
