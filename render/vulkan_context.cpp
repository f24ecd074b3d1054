// OwnedContext: instance, optional validation with a message log, the window's surface, device
// choice and creation.
#include "render/vulkan_context.h"

#include <cstdio>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "render/device_requirements.h"
#include "render/vk_check.h"

namespace lumbo::render {

void ValidationLog::add(std::string message) {
  std::lock_guard lock(mutex_);
  messages_.push_back(std::move(message));
}

std::size_t ValidationLog::count() const {
  std::lock_guard lock(mutex_);
  return messages_.size();
}

std::vector<std::string> ValidationLog::messages() const {
  std::lock_guard lock(mutex_);
  return messages_;
}

namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";

std::string describe(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                     const VkDebugUtilsMessengerCallbackDataEXT* data) {
  const char* level =
      (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) != 0 ? "error" : "warning";
  return std::string(level) + ": " + (data->pMessage != nullptr ? data->pMessage : "(no message)");
}

// Both return VK_FALSE: the call that triggered the message proceeds, as the specification
// requires.
VKAPI_ATTR VkBool32 VKAPI_CALL onDebugMessage(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                              VkDebugUtilsMessageTypeFlagsEXT /*types*/,
                                              const VkDebugUtilsMessengerCallbackDataEXT* data,
                                              void* user) {
  static_cast<ValidationLog*>(user)->add(describe(severity, data));
  return VK_FALSE;
}

VKAPI_ATTR VkBool32 VKAPI_CALL onDebugMessageToStderr(
    VkDebugUtilsMessageSeverityFlagBitsEXT severity, VkDebugUtilsMessageTypeFlagsEXT /*types*/,
    const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  std::string line = describe(severity, data);
  std::fprintf(stderr, "Vulkan validation %s\n", line.c_str());
  static_cast<ValidationLog*>(user)->add(std::move(line));
  return VK_FALSE;
}

VkDebugUtilsMessengerCreateInfoEXT messengerInfo(ValidationLog* log, bool toStderr) {
  VkDebugUtilsMessengerCreateInfoEXT info{};
  info.sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT;
  info.messageSeverity =
      VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  info.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                     VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                     VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
  info.pfnUserCallback = toStderr ? onDebugMessageToStderr : onDebugMessage;
  info.pUserData = log;
  return info;
}


// Hardware first; the CPU driver when it is all there is (CI).
int typeRank(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
      return 4;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
      return 3;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
      return 2;
    case VK_PHYSICAL_DEVICE_TYPE_CPU:
      return 1;
    default:
      return 0;
  }
}

struct DeviceChoice {
  VkPhysicalDevice physicalDevice = VK_NULL_HANDLE;
  uint32_t queueFamilyIndex = 0;
  std::string name;
};

bool hasDeviceExtension(VkPhysicalDevice physicalDevice, const char* name) {
  uint32_t count = 0;
  VK_CHECK(vkEnumerateDeviceExtensionProperties(physicalDevice, nullptr, &count, nullptr));
  std::vector<VkExtensionProperties> extensions(count);
  VK_CHECK(
      vkEnumerateDeviceExtensionProperties(physicalDevice, nullptr, &count, extensions.data()));
  for (const auto& extension : extensions) {
    if (std::strcmp(extension.extensionName, name) == 0) return true;
  }
  return false;
}

// The best-ranked device the renderer can use with a graphics queue family that, given a
// surface, can also present to it.
DeviceChoice chooseDevice(VkInstance instance, VkSurfaceKHR surface) {
  uint32_t count = 0;
  VK_CHECK(vkEnumeratePhysicalDevices(instance, &count, nullptr));
  std::vector<VkPhysicalDevice> devices(count);
  VK_CHECK(vkEnumeratePhysicalDevices(instance, &count, devices.data()));

  DeviceChoice best;
  int bestRank = -1;
  for (VkPhysicalDevice candidate : devices) {
    if (rendererUnsupportedReason(candidate)) continue;
    const bool presents = surface != VK_NULL_HANDLE;
    if (presents && !hasDeviceExtension(candidate, VK_KHR_SWAPCHAIN_EXTENSION_NAME)) continue;
    VkPhysicalDeviceProperties properties{};
    vkGetPhysicalDeviceProperties(candidate, &properties);

    uint32_t familyCount = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(candidate, &familyCount, nullptr);
    std::vector<VkQueueFamilyProperties> families(familyCount);
    vkGetPhysicalDeviceQueueFamilyProperties(candidate, &familyCount, families.data());
    for (uint32_t i = 0; i < familyCount; ++i) {
      if ((families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) == 0) continue;
      if (presents) {
        VkBool32 present = VK_FALSE;
        VK_CHECK(vkGetPhysicalDeviceSurfaceSupportKHR(candidate, i, surface, &present));
        if (present != VK_TRUE) continue;
      }
      const int rank = typeRank(properties.deviceType);
      if (rank > bestRank) {
        bestRank = rank;
        best = {candidate, i, properties.deviceName};
      }
      break;
    }
  }
  if (best.physicalDevice == VK_NULL_HANDLE) {
    throw std::runtime_error(
        surface != VK_NULL_HANDLE
            ? "no Vulkan 1.1 device with multiview can present to this window"
            : "no Vulkan 1.1 device with multiview and a graphics queue (is mesa-vulkan-drivers "
              "installed?)");
  }
  return best;
}

}  // namespace

bool layerAvailable(const char* name) {
  uint32_t count = 0;
  VK_CHECK(vkEnumerateInstanceLayerProperties(&count, nullptr));
  std::vector<VkLayerProperties> layers(count);
  VK_CHECK(vkEnumerateInstanceLayerProperties(&count, layers.data()));
  for (const auto& layer : layers) {
    if (std::strcmp(layer.layerName, name) == 0) return true;
  }
  return false;
}

OwnedContext::OwnedContext(const OwnedContextOptions& options)
    : log_(std::make_shared<ValidationLog>()) {
  std::vector<const char*> layers;
  std::vector<const char*> extensions = options.instanceExtensions;
  if (options.validation) {
    if (!layerAvailable(kValidationLayer)) {
      throw std::runtime_error(std::string(kValidationLayer) +
                               " is not installed (Debian: vulkan-validationlayers)");
    }
    layers.push_back(kValidationLayer);
    extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
  }

  VkApplicationInfo app{};
  app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
  app.pApplicationName = "lumbo";
  app.pEngineName = "lumbo";
  app.apiVersion = kRendererApiVersion;

  // Chained into instance creation too, so messages from vkCreateInstance/vkDestroyInstance
  // themselves are not lost.
  VkDebugUtilsMessengerCreateInfoEXT debugInfo =
      messengerInfo(log_.get(), options.validationToStderr);
  VkInstanceCreateInfo instanceInfo{};
  instanceInfo.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
  instanceInfo.pNext = options.validation ? &debugInfo : nullptr;
  instanceInfo.pApplicationInfo = &app;
  instanceInfo.enabledLayerCount = static_cast<uint32_t>(layers.size());
  instanceInfo.ppEnabledLayerNames = layers.data();
  instanceInfo.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
  instanceInfo.ppEnabledExtensionNames = extensions.data();
  VkInstance instance = VK_NULL_HANDLE;
  VK_CHECK(vkCreateInstance(&instanceInfo, nullptr, &instance));
  instance_ = UniqueInstance(instance);

  if (options.validation) {
    auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance, "vkCreateDebugUtilsMessengerEXT"));
    if (create == nullptr) throw std::runtime_error("vkCreateDebugUtilsMessengerEXT is missing");
    VkDebugUtilsMessengerEXT messenger = VK_NULL_HANDLE;
    VK_CHECK(create(instance, &debugInfo, nullptr, &messenger));
    messenger_ = UniqueDebugMessenger(instance, messenger);
  }

  if (options.createSurface) surface_ = UniqueSurface(instance, options.createSurface(instance));
  const DeviceChoice choice = chooseDevice(instance, surface_.get());
  deviceName_ = choice.name;

  const float priority = 1.0f;
  VkDeviceQueueCreateInfo queueInfo{};
  queueInfo.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
  queueInfo.queueFamilyIndex = choice.queueFamilyIndex;
  queueInfo.queueCount = 1;
  queueInfo.pQueuePriorities = &priority;

  VkDeviceCreateInfo deviceInfo{};
  deviceInfo.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
  deviceInfo.queueCreateInfoCount = 1;
  deviceInfo.pQueueCreateInfos = &queueInfo;
  const char* const swapchainExtension = VK_KHR_SWAPCHAIN_EXTENSION_NAME;
  if (surface_.get() != VK_NULL_HANDLE) {
    deviceInfo.enabledExtensionCount = 1;
    deviceInfo.ppEnabledExtensionNames = &swapchainExtension;
  }
  RendererDeviceFeatures features;
  features.chainInto(deviceInfo);
  VkDevice device = VK_NULL_HANDLE;
  VK_CHECK(vkCreateDevice(choice.physicalDevice, &deviceInfo, nullptr, &device));
  device_ = UniqueDevice(device);

  context_.instance = instance;
  context_.physicalDevice = choice.physicalDevice;
  context_.device = device;
  context_.queueFamilyIndex = choice.queueFamilyIndex;
  vkGetDeviceQueue(device, choice.queueFamilyIndex, 0, &context_.queue);
}

OwnedContext::~OwnedContext() = default;

}  // namespace lumbo::render
