// The desktop view: a GLFW window with a Vulkan swapchain showing the session's Scene from a free
// orbit camera, for therapists watching a session or previewing an exercise, and for people
// without a headset.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include "render/scene.h"
#include "render/vulkan_context.h"

namespace lumbo::render {
class StereoRenderer;
}

namespace lumbo::app {

// Orbits a target point: drag with the left mouse button to turn, scroll to move closer, W/A/S/D
// (or the arrow keys) to move the target over the floor, Q/E to lower and raise it.
struct OrbitCamera {
  glm::vec3 targetM{0.0f, 1.0f, 0.0f};
  float yawRad = 0.6f;     // about +y; 0 looks from +z towards -z
  float pitchRad = 0.25f;  // above the horizon
  float distanceM = 3.5f;
  float verticalFovRad = 1.0f;
  glm::vec3 eyeM() const;
};

// What the window's mouse and keyboard did since the last call, for a UI drawn over the scene.
struct DesktopInput {
  float cursorXPx = -1.0f;
  float cursorYPx = -1.0f;
  bool leftDown = false;
  std::u32string typed;           // characters typed
  std::vector<int> keysPressed;   // GLFW key codes pressed (for editing keys: backspace, enter)
};

struct DesktopViewOptions {
  int widthPx = 960;
  int heightPx = 720;
  bool validation = false;  // VK_LAYER_KHRONOS_validation, messages to stderr
};

class DesktopView {
 public:
  // Opens the window and its Vulkan device; throws with the reason when there is no display or
  // no Vulkan device that can present to it.
  explicit DesktopView(const DesktopViewOptions& options = {});
  ~DesktopView();
  DesktopView(const DesktopView&) = delete;
  DesktopView& operator=(const DesktopView&) = delete;

  // The device, for the UI canvas and textures (which must be made after the view).
  const render::VulkanContext& context() const;
  render::StereoRenderer& renderer();

  // Polls input (moving the camera), renders `scene` seen from the camera (its eyes are
  // overwritten) and presents it. Returns false once the window has been closed.
  bool frame(render::Scene& scene);
  // The last rendered frame as RGBA8 rows, top first (what the window shows).
  std::vector<std::uint8_t> screenshot();
  std::uint32_t widthPx() const;
  std::uint32_t heightPx() const;

  OrbitCamera& camera();

  // The input for a UI drawn over the scene.
  DesktopInput takeInput();
  // False while that UI has the mouse: dragging then does not turn the camera.
  void setCameraMouse(bool enabled);
  // A texture (StereoRenderer::addTexture, of the window's size) drawn over the whole view in
  // every frame, e.g. an ImGui canvas; render::kNoTexture: none.
  void setOverlay(std::uint32_t texture);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lumbo::app
