// Draws a Scene into both layers of a colour image with multiview, depth and MSAA.
#pragma once

#include <vulkan/vulkan.h>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include <glm/vec4.hpp>

#include "render/gpu_memory.h"
#include "render/scene.h"
#include "render/vk_handles.h"
#include "render/vulkan_context.h"

namespace lumbo::render {

// How the two eyes are drawn. Multiview draws both in one pass (one recording, one vertex fetch
// per draw); per-view runs the same pipelines in one pass per eye. kAuto picks multiview except
// on llvmpipe (lavapipe): Mesa 22.3's draw module drops view 1's triangles whenever view 0 had to
// clip the same triangle (a floor reaching behind the eyes vanishes from the right eye), so there
// the per-view path gives correct images. Per-view with MSAA resolves with vkCmdResolveImage, so
// its targets need VK_IMAGE_USAGE_TRANSFER_DST_BIT too.
enum class ViewMode { kAuto, kMultiview, kPerView };

struct RendererConfig {
  // Format of the colour images handed to addTarget. An _SRGB format gives correct colours.
  VkFormat colourFormat = VK_FORMAT_R8G8B8A8_SRGB;
  VkExtent2D extentPx{1024, 1024};  // per eye
  // Samples per pixel of the renderer's own colour and depth buffers; with more than one, the
  // result is resolved into the target. Must be supported for colour and depth by the device.
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_4_BIT;
  // Capsules + spheres per frame; more are dropped and counted in FrameStats.
  uint32_t maxPrimitives = 512;
  ViewMode viewMode = ViewMode::kAuto;
  // Textures addTexture may register (UI panel canvases); the renderer's own plain white one,
  // which untextured quads sample, is extra.
  uint32_t maxTextures = 8;
};

// How long the device took for one frame of the renderer, measured by timestamp queries written at
// the start and the end of its command buffer; and what that frame was drawn at, so that a reader
// adapting the quality can tell old measurements from new.
struct GpuFrameTime {
  std::uint64_t frameNumber = 0;  // 1 for the first frame submitted
  double gpuS = 0.0;
  VkExtent2D renderExtentPx{0, 0};
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
};

struct FrameStats {
  uint32_t opaquePrimitives = 0;
  uint32_t translucentPrimitives = 0;
  uint32_t droppedPrimitives = 0;
  uint32_t drawCalls = 0;
  uint32_t quads = 0;
};

class StereoRenderer {
 public:
  static constexpr uint32_t kFramesInFlight = 2;
  static constexpr uint32_t kViewCount = 2;  // multiview: view i renders into array layer i

  // `context` must outlive the renderer.
  StereoRenderer(const VulkanContext& context, const RendererConfig& config);
  ~StereoRenderer();
  StereoRenderer(const StereoRenderer&) = delete;
  StereoRenderer& operator=(const StereoRenderer&) = delete;

  // Registers a colour image to render into: config's format and extent, at least kViewCount
  // array layers, usage including COLOR_ATTACHMENT; owned by the caller, who keeps it alive until
  // removeTarget or the renderer's destruction. Returns the index recordFrame takes.
  // For OpenXR: register each swapchain image once, after xrEnumerateSwapchainImages.
  uint32_t addTarget(VkImage colourImage);
  // Forgets a target (swapchain recreated); waits for frames in flight first.
  void removeTarget(uint32_t target);

  // Registers a texture that scene quads may show: a single-layer 2D view of an image in
  // VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL whenever a frame using it executes (the UI canvas
  // leaves it so). The caller keeps the view alive as long as the renderer. Sampled linearly,
  // clamped at the edges. Returns the index for TexturedQuad::texture.
  uint32_t addTexture(VkImageView view);

  // Waits until the current frame slot's previous submission has finished, writes its uniforms
  // and instances and records its command buffer. The target's previous contents are discarded;
  // it ends in VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, the layout OpenXR expects at release.
  // Recording twice without submitting simply re-records.
  VkCommandBuffer recordFrame(const Scene& scene, uint32_t target);
  // Submits the recorded frame to the context's queue and moves to the next frame slot.
  void submitFrame();
  void renderFrame(const Scene& scene, uint32_t target) {
    recordFrame(scene, target);
    submitFrame();
  }
  // Blocks until every submitted frame has finished on the device.
  void waitIdle();

  // Draws the following frames into the top-left `extentPx` of each eye's layer (at most the
  // configured extent): a lower render resolution for the same field of view, shown by a
  // compositor through the projection view's imageRect. Takes effect at the next recordFrame.
  void setRenderExtent(VkExtent2D extentPx);
  VkExtent2D renderExtent() const { return renderExtentPx_; }
  // Changes the multisampling of the following frames: waits for the frames in flight and
  // rebuilds the render pass, attachments, pipelines and framebuffers at the new count (kept, so
  // going back to a count used before costs no pipeline compilation). The count must be supported.
  void setSamples(VkSampleCountFlagBits samples);
  VkSampleCountFlagBits samples() const { return config_.samples; }
  // The sample counts this device supports for colour and depth together.
  VkSampleCountFlags supportedSampleCounts() const;
  // Whether the device can time frames (the queue's timestampValidBits is not 0).
  bool timesFrames() const { return timestampMask_ != 0; }
  // The device time of the newest frame whose timestamps have been read back: a frame slot's
  // results are read when the slot is reused, so this is the frame kFramesInFlight before the one
  // being recorded. Empty until then, or when the device cannot time frames.
  const std::optional<GpuFrameTime>& lastGpuFrameTime() const { return lastGpuTime_; }

  const RendererConfig& config() const { return config_; }
  VkFormat depthFormat() const { return depthFormat_; }
  bool usesMultiview() const { return multiview_; }
  const FrameStats& lastFrameStats() const { return stats_; }

  // One instance of the capsule mesh as the vertex shader reads it (binding 1, per instance).
  struct PrimitiveInstance {
    glm::vec4 endAAndRadiusM;
    glm::vec4 endBM;  // w: the radius at b
    glm::vec4 rgba;
  };

 private:
  struct FrameData {
    UniqueCommandPool commandPool;
    VkCommandBuffer commandBuffer = VK_NULL_HANDLE;  // freed with its pool
    UniqueFence submitted;                          // signalled when the slot may be reused
    HostBuffer uniforms;
    HostBuffer instances;
    VkDescriptorSet descriptorSet = VK_NULL_HANDLE;  // freed with the pool
    // What the slot's last submission drew, read back with its timestamps when the slot returns.
    std::optional<GpuFrameTime> timing;
    // The slot's two timestamps, copied here by its own command buffer: reading them is a load
    // from mapped memory once the fence has signalled, not a driver call (vkGetQueryPoolResults
    // flushes the whole CPU driver, several milliseconds inside the frame).
    HostBuffer timestamps;
  };
  // Multiview: one view over both layers and one framebuffer; per-view: one of each per layer.
  struct Target {
    VkImage image = VK_NULL_HANDLE;
    std::vector<UniqueImageView> views;
    std::vector<UniqueFramebuffer> framebuffers;  // for the current sample count
  };
  // Everything that depends on the sample count, kept per count once built.
  struct SampleVariant {
    bool resolveByCommand = false;
    UniqueRenderPass renderPass;
    DeviceImage msaaColour;  // only with samples > 1
    DeviceImage depth;
    UniquePipeline boxPipeline;
    UniquePipeline opaquePipeline;
    UniquePipeline translucentPipeline;
    UniquePipeline quadPipeline;
    UniquePipeline quadTranslucentPipeline;
  };
  struct GpuMesh {
    HostBuffer vertices;
    HostBuffer indices;
    uint32_t indexCount = 0;
  };
  struct SortEntry {
    float distanceSquared;
    PrimitiveInstance instance;
  };

  void createLayouts();
  void createRenderPass();
  void createAttachments();
  void createPipelines();
  void createFramebuffers(Target& target);
  void createTimestampQueries();
  void readTimestamps(uint32_t slot);
  SampleVariant takeVariant();
  void restoreVariant(SampleVariant&& variant);
  void createFrames();
  void createQuadResources();
  void recordQuads(VkCommandBuffer cmd, const Scene& scene, bool translucent, uint32_t viewOffset);
  uint32_t writeInstances(const Scene& scene, FrameData& frame);
  void recordResolve(VkCommandBuffer cmd, VkImage targetImage, uint32_t layer);

  VulkanContext context_;
  RendererConfig config_;
  VkFormat depthFormat_ = VK_FORMAT_UNDEFINED;
  bool multiview_ = true;
  // Per-view with MSAA: each eye's pass leaves its samples in msaaColour_ and a resolve command
  // writes the target layer (lavapipe's render-pass resolve ignores the target view's layer).
  bool resolveByCommand_ = false;
  UniqueRenderPass renderPass_;
  // kViewCount layers with multiview; one layer, reused by each eye's pass, per view.
  DeviceImage msaaColour_;  // only with samples > 1
  DeviceImage depth_;
  UniqueDescriptorSetLayout setLayout_;
  UniquePipelineLayout pipelineLayout_;
  UniquePipeline boxPipeline_;
  UniquePipeline opaquePipeline_;
  UniquePipeline translucentPipeline_;
  // Quads: a second layout adds the texture set (set 1) after the frame set and shares the push
  // range, so set 0 and the push constants stay bound across the switch.
  UniqueDescriptorSetLayout textureSetLayout_;
  UniquePipelineLayout quadPipelineLayout_;
  UniquePipeline quadPipeline_;
  UniquePipeline quadTranslucentPipeline_;
  UniqueSampler sampler_;
  UniqueDescriptorPool textureDescriptorPool_;
  DeviceImage whiteTexture_;
  VkDescriptorSet whiteTextureSet_ = VK_NULL_HANDLE;
  std::vector<VkDescriptorSet> textureSets_;  // freed with their pool
  GpuMesh capsule_;
  GpuMesh box_;
  UniqueDescriptorPool descriptorPool_;
  std::array<FrameData, kFramesInFlight> frames_;
  std::vector<Target> targets_;

  // Timestamps: two queries per frame slot (start, end); mask 0 when the queue cannot time.
  UniqueQueryPool timestampPool_;
  std::uint64_t timestampMask_ = 0;
  double timestampPeriodNs_ = 1.0;
  std::optional<GpuFrameTime> lastGpuTime_;
  std::uint64_t framesSubmitted_ = 0;
  VkExtent2D renderExtentPx_{0, 0};
  // The sample-count variants not in use, to switch back without rebuilding.
  std::map<VkSampleCountFlagBits, SampleVariant> spareVariants_;

  uint32_t frameSlot_ = 0;
  bool recorded_ = false;
  FrameStats stats_;
  std::vector<SortEntry> translucent_;  // reused between frames so recording does not allocate
  std::vector<std::pair<float, uint32_t>> translucentQuads_;  // distance squared, index
};

}  // namespace lumbo::render
