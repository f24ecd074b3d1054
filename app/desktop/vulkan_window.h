// A GLFW window with its own Vulkan device that presents to it: what the desktop view and the
// therapist's console both open (GLFW started, the window made, an OwnedContext on its surface).
#pragma once

#include <memory>

#include "render/vulkan_context.h"

struct GLFWwindow;

namespace lumbo::app {

class VulkanWindow {
 public:
  // A window of the given size that cannot be resized, with a device and queue that present to
  // it. Throws with the reason when there is no display or no Vulkan device that can present.
  VulkanWindow(const char* title, int widthPx, int heightPx, bool validation);
  ~VulkanWindow();
  VulkanWindow(const VulkanWindow&) = delete;
  VulkanWindow& operator=(const VulkanWindow&) = delete;

  GLFWwindow* handle() const;
  render::OwnedContext& vulkan() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lumbo::app
