// DesktopView: the GLFW window and its surface, the orbit camera's input, and the render/ pieces
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
#include "render/vulkan_context.h"
#include "render/window_presenter.h"

namespace lumbo::app {

glm::vec3 OrbitCamera::eyeM() const {
  const float c = std::cos(pitchRad);
  return targetM + distanceM * glm::vec3(c * std::sin(yawRad), std::sin(pitchRad), c * std::cos(yawRad));
}

namespace {

struct GlfwLibrary {
  GlfwLibrary() {
    if (glfwInit() != GLFW_TRUE) {
      throw std::runtime_error("cannot start GLFW: is there a display? (DISPLAY unset; try xvfb-run)");
    }
  }
  ~GlfwLibrary() { glfwTerminate(); }
  GlfwLibrary(const GlfwLibrary&) = delete;
  GlfwLibrary& operator=(const GlfwLibrary&) = delete;
};

struct WindowDeleter {
  void operator()(GLFWwindow* window) const { glfwDestroyWindow(window); }
};

}  // namespace

struct DesktopView::Impl {
  // Members in creation order, so that destruction runs in reverse.
  DesktopViewOptions options;
  GlfwLibrary glfw;
  std::unique_ptr<GLFWwindow, WindowDeleter> window;
  std::unique_ptr<render::OwnedContext> vulkan;  // owns the window's surface
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

  explicit Impl(const DesktopViewOptions& o) : options(o) {
    if (glfwVulkanSupported() != GLFW_TRUE) throw std::runtime_error("GLFW finds no Vulkan loader");
    glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
    glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
    window.reset(glfwCreateWindow(options.widthPx, options.heightPx, "Lumbo", nullptr, nullptr));
    if (!window) throw std::runtime_error("cannot open a window");
    glfwSetWindowUserPointer(window.get(), this);
    glfwSetScrollCallback(window.get(), [](GLFWwindow* w, double, double dy) {
      static_cast<Impl*>(glfwGetWindowUserPointer(w))->scrollY += dy;
    });
    glfwSetCharCallback(window.get(), [](GLFWwindow* w, unsigned int c) {
      static_cast<Impl*>(glfwGetWindowUserPointer(w))->input.typed.push_back(static_cast<char32_t>(c));
    });
    glfwSetKeyCallback(window.get(), [](GLFWwindow* w, int key, int, int action, int) {
      if (action == GLFW_PRESS || action == GLFW_REPEAT) static_cast<Impl*>(glfwGetWindowUserPointer(w))->input.keysPressed.push_back(key);
    });

    uint32_t extensionCount = 0;
    const char** glfwExtensions = glfwGetRequiredInstanceExtensions(&extensionCount);
    if (glfwExtensions == nullptr) throw std::runtime_error("GLFW cannot present with Vulkan here");
    render::OwnedContextOptions contextOptions;
    contextOptions.validation = options.validation;
    contextOptions.validationToStderr = true;
    contextOptions.instanceExtensions.assign(glfwExtensions, glfwExtensions + extensionCount);
    contextOptions.createSurface = [this](VkInstance instance) {
      VkSurfaceKHR surface = VK_NULL_HANDLE;
      VK_CHECK(glfwCreateWindowSurface(instance, window.get(), nullptr, &surface));
      return surface;
    };
    vulkan = std::make_unique<render::OwnedContext>(contextOptions);
    const VkExtent2D windowSizePx{static_cast<uint32_t>(options.widthPx),
                                  static_cast<uint32_t>(options.heightPx)};
    presenter = std::make_unique<render::WindowPresenter>(vulkan->context(), vulkan->surface(),
                                                          windowSizePx);

    render::RendererConfig config;
    config.colourFormat = VK_FORMAT_R8G8B8A8_SRGB;
    config.extentPx = presenter->extentPx();
    target = std::make_unique<render::OffscreenTarget>(vulkan->context(), config.colourFormat,
                                                       config.extentPx);
    renderer = std::make_unique<render::StereoRenderer>(vulkan->context(), config);
    targetIndex = renderer->addTarget(target->image());
    lastTimeS = glfwGetTime();
    glfwGetCursorPos(window.get(), &lastCursorX, &lastCursorY);
  }

  void updateCamera() {
    const double nowS = glfwGetTime();
    const float dtS = static_cast<float>(std::clamp(nowS - lastTimeS, 0.0, 0.1));
    lastTimeS = nowS;
    double x = 0.0;
    double y = 0.0;
    glfwGetCursorPos(window.get(), &x, &y);
    if (cameraMouse && glfwGetMouseButton(window.get(), GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS) {
      camera.yawRad -= 0.005f * static_cast<float>(x - lastCursorX);
      camera.pitchRad = std::clamp(camera.pitchRad + 0.005f * static_cast<float>(y - lastCursorY), -1.4f, 1.4f);
    }
    lastCursorX = x;
    lastCursorY = y;
    camera.distanceM = std::clamp(camera.distanceM * std::pow(0.9f, static_cast<float>(scrollY)), 0.3f, 30.0f);
    scrollY = 0.0;
    auto down = [&](int a, int b) {
      return glfwGetKey(window.get(), a) == GLFW_PRESS || glfwGetKey(window.get(), b) == GLFW_PRESS;
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

const render::VulkanContext& DesktopView::context() const { return impl_->vulkan->context(); }
render::StereoRenderer& DesktopView::renderer() { return *impl_->renderer; }
OrbitCamera& DesktopView::camera() { return impl_->camera; }
std::uint32_t DesktopView::widthPx() const { return impl_->presenter->extentPx().width; }
std::uint32_t DesktopView::heightPx() const { return impl_->presenter->extentPx().height; }

bool DesktopView::frame(render::Scene& scene) {
  glfwPollEvents();
  if (glfwWindowShouldClose(impl_->window.get()) == GLFW_TRUE) return false;
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
  glfwGetCursorPos(impl_->window.get(), &x, &y);
  in.cursorXPx = static_cast<float>(x);
  in.cursorYPx = static_cast<float>(y);
  in.leftDown = glfwGetMouseButton(impl_->window.get(), GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS;
  return in;
}

void DesktopView::setCameraMouse(bool enabled) { impl_->cameraMouse = enabled; }
void DesktopView::setOverlay(std::uint32_t texture) { impl_->overlay = texture; }

std::vector<std::uint8_t> DesktopView::screenshot() { return impl_->target->readLayer(0); }

}  // namespace lumbo::app
