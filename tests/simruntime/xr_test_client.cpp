// The test application's OpenXR and Vulkan calls, kept free of GoogleTest so benchmarks share it.
#include "tests/simruntime/xr_test_client.h"

#include "platform/vk_result_name.h"
#include "render/image_barriers.h"
#include "render/vulkan_context.h"

#include <cstdlib>
#include <cstring>
#include <fstream>

#include <unistd.h>

namespace lumbo::test {

std::string xrResultName(XrResult r) {
  char buffer[XR_MAX_RESULT_STRING_SIZE] = {};
  if (XR_SUCCEEDED(xrResultToString(XR_NULL_HANDLE, r, buffer))) return buffer;
  return std::to_string(static_cast<int>(r));
}

void checkXr(XrResult r, const char* call, const char* file, int line) {
  if (XR_FAILED(r)) {
    throw CallError(std::string(call) + " failed with " + std::to_string(static_cast<int>(r)) +
                    " at " + file + ":" + std::to_string(line));
  }
}

void checkVk(VkResult r, const char* call, const char* file, int line) {
  if (r != VK_SUCCESS) {
    throw CallError(std::string(call) + " failed with " + vkResultName(r) + " at " + file + ":" +
                    std::to_string(line));
  }
}

ScopedEnv::~ScopedEnv() {
  for (const auto& [name, value] : saved_) {
    if (value) ::setenv(name.c_str(), value->c_str(), 1);
    else ::unsetenv(name.c_str());
  }
}

void ScopedEnv::set(const std::string& name, const std::string& value) {
  if (!saved_.contains(name)) {
    const char* old = std::getenv(name.c_str());
    saved_[name] = old ? std::optional<std::string>(old) : std::nullopt;
  }
  ::setenv(name.c_str(), value.c_str(), 1);
}

void ScopedEnv::unset(const std::string& name) {
  if (!saved_.contains(name)) {
    const char* old = std::getenv(name.c_str());
    saved_[name] = old ? std::optional<std::string>(old) : std::nullopt;
  }
  ::unsetenv(name.c_str());
}

std::filesystem::path simRuntimeManifest() { return LUMBO_SIMXR_MANIFEST; }

std::filesystem::path validationLogPath() {
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("lumbo-xr-validation-" + std::to_string(::getpid()) + ".txt");
  return path;
}

namespace {
// Removes the process's validation log at exit; the layer keeps writing to it until then.
struct ValidationLogCleanup {
  std::filesystem::path path = validationLogPath();  // a copy: outlives the function's static
  ~ValidationLogCleanup() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
} validationLogCleanup;
}  // namespace

std::uintmax_t validationLogSize() {
  std::error_code ec;
  const auto size = std::filesystem::file_size(validationLogPath(), ec);
  return ec ? 0 : size;
}

std::vector<std::string> validationErrorsSince(std::uintmax_t offset) {
  std::vector<std::string> out;
  std::ifstream in(validationLogPath());
  in.seekg(static_cast<std::streamoff>(offset));
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("VUID") != std::string::npos || line.find("Error") != std::string::npos ||
        line.find("error") != std::string::npos) {
      out.push_back(line);
    }
  }
  return out;
}

namespace {

VKAPI_ATTR VkBool32 VKAPI_CALL countVkErrors(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                             VkDebugUtilsMessageTypeFlagsEXT,
                                             const VkDebugUtilsMessengerCallbackDataEXT* data,
                                             void* user) {
  if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) {
    ++*static_cast<int*>(user);
    std::fprintf(stderr, "Vulkan validation: %s\n", data->pMessage);
  }
  return VK_FALSE;
}


}  // namespace

XrClient::XrClient(ClientOptions options) : options_(std::move(options)) {}

void XrClient::destroyVulkanDevice() {
  destroySession();
  if (device_ == VK_NULL_HANDLE) return;
  vkDeviceWaitIdle(device_);
  commands_.reset();
  vkDestroyDevice(device_, nullptr);
  device_ = VK_NULL_HANDLE;
}

XrClient::~XrClient() {
  destroyVulkanDevice();
  if (messenger_ != VK_NULL_HANDLE) {
    auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(vkInstance_, "vkDestroyDebugUtilsMessengerEXT"));
    destroy(vkInstance_, messenger_, nullptr);
  }
  if (vkInstance_ != VK_NULL_HANDLE) vkDestroyInstance(vkInstance_, nullptr);
  if (instance_ != XR_NULL_HANDLE) xrDestroyInstance(instance_);
}

XrPath XrClient::path(const std::string& text) {
  XrPath p = XR_NULL_PATH;
  XR_REQUIRE(xrStringToPath(instance_, text.c_str(), &p));
  return p;
}

void XrClient::createInstance() {
  ScopedEnv env;
  env.set("XR_RUNTIME_JSON", simRuntimeManifest().string());
  if (options_.xrValidation) {
    env.set("XR_ENABLE_API_LAYERS", "XR_APILAYER_LUNARG_core_validation");
    env.set("XR_CORE_VALIDATION_EXPORT_TYPE", "text");
    env.set("XR_CORE_VALIDATION_FILE_NAME", validationLogPath().string());
  } else {
    env.unset("XR_ENABLE_API_LAYERS");
  }
  std::vector<const char*> exts = {XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME};
  for (const auto& e : options_.extensions) exts.push_back(e.c_str());
  XrInstanceCreateInfo ci{XR_TYPE_INSTANCE_CREATE_INFO, nullptr, 0, {}, 0, nullptr, 0, nullptr};
  std::strcpy(ci.applicationInfo.applicationName, "lumbo-simxr-test");
  ci.applicationInfo.apiVersion = XR_CURRENT_API_VERSION;
  ci.enabledExtensionCount = static_cast<uint32_t>(exts.size());
  ci.enabledExtensionNames = exts.data();
  XR_REQUIRE(xrCreateInstance(&ci, &instance_));
  XrSystemGetInfo si{XR_TYPE_SYSTEM_GET_INFO, nullptr, XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY};
  XR_REQUIRE(xrGetSystem(instance_, &si, &system_));
}

void XrClient::createVulkan() {
  auto getRequirements = proc<PFN_xrGetVulkanGraphicsRequirements2KHR>(
      "xrGetVulkanGraphicsRequirements2KHR");
  auto createInstance = proc<PFN_xrCreateVulkanInstanceKHR>("xrCreateVulkanInstanceKHR");
  auto getDevice = proc<PFN_xrGetVulkanGraphicsDevice2KHR>("xrGetVulkanGraphicsDevice2KHR");
  auto createDevice = proc<PFN_xrCreateVulkanDeviceKHR>("xrCreateVulkanDeviceKHR");

  XrGraphicsRequirementsVulkan2KHR req{XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR, nullptr, 0, 0};
  XR_REQUIRE(getRequirements(instance_, system_, &req));

  VkApplicationInfo app{};
  app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
  app.pApplicationName = "lumbo-simxr-test";
  app.apiVersion = VK_API_VERSION_1_1;
  std::vector<const char*> layers;
  std::vector<const char*> exts;
  const bool validate = options_.vkValidation && render::layerAvailable("VK_LAYER_KHRONOS_validation");
  if (validate) {
    layers.push_back("VK_LAYER_KHRONOS_validation");
    exts.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
  }
  VkInstanceCreateInfo ici{};
  ici.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
  ici.pApplicationInfo = &app;
  ici.enabledLayerCount = static_cast<uint32_t>(layers.size());
  ici.ppEnabledLayerNames = layers.data();
  ici.enabledExtensionCount = static_cast<uint32_t>(exts.size());
  ici.ppEnabledExtensionNames = exts.data();
  XrVulkanInstanceCreateInfoKHR xci{XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR};
  xci.systemId = system_;
  xci.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
  xci.vulkanCreateInfo = &ici;
  VkResult vr = VK_SUCCESS;
  XR_REQUIRE(createInstance(instance_, &xci, &vkInstance_, &vr));
  VK_REQUIRE(vr);
  if (validate) {
    VkDebugUtilsMessengerCreateInfoEXT mi{};
    mi.sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT;
    mi.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT |
                         VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT;
    mi.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT;
    mi.pfnUserCallback = &countVkErrors;
    mi.pUserData = &vkValidationErrors;
    auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(vkInstance_, "vkCreateDebugUtilsMessengerEXT"));
    VK_REQUIRE(create(vkInstance_, &mi, nullptr, &messenger_));
  }

  XrVulkanGraphicsDeviceGetInfoKHR gi{XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR};
  gi.systemId = system_;
  gi.vulkanInstance = vkInstance_;
  XR_REQUIRE(getDevice(instance_, &gi, &physicalDevice_));

  uint32_t n = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(physicalDevice_, &n, nullptr);
  std::vector<VkQueueFamilyProperties> families(n);
  vkGetPhysicalDeviceQueueFamilyProperties(physicalDevice_, &n, families.data());
  for (uint32_t i = 0; i < n; ++i) {
    if (families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) {
      queueFamily_ = i;
      break;
    }
  }
  const float priority = 1.0f;
  VkDeviceQueueCreateInfo qi{};
  qi.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
  qi.queueFamilyIndex = queueFamily_;
  qi.queueCount = 1;
  qi.pQueuePriorities = &priority;
  VkDeviceCreateInfo dci{};
  dci.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
  dci.queueCreateInfoCount = 1;
  dci.pQueueCreateInfos = &qi;
  XrVulkanDeviceCreateInfoKHR xdi{XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR};
  xdi.systemId = system_;
  xdi.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
  xdi.vulkanPhysicalDevice = physicalDevice_;
  xdi.vulkanCreateInfo = &dci;
  XR_REQUIRE(createDevice(instance_, &xdi, &device_, &vr));
  VK_REQUIRE(vr);
  vkGetDeviceQueue(device_, queueFamily_, 0, &queue_);

  commands_.emplace(
      render::VulkanContext{vkInstance_, physicalDevice_, device_, queueFamily_, queue_});
}

void XrClient::createSession() {
  XrGraphicsBindingVulkan2KHR binding{XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR};
  binding.instance = vkInstance_;
  binding.physicalDevice = physicalDevice_;
  binding.device = device_;
  binding.queueFamilyIndex = queueFamily_;
  binding.queueIndex = 0;
  XrSessionCreateInfo si{XR_TYPE_SESSION_CREATE_INFO};
  si.next = device_ != VK_NULL_HANDLE ? &binding : nullptr;
  si.systemId = system_;
  XR_REQUIRE(xrCreateSession(instance_, &si, &session_));
  firstDisplayTime = 0;
  const XrPosef identity{{0, 0, 0, 1}, {0, 0, 0}};
  XrReferenceSpaceCreateInfo rs{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
  rs.poseInReferenceSpace = identity;
  rs.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_STAGE;
  XR_REQUIRE(xrCreateReferenceSpace(session_, &rs, &stage_));
  rs.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_LOCAL;
  XR_REQUIRE(xrCreateReferenceSpace(session_, &rs, &local_));
  rs.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_VIEW;
  XR_REQUIRE(xrCreateReferenceSpace(session_, &rs, &view_));
}

XrSwapchain XrClient::createColourSwapchain(uint32_t width, uint32_t height, uint32_t layers) {
  XrSwapchainCreateInfo ci{XR_TYPE_SWAPCHAIN_CREATE_INFO};
  ci.usageFlags = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT;
  ci.format = options_.colorFormat;
  ci.sampleCount = 1;
  ci.width = width;
  ci.height = height;
  ci.faceCount = 1;
  ci.arraySize = layers;
  ci.mipCount = 1;
  XrSwapchain sc = XR_NULL_HANDLE;
  XR_REQUIRE(xrCreateSwapchain(session_, &ci, &sc));
  uint32_t n = 0;
  XR_REQUIRE(xrEnumerateSwapchainImages(sc, 0, &n, nullptr));
  std::vector<XrSwapchainImageVulkan2KHR> images(n, {XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR});
  XR_REQUIRE(xrEnumerateSwapchainImages(
      sc, n, &n, reinterpret_cast<XrSwapchainImageBaseHeader*>(images.data())));
  for (const auto& img : images) images_[sc].push_back(img.image);
  if (colour_ != XR_NULL_HANDLE) extraSwapchains_.push_back(sc);
  return sc;
}

void XrClient::createSwapchains() {
  colour_ = createColourSwapchain(options_.eyeWidth, options_.eyeHeight, 2);
  if (options_.depth) {
    XrSwapchainCreateInfo ci{XR_TYPE_SWAPCHAIN_CREATE_INFO};
    ci.usageFlags = XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
    ci.format = VK_FORMAT_D32_SFLOAT;
    ci.sampleCount = 1;
    ci.width = options_.eyeWidth;
    ci.height = options_.eyeHeight;
    ci.faceCount = 1;
    ci.arraySize = 2;
    ci.mipCount = 1;
    XR_REQUIRE(xrCreateSwapchain(session_, &ci, &depth_));
  }
}

void XrClient::destroySwapchains() {
  for (XrSwapchain sc : extraSwapchains_) xrDestroySwapchain(sc);
  extraSwapchains_.clear();
  if (depth_ != XR_NULL_HANDLE) xrDestroySwapchain(depth_);
  if (colour_ != XR_NULL_HANDLE) xrDestroySwapchain(colour_);
  depth_ = colour_ = XR_NULL_HANDLE;
  images_.clear();
}

void XrClient::destroySession() {
  if (session_ == XR_NULL_HANDLE) return;
  if (device_ != VK_NULL_HANDLE) vkDeviceWaitIdle(device_);
  destroySwapchains();
  for (XrSpace* s : {&view_, &local_, &stage_}) {
    if (*s != XR_NULL_HANDLE) xrDestroySpace(*s);
    *s = XR_NULL_HANDLE;
  }
  xrDestroySession(session_);
  session_ = XR_NULL_HANDLE;
}

std::vector<XrSessionState> XrClient::pollStates() {
  std::vector<XrSessionState> states;
  for (;;) {
    XrEventDataBuffer e{XR_TYPE_EVENT_DATA_BUFFER};
    const XrResult r = xrPollEvent(instance_, &e);
    XR_REQUIRE(r);
    if (r == XR_EVENT_UNAVAILABLE) break;
    events.push_back(e);
    if (e.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED) {
      lastState_ = reinterpret_cast<const XrEventDataSessionStateChanged&>(e).state;
      states.push_back(lastState_);
    }
  }
  return states;
}

void XrClient::recordClear(VkImage image, uint32_t layers,
                           const std::vector<std::array<float, 4>>& colours) {
  const VkImageSubresourceRange all = render::imageLayers(0, layers);
  const render::ImageUse applicationColour{VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
                                           VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT,
                                           VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
  commands_->run([&](VkCommandBuffer cmd) {
    render::transitionImage(cmd, image, all, applicationColour,
                            render::image_use::kTransferDestination);
    for (uint32_t l = 0; l < layers; ++l) {
      VkClearColorValue c{};
      std::memcpy(c.float32, colours[l % colours.size()].data(), sizeof c.float32);
      const VkImageSubresourceRange range = render::imageLayers(l, 1);
      vkCmdClearColorImage(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &c, 1, &range);
    }
    render::transitionImage(cmd, image, all, render::image_use::kTransferDestination,
                            applicationColour);
  });
}

void XrClient::clearSwapchain(XrSwapchain swapchain,
                              const std::vector<std::array<float, 4>>& layerColours) {
  uint32_t index = 0;
  XR_REQUIRE(xrAcquireSwapchainImage(swapchain, nullptr, &index));
  XrSwapchainImageWaitInfo wi{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO, nullptr, XR_INFINITE_DURATION};
  XR_REQUIRE(xrWaitSwapchainImage(swapchain, &wi));
  recordClear(images_.at(swapchain).at(index), static_cast<uint32_t>(layerColours.size()),
              layerColours);
  XR_REQUIRE(xrReleaseSwapchainImage(swapchain, nullptr));
}

XrFrameState XrClient::frame(const std::vector<const XrCompositionLayerBaseHeader*>& extraLayers) {
  XrFrameState fs{XR_TYPE_FRAME_STATE};
  XR_REQUIRE(xrWaitFrame(session_, nullptr, &fs));
  lastDisplayTime = fs.predictedDisplayTime;
  if (firstDisplayTime == 0) firstDisplayTime = fs.predictedDisplayTime;
  XR_REQUIRE(xrBeginFrame(session_, nullptr));
  std::vector<const XrCompositionLayerBaseHeader*> layers;
  XrCompositionLayerProjection projection{XR_TYPE_COMPOSITION_LAYER_PROJECTION};
  std::array<XrCompositionLayerProjectionView, 2> views{};
  if (fs.shouldRender && colour_ != XR_NULL_HANDLE) {
    XrViewLocateInfo li{XR_TYPE_VIEW_LOCATE_INFO};
    li.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
    li.displayTime = fs.predictedDisplayTime;
    li.space = stage_;
    XrViewState vs{XR_TYPE_VIEW_STATE};
    std::array<XrView, 2> located{{{XR_TYPE_VIEW}, {XR_TYPE_VIEW}}};
    uint32_t n = 0;
    XR_REQUIRE(xrLocateViews(session_, &li, &vs, 2, &n, located.data()));
    clearSwapchain(colour_, {eyeColours[0], eyeColours[1]});
    if (depth_ != XR_NULL_HANDLE) {
      // Depth is acquired and released untouched: it stays in the promised attachment layout.
      uint32_t index = 0;
      XR_REQUIRE(xrAcquireSwapchainImage(depth_, nullptr, &index));
      XrSwapchainImageWaitInfo wi{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO, nullptr, XR_INFINITE_DURATION};
      XR_REQUIRE(xrWaitSwapchainImage(depth_, &wi));
      XR_REQUIRE(xrReleaseSwapchainImage(depth_, nullptr));
    }
    for (uint32_t i = 0; i < 2; ++i) {
      views[i] = {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW};
      views[i].pose = located[i].pose;
      views[i].fov = located[i].fov;
      views[i].subImage.swapchain = colour_;
      views[i].subImage.imageRect = {{0, 0},
                                     {static_cast<int32_t>(options_.eyeWidth),
                                      static_cast<int32_t>(options_.eyeHeight)}};
      views[i].subImage.imageArrayIndex = i;
    }
    projection.space = stage_;
    projection.viewCount = 2;
    projection.views = views.data();
    layers.push_back(reinterpret_cast<const XrCompositionLayerBaseHeader*>(&projection));
    for (auto* l : extraLayers) layers.push_back(l);
  }
  XrFrameEndInfo ei{XR_TYPE_FRAME_END_INFO};
  ei.displayTime = fs.predictedDisplayTime;
  ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  ei.layerCount = static_cast<uint32_t>(layers.size());
  ei.layers = layers.data();
  XR_REQUIRE(xrEndFrame(session_, &ei));
  return fs;
}

}  // namespace lumbo::test

// LeakSanitizer reads this hook from the executable: the Debian OpenXR loader 1.0.20 leaks a few
// allocations per xrCreateInstance, which are not ours to fix.
extern "C" const char* __lsan_default_suppressions() { return "leak:libopenxr_loader.so\n"; }
