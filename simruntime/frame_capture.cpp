// Frame capture: reads back the left eye of the projection layer and the quad layers from the
// application's images, composites them as the user would see them, and writes a PNG.
#include <array>
#include <cmath>
#include <cstring>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC
#include <stb/stb_image_write.h>

#include "render/image_barriers.h"
#include "simruntime/runtime.h"
#include "simruntime/vulkan_submit.h"

namespace lumbo::simxr {
namespace {

// A released swapchain image as the application left it: written by whatever it recorded, in the
// layout the specification asks for at release.
constexpr render::ImageUse kApplicationColour{VK_PIPELINE_STAGE_ALL_COMMANDS_BIT,
                                              VK_ACCESS_MEMORY_WRITE_BIT,
                                              VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};

struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;
};

// Copies one rectangle of one array layer of the last released image into host memory.
std::optional<Image> readBack(Session& s, const XrSwapchainSubImage& sub) {
  Swapchain* sc = lookup<Swapchain>(sub.swapchain);
  if (sc == nullptr || sc->depth || !sc->lastReleased) return std::nullopt;
  const auto format = static_cast<VkFormat>(sc->info.format);
  const bool bgra = format == VK_FORMAT_B8G8R8A8_SRGB || format == VK_FORMAT_B8G8R8A8_UNORM;
  const int w = sub.imageRect.extent.width;
  const int h = sub.imageRect.extent.height;
  const VkDeviceSize size = static_cast<VkDeviceSize>(w) * static_cast<VkDeviceSize>(h) * 4;

  VkBufferCreateInfo bi{};
  bi.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
  bi.size = size;
  bi.usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT;
  bi.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  VkBuffer bufferHandle = VK_NULL_HANDLE;
  if (vkCreateBuffer(s.vkDevice, &bi, nullptr, &bufferHandle) != VK_SUCCESS) return std::nullopt;
  render::UniqueDeviceMemory memory;
  render::UniqueBuffer buffer(s.vkDevice, bufferHandle);
  VkMemoryRequirements req{};
  vkGetBufferMemoryRequirements(s.vkDevice, bufferHandle, &req);
  VkMemoryAllocateInfo mi{};
  mi.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
  mi.allocationSize = req.size;
  mi.memoryTypeIndex =
      findMemoryType(s.vkPhysicalDevice, req.memoryTypeBits,
                     VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
  VkDeviceMemory memoryHandle = VK_NULL_HANDLE;
  if (vkAllocateMemory(s.vkDevice, &mi, nullptr, &memoryHandle) != VK_SUCCESS) return std::nullopt;
  memory = render::UniqueDeviceMemory(s.vkDevice, memoryHandle);
  vkBindBufferMemory(s.vkDevice, bufferHandle, memoryHandle, 0);

  const VkImage image = sc->images[*sc->lastReleased].image.get();
  const VkImageSubresourceRange range{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, sub.imageArrayIndex, 1};
  const VkResult r = submitOnce(s, [&](VkCommandBuffer cmd) {
    render::transitionImage(cmd, image, range, kApplicationColour,
                            render::image_use::kTransferSource);
    VkBufferImageCopy copy{};
    copy.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, sub.imageArrayIndex, 1};
    copy.imageOffset = {sub.imageRect.offset.x, sub.imageRect.offset.y, 0};
    copy.imageExtent = {static_cast<uint32_t>(w), static_cast<uint32_t>(h), 1};
    vkCmdCopyImageToBuffer(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, bufferHandle, 1,
                           &copy);
    render::transitionImage(cmd, image, range, render::image_use::kTransferSource,
                            kApplicationColour);
  });
  if (r != VK_SUCCESS) return std::nullopt;
  void* mapped = nullptr;
  if (vkMapMemory(s.vkDevice, memoryHandle, 0, size, 0, &mapped) != VK_SUCCESS) return std::nullopt;
  Image out{w, h, std::vector<std::uint8_t>(static_cast<std::size_t>(size))};
  std::memcpy(out.rgba.data(), mapped, out.rgba.size());
  vkUnmapMemory(s.vkDevice, memoryHandle);
  if (bgra) {
    for (std::size_t i = 0; i < out.rgba.size(); i += 4) std::swap(out.rgba[i], out.rgba[i + 2]);
  }
  // A compositor shows UNORM images as linear colour; PNG holds sRGB, so encode them.
  if (format == VK_FORMAT_R8G8B8A8_UNORM || format == VK_FORMAT_B8G8R8A8_UNORM) {
    static const std::array<std::uint8_t, 256> kToSrgb = [] {
      std::array<std::uint8_t, 256> t{};
      for (int i = 0; i < 256; ++i) {
        const double l = i / 255.0;
        const double e = l <= 0.0031308 ? 12.92 * l : 1.055 * std::pow(l, 1.0 / 2.4) - 0.055;
        t[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(std::lround(e * 255.0));
      }
      return t;
    }();
    for (std::size_t i = 0; i < out.rgba.size(); i += 4) {
      for (std::size_t c = 0; c < 3; ++c) out.rgba[i + c] = kToSrgb[out.rgba[i + c]];
    }
  }
  return out;
}

bool supportedForCapture(const XrSwapchainSubImage& sub) {
  Swapchain* sc = lookup<Swapchain>(sub.swapchain);
  return sc != nullptr && !sc->depth;
}

void blendPixel(std::uint8_t* dst, const std::uint8_t* src, bool alpha) {
  if (!alpha) {
    std::memcpy(dst, src, 3);
    dst[3] = 255;
    return;
  }
  const int a = src[3];
  for (int c = 0; c < 3; ++c) dst[c] = static_cast<std::uint8_t>((src[c] * a + dst[c] * (255 - a)) / 255);
  dst[3] = 255;
}

}  // namespace

void captureFrame(Session& s, const XrFrameEndInfo& info) {
  Instance& inst = *s.instance;
  // The left eye of the first projection layer defines the captured view.
  const XrCompositionLayerProjection* projection = nullptr;
  for (uint32_t i = 0; i < info.layerCount && projection == nullptr; ++i) {
    if (info.layers[i]->type == XR_TYPE_COMPOSITION_LAYER_PROJECTION) {
      projection = reinterpret_cast<const XrCompositionLayerProjection*>(info.layers[i]);
    }
  }
  if (projection == nullptr || !supportedForCapture(projection->views[0].subImage)) {
    logLine("capture skipped: no colour projection layer");
    return;
  }
  const XrCompositionLayerProjectionView& eye = projection->views[0];
  const int w = eye.subImage.imageRect.extent.width;
  const int h = eye.subImage.imageRect.extent.height;
  Image out{w, h, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h * 4, 0)};
  for (std::size_t i = 3; i < out.rgba.size(); i += 4) out.rgba[i] = 255;

  auto projSpace = spacePose(*lookup<Space>(projection->space), info.displayTime);
  const Pose eyeInStage = projSpace ? *projSpace * toPose(eye.pose) : toPose(eye.pose);
  const double tl = std::tan(eye.fov.angleLeft), tr = std::tan(eye.fov.angleRight);
  const double tu = std::tan(eye.fov.angleUp), td = std::tan(eye.fov.angleDown);

  for (uint32_t i = 0; i < info.layerCount; ++i) {
    const XrCompositionLayerBaseHeader* layer = info.layers[i];
    const bool alpha = (layer->layerFlags & XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT) != 0;
    if (layer->type == XR_TYPE_COMPOSITION_LAYER_PROJECTION) {
      const auto* p = reinterpret_cast<const XrCompositionLayerProjection*>(layer);
      if (!supportedForCapture(p->views[0].subImage)) continue;
      auto src = readBack(s, p->views[0].subImage);
      if (!src) continue;
      const int cw = std::min(w, src->width), ch = std::min(h, src->height);
      for (int y = 0; y < ch; ++y) {
        for (int x = 0; x < cw; ++x) {
          const std::size_t o = (static_cast<std::size_t>(y) * w + x) * 4;
          const std::size_t si = (static_cast<std::size_t>(y) * src->width + x) * 4;
          blendPixel(&out.rgba[o], &src->rgba[si], alpha);
        }
      }
    } else if (layer->type == XR_TYPE_COMPOSITION_LAYER_QUAD) {
      const auto* q = reinterpret_cast<const XrCompositionLayerQuad*>(layer);
      if (!supportedForCapture(q->subImage) || q->eyeVisibility == XR_EYE_VISIBILITY_RIGHT) continue;
      auto quadSpace = spacePose(*lookup<Space>(q->space), info.displayTime);
      if (!quadSpace) continue;
      auto src = readBack(s, q->subImage);
      if (!src) continue;
      // Cast a ray per output pixel and intersect it with the quad's plane (z = 0, facing +z).
      const Pose eyeInQuad = relativePose(*quadSpace * toPose(q->pose), eyeInStage);
      const double qw = q->size.width, qh = q->size.height;
      for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
          const double tx = tl + (x + 0.5) / w * (tr - tl);
          const double ty = tu - (y + 0.5) / h * (tu - td);
          const glm::dvec3 d = eyeInQuad.transformVector(glm::dvec3(tx, ty, -1.0));
          const glm::dvec3& o = eyeInQuad.positionM;
          if (std::abs(d.z) < 1e-12) continue;
          const double t = -o.z / d.z;
          if (t <= 0) continue;
          const glm::dvec3 hit = o + t * d;
          const double u = hit.x / qw + 0.5, v = 0.5 - hit.y / qh;
          if (u < 0 || u >= 1 || v < 0 || v >= 1) continue;
          const int sx = std::min(src->width - 1, static_cast<int>(u * src->width));
          const int sy = std::min(src->height - 1, static_cast<int>(v * src->height));
          blendPixel(&out.rgba[(static_cast<std::size_t>(y) * w + x) * 4],
                     &src->rgba[(static_cast<std::size_t>(sy) * src->width + sx) * 4], alpha);
        }
      }
    }
  }
  char name[64];
  std::snprintf(name, sizeof name, "frame_%06llu.png", static_cast<unsigned long long>(s.frameIndex));
  const auto path = inst.config.captureDir / name;
  if (stbi_write_png(path.c_str(), w, h, 4, out.rgba.data(), w * 4) == 0) {
    logLine("capture failed: cannot write " + path.string());
    return;
  }
  ++inst.stats.captures;
}

}  // namespace lumbo::simxr
