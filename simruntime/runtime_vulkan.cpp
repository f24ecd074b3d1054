// XR_KHR_vulkan_enable2 and swapchains: the application's Vulkan instance and device, and the
// images the runtime allocates on that device for it to render into.
#include <algorithm>
#include <cstring>

#include "simruntime/api.h"
#include "simruntime/vulkan_submit.h"

namespace lumbo::simxr {
namespace {

constexpr VkFormat kColorFormats[] = {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB,
                                      VK_FORMAT_R8G8B8A8_UNORM, VK_FORMAT_B8G8R8A8_UNORM};
constexpr VkFormat kDepthFormats[] = {VK_FORMAT_D32_SFLOAT, VK_FORMAT_D16_UNORM};
constexpr uint32_t kImageCount = 3;

bool isDepth(VkFormat f) {
  return std::find(std::begin(kDepthFormats), std::end(kDepthFormats), f) != std::end(kDepthFormats);
}
bool isColor(VkFormat f) {
  return std::find(std::begin(kColorFormats), std::end(kColorFormats), f) != std::end(kColorFormats);
}

// The layout the specification promises an acquired image is in.
VkImageLayout attachmentLayout(const Swapchain& sc) {
  return sc.depth ? VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL
                  : VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
}

}  // namespace

uint32_t findMemoryType(VkPhysicalDevice pd, uint32_t typeBits, VkMemoryPropertyFlags wanted) {
  VkPhysicalDeviceMemoryProperties props{};
  vkGetPhysicalDeviceMemoryProperties(pd, &props);
  for (uint32_t i = 0; i < props.memoryTypeCount; ++i) {
    if ((typeBits & (1u << i)) && (props.memoryTypes[i].propertyFlags & wanted) == wanted) return i;
  }
  for (uint32_t i = 0; i < props.memoryTypeCount; ++i) {
    if (typeBits & (1u << i)) return i;
  }
  return 0;
}

VkResult submitOnce(Session& s, const std::function<void(VkCommandBuffer)>& record) {
  VkCommandBufferAllocateInfo ai{};
  ai.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
  ai.commandPool = s.commandPool.get();
  ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  ai.commandBufferCount = 1;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  VkResult r = vkAllocateCommandBuffers(s.vkDevice, &ai, &cmd);
  if (r != VK_SUCCESS) return r;
  VkCommandBufferBeginInfo bi{};
  bi.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
  bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  vkBeginCommandBuffer(cmd, &bi);
  record(cmd);
  vkEndCommandBuffer(cmd);
  VkFenceCreateInfo fi{};
  fi.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
  VkFence fenceHandle = VK_NULL_HANDLE;
  r = vkCreateFence(s.vkDevice, &fi, nullptr, &fenceHandle);
  if (r == VK_SUCCESS) {
    render::UniqueFence fence(s.vkDevice, fenceHandle);
    VkSubmitInfo si{};
    si.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
    si.commandBufferCount = 1;
    si.pCommandBuffers = &cmd;
    r = vkQueueSubmit(s.queue, 1, &si, fence.get());
    if (r == VK_SUCCESS) r = vkWaitForFences(s.vkDevice, 1, &fenceHandle, VK_TRUE, UINT64_MAX);
  }
  vkFreeCommandBuffers(s.vkDevice, s.commandPool.get(), 1, &cmd);
  return r;
}

XrResult bindVulkan(Session& s, const XrGraphicsBindingVulkanKHR& b) {
  Instance& inst = *s.instance;
  if (b.instance == VK_NULL_HANDLE || b.device == VK_NULL_HANDLE ||
      b.physicalDevice != inst.chosenPhysicalDevice) {
    return violation("xrCreateSession", XR_ERROR_GRAPHICS_DEVICE_INVALID,
                     "the binding's physical device is not the one xrGetVulkanGraphicsDevice2KHR "
                     "returned, or a handle is null");
  }
  uint32_t familyCount = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(b.physicalDevice, &familyCount, nullptr);
  if (b.queueFamilyIndex >= familyCount) {
    return violation("xrCreateSession", XR_ERROR_GRAPHICS_DEVICE_INVALID, "bad queueFamilyIndex");
  }
  s.vkInstance = b.instance;
  s.vkPhysicalDevice = b.physicalDevice;
  s.vkDevice = b.device;
  s.queueFamily = b.queueFamilyIndex;
  vkGetDeviceQueue(b.device, b.queueFamilyIndex, b.queueIndex, &s.queue);
  VkCommandPoolCreateInfo pi{};
  pi.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
  pi.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pi.queueFamilyIndex = b.queueFamilyIndex;
  VkCommandPool pool = VK_NULL_HANDLE;
  if (vkCreateCommandPool(b.device, &pi, nullptr, &pool) != VK_SUCCESS) return XR_ERROR_RUNTIME_FAILURE;
  s.commandPool = render::UniqueCommandPool(b.device, pool);
  return XR_SUCCESS;
}

void destroySwapchainImages(Swapchain& sc) { sc.images.clear(); }

XrResult XRAPI_CALL xrGetVulkanGraphicsRequirements2KHR(XrInstance instance, XrSystemId system,
                                                        XrGraphicsRequirementsVulkanKHR* req) {
  std::lock_guard lock(runtime().mutex);
  Instance* inst = lookup<Instance>(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (system != 1) return XR_ERROR_SYSTEM_INVALID;
  if (req == nullptr || req->type != XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN_KHR) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  req->minApiVersionSupported = XR_MAKE_VERSION(1, 0, 0);
  req->maxApiVersionSupported = XR_MAKE_VERSION(1, 3, 0);
  inst->requirementsQueried = true;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrCreateVulkanInstanceKHR(XrInstance instance,
                                              const XrVulkanInstanceCreateInfoKHR* info,
                                              VkInstance* out, VkResult* vkResult) {
  std::lock_guard lock(runtime().mutex);
  Instance* inst = lookup<Instance>(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || out == nullptr || vkResult == nullptr ||
      info->type != XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR || info->createFlags != 0 ||
      info->pfnGetInstanceProcAddr == nullptr || info->vulkanCreateInfo == nullptr) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (info->systemId != 1) return XR_ERROR_SYSTEM_INVALID;
  if (!inst->requirementsQueried) {
    return violation("xrCreateVulkanInstanceKHR", XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING,
                     "xrGetVulkanGraphicsRequirements2KHR was not called");
  }
  auto create = reinterpret_cast<PFN_vkCreateInstance>(
      info->pfnGetInstanceProcAddr(VK_NULL_HANDLE, "vkCreateInstance"));
  if (create == nullptr) return XR_ERROR_RUNTIME_FAILURE;
  // A headless runtime needs no extensions of its own: the application's list is used as given.
  *vkResult = create(info->vulkanCreateInfo, info->vulkanAllocator, out);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrGetVulkanGraphicsDevice2KHR(XrInstance instance,
                                                  const XrVulkanGraphicsDeviceGetInfoKHR* info,
                                                  VkPhysicalDevice* out) {
  std::lock_guard lock(runtime().mutex);
  Instance* inst = lookup<Instance>(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || out == nullptr || info->type != XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR ||
      info->vulkanInstance == VK_NULL_HANDLE) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (info->systemId != 1) return XR_ERROR_SYSTEM_INVALID;
  if (!inst->requirementsQueried) {
    return violation("xrGetVulkanGraphicsDevice2KHR", XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING,
                     "xrGetVulkanGraphicsRequirements2KHR was not called");
  }
  uint32_t n = 0;
  vkEnumeratePhysicalDevices(info->vulkanInstance, &n, nullptr);
  if (n == 0) return XR_ERROR_RUNTIME_FAILURE;
  std::vector<VkPhysicalDevice> devices(n);
  vkEnumeratePhysicalDevices(info->vulkanInstance, &n, devices.data());
  *out = devices[0];
  inst->chosenPhysicalDevice = devices[0];
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrCreateVulkanDeviceKHR(XrInstance instance,
                                            const XrVulkanDeviceCreateInfoKHR* info,
                                            VkDevice* out, VkResult* vkResult) {
  std::lock_guard lock(runtime().mutex);
  Instance* inst = lookup<Instance>(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || out == nullptr || vkResult == nullptr ||
      info->type != XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR || info->createFlags != 0 ||
      info->pfnGetInstanceProcAddr == nullptr || info->vulkanCreateInfo == nullptr) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (info->systemId != 1) return XR_ERROR_SYSTEM_INVALID;
  if (info->vulkanPhysicalDevice != inst->chosenPhysicalDevice) {
    return violation("xrCreateVulkanDeviceKHR", XR_ERROR_VALIDATION_FAILURE,
                     "vulkanPhysicalDevice is not the one xrGetVulkanGraphicsDevice2KHR returned");
  }
  *vkResult = vkCreateDevice(info->vulkanPhysicalDevice, info->vulkanCreateInfo,
                             info->vulkanAllocator, out);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrEnumerateSwapchainFormats(XrSession session, uint32_t capacity,
                                                uint32_t* count, int64_t* formats) {
  std::lock_guard lock(runtime().mutex);
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  std::vector<int64_t> out;
  if (!s->headless) {
    for (VkFormat f : kColorFormats) out.push_back(f);
    for (VkFormat f : kDepthFormats) out.push_back(f);
  }
  return fillArray(capacity, count, formats, out);
}

XrResult XRAPI_CALL xrCreateSwapchain(XrSession session, const XrSwapchainCreateInfo* info,
                                      XrSwapchain* out) {
  std::lock_guard lock(runtime().mutex);
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  if (info == nullptr || out == nullptr || info->type != XR_TYPE_SWAPCHAIN_CREATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (s->headless) {
    return violation("xrCreateSwapchain", XR_ERROR_FEATURE_UNSUPPORTED, "headless session");
  }
  const auto format = static_cast<VkFormat>(info->format);
  if (!isColor(format) && !isDepth(format)) {
    return violation("xrCreateSwapchain", XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED,
                     "format " + std::to_string(info->format));
  }
  const SimConfig& c = s->instance->config;
  if (info->width == 0 || info->height == 0 || info->width > c.maxWidth ||
      info->height > c.maxHeight || info->arraySize == 0 || info->mipCount == 0 ||
      info->sampleCount != 1) {
    return violation("xrCreateSwapchain", XR_ERROR_VALIDATION_FAILURE,
                     "size, array size, mip count or sample count unsupported");
  }
  if (info->faceCount != 1) {
    return violation("xrCreateSwapchain", XR_ERROR_FEATURE_UNSUPPORTED, "cube swapchains");
  }
  VkImageUsageFlags usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT;  // capture reads images back
  const XrSwapchainUsageFlags u = info->usageFlags;
  if (u & XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT) usage |= VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
  if (u & XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT) {
    usage |= VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
  }
  if (u & XR_SWAPCHAIN_USAGE_UNORDERED_ACCESS_BIT) usage |= VK_IMAGE_USAGE_STORAGE_BIT;
  if (u & XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT) usage |= VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  if (u & XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT) usage |= VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  if (u & XR_SWAPCHAIN_USAGE_SAMPLED_BIT) usage |= VK_IMAGE_USAGE_SAMPLED_BIT;
  if (u & XR_SWAPCHAIN_USAGE_INPUT_ATTACHMENT_BIT_MND) usage |= VK_IMAGE_USAGE_INPUT_ATTACHMENT_BIT;
  const bool depth = isDepth(format);
  if (depth && (usage & (VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_STORAGE_BIT))) {
    return violation("xrCreateSwapchain", XR_ERROR_VALIDATION_FAILURE,
                     "colour usage on a depth format");
  }
  if (!depth && (usage & VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT)) {
    return violation("xrCreateSwapchain", XR_ERROR_VALIDATION_FAILURE,
                     "depth usage on a colour format");
  }
  auto sc = std::make_unique<Swapchain>();
  sc->session = s;
  sc->info = *info;
  sc->info.next = nullptr;
  sc->depth = depth;
  const uint32_t count = (info->createFlags & XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT) ? 1 : kImageCount;
  for (uint32_t i = 0; i < count; ++i) {
    VkImageCreateInfo ci{};
    ci.sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO;
    ci.imageType = VK_IMAGE_TYPE_2D;
    ci.format = format;
    ci.extent = {info->width, info->height, 1};
    ci.mipLevels = info->mipCount;
    ci.arrayLayers = info->arraySize;
    ci.samples = VK_SAMPLE_COUNT_1_BIT;
    ci.tiling = VK_IMAGE_TILING_OPTIMAL;
    ci.usage = usage;
    ci.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    ci.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    if (u & XR_SWAPCHAIN_USAGE_MUTABLE_FORMAT_BIT) ci.flags |= VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT;
    VkImage image = VK_NULL_HANDLE;
    if (vkCreateImage(s->vkDevice, &ci, nullptr, &image) != VK_SUCCESS) {
      return XR_ERROR_RUNTIME_FAILURE;
    }
    VkImageOwner owner;
    VkMemoryRequirements req{};
    vkGetImageMemoryRequirements(s->vkDevice, image, &req);
    VkMemoryAllocateInfo mi{};
    mi.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
    mi.allocationSize = req.size;
    mi.memoryTypeIndex = findMemoryType(s->vkPhysicalDevice, req.memoryTypeBits,
                                        VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    VkDeviceMemory memory = VK_NULL_HANDLE;
    if (vkAllocateMemory(s->vkDevice, &mi, nullptr, &memory) != VK_SUCCESS) {
      vkDestroyImage(s->vkDevice, image, nullptr);
      return XR_ERROR_RUNTIME_FAILURE;
    }
    owner.memory = render::UniqueDeviceMemory(s->vkDevice, memory);
    owner.image = render::UniqueImage(s->vkDevice, image);
    vkBindImageMemory(s->vkDevice, image, memory, 0);
    sc->images.push_back(std::move(owner));
  }
  Swapchain* raw = sc.get();
  s->swapchains.push_back(std::move(sc));
  registerHandle(raw);
  *out = toHandle<XrSwapchain>(raw);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrDestroySwapchain(XrSwapchain handle) {
  std::lock_guard lock(runtime().mutex);
  Swapchain* sc = lookup<Swapchain>(handle);
  if (sc == nullptr) return XR_ERROR_HANDLE_INVALID;
  Session* s = sc->session;
  if (s->queue != VK_NULL_HANDLE) vkQueueWaitIdle(s->queue);
  unregisterHandle(sc);
  std::erase_if(s->swapchains, [&](const auto& p) { return p.get() == sc; });
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrEnumerateSwapchainImages(XrSwapchain handle, uint32_t capacity,
                                               uint32_t* count, XrSwapchainImageBaseHeader* images) {
  std::lock_guard lock(runtime().mutex);
  Swapchain* sc = lookup<Swapchain>(handle);
  if (sc == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (count == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  const auto n = static_cast<uint32_t>(sc->images.size());
  *count = n;
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < n) return XR_ERROR_SIZE_INSUFFICIENT;
  auto* out = reinterpret_cast<XrSwapchainImageVulkanKHR*>(images);
  for (uint32_t i = 0; i < n; ++i) {
    if (out[i].type != XR_TYPE_SWAPCHAIN_IMAGE_VULKAN_KHR) return XR_ERROR_VALIDATION_FAILURE;
    out[i].image = sc->images[i].image.get();
  }
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrAcquireSwapchainImage(XrSwapchain handle,
                                            const XrSwapchainImageAcquireInfo* info,
                                            uint32_t* index) {
  std::lock_guard lock(runtime().mutex);
  Swapchain* sc = lookup<Swapchain>(handle);
  if (sc == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (sc->session->lost) return XR_ERROR_SESSION_LOST;
  if (index == nullptr || (info != nullptr && info->type != XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO)) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  const bool isStatic = (sc->info.createFlags & XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT) != 0;
  if (isStatic && sc->staticAcquiredOnce) {
    return violation("xrAcquireSwapchainImage", XR_ERROR_CALL_ORDER_INVALID,
                     "a static swapchain's image can be acquired only once");
  }
  const std::size_t held = sc->acquired.size() + (sc->waited ? 1 : 0);
  if (held >= sc->images.size()) {
    return violation("xrAcquireSwapchainImage", XR_ERROR_CALL_ORDER_INVALID,
                     "every image is already acquired");
  }
  if (sc->nextIndex == 0 && !sc->lastReleased && sc->acquired.empty() && !sc->waited) {
    // First acquire: give every image the layout the specification promises. This is one of
    // the calls in which the runtime may use the application's queue.
    Session& s = *sc->session;
    const VkImageLayout layout = attachmentLayout(*sc);
    const VkResult r = submitOnce(s, [&](VkCommandBuffer cmd) {
      for (auto& img : sc->images) {
        VkImageMemoryBarrier b{};
        b.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
        b.srcAccessMask = 0;
        b.dstAccessMask = 0;
        b.oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;
        b.newLayout = layout;
        b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
        b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
        b.image = img.image.get();
        b.subresourceRange = {static_cast<VkImageAspectFlags>(sc->depth ? VK_IMAGE_ASPECT_DEPTH_BIT
                                                                        : VK_IMAGE_ASPECT_COLOR_BIT),
                              0, sc->info.mipCount, 0, sc->info.arraySize};
        vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT,
                             VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, 0, 0, nullptr, 0, nullptr, 1, &b);
      }
    });
    if (r != VK_SUCCESS) return XR_ERROR_RUNTIME_FAILURE;
  }
  *index = sc->nextIndex;
  sc->acquired.push_back(sc->nextIndex);
  sc->nextIndex = (sc->nextIndex + 1) % static_cast<uint32_t>(sc->images.size());
  sc->staticAcquiredOnce = true;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrWaitSwapchainImage(XrSwapchain handle, const XrSwapchainImageWaitInfo* info) {
  std::lock_guard lock(runtime().mutex);
  Swapchain* sc = lookup<Swapchain>(handle);
  if (sc == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (sc->session->lost) return XR_ERROR_SESSION_LOST;
  if (info == nullptr || info->type != XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (sc->waited) {
    return violation("xrWaitSwapchainImage", XR_ERROR_CALL_ORDER_INVALID,
                     "an image is already waited and not released");
  }
  if (sc->acquired.empty()) {
    return violation("xrWaitSwapchainImage", XR_ERROR_CALL_ORDER_INVALID, "no acquired image");
  }
  // The compositor never holds images, so every image is ready at once.
  sc->waited = sc->acquired.front();
  sc->acquired.pop_front();
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrReleaseSwapchainImage(XrSwapchain handle,
                                            const XrSwapchainImageReleaseInfo* info) {
  std::lock_guard lock(runtime().mutex);
  Swapchain* sc = lookup<Swapchain>(handle);
  if (sc == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (sc->session->lost) return XR_ERROR_SESSION_LOST;
  if (info != nullptr && info->type != XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (!sc->waited) {
    return violation("xrReleaseSwapchainImage", XR_ERROR_CALL_ORDER_INVALID, "no waited image");
  }
  sc->lastReleased = sc->waited;
  sc->waited.reset();
  return XR_SUCCESS;
}

}  // namespace lumbo::simxr
