// OpenXR instance, system and Vulkan creation through XR_KHR_vulkan_enable2.
#include "xr/xr_runtime.h"

#include <cstring>
#include <stdexcept>

#include "xr/xr_error.h"

namespace lumbo::xr {

namespace {

VKAPI_ATTR VkBool32 VKAPI_CALL onVkMessage(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                           VkDebugUtilsMessageTypeFlagsEXT,
                                           const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  if (severity & (VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT)) {
    auto* sink = static_cast<std::function<void(const std::string&)>*>(user);
    if (*sink) (*sink)(data->pMessage ? data->pMessage : "");
  }
  return VK_FALSE;
}

bool hasVkLayer(const char* name) {
  uint32_t n = 0;
  vkEnumerateInstanceLayerProperties(&n, nullptr);
  std::vector<VkLayerProperties> layers(n);
  vkEnumerateInstanceLayerProperties(&n, layers.data());
  for (const auto& l : layers) {
    if (std::strcmp(l.layerName, name) == 0) return true;
  }
  return false;
}

}  // namespace

XrRuntime::XrRuntime(const RuntimeOptions& options) : vkMessage_(options.vkMessage) {
  uint32_t count = 0;
  XR_CHECK(xrEnumerateInstanceExtensionProperties(nullptr, 0, &count, nullptr));
  std::vector<XrExtensionProperties> available(count, {XR_TYPE_EXTENSION_PROPERTIES, nullptr, {}, 0});
  XR_CHECK(xrEnumerateInstanceExtensionProperties(nullptr, count, &count, available.data()));
  auto offered = [&](const std::string& name) {
    for (const auto& e : available) {
      if (name == e.extensionName) return true;
    }
    return false;
  };
  if (!offered(XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME)) {
    throw std::runtime_error("the OpenXR runtime does not offer XR_KHR_vulkan_enable2, which Lumbo renders with");
  }
  std::vector<const char*> names = {XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME};
  enabled_.insert(XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME);
  for (const std::string& e : options.optionalExtensions) {
    if (offered(e) && enabled_.insert(e).second) names.push_back(enabled_.find(e)->c_str());
  }

  XrInstanceCreateInfo info{XR_TYPE_INSTANCE_CREATE_INFO};
  std::strncpy(info.applicationInfo.applicationName, options.applicationName.c_str(), XR_MAX_APPLICATION_NAME_SIZE - 1);
  std::strncpy(info.applicationInfo.engineName, "Lumbo", XR_MAX_ENGINE_NAME_SIZE - 1);
  info.applicationInfo.applicationVersion = 1;
  info.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 20);
  info.enabledExtensionCount = static_cast<uint32_t>(names.size());
  info.enabledExtensionNames = names.data();
  XR_CHECK(xrCreateInstance(&info, instance_.put()));

  XrInstanceProperties props{XR_TYPE_INSTANCE_PROPERTIES};
  XR_CHECK(xrGetInstanceProperties(instance_.get(), &props));
  runtimeName_ = props.runtimeName;

  XrSystemGetInfo systemInfo{XR_TYPE_SYSTEM_GET_INFO};
  systemInfo.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  XR_CHECK(xrGetSystem(instance_.get(), &systemInfo, &system_));
  XrSystemProperties systemProps{XR_TYPE_SYSTEM_PROPERTIES};
  XR_CHECK(xrGetSystemProperties(instance_.get(), system_, &systemProps));
  systemName_ = systemProps.systemName;

  uint32_t viewCount = 0;
  XR_CHECK(xrEnumerateViewConfigurationViews(instance_.get(), system_, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0,
                                             &viewCount, nullptr));
  std::vector<XrViewConfigurationView> views(viewCount, {XR_TYPE_VIEW_CONFIGURATION_VIEW});
  XR_CHECK(xrEnumerateViewConfigurationViews(instance_.get(), system_, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO,
                                             viewCount, &viewCount, views.data()));
  if (viewCount != 2) throw std::runtime_error("the headset's stereo view configuration does not have two views");
  recommended_ = {static_cast<int32_t>(views[0].recommendedImageRectWidth),
                  static_cast<int32_t>(views[0].recommendedImageRectHeight)};
  createVulkan(options);
}

void XrRuntime::createVulkan(const RuntimeOptions& options) {
  auto getRequirements = proc<PFN_xrGetVulkanGraphicsRequirements2KHR>("xrGetVulkanGraphicsRequirements2KHR");
  auto createInstance = proc<PFN_xrCreateVulkanInstanceKHR>("xrCreateVulkanInstanceKHR");
  auto getDevice = proc<PFN_xrGetVulkanGraphicsDevice2KHR>("xrGetVulkanGraphicsDevice2KHR");
  auto createDevice = proc<PFN_xrCreateVulkanDeviceKHR>("xrCreateVulkanDeviceKHR");
  if (!getRequirements || !createInstance || !getDevice || !createDevice) {
    throw std::runtime_error("the runtime lacks XR_KHR_vulkan_enable2 entry points");
  }
  XrGraphicsRequirementsVulkan2KHR requirements{XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR};
  XR_CHECK(getRequirements(instance_.get(), system_, &requirements));
  // Multiview is core from Vulkan 1.1, which the renderer needs.
  const XrVersion wanted = XR_MAKE_VERSION(1, 1, 0);
  if (requirements.maxApiVersionSupported < wanted) {
    throw std::runtime_error("the runtime supports Vulkan only up to a version below 1.1");
  }

  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = "Lumbo";
  app.apiVersion = VK_API_VERSION_1_1;
  std::vector<const char*> layers, extensions;
  const bool validate = options.vulkanValidation && hasVkLayer("VK_LAYER_KHRONOS_validation");
  if (options.vulkanValidation && !validate) {
    throw std::runtime_error("Vulkan validation was asked for but VK_LAYER_KHRONOS_validation is not installed");
  }
  if (validate) {
    layers.push_back("VK_LAYER_KHRONOS_validation");
    extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
  }
  VkInstanceCreateInfo vkInfo{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  vkInfo.pApplicationInfo = &app;
  vkInfo.enabledLayerCount = static_cast<uint32_t>(layers.size());
  vkInfo.ppEnabledLayerNames = layers.data();
  vkInfo.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
  vkInfo.ppEnabledExtensionNames = extensions.data();
  XrVulkanInstanceCreateInfoKHR xrVkInfo{XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR};
  xrVkInfo.systemId = system_;
  xrVkInfo.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
  xrVkInfo.vulkanCreateInfo = &vkInfo;
  VkResult vkResult = VK_SUCCESS;
  XR_CHECK(createInstance(instance_.get(), &xrVkInfo, &vulkan_.instance, &vkResult));
  XR_VK_CHECK(vkResult);

  if (validate) {
    auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(vulkan_.instance, "vkCreateDebugUtilsMessengerEXT"));
    VkDebugUtilsMessengerCreateInfoEXT m{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
    m.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
    m.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                    VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
    m.pfnUserCallback = onVkMessage;
    m.pUserData = &vkMessage_;
    XR_VK_CHECK(create(vulkan_.instance, &m, nullptr, &messenger_));
  }

  XrVulkanGraphicsDeviceGetInfoKHR deviceInfo{XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR};
  deviceInfo.systemId = system_;
  deviceInfo.vulkanInstance = vulkan_.instance;
  XR_CHECK(getDevice(instance_.get(), &deviceInfo, &vulkan_.physicalDevice));

  uint32_t familyCount = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(vulkan_.physicalDevice, &familyCount, nullptr);
  std::vector<VkQueueFamilyProperties> families(familyCount);
  vkGetPhysicalDeviceQueueFamilyProperties(vulkan_.physicalDevice, &familyCount, families.data());
  bool found = false;
  for (uint32_t i = 0; i < familyCount && !found; ++i) {
    if (families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) {
      vulkan_.queueFamilyIndex = i;
      found = true;
    }
  }
  if (!found) throw std::runtime_error("the runtime's Vulkan device has no graphics queue");

  const float priority = 1.0f;
  VkDeviceQueueCreateInfo queueInfo{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  queueInfo.queueFamilyIndex = vulkan_.queueFamilyIndex;
  queueInfo.queueCount = 1;
  queueInfo.pQueuePriorities = &priority;
  VkPhysicalDeviceMultiviewFeatures multiview{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MULTIVIEW_FEATURES};
  multiview.multiview = VK_TRUE;
  VkDeviceCreateInfo device{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  device.pNext = &multiview;
  device.queueCreateInfoCount = 1;
  device.pQueueCreateInfos = &queueInfo;
  XrVulkanDeviceCreateInfoKHR xrDevice{XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR};
  xrDevice.systemId = system_;
  xrDevice.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
  xrDevice.vulkanPhysicalDevice = vulkan_.physicalDevice;
  xrDevice.vulkanCreateInfo = &device;
  XR_CHECK(createDevice(instance_.get(), &xrDevice, &vulkan_.device, &vkResult));
  XR_VK_CHECK(vkResult);
  vkGetDeviceQueue(vulkan_.device, vulkan_.queueFamilyIndex, 0, &vulkan_.queue);
}

XrRuntime::~XrRuntime() {
  if (vulkan_.device != VK_NULL_HANDLE) {
    vkDeviceWaitIdle(vulkan_.device);
    vkDestroyDevice(vulkan_.device, nullptr);
  }
  if (messenger_ != VK_NULL_HANDLE) {
    auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(vulkan_.instance, "vkDestroyDebugUtilsMessengerEXT"));
    destroy(vulkan_.instance, messenger_, nullptr);
  }
  if (vulkan_.instance != VK_NULL_HANDLE) vkDestroyInstance(vulkan_.instance, nullptr);
  // instance_ (OpenXR) is destroyed last, by its owner.
}

XrPath XrRuntime::path(const char* text) const {
  XrPath p = XR_NULL_PATH;
  XR_CHECK(xrStringToPath(instance_.get(), text, &p));
  return p;
}

std::string XrRuntime::pathString(XrPath p) const {
  char buffer[XR_MAX_PATH_LENGTH] = {};
  uint32_t n = 0;
  XR_CHECK(xrPathToString(instance_.get(), p, sizeof buffer, &n, buffer));
  return buffer;
}

}  // namespace lumbo::xr
