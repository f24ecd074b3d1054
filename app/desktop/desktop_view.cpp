// DesktopView: GLFW window, Vulkan instance, surface, device and swapchain; the scene rendered
// by StereoRenderer into an offscreen image and blitted to the window; the orbit camera's input.
#define GLFW_INCLUDE_VULKAN
#include "app/desktop/desktop_view.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

#include <glm/gtc/quaternion.hpp>

#include "render/device_requirements.h"
#include "render/offscreen_target.h"
#include "render/stereo_renderer.h"
#include "render/vk_check.h"
#include "render/vk_handles.h"

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
  render::UniqueInstance instance;
  render::UniqueSurface surface;
  render::UniqueDevice device;
  render::VulkanContext context;
  VkExtent2D extentPx{};
  VkFormat swapchainFormat = VK_FORMAT_UNDEFINED;
  render::UniqueSwapchain swapchain;
  std::vector<VkImage> swapchainImages;
  render::UniqueCommandPool commandPool;
  VkCommandBuffer commandBuffer = VK_NULL_HANDLE;
  render::UniqueFence blitDone;
  render::UniqueSemaphore acquired;
  std::vector<render::UniqueSemaphore> presentReady;  // one per swapchain image
  std::unique_ptr<render::OffscreenTarget> target;
  std::unique_ptr<render::StereoRenderer> renderer;
  uint32_t targetIndex = 0;
  OrbitCamera camera;
  double lastTimeS = 0.0;
  double lastCursorX = 0.0;
  double lastCursorY = 0.0;
  double scrollY = 0.0;

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
    createInstanceAndDevice();
    createSwapchain();
    createFrameObjects();

    render::RendererConfig config;
    config.colourFormat = VK_FORMAT_R8G8B8A8_SRGB;
    config.extentPx = extentPx;
    target = std::make_unique<render::OffscreenTarget>(context, config.colourFormat, extentPx);
    renderer = std::make_unique<render::StereoRenderer>(context, config);
    targetIndex = renderer->addTarget(target->image());
    lastTimeS = glfwGetTime();
    glfwGetCursorPos(window.get(), &lastCursorX, &lastCursorY);
  }

  ~Impl() {
    if (device.get() != VK_NULL_HANDLE) vkDeviceWaitIdle(device.get());
  }

  void createInstanceAndDevice() {
    uint32_t extensionCount = 0;
    const char** glfwExtensions = glfwGetRequiredInstanceExtensions(&extensionCount);
    if (glfwExtensions == nullptr) throw std::runtime_error("GLFW cannot present with Vulkan here");
    std::vector<const char*> extensions(glfwExtensions, glfwExtensions + extensionCount);
    std::vector<const char*> layers;
    if (options.validation) layers.push_back("VK_LAYER_KHRONOS_validation");
    VkApplicationInfo app{};
    app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
    app.pApplicationName = "lumbo view";
    app.apiVersion = render::kRendererApiVersion;
    VkInstanceCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
    info.pApplicationInfo = &app;
    info.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
    info.ppEnabledExtensionNames = extensions.data();
    info.enabledLayerCount = static_cast<uint32_t>(layers.size());
    info.ppEnabledLayerNames = layers.data();
    VkInstance rawInstance = VK_NULL_HANDLE;
    VK_CHECK(vkCreateInstance(&info, nullptr, &rawInstance));
    instance = render::UniqueInstance(rawInstance);
    VkSurfaceKHR rawSurface = VK_NULL_HANDLE;
    VK_CHECK(glfwCreateWindowSurface(rawInstance, window.get(), nullptr, &rawSurface));
    surface = render::UniqueSurface(rawInstance, rawSurface);

    uint32_t count = 0;
    VK_CHECK(vkEnumeratePhysicalDevices(rawInstance, &count, nullptr));
    std::vector<VkPhysicalDevice> devices(count);
    VK_CHECK(vkEnumeratePhysicalDevices(rawInstance, &count, devices.data()));
    VkPhysicalDevice chosen = VK_NULL_HANDLE;
    uint32_t family = 0;
    for (VkPhysicalDevice candidate : devices) {
      if (render::rendererUnsupportedReason(candidate)) continue;
      uint32_t familyCount = 0;
      vkGetPhysicalDeviceQueueFamilyProperties(candidate, &familyCount, nullptr);
      std::vector<VkQueueFamilyProperties> families(familyCount);
      vkGetPhysicalDeviceQueueFamilyProperties(candidate, &familyCount, families.data());
      for (uint32_t i = 0; i < familyCount && chosen == VK_NULL_HANDLE; ++i) {
        VkBool32 present = VK_FALSE;
        VK_CHECK(vkGetPhysicalDeviceSurfaceSupportKHR(candidate, i, rawSurface, &present));
        if ((families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) != 0 && present == VK_TRUE) {
          chosen = candidate;
          family = i;
        }
      }
      if (chosen != VK_NULL_HANDLE) break;
    }
    if (chosen == VK_NULL_HANDLE) {
      throw std::runtime_error("no Vulkan 1.1 device with multiview can present to this window");
    }
    const float priority = 1.0f;
    VkDeviceQueueCreateInfo queueInfo{};
    queueInfo.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
    queueInfo.queueFamilyIndex = family;
    queueInfo.queueCount = 1;
    queueInfo.pQueuePriorities = &priority;
    const char* deviceExtensions[] = {VK_KHR_SWAPCHAIN_EXTENSION_NAME};
    VkDeviceCreateInfo deviceInfo{};
    deviceInfo.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
    deviceInfo.queueCreateInfoCount = 1;
    deviceInfo.pQueueCreateInfos = &queueInfo;
    deviceInfo.enabledExtensionCount = 1;
    deviceInfo.ppEnabledExtensionNames = deviceExtensions;
    render::RendererDeviceFeatures features;
    features.chainInto(deviceInfo);
    VkDevice rawDevice = VK_NULL_HANDLE;
    VK_CHECK(vkCreateDevice(chosen, &deviceInfo, nullptr, &rawDevice));
    device = render::UniqueDevice(rawDevice);
    context = {rawInstance, chosen, rawDevice, family, VK_NULL_HANDLE};
    vkGetDeviceQueue(rawDevice, family, 0, &context.queue);
  }

  void createSwapchain() {
    VkSurfaceCapabilitiesKHR caps{};
    VK_CHECK(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(context.physicalDevice, surface.get(), &caps));
    if ((caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_DST_BIT) == 0) {
      throw std::runtime_error("the window's swapchain images cannot be copied into");
    }
    uint32_t formatCount = 0;
    VK_CHECK(vkGetPhysicalDeviceSurfaceFormatsKHR(context.physicalDevice, surface.get(), &formatCount, nullptr));
    std::vector<VkSurfaceFormatKHR> formats(formatCount);
    VK_CHECK(vkGetPhysicalDeviceSurfaceFormatsKHR(context.physicalDevice, surface.get(), &formatCount, formats.data()));
    if (formats.empty()) throw std::runtime_error("the window offers no surface format");
    VkSurfaceFormatKHR format = formats.front();
    for (const VkSurfaceFormatKHR& f : formats) {
      if (f.format == VK_FORMAT_B8G8R8A8_SRGB || f.format == VK_FORMAT_R8G8B8A8_SRGB) format = f;
    }
    swapchainFormat = format.format;
    extentPx = caps.currentExtent.width != UINT32_MAX
                   ? caps.currentExtent
                   : VkExtent2D{static_cast<uint32_t>(options.widthPx), static_cast<uint32_t>(options.heightPx)};
    VkSwapchainCreateInfoKHR info{};
    info.sType = VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR;
    info.surface = surface.get();
    info.minImageCount = std::max(caps.minImageCount, 2u);
    if (caps.maxImageCount != 0) info.minImageCount = std::min(info.minImageCount, caps.maxImageCount);
    info.imageFormat = format.format;
    info.imageColorSpace = format.colorSpace;
    info.imageExtent = extentPx;
    info.imageArrayLayers = 1;
    info.imageUsage = VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
    info.preTransform = caps.currentTransform;
    info.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
    info.presentMode = VK_PRESENT_MODE_FIFO_KHR;  // always supported; paces to the display
    info.clipped = VK_TRUE;
    VkSwapchainKHR raw = VK_NULL_HANDLE;
    VK_CHECK(vkCreateSwapchainKHR(context.device, &info, nullptr, &raw));
    swapchain = render::UniqueSwapchain(context.device, raw);
    uint32_t imageCount = 0;
    VK_CHECK(vkGetSwapchainImagesKHR(context.device, raw, &imageCount, nullptr));
    swapchainImages.resize(imageCount);
    VK_CHECK(vkGetSwapchainImagesKHR(context.device, raw, &imageCount, swapchainImages.data()));
  }

  void createFrameObjects() {
    VkCommandPoolCreateInfo poolInfo{};
    poolInfo.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
    poolInfo.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
    poolInfo.queueFamilyIndex = context.queueFamilyIndex;
    VkCommandPool pool = VK_NULL_HANDLE;
    VK_CHECK(vkCreateCommandPool(context.device, &poolInfo, nullptr, &pool));
    commandPool = render::UniqueCommandPool(context.device, pool);
    VkCommandBufferAllocateInfo allocate{};
    allocate.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
    allocate.commandPool = pool;
    allocate.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    allocate.commandBufferCount = 1;
    VK_CHECK(vkAllocateCommandBuffers(context.device, &allocate, &commandBuffer));
    VkFenceCreateInfo fenceInfo{};
    fenceInfo.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
    fenceInfo.flags = VK_FENCE_CREATE_SIGNALED_BIT;
    VkFence fence = VK_NULL_HANDLE;
    VK_CHECK(vkCreateFence(context.device, &fenceInfo, nullptr, &fence));
    blitDone = render::UniqueFence(context.device, fence);
    auto semaphore = [&]() {
      VkSemaphoreCreateInfo info{};
      info.sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO;
      VkSemaphore s = VK_NULL_HANDLE;
      VK_CHECK(vkCreateSemaphore(context.device, &info, nullptr, &s));
      return render::UniqueSemaphore(context.device, s);
    };
    acquired = semaphore();
    for (std::size_t i = 0; i < swapchainImages.size(); ++i) presentReady.push_back(semaphore());
  }

  void updateCamera() {
    const double nowS = glfwGetTime();
    const float dtS = static_cast<float>(std::clamp(nowS - lastTimeS, 0.0, 0.1));
    lastTimeS = nowS;
    double x = 0.0;
    double y = 0.0;
    glfwGetCursorPos(window.get(), &x, &y);
    if (glfwGetMouseButton(window.get(), GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS) {
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

  void blitAndPresent() {
    const VkFence fence = blitDone.get();
    VK_CHECK(vkWaitForFences(context.device, 1, &fence, VK_TRUE, UINT64_MAX));
    uint32_t imageIndex = 0;
    const VkResult acquire = vkAcquireNextImageKHR(context.device, swapchain.get(), UINT64_MAX,
                                                   acquired.get(), VK_NULL_HANDLE, &imageIndex);
    // Suboptimal still presents correctly; the window cannot be resized, so out-of-date is an error.
    if (acquire != VK_SUBOPTIMAL_KHR) VK_CHECK(acquire);
    VK_CHECK(vkResetFences(context.device, 1, &fence));
    VK_CHECK(vkResetCommandPool(context.device, commandPool.get(), 0));
    VkCommandBufferBeginInfo begin{};
    begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    VK_CHECK(vkBeginCommandBuffer(commandBuffer, &begin));

    VkImageMemoryBarrier barriers[2]{};
    for (VkImageMemoryBarrier& b : barriers) {
      b.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
      b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
      b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
      b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    }
    // The rendered left layer becomes the copy's source (after the renderer's writes, by
    // attachment or by resolve), the swapchain image its destination.
    barriers[0].image = target->image();
    barriers[0].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
    barriers[0].dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
    barriers[0].oldLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    barriers[0].newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    barriers[1].image = swapchainImages[imageIndex];
    barriers[1].dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    barriers[1].oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    barriers[1].newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    vkCmdPipelineBarrier(commandBuffer,
                         VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                         VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0, nullptr, 2, barriers);
    VkImageBlit region{};
    region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.srcOffsets[1] = {static_cast<int32_t>(extentPx.width), static_cast<int32_t>(extentPx.height), 1};
    region.dstOffsets[1] = region.srcOffsets[1];
    vkCmdBlitImage(commandBuffer, target->image(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                   swapchainImages[imageIndex], VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region,
                   VK_FILTER_NEAREST);
    barriers[0].srcAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
    barriers[0].dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    barriers[0].oldLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    barriers[0].newLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    barriers[1].srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    barriers[1].dstAccessMask = 0;
    barriers[1].oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    barriers[1].newLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
    vkCmdPipelineBarrier(commandBuffer, VK_PIPELINE_STAGE_TRANSFER_BIT,
                         VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT,
                         0, 0, nullptr, 0, nullptr, 2, barriers);
    VK_CHECK(vkEndCommandBuffer(commandBuffer));

    const VkSemaphore wait = acquired.get();
    const VkSemaphore signal = presentReady[imageIndex].get();
    const VkPipelineStageFlags waitStage = VK_PIPELINE_STAGE_TRANSFER_BIT;
    VkSubmitInfo submit{};
    submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
    submit.waitSemaphoreCount = 1;
    submit.pWaitSemaphores = &wait;
    submit.pWaitDstStageMask = &waitStage;
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &commandBuffer;
    submit.signalSemaphoreCount = 1;
    submit.pSignalSemaphores = &signal;
    VK_CHECK(vkQueueSubmit(context.queue, 1, &submit, fence));
    const VkSwapchainKHR chain = swapchain.get();
    VkPresentInfoKHR present{};
    present.sType = VK_STRUCTURE_TYPE_PRESENT_INFO_KHR;
    present.waitSemaphoreCount = 1;
    present.pWaitSemaphores = &signal;
    present.swapchainCount = 1;
    present.pSwapchains = &chain;
    present.pImageIndices = &imageIndex;
    const VkResult presented = vkQueuePresentKHR(context.queue, &present);
    if (presented != VK_SUBOPTIMAL_KHR) VK_CHECK(presented);
    // One frame in flight: the acquire semaphore is free again before the next acquire.
    VK_CHECK(vkWaitForFences(context.device, 1, &fence, VK_TRUE, UINT64_MAX));
  }
};

DesktopView::DesktopView(const DesktopViewOptions& options) : impl_(std::make_unique<Impl>(options)) {}
DesktopView::~DesktopView() = default;

const render::VulkanContext& DesktopView::context() const { return impl_->context; }
render::StereoRenderer& DesktopView::renderer() { return *impl_->renderer; }
OrbitCamera& DesktopView::camera() { return impl_->camera; }
std::uint32_t DesktopView::widthPx() const { return impl_->extentPx.width; }
std::uint32_t DesktopView::heightPx() const { return impl_->extentPx.height; }

bool DesktopView::frame(render::Scene& scene) {
  glfwPollEvents();
  if (glfwWindowShouldClose(impl_->window.get()) == GLFW_TRUE) return false;
  impl_->updateCamera();
  const OrbitCamera& cam = impl_->camera;
  const glm::vec3 eyeM = cam.eyeM();
  const glm::quat orientation = glm::quatLookAtRH(glm::normalize(cam.targetM - eyeM), glm::vec3(0.0f, 1.0f, 0.0f));
  const float aspect = static_cast<float>(impl_->extentPx.width) / static_cast<float>(impl_->extentPx.height);
  const float halfV = 0.5f * cam.verticalFovRad;
  const float halfH = std::atan(std::tan(halfV) * aspect);
  const render::Fov fov{-halfH, halfH, halfV, -halfV};
  scene.eyes[0] = render::makeEyeView(eyeM, orientation, fov, 0.05f, 200.0f);
  scene.eyes[1] = scene.eyes[0];
  impl_->renderer->renderFrame(scene, impl_->targetIndex);
  impl_->blitAndPresent();
  return true;
}

std::vector<std::uint8_t> DesktopView::screenshot() { return impl_->target->readLayer(0); }

}  // namespace lumbo::app
