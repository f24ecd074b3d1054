// VulkanWindow: GLFW's start and end, the window, and the Vulkan context made on its surface.
#define GLFW_INCLUDE_VULKAN
#include "app/desktop/vulkan_window.h"

#include <GLFW/glfw3.h>

#include <stdexcept>

#include "render/vk_check.h"

namespace lumbo::app {

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

struct VulkanWindow::Impl {
  // Members in creation order, so that destruction runs in reverse.
  GlfwLibrary glfw;
  std::unique_ptr<GLFWwindow, WindowDeleter> window;
  std::unique_ptr<render::OwnedContext> vulkan;  // owns the window's surface
};

VulkanWindow::VulkanWindow(const char* title, int widthPx, int heightPx, bool validation) : impl_(std::make_unique<Impl>()) {
  if (glfwVulkanSupported() != GLFW_TRUE) throw std::runtime_error("GLFW finds no Vulkan loader");
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
  impl_->window.reset(glfwCreateWindow(widthPx, heightPx, title, nullptr, nullptr));
  if (!impl_->window) throw std::runtime_error("cannot open a window");
  uint32_t extensionCount = 0;
  const char** glfwExtensions = glfwGetRequiredInstanceExtensions(&extensionCount);
  if (glfwExtensions == nullptr) throw std::runtime_error("GLFW cannot present with Vulkan here");
  render::OwnedContextOptions contextOptions;
  contextOptions.validation = validation;
  contextOptions.validationToStderr = true;
  contextOptions.instanceExtensions.assign(glfwExtensions, glfwExtensions + extensionCount);
  GLFWwindow* window = impl_->window.get();
  contextOptions.createSurface = [window](VkInstance instance) {
    VkSurfaceKHR surface = VK_NULL_HANDLE;
    VK_CHECK(glfwCreateWindowSurface(instance, window, nullptr, &surface));
    return surface;
  };
  impl_->vulkan = std::make_unique<render::OwnedContext>(contextOptions);
}

VulkanWindow::~VulkanWindow() = default;

GLFWwindow* VulkanWindow::handle() const { return impl_->window.get(); }
render::OwnedContext& VulkanWindow::vulkan() const { return *impl_->vulkan; }

}  // namespace lumbo::app
