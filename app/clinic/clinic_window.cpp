// ClinicWindow: the window (VulkanWindow), the ImGui context with its fonts and GLFW input,
// and the render/ pieces it puts together: an ImGuiCanvas as the window's image, shown by
// WindowPresenter.
#include "app/clinic/clinic_window.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <filesystem>
#include <stdexcept>

#include "app/desktop/vulkan_window.h"
#include "render/imgui_canvas.h"
#include "render/vulkan_context.h"
#include "render/window_presenter.h"

namespace lumbo::app {

namespace {

// The ImGui context lives as long as the window: the canvas's backend keeps its state in it.
struct ImGuiContextOwner {
  ImGuiContext* context = ImGui::CreateContext();
  ImGuiContextOwner() { ImGui::SetCurrentContext(context); }
  ~ImGuiContextOwner() { ImGui::DestroyContext(context); }
  ImGuiContextOwner(const ImGuiContextOwner&) = delete;
  ImGuiContextOwner& operator=(const ImGuiContextOwner&) = delete;
};

struct GlfwBackend {
  explicit GlfwBackend(GLFWwindow* window, bool callbacks) {
    // Without callbacks the backend still maps keys (io.KeyMap) for scripted key presses.
    if (!ImGui_ImplGlfw_InitForVulkan(window, callbacks)) throw std::runtime_error("ImGui's GLFW backend failed to start");
  }
  ~GlfwBackend() { ImGui_ImplGlfw_Shutdown(); }
  GlfwBackend(const GlfwBackend&) = delete;
  GlfwBackend& operator=(const GlfwBackend&) = delete;
};

ImFont* addFont(const std::string& path, float px) {
  ImGuiIO& io = ImGui::GetIO();
  if (!path.empty() && std::filesystem::exists(path)) return io.Fonts->AddFontFromFileTTF(path.c_str(), px);
  ImFontConfig config;
  config.SizePixels = px;
  return io.Fonts->AddFontDefault(&config);
}

}  // namespace

struct ClinicWindow::Impl {
  // Members in creation order, so that destruction runs in reverse.
  ClinicWindowOptions options;
  VulkanWindow window;
  std::unique_ptr<render::WindowPresenter> presenter;
  ImGuiContextOwner imgui;
  ClinicFonts fonts;
  std::unique_ptr<GlfwBackend> backend;
  std::unique_ptr<render::ImGuiCanvas> canvas;
  std::function<void(VkImage)> composer;

  explicit Impl(const ClinicWindowOptions& o)
      : options(o), window("Lumbo clinic", options.widthPx, options.heightPx, options.validation) {
    render::OwnedContext& vulkan = window.vulkan();
    const VkExtent2D windowSizePx{static_cast<uint32_t>(options.widthPx), static_cast<uint32_t>(options.heightPx)};
    // ImGui's colours are sRGB already: the window takes the canvas's bytes as they are.
    presenter = std::make_unique<render::WindowPresenter>(vulkan.context(), vulkan.surface(), windowSizePx,
                                                          render::SurfaceEncoding::Unorm);

    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is the console's own; nothing to remember between runs
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    fonts.regular = addFont(options.fontPath, options.fontPx);
    fonts.bold = addFont(options.boldFontPath, options.fontPx);
    fonts.heading = addFont(options.boldFontPath, options.fontPx * 1.45f);
    fonts.small = addFont(options.fontPath, options.fontPx * 0.82f);
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    backend = std::make_unique<GlfwBackend>(window.handle(), !options.scripted);
    canvas = std::make_unique<render::ImGuiCanvas>(vulkan.context(), presenter->extentPx(), render::CanvasUse::WindowImage);
  }

  ~Impl() {
    if (canvas) canvas->waitIdle();
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
};

ClinicWindow::ClinicWindow(const ClinicWindowOptions& options) : impl_(std::make_unique<Impl>(options)) {}
ClinicWindow::~ClinicWindow() = default;

const ClinicFonts& ClinicWindow::fonts() const { return impl_->fonts; }
std::uint32_t ClinicWindow::widthPx() const { return impl_->presenter->extentPx().width; }
std::uint32_t ClinicWindow::heightPx() const { return impl_->presenter->extentPx().height; }

void ClinicWindow::setBackground(float r, float g, float b) { impl_->canvas->setClearColour(r, g, b); }
const render::VulkanContext& ClinicWindow::vulkanContext() const { return impl_->window.vulkan().context(); }
void ClinicWindow::setComposer(std::function<void(VkImage)> compose) { impl_->composer = std::move(compose); }

bool ClinicWindow::beginFrame(float dtS) {
  glfwPollEvents();
  if (glfwWindowShouldClose(impl_->window.handle()) == GLFW_TRUE) return false;
  ImGuiIO& io = ImGui::GetIO();
  if (impl_->options.scripted) {
    const VkExtent2D e = impl_->presenter->extentPx();
    io.DisplaySize = ImVec2(static_cast<float>(e.width), static_cast<float>(e.height));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
    io.DeltaTime = dtS > 0.0f ? dtS : 1.0f / 60.0f;
  } else {
    ImGui_ImplGlfw_NewFrame();
  }
  ImGui::NewFrame();
  return true;
}

std::vector<std::uint8_t> ClinicWindow::endFrame(bool capture) {
  ImGui::Render();
  impl_->canvas->render(ImGui::GetDrawData());
  if (impl_->composer) impl_->composer(impl_->canvas->image());
  if (capture) return impl_->presenter->presentAndCapture(impl_->canvas->image());
  impl_->presenter->present(impl_->canvas->image());
  return {};
}

}  // namespace lumbo::app
