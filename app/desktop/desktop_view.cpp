// DesktopView: the window (VulkanWindow), the orbit camera's input, and the render/ pieces
// it puts together: StereoRenderer draws into an offscreen image that WindowPresenter shows.
#define GLFW_INCLUDE_VULKAN
#include "app/desktop/desktop_view.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

#include <glm/gtc/quaternion.hpp>

#include "render/offscreen_target.h"
#include "render/stereo_renderer.h"
#include "render/vk_check.h"
#include "app/desktop/vulkan_window.h"
#include "render/vulkan_context.h"
#include "render/window_presenter.h"

namespace lumbo::app {

glm::vec3 OrbitCamera::eyeM() const {
  const float c = std::cos(pitchRad);
  return targetM + distanceM * glm::vec3(c * std::sin(yawRad), std::sin(pitchRad), c * std::cos(yawRad));
}

struct DesktopView::Impl {
  // Members in creation order, so that destruction runs in reverse.
  DesktopViewOptions options;
  VulkanWindow window;
  std::unique_ptr<render::WindowPresenter> presenter;
  std::unique_ptr<render::OffscreenTarget> target;
  std::unique_ptr<render::StereoRenderer> renderer;
  uint32_t targetIndex = 0;
  OrbitCamera camera;
  double lastTimeS = 0.0;
  double lastCursorX = 0.0;
  double lastCursorY = 0.0;
  double scrollY = 0.0;
  DesktopInput input;
  bool cameraMouse = true;
  std::uint32_t overlay = render::kNoTexture;

  explicit Impl(const DesktopViewOptions& o)
      : options(o), window("Lumbo", options.widthPx, options.heightPx, options.validation) {
    glfwSetWindowUserPointer(window.handle(), this);
    glfwSetScrollCallback(window.handle(), [](GLFWwindow* w, double, double dy) {
      static_cast<Impl*>(glfwGetWindowUserPointer(w))->scrollY += dy;
    });
    glfwSetCharCallback(window.handle(), [](GLFWwindow* w, unsigned int c) {
      static_cast<Impl*>(glfwGetWindowUserPointer(w))->input.typed.push_back(static_cast<char32_t>(c));
    });
    glfwSetKeyCallback(window.handle(), [](GLFWwindow* w, int key, int, int action, int) {
      if (action == GLFW_PRESS || action == GLFW_REPEAT) static_cast<Impl*>(glfwGetWindowUserPointer(w))->input.keysPressed.push_back(key);
    });
    render::OwnedContext& vulkan = window.vulkan();
    const VkExtent2D windowSizePx{static_cast<uint32_t>(options.widthPx),
                                  static_cast<uint32_t>(options.heightPx)};
    presenter = std::make_unique<render::WindowPresenter>(vulkan.context(), vulkan.surface(),
                                                          windowSizePx);

    render::RendererConfig config;
    config.colourFormat = VK_FORMAT_R8G8B8A8_SRGB;
    config.extentPx = presenter->extentPx();
    target = std::make_unique<render::OffscreenTarget>(vulkan.context(), config.colourFormat,
                                                       config.extentPx);
    renderer = std::make_unique<render::StereoRenderer>(vulkan.context(), config);
    targetIndex = renderer->addTarget(target->image());
    lastTimeS = glfwGetTime();
    glfwGetCursorPos(window.handle(), &lastCursorX, &lastCursorY);
  }

  void updateCamera() {
    const double nowS = glfwGetTime();
    const float dtS = static_cast<float>(std::clamp(nowS - lastTimeS, 0.0, 0.1));
    lastTimeS = nowS;
    double x = 0.0;
    double y = 0.0;
    glfwGetCursorPos(window.handle(), &x, &y);
    if (cameraMouse && glfwGetMouseButton(window.handle(), GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS) {
      camera.yawRad -= 0.005f * static_cast<float>(x - lastCursorX);
      camera.pitchRad = std::clamp(camera.pitchRad + 0.005f * static_cast<float>(y - lastCursorY), -1.4f, 1.4f);
    }
    lastCursorX = x;
    lastCursorY = y;
    camera.distanceM = std::clamp(camera.distanceM * std::pow(0.9f, static_cast<float>(scrollY)), 0.3f, 30.0f);
    scrollY = 0.0;
    auto down = [&](int a, int b) {
      return glfwGetKey(window.handle(), a) == GLFW_PRESS || glfwGetKey(window.handle(), b) == GLFW_PRESS;
    };
    const glm::vec3 forward(-std::sin(camera.yawRad), 0.0f, -std::cos(camera.yawRad));
    const glm::vec3 right(-forward.z, 0.0f, forward.x);
    const float stepM = 1.5f * dtS;
    if (down(GLFW_KEY_W, GLFW_KEY_UP)) camera.targetM += stepM * forward;
    if (down(GLFW_KEY_S, GLFW_KEY_DOWN)) camera.targetM -= stepM * forward;
    if (down(GLFW_KEY_D, GLFW_KEY_RIGHT)) camera.targetM += stepM * right;
    if (down(GLFW_KEY_A, GLFW_KEY_LEFT)) camera.targetM -= stepM * right;
    if (down(GLFW_KEY_E, GLFW_KEY_PAGE_UP)) camera.targetM.y += stepM;
    if (down(GLFW_KEY_Q, GLFW_KEY_PAGE_DOWN)) camera.targetM.y -= stepM;
  }

};

DesktopView::DesktopView(const DesktopViewOptions& options) : impl_(std::make_unique<Impl>(options)) {}
DesktopView::~DesktopView() = default;

const render::VulkanContext& DesktopView::context() const { return impl_->window.vulkan().context(); }
render::StereoRenderer& DesktopView::renderer() { return *impl_->renderer; }
OrbitCamera& DesktopView::camera() { return impl_->camera; }
std::uint32_t DesktopView::widthPx() const { return impl_->presenter->extentPx().width; }
std::uint32_t DesktopView::heightPx() const { return impl_->presenter->extentPx().height; }

bool DesktopView::frame(render::Scene& scene) {
  glfwPollEvents();
  if (glfwWindowShouldClose(impl_->window.handle()) == GLFW_TRUE) return false;
  impl_->updateCamera();
  const OrbitCamera& cam = impl_->camera;
  const glm::vec3 eyeM = cam.eyeM();
  const glm::quat orientation = glm::quatLookAtRH(glm::normalize(cam.targetM - eyeM), glm::vec3(0.0f, 1.0f, 0.0f));
  const VkExtent2D extentPx = impl_->presenter->extentPx();
  const float aspect = static_cast<float>(extentPx.width) / static_cast<float>(extentPx.height);
  const float halfV = 0.5f * cam.verticalFovRad;
  const float halfH = std::atan(std::tan(halfV) * aspect);
  const render::Fov fov{-halfH, halfH, halfV, -halfV};
  scene.eyes[0] = render::makeEyeView(eyeM, orientation, fov, 0.05f, 200.0f);
  scene.eyes[1] = scene.eyes[0];
  if (impl_->overlay != render::kNoTexture) {
    // Just beyond the near plane, filling the view: drawn over everything else.
    const float dM = 0.06f;
    const glm::vec3 forward = orientation * glm::vec3(0.0f, 0.0f, -1.0f);
    const glm::vec3 right = orientation * glm::vec3(1.0f, 0.0f, 0.0f);
    const glm::vec3 up = orientation * glm::vec3(0.0f, 1.0f, 0.0f);
    render::TexturedQuad quad;
    quad.centreM = eyeM + dM * forward;
    quad.halfWidthM = right * (dM * std::tan(halfH));
    quad.halfHeightM = up * (dM * std::tan(halfV));
    quad.texture = impl_->overlay;
    scene.quads.push_back(quad);
  }
  impl_->renderer->renderFrame(scene, impl_->targetIndex);
  if (impl_->overlay != render::kNoTexture) scene.quads.pop_back();
  impl_->presenter->present(impl_->target->image());
  return true;
}

DesktopInput DesktopView::takeInput() {
  DesktopInput in = std::move(impl_->input);
  impl_->input = {};
  double x = 0.0;
  double y = 0.0;
  glfwGetCursorPos(impl_->window.handle(), &x, &y);
  in.cursorXPx = static_cast<float>(x);
  in.cursorYPx = static_cast<float>(y);
  in.leftDown = glfwGetMouseButton(impl_->window.handle(), GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS;
  return in;
}

void DesktopView::setCameraMouse(bool enabled) { impl_->cameraMouse = enabled; }
void DesktopView::setOverlay(std::uint32_t texture) { impl_->overlay = texture; }

std::vector<std::uint8_t> DesktopView::screenshot() { return impl_->target->readLayer(0); }

}  // namespace lumbo::app
