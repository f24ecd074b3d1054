// The therapist's console's window: a GLFW window with its own Vulkan device, one Dear ImGui
// context drawn into a window-sized canvas that the window presenter shows, its fonts, and input
// either from the person at the keyboard and mouse or, for a script, set by the caller.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "render/vulkan_context.h"

struct ImFont;

namespace lumbo::app {

struct ClinicWindowOptions {
  int widthPx = 1280;
  int heightPx = 800;
  bool validation = false;  // VK_LAYER_KHRONOS_validation, messages to stderr
  // Input comes from a script (the caller sets ImGui's input state before each frame); the real
  // keyboard and mouse are not read, so a stray pointer cannot change what a test drives.
  bool scripted = false;
  std::string fontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  std::string boldFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
  float fontPx = 17.0f;  // readable at 1280x800 from a desk
};

struct ClinicFonts {
  ImFont* regular = nullptr;
  ImFont* bold = nullptr;
  ImFont* heading = nullptr;
  ImFont* small = nullptr;
};

class ClinicWindow {
 public:
  // Opens the window, its Vulkan device and the ImGui context (current from then on); throws
  // with the reason when there is no display or no Vulkan device that can present to it.
  explicit ClinicWindow(const ClinicWindowOptions& options);
  ~ClinicWindow();
  ClinicWindow(const ClinicWindow&) = delete;
  ClinicWindow& operator=(const ClinicWindow&) = delete;

  const ClinicFonts& fonts() const;
  // Polls the window and starts an ImGui frame. Returns false once the window has been closed.
  bool beginFrame(float dtS);
  // Renders the frame, presents it, and with `capture` returns what the window shows as RGBA8
  // rows, top first (empty otherwise).
  std::vector<std::uint8_t> endFrame(bool capture);
  void setBackground(float r, float g, float b);
  // The window's device, for pictures rendered apart and copied into the window's image.
  const render::VulkanContext& vulkanContext() const;
  // Called by endFrame after ImGui's frame is drawn into the window's image (R8G8B8A8_UNORM
  // holding sRGB bytes, in COLOR_ATTACHMENT_OPTIMAL, to be left so) and before it is shown:
  // `compose` may copy into it with work submitted to the device's queue.
  void setComposer(std::function<void(VkImage windowImage)> compose);
  std::uint32_t widthPx() const;
  std::uint32_t heightPx() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lumbo::app
