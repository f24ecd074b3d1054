// StereoRenderer: render pass, attachments, its pipelines' choices, per-frame data and the
// recording of a frame.
#include "render/stereo_renderer.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string>

#include <glm/geometric.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include "render/primitive_mesh.h"
#include "render/frame_commands.h"
#include "render/image_barriers.h"
#include "render/one_time_commands.h"
#include "render/pipeline_builder.h"
#include "render/vk_check.h"

namespace lumbo::render {

namespace {

const uint32_t kPrimitiveVertSpirv[] = {
#include "shaders/primitive.vert.spv.inc"
};
const uint32_t kBoxVertSpirv[] = {
#include "shaders/box.vert.spv.inc"
};
const uint32_t kLitFragSpirv[] = {
#include "shaders/lit.frag.spv.inc"
};
const uint32_t kQuadVertSpirv[] = {
#include "shaders/quad.vert.spv.inc"
};
const uint32_t kQuadFragSpirv[] = {
#include "shaders/quad.frag.spv.inc"
};

// Matches FrameUniforms in shaders/frame_uniforms.glsl (std140: every member 16-byte aligned).
struct FrameUniforms {
  glm::mat4 viewProjection[2];
  glm::vec4 eyePositionM[2];
  glm::vec4 skyLinearRgb;
  glm::vec4 groundLinearRgb;
  glm::vec4 keyTowardsLight;
  glm::vec4 keyLinearRgb;
};

// Matches DrawConstants in shaders/frame_uniforms.glsl.
struct DrawConstants {
  glm::mat4 model;
  glm::vec4 rgba;
  glm::vec4 lineRgba;
  float lineSpacingM;
  uint32_t viewOffset;
};
static_assert(sizeof(DrawConstants) == 104, "layout differs from the shaders' push constants");
constexpr VkShaderStageFlags kPushStages = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;

bool isLlvmpipe(const VkPhysicalDeviceProperties& properties) {
  return properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU &&
         std::strstr(properties.deviceName, "llvmpipe") != nullptr;
}

constexpr uint32_t kViewMask = 0b11;  // both views in the one subpass

// Capsules: 16 around and 6 rings per cap read as smooth at arm's length on a 2k headset while
// keeping 40 primitives around 20k triangles.
constexpr int kCapsuleSegments = 16;
constexpr int kCapsuleCapRings = 6;

bool hasStencil(VkFormat format) {
  return format == VK_FORMAT_D24_UNORM_S8_UINT || format == VK_FORMAT_D32_SFLOAT_S8_UINT ||
         format == VK_FORMAT_D16_UNORM_S8_UINT;
}

VkFormat chooseDepthFormat(VkPhysicalDevice physicalDevice) {
  for (VkFormat format : {VK_FORMAT_D32_SFLOAT, VK_FORMAT_X8_D24_UNORM_PACK32,
                          VK_FORMAT_D24_UNORM_S8_UINT, VK_FORMAT_D16_UNORM}) {
    VkFormatProperties properties{};
    vkGetPhysicalDeviceFormatProperties(physicalDevice, format, &properties);
    if ((properties.optimalTilingFeatures & VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT) != 0) {
      return format;
    }
  }
  throw std::runtime_error("no depth attachment format supported");
}

template <typename T>
void uploadMesh(const VulkanContext& context, const std::vector<T>& data, VkBufferUsageFlags usage,
                HostBuffer& buffer) {
  const VkDeviceSize size = sizeof(T) * data.size();
  buffer = createHostBuffer(context, size, usage);
  std::memcpy(buffer.mapped, data.data(), size);
}

glm::vec4 toVec4(const glm::vec3& v) { return glm::vec4(v, 0.0f); }

VkDescriptorSet allocateTextureSet(VkDevice device, VkDescriptorPool pool,
                                   VkDescriptorSetLayout layout, VkSampler sampler,
                                   VkImageView view) {
  VkDescriptorSetAllocateInfo allocate{};
  allocate.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
  allocate.descriptorPool = pool;
  allocate.descriptorSetCount = 1;
  allocate.pSetLayouts = &layout;
  VkDescriptorSet set = VK_NULL_HANDLE;
  VK_CHECK(vkAllocateDescriptorSets(device, &allocate, &set));
  const VkDescriptorImageInfo image{sampler, view, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
  VkWriteDescriptorSet write{};
  write.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
  write.dstSet = set;
  write.dstBinding = 0;
  write.descriptorCount = 1;
  write.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  write.pImageInfo = &image;
  vkUpdateDescriptorSets(device, 1, &write, 0, nullptr);
  return set;
}

// The quad shader reads the model matrix's columns as centre, half width, half height, uv rect.
DrawConstants quadConstants(const TexturedQuad& quad, uint32_t viewOffset) {
  DrawConstants constants{};
  constants.model[0] = glm::vec4(quad.centreM, 1.0f);
  constants.model[1] = toVec4(quad.halfWidthM);
  constants.model[2] = toVec4(quad.halfHeightM);
  constants.model[3] = quad.uvRect;
  constants.rgba = quad.tintRgba;
  constants.viewOffset = viewOffset;
  return constants;
}

}  // namespace

StereoRenderer::StereoRenderer(const VulkanContext& context, const RendererConfig& config)
    : context_(context), config_(config) {
  VkPhysicalDeviceProperties properties{};
  vkGetPhysicalDeviceProperties(context_.physicalDevice, &properties);
  const VkSampleCountFlags supported = properties.limits.framebufferColorSampleCounts &
                                       properties.limits.framebufferDepthSampleCounts;
  if ((supported & config_.samples) == 0) {
    throw std::runtime_error("MSAA sample count " + std::to_string(config_.samples) +
                             " is not supported for colour and depth on this device");
  }
  if (config_.maxPrimitives == 0) throw std::runtime_error("maxPrimitives must be positive");
  depthFormat_ = chooseDepthFormat(context_.physicalDevice);
  multiview_ = config_.viewMode == ViewMode::kMultiview ||
               (config_.viewMode == ViewMode::kAuto && !isLlvmpipe(properties));
  resolveByCommand_ = !multiview_ && config_.samples != VK_SAMPLE_COUNT_1_BIT;
  renderExtentPx_ = config_.extentPx;

  createLayouts();
  createRenderPass();
  createAttachments();
  createPipelines();
  createTimestampQueries();

  const Mesh capsule = makeCapsuleMesh(kCapsuleSegments, kCapsuleCapRings);
  uploadMesh(context_, capsule.vertices, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, capsule_.vertices);
  uploadMesh(context_, capsule.indices, VK_BUFFER_USAGE_INDEX_BUFFER_BIT, capsule_.indices);
  capsule_.indexCount = static_cast<uint32_t>(capsule.indices.size());
  const Mesh box = makeBoxMesh();
  uploadMesh(context_, box.vertices, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, box_.vertices);
  uploadMesh(context_, box.indices, VK_BUFFER_USAGE_INDEX_BUFFER_BIT, box_.indices);
  box_.indexCount = static_cast<uint32_t>(box.indices.size());

  createFrames();
  createQuadResources();
  translucent_.reserve(config_.maxPrimitives);
}

StereoRenderer::~StereoRenderer() {
  try {
    waitIdle();
  } catch (...) {
    // A lost device cannot be waited on; destroying the objects is still what remains to do.
  }
}

void StereoRenderer::createRenderPass() {
  const bool msaa = config_.samples != VK_SAMPLE_COUNT_1_BIT;
  const bool resolveAttachment = msaa && !resolveByCommand_;
  std::vector<VkAttachmentDescription> attachments;

  VkAttachmentDescription colour{};
  colour.format = config_.colourFormat;
  colour.samples = config_.samples;
  colour.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  // The multisampled buffer is only needed until it is resolved.
  colour.storeOp = resolveAttachment ? VK_ATTACHMENT_STORE_OP_DONT_CARE : VK_ATTACHMENT_STORE_OP_STORE;
  colour.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  colour.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  colour.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  colour.finalLayout = resolveByCommand_ ? VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL
                                         : VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  attachments.push_back(colour);

  VkAttachmentDescription depth{};
  depth.format = depthFormat_;
  depth.samples = config_.samples;
  depth.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  depth.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  depth.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  depth.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  depth.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  depth.finalLayout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
  attachments.push_back(depth);

  if (resolveAttachment) {
    VkAttachmentDescription resolve = colour;
    resolve.samples = VK_SAMPLE_COUNT_1_BIT;
    resolve.loadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    resolve.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    resolve.finalLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    attachments.push_back(resolve);
  }

  const VkAttachmentReference colourRef{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
  const VkAttachmentReference depthRef{1, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL};
  const VkAttachmentReference resolveRef{2, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
  VkSubpassDescription subpass{};
  subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
  subpass.colorAttachmentCount = 1;
  subpass.pColorAttachments = &colourRef;
  subpass.pResolveAttachments = resolveAttachment ? &resolveRef : nullptr;
  subpass.pDepthStencilAttachment = &depthRef;

  // The depth and multisampled buffers are shared by the frames in flight: this orders one
  // frame's attachment writes after the previous frame's on the queue.
  VkSubpassDependency dependency{};
  dependency.srcSubpass = VK_SUBPASS_EXTERNAL;
  dependency.dstSubpass = 0;
  dependency.srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT |
                            VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT |
                            VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
  dependency.dstStageMask = dependency.srcStageMask;
  // ...and, when resolving by command, the next pass's writes after the resolve's reads.
  if (resolveByCommand_) dependency.srcStageMask |= VK_PIPELINE_STAGE_TRANSFER_BIT;
  dependency.srcAccessMask =
      VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
  dependency.dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT |
                             VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT |
                             VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT |
                             VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;

  const uint32_t viewMask = kViewMask;
  const uint32_t correlationMask = kViewMask;  // the eyes see nearly the same thing
  VkRenderPassMultiviewCreateInfo multiview{};
  multiview.sType = VK_STRUCTURE_TYPE_RENDER_PASS_MULTIVIEW_CREATE_INFO;
  multiview.subpassCount = 1;
  multiview.pViewMasks = &viewMask;
  multiview.correlationMaskCount = 1;
  multiview.pCorrelationMasks = &correlationMask;

  VkRenderPassCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO;
  info.pNext = multiview_ ? &multiview : nullptr;
  info.attachmentCount = static_cast<uint32_t>(attachments.size());
  info.pAttachments = attachments.data();
  info.subpassCount = 1;
  info.pSubpasses = &subpass;
  info.dependencyCount = 1;
  info.pDependencies = &dependency;
  VkRenderPass renderPass = VK_NULL_HANDLE;
  VK_CHECK(vkCreateRenderPass(context_.device, &info, nullptr, &renderPass));
  renderPass_ = UniqueRenderPass(context_.device, renderPass);
}

void StereoRenderer::createAttachments() {
  const uint32_t layers = multiview_ ? kViewCount : 1;
  if (config_.samples != VK_SAMPLE_COUNT_1_BIT) {
    const VkImageUsageFlags usage =
        VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT |
        (resolveByCommand_ ? VkImageUsageFlags{VK_IMAGE_USAGE_TRANSFER_SRC_BIT}
                           : VkImageUsageFlags{VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT});
    msaaColour_ = createDeviceImage(
        context_, {config_.colourFormat, config_.extentPx, layers, config_.samples, usage,
                   VK_IMAGE_ASPECT_COLOR_BIT});
  }
  VkImageAspectFlags depthAspect = VK_IMAGE_ASPECT_DEPTH_BIT;
  if (hasStencil(depthFormat_)) depthAspect |= VK_IMAGE_ASPECT_STENCIL_BIT;
  depth_ = createDeviceImage(
      context_, {depthFormat_, config_.extentPx, layers, config_.samples,
                 VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT |
                     VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT,
                 depthAspect});
}

// The layouts do not depend on the sample count: descriptor sets made with them outlive a change.
void StereoRenderer::createLayouts() {
  const VkDevice device = context_.device;
  const VkPushConstantRange pushRange{kPushStages, 0, sizeof(DrawConstants)};
  setLayout_ = createSingleBindingSetLayout(
      device, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER,
      VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT);
  pipelineLayout_ = createPipelineLayout(device, {setLayout_.get()}, pushRange);
  textureSetLayout_ = createSingleBindingSetLayout(
      device, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, VK_SHADER_STAGE_FRAGMENT_BIT);
  quadPipelineLayout_ =
      createPipelineLayout(device, {setLayout_.get(), textureSetLayout_.get()}, pushRange);
}

void StereoRenderer::createPipelines() {
  const VkDevice device = context_.device;

  const UniqueShaderModule primitiveVert = createShaderModule(device, kPrimitiveVertSpirv);
  const UniqueShaderModule boxVert = createShaderModule(device, kBoxVertSpirv);
  const UniqueShaderModule litFrag = createShaderModule(device, kLitFragSpirv);
  const UniqueShaderModule quadVert = createShaderModule(device, kQuadVertSpirv);
  const UniqueShaderModule quadFrag = createShaderModule(device, kQuadFragSpirv);

  const VkVertexInputBindingDescription bindings[] = {
      {0, sizeof(MeshVertex), VK_VERTEX_INPUT_RATE_VERTEX},
      {1, sizeof(PrimitiveInstance), VK_VERTEX_INPUT_RATE_INSTANCE},
  };
  const VkVertexInputAttributeDescription attributes[] = {
      {0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(MeshVertex, position)},
      {1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(MeshVertex, normal)},
      {2, 0, VK_FORMAT_R32_SFLOAT, offsetof(MeshVertex, endWeight)},
      {3, 1, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(PrimitiveInstance, endAAndRadiusM)},
      {4, 1, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(PrimitiveInstance, endBM)},
      {5, 1, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(PrimitiveInstance, rgba)},
  };

  PipelineBuilder builder(device, renderPass_.get(), pipelineLayout_.get());
  // Meshes are counter-clockwise from outside, and projectionFromFov's y flip keeps them so in
  // framebuffer coordinates. Reversed Z (see projectionFromFov): nearer is greater.
  builder.samples(config_.samples)
      .cull(VK_CULL_MODE_BACK_BIT, VK_FRONT_FACE_COUNTER_CLOCKWISE)
      .depth(true, true, VK_COMPARE_OP_GREATER_OR_EQUAL);

  // Floor and mat: the box mesh alone (position and normal), placed by push constants.
  builder.shaders(boxVert.get(), litFrag.get())
      .vertexInput(std::span(bindings, 1), std::span(attributes, 2));
  boxPipeline_ = builder.build();

  // Avatar primitives: the capsule mesh instanced.
  builder.shaders(primitiveVert.get(), litFrag.get()).vertexInput(bindings, attributes);
  opaquePipeline_ = builder.build();

  // Translucent primitives (the ghost): drawn last, back to front, tested against but not
  // written to depth, blended over what is behind them.
  builder.depthWrite(false).alphaBlend(true);
  translucentPipeline_ = builder.build();

  // Quads: corners from gl_VertexIndex (no vertex input), seen from both sides, blended by the
  // texel's alpha (rounded panel corners); opaque ones write depth, translucent ones do not.
  builder.layout(quadPipelineLayout_.get())
      .shaders(quadVert.get(), quadFrag.get())
      .vertexInput({}, {})
      .cull(VK_CULL_MODE_NONE)
      .depthWrite(true);
  quadPipeline_ = builder.build();
  builder.depthWrite(false);
  quadTranslucentPipeline_ = builder.build();
}

void StereoRenderer::createQuadResources() {
  const VkDevice device = context_.device;
  VkSamplerCreateInfo samplerInfo{};
  samplerInfo.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO;
  samplerInfo.magFilter = VK_FILTER_LINEAR;
  samplerInfo.minFilter = VK_FILTER_LINEAR;
  samplerInfo.mipmapMode = VK_SAMPLER_MIPMAP_MODE_NEAREST;
  samplerInfo.addressModeU = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  samplerInfo.addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  samplerInfo.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  VkSampler sampler = VK_NULL_HANDLE;
  VK_CHECK(vkCreateSampler(device, &samplerInfo, nullptr, &sampler));
  sampler_ = UniqueSampler(device, sampler);

  const uint32_t sets = config_.maxTextures + 1;
  textureDescriptorPool_ = createDescriptorPool(device, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, sets);

  // One white texel, so plain-coloured quads (mirror glass) use the same pipeline.
  whiteTexture_ = createDeviceImage(
      context_, {VK_FORMAT_R8G8B8A8_UNORM, {1, 1}, 1, VK_SAMPLE_COUNT_1_BIT,
                 VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT,
                 VK_IMAGE_ASPECT_COLOR_BIT});
  submitOnce(context_, [&](VkCommandBuffer cmd) {
    const VkImage image = whiteTexture_.image.get();
    const VkImageSubresourceRange range = imageLayers(0, 1);
    transitionImage(cmd, image, range, image_use::kDiscard, image_use::kTransferDestination);
    const VkClearColorValue white{{1.0f, 1.0f, 1.0f, 1.0f}};
    vkCmdClearColorImage(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &white, 1, &range);
    transitionImage(cmd, image, range, image_use::kTransferDestination,
                    image_use::kFragmentShaderRead);
  });
  whiteTextureSet_ = allocateTextureSet(device, textureDescriptorPool_.get(), textureSetLayout_.get(), sampler,
                                        whiteTexture_.view.get());
  textureSets_.reserve(config_.maxTextures);
}

uint32_t StereoRenderer::addTexture(VkImageView view) {
  if (textureSets_.size() >= config_.maxTextures) {
    throw std::runtime_error("addTexture: all " + std::to_string(config_.maxTextures) +
                             " texture slots are taken (RendererConfig::maxTextures)");
  }
  textureSets_.push_back(allocateTextureSet(context_.device, textureDescriptorPool_.get(),
                                            textureSetLayout_.get(), sampler_.get(), view));
  return static_cast<uint32_t>(textureSets_.size() - 1);
}

void StereoRenderer::recordQuads(VkCommandBuffer cmd, const Scene& scene, bool translucent,
                                 uint32_t viewOffset) {
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS,
                    translucent ? quadTranslucentPipeline_.get() : quadPipeline_.get());
  VkDescriptorSet bound = VK_NULL_HANDLE;
  auto draw = [&](const TexturedQuad& quad) {
    const VkDescriptorSet set =
        quad.texture < textureSets_.size() ? textureSets_[quad.texture] : whiteTextureSet_;
    if (set != bound) {
      vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, quadPipelineLayout_.get(), 1,
                              1, &set, 0, nullptr);
      bound = set;
    }
    const DrawConstants constants = quadConstants(quad, viewOffset);
    vkCmdPushConstants(cmd, quadPipelineLayout_.get(), kPushStages, 0, sizeof(DrawConstants),
                       &constants);
    vkCmdDraw(cmd, 6, 1, 0, 0);
  };
  if (translucent) {
    for (const auto& entry : translucentQuads_) draw(scene.quads[entry.second]);
  } else {
    for (const TexturedQuad& quad : scene.quads) {
      if (quad.tintRgba.a >= 1.0f) draw(quad);
    }
  }
}

void StereoRenderer::createFrames() {
  const VkDevice device = context_.device;
  descriptorPool_ = createDescriptorPool(device, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, kFramesInFlight);

  for (FrameData& frame : frames_) {
    FrameCommands commands = createFrameCommands(context_);
    frame.commandPool = std::move(commands.commandPool);
    frame.commandBuffer = commands.commandBuffer;
    frame.submitted = std::move(commands.submitted);

    frame.uniforms =
        createHostBuffer(context_, sizeof(FrameUniforms), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT);
    frame.instances = createHostBuffer(context_,
                                       sizeof(PrimitiveInstance) * config_.maxPrimitives,
                                       VK_BUFFER_USAGE_VERTEX_BUFFER_BIT);

    const VkDescriptorSetLayout setLayout = setLayout_.get();
    VkDescriptorSetAllocateInfo setAllocate{};
    setAllocate.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
    setAllocate.descriptorPool = descriptorPool_.get();
    setAllocate.descriptorSetCount = 1;
    setAllocate.pSetLayouts = &setLayout;
    VK_CHECK(vkAllocateDescriptorSets(device, &setAllocate, &frame.descriptorSet));

    const VkDescriptorBufferInfo bufferInfo{frame.uniforms.buffer.get(), 0, sizeof(FrameUniforms)};
    VkWriteDescriptorSet write{};
    write.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
    write.dstSet = frame.descriptorSet;
    write.dstBinding = 0;
    write.descriptorCount = 1;
    write.descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;
    write.pBufferInfo = &bufferInfo;
    vkUpdateDescriptorSets(device, 1, &write, 0, nullptr);
  }
}

uint32_t StereoRenderer::addTarget(VkImage colourImage) {
  Target target;
  target.image = colourImage;
  const uint32_t passes = multiview_ ? 1 : kViewCount;
  for (uint32_t pass = 0; pass < passes; ++pass) {
    target.views.push_back(createArrayView(context_.device, colourImage, config_.colourFormat,
                                           multiview_ ? kViewCount : 1, VK_IMAGE_ASPECT_COLOR_BIT,
                                           pass));
  }
  createFramebuffers(target);

  for (uint32_t i = 0; i < targets_.size(); ++i) {
    if (targets_[i].image == VK_NULL_HANDLE) {
      targets_[i] = std::move(target);
      return i;
    }
  }
  targets_.push_back(std::move(target));
  return static_cast<uint32_t>(targets_.size() - 1);
}

void StereoRenderer::createFramebuffers(Target& target) {
  target.framebuffers.clear();
  const bool msaa = config_.samples != VK_SAMPLE_COUNT_1_BIT;
  for (const UniqueImageView& view : target.views) {
    const VkImageView colourView = view.get();
    const VkImageView msaaView = msaaColour_.view.get();
    const VkImageView depthView = depth_.view.get();
    std::vector<VkImageView> attachments;
    if (resolveByCommand_) {
      attachments = {msaaView, depthView};
    } else if (msaa) {
      attachments = {msaaView, depthView, colourView};
    } else {
      attachments = {colourView, depthView};
    }
    VkFramebufferCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO;
    info.renderPass = renderPass_.get();
    info.attachmentCount = static_cast<uint32_t>(attachments.size());
    info.pAttachments = attachments.data();
    info.width = config_.extentPx.width;
    info.height = config_.extentPx.height;
    info.layers = 1;  // with multiview the view mask, not the framebuffer, selects the layers
    VkFramebuffer framebuffer = VK_NULL_HANDLE;
    VK_CHECK(vkCreateFramebuffer(context_.device, &info, nullptr, &framebuffer));
    target.framebuffers.emplace_back(context_.device, framebuffer);
  }
}

void StereoRenderer::setRenderExtent(VkExtent2D extentPx) {
  renderExtentPx_ = {std::clamp(extentPx.width, 1u, config_.extentPx.width),
                     std::clamp(extentPx.height, 1u, config_.extentPx.height)};
}

StereoRenderer::SampleVariant StereoRenderer::takeVariant() {
  SampleVariant v;
  v.resolveByCommand = resolveByCommand_;
  v.renderPass = std::move(renderPass_);
  v.msaaColour = std::move(msaaColour_);
  v.depth = std::move(depth_);
  v.boxPipeline = std::move(boxPipeline_);
  v.opaquePipeline = std::move(opaquePipeline_);
  v.translucentPipeline = std::move(translucentPipeline_);
  v.quadPipeline = std::move(quadPipeline_);
  v.quadTranslucentPipeline = std::move(quadTranslucentPipeline_);
  return v;
}

void StereoRenderer::restoreVariant(SampleVariant&& v) {
  resolveByCommand_ = v.resolveByCommand;
  renderPass_ = std::move(v.renderPass);
  msaaColour_ = std::move(v.msaaColour);
  depth_ = std::move(v.depth);
  boxPipeline_ = std::move(v.boxPipeline);
  opaquePipeline_ = std::move(v.opaquePipeline);
  translucentPipeline_ = std::move(v.translucentPipeline);
  quadPipeline_ = std::move(v.quadPipeline);
  quadTranslucentPipeline_ = std::move(v.quadTranslucentPipeline);
}

VkSampleCountFlags StereoRenderer::supportedSampleCounts() const {
  VkPhysicalDeviceProperties properties{};
  vkGetPhysicalDeviceProperties(context_.physicalDevice, &properties);
  return properties.limits.framebufferColorSampleCounts & properties.limits.framebufferDepthSampleCounts;
}

void StereoRenderer::setSamples(VkSampleCountFlagBits samples) {
  if (samples == config_.samples) return;
  if ((supportedSampleCounts() & samples) == 0) {
    throw std::runtime_error("MSAA sample count " + std::to_string(samples) +
                             " is not supported for colour and depth on this device");
  }
  // The frames in flight still use the current pass, attachments and framebuffers.
  waitIdle();
  if (recorded_) throw std::logic_error("setSamples between recordFrame and submitFrame");
  spareVariants_[config_.samples] = takeVariant();
  config_.samples = samples;
  if (auto spare = spareVariants_.find(samples); spare != spareVariants_.end()) {
    restoreVariant(std::move(spare->second));
    spareVariants_.erase(spare);
  } else {
    resolveByCommand_ = !multiview_ && samples != VK_SAMPLE_COUNT_1_BIT;
    createRenderPass();
    createAttachments();
    createPipelines();
  }
  for (Target& target : targets_) {
    if (target.image != VK_NULL_HANDLE) createFramebuffers(target);
  }
}

void StereoRenderer::createTimestampQueries() {
  uint32_t familyCount = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(context_.physicalDevice, &familyCount, nullptr);
  std::vector<VkQueueFamilyProperties> families(familyCount);
  vkGetPhysicalDeviceQueueFamilyProperties(context_.physicalDevice, &familyCount, families.data());
  const uint32_t validBits =
      context_.queueFamilyIndex < familyCount ? families[context_.queueFamilyIndex].timestampValidBits : 0;
  if (validBits == 0) return;  // the frame time then stays unknown; callers fall back on the CPU clock
  VkPhysicalDeviceProperties properties{};
  vkGetPhysicalDeviceProperties(context_.physicalDevice, &properties);
  timestampMask_ = validBits >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << validBits) - 1;
  timestampPeriodNs_ = properties.limits.timestampPeriod;
  VkQueryPoolCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO;
  info.queryType = VK_QUERY_TYPE_TIMESTAMP;
  info.queryCount = 2 * kFramesInFlight;
  VkQueryPool pool = VK_NULL_HANDLE;
  VK_CHECK(vkCreateQueryPool(context_.device, &info, nullptr, &pool));
  timestampPool_ = UniqueQueryPool(context_.device, pool);
  for (FrameData& frame : frames_) {
    frame.timestamps = createHostBuffer(context_, 2 * sizeof(std::uint64_t), VK_BUFFER_USAGE_TRANSFER_DST_BIT);
  }
}

// Called once the slot's fence has signalled: its command buffer's copy of the timestamps is done.
void StereoRenderer::readTimestamps(uint32_t slot) {
  FrameData& frame = frames_[slot];
  if (!frame.timing || !timestampPool_) return;
  std::uint64_t ticks[2]{};
  std::memcpy(ticks, frame.timestamps.mapped, sizeof ticks);
  const std::uint64_t elapsed = ((ticks[1] & timestampMask_) - (ticks[0] & timestampMask_)) & timestampMask_;
  GpuFrameTime t = *frame.timing;
  t.gpuS = static_cast<double>(elapsed) * timestampPeriodNs_ * 1e-9;
  lastGpuTime_ = t;
  frame.timing.reset();
}

void StereoRenderer::removeTarget(uint32_t target) {
  if (target >= targets_.size() || targets_[target].image == VK_NULL_HANDLE) {
    throw std::out_of_range("removeTarget: no target " + std::to_string(target));
  }
  waitIdle();
  targets_[target] = Target{};
}

uint32_t StereoRenderer::writeInstances(const Scene& scene, FrameData& frame) {
  auto* out = static_cast<PrimitiveInstance*>(frame.instances.mapped);
  const glm::vec3 eyeMidM = 0.5f * (scene.eyes[0].positionM + scene.eyes[1].positionM);
  uint32_t opaque = 0;
  uint32_t dropped = 0;
  translucent_.clear();

  auto add = [&](const glm::vec3& aM, const glm::vec3& bM, float radiusM, const glm::vec4& rgba, float radiusBM) {
    if (opaque + translucent_.size() >= config_.maxPrimitives) {
      ++dropped;
      return;
    }
    const PrimitiveInstance instance{glm::vec4(aM, radiusM), glm::vec4(bM, radiusBM > 0.0f ? radiusBM : radiusM), rgba};
    if (rgba.a >= 1.0f) {
      out[opaque++] = instance;
    } else if (rgba.a > 0.0f) {
      const glm::vec3 offset = 0.5f * (aM + bM) - eyeMidM;
      translucent_.push_back({glm::dot(offset, offset), instance});
    }
  };
  for (const CapsulePrimitive& c : scene.capsules) add(c.aM, c.bM, c.radiusM, c.rgba, c.radiusBM);
  for (const SpherePrimitive& s : scene.spheres) add(s.centreM, s.centreM, s.radiusM, s.rgba, 0.0f);

  // Back to front, so each translucent primitive blends over the ones behind it.
  std::sort(translucent_.begin(), translucent_.end(),
            [](const SortEntry& a, const SortEntry& b) { return a.distanceSquared > b.distanceSquared; });
  for (size_t i = 0; i < translucent_.size(); ++i) out[opaque + i] = translucent_[i].instance;

  stats_.opaquePrimitives = opaque;
  stats_.translucentPrimitives = static_cast<uint32_t>(translucent_.size());
  stats_.droppedPrimitives = dropped;
  return opaque;
}

VkCommandBuffer StereoRenderer::recordFrame(const Scene& scene, uint32_t target) {
  if (target >= targets_.size() || targets_[target].image == VK_NULL_HANDLE) {
    throw std::out_of_range("recordFrame: no target " + std::to_string(target));
  }
  FrameData& frame = frames_[frameSlot_];
  const VkFence fence = frame.submitted.get();
  VK_CHECK(vkWaitForFences(context_.device, 1, &fence, VK_TRUE, UINT64_MAX));
  readTimestamps(frameSlot_);
  VK_CHECK(vkResetCommandPool(context_.device, frame.commandPool.get(), 0));

  FrameUniforms uniforms{};
  for (uint32_t eye = 0; eye < kViewCount; ++eye) {
    uniforms.viewProjection[eye] = scene.eyes[eye].projection * scene.eyes[eye].view;
    uniforms.eyePositionM[eye] = glm::vec4(scene.eyes[eye].positionM, 1.0f);
  }
  uniforms.skyLinearRgb = toVec4(scene.lighting.skyLinearRgb);
  uniforms.groundLinearRgb = toVec4(scene.lighting.groundLinearRgb);
  const float keyLength = glm::length(scene.lighting.keyDirection);
  uniforms.keyTowardsLight =
      keyLength > 1e-6f ? toVec4(-scene.lighting.keyDirection / keyLength) : glm::vec4(0.0f);
  uniforms.keyLinearRgb = toVec4(scene.lighting.keyLinearRgb);
  std::memcpy(frame.uniforms.mapped, &uniforms, sizeof(uniforms));

  const uint32_t opaqueCount = writeInstances(scene, frame);
  const uint32_t translucentCount = stats_.translucentPrimitives;

  const glm::vec3 eyeMidM = 0.5f * (scene.eyes[0].positionM + scene.eyes[1].positionM);
  uint32_t opaqueQuads = 0;
  translucentQuads_.clear();
  for (uint32_t i = 0; i < scene.quads.size(); ++i) {
    const TexturedQuad& quad = scene.quads[i];
    if (quad.tintRgba.a >= 1.0f) {
      ++opaqueQuads;
    } else if (quad.tintRgba.a > 0.0f) {
      const glm::vec3 offset = quad.centreM - eyeMidM;
      translucentQuads_.emplace_back(glm::dot(offset, offset), i);
    }
  }
  std::sort(translucentQuads_.begin(), translucentQuads_.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  stats_.quads = opaqueQuads + static_cast<uint32_t>(translucentQuads_.size());

  const VkCommandBuffer cmd = frame.commandBuffer;
  VkCommandBufferBeginInfo begin{};
  begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VK_CHECK(vkBeginCommandBuffer(cmd, &begin));
  if (timestampPool_) {
    vkCmdResetQueryPool(cmd, timestampPool_.get(), 2 * frameSlot_, 2);
    vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, timestampPool_.get(), 2 * frameSlot_);
  }

  // The attachment is sRGB, so its clear value is given in linear light.
  auto linear = [](float c) {
    return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
  };
  VkClearValue clears[3]{};
  clears[0].color = {{linear(scene.clearRgba.r), linear(scene.clearRgba.g),
                      linear(scene.clearRgba.b), scene.clearRgba.a}};
  clears[1].depthStencil = {0.0f, 0};  // reversed Z: 0 is infinitely far
  VkRenderPassBeginInfo pass{};
  pass.sType = VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO;
  pass.renderPass = renderPass_.get();
  pass.renderArea = {{0, 0}, renderExtentPx_};
  pass.clearValueCount = config_.samples != VK_SAMPLE_COUNT_1_BIT ? 3u : 2u;
  pass.pClearValues = clears;
  // The whole field of view into the render extent: a smaller extent is a lower resolution.
  const VkViewport viewport{0.0f, 0.0f, static_cast<float>(renderExtentPx_.width),
                            static_cast<float>(renderExtentPx_.height), 0.0f, 1.0f};
  const VkRect2D scissor{{0, 0}, renderExtentPx_};

  // Floor and mat: slabs of the unit box whose top faces lie at their surfaces.
  DrawConstants floor{};
  if (scene.floor.visible) {
    constexpr float kFloorThicknessM = 0.02f;
    const float sideM = 2.0f * scene.floor.halfExtentM;
    floor.model = glm::scale(
        glm::translate(glm::mat4(1.0f), {0.0f, -0.5f * kFloorThicknessM, 0.0f}),
        {sideM, kFloorThicknessM, sideM});
    floor.rgba = scene.floor.rgba;
    floor.lineRgba = scene.floor.lineRgba;
    floor.lineSpacingM = scene.floor.lineSpacingM;
  }
  DrawConstants mat{};
  if (scene.mat.visible) {
    const ExerciseMat& m = scene.mat;
    glm::mat4 model = glm::translate(glm::mat4(1.0f),
                                     m.centreM + glm::vec3(0.0f, 0.5f * m.thicknessM, 0.0f));
    model = glm::rotate(model, m.yawRad, {0.0f, 1.0f, 0.0f});
    mat.model = glm::scale(model, {m.sizeM.x, m.thicknessM, m.sizeM.y});
    mat.rgba = m.rgba;
  }

  const Target& destination = targets_[target];
  const uint32_t passes = static_cast<uint32_t>(destination.framebuffers.size());
  uint32_t draws = 0;
  for (uint32_t passIndex = 0; passIndex < passes; ++passIndex) {
    pass.framebuffer = destination.framebuffers[passIndex].get();
    vkCmdBeginRenderPass(cmd, &pass, VK_SUBPASS_CONTENTS_INLINE);
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    vkCmdSetScissor(cmd, 0, 1, &scissor);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelineLayout_.get(), 0, 1,
                            &frame.descriptorSet, 0, nullptr);
    const uint32_t viewOffset = multiview_ ? 0 : passIndex;

    const VkDeviceSize zero = 0;
    const VkBuffer boxVertices = box_.vertices.buffer.get();
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, boxPipeline_.get());
    vkCmdBindVertexBuffers(cmd, 0, 1, &boxVertices, &zero);
    vkCmdBindIndexBuffer(cmd, box_.indices.buffer.get(), 0, VK_INDEX_TYPE_UINT16);
    auto drawBox = [&](DrawConstants& constants) {
      constants.viewOffset = viewOffset;
      vkCmdPushConstants(cmd, pipelineLayout_.get(), kPushStages, 0, sizeof(DrawConstants),
                         &constants);
      vkCmdDrawIndexed(cmd, box_.indexCount, 1, 0, 0, 0);
      ++draws;
    };
    if (scene.floor.visible) drawBox(floor);
    if (scene.mat.visible) drawBox(mat);

    // The instanced capsules and spheres. The primitive shaders read only viewOffset of the push
    // block; the rest keeps the last box's values. Set 0 and the push range are shared with the
    // quad layout, so they stay bound across the quad draws.
    auto drawPrimitives = [&](VkPipeline pipeline, uint32_t count, uint32_t firstInstance) {
      vkCmdPushConstants(cmd, pipelineLayout_.get(), kPushStages,
                         offsetof(DrawConstants, viewOffset), sizeof(uint32_t), &viewOffset);
      const VkBuffer buffers[] = {capsule_.vertices.buffer.get(), frame.instances.buffer.get()};
      const VkDeviceSize offsets[] = {0, 0};
      vkCmdBindVertexBuffers(cmd, 0, 2, buffers, offsets);
      vkCmdBindIndexBuffer(cmd, capsule_.indices.buffer.get(), 0, VK_INDEX_TYPE_UINT16);
      vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline);
      vkCmdDrawIndexed(cmd, capsule_.indexCount, count, 0, 0, firstInstance);
      ++draws;
    };
    if (opaqueCount > 0) drawPrimitives(opaquePipeline_.get(), opaqueCount, 0);
    // Opaque quads (panels) before anything blended, so translucent figures blend over them.
    if (opaqueQuads > 0) {
      recordQuads(cmd, scene, false, viewOffset);
      draws += opaqueQuads;
    }
    if (translucentCount > 0) drawPrimitives(translucentPipeline_.get(), translucentCount, opaqueCount);
    // Translucent quads last: mirror glass lies in front of the reflection it covers.
    if (!translucentQuads_.empty()) {
      recordQuads(cmd, scene, true, viewOffset);
      draws += static_cast<uint32_t>(translucentQuads_.size());
    }
    vkCmdEndRenderPass(cmd);
    if (resolveByCommand_) recordResolve(cmd, destination.image, passIndex);
  }
  if (timestampPool_) {
    vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, timestampPool_.get(), 2 * frameSlot_ + 1);
    vkCmdCopyQueryPoolResults(cmd, timestampPool_.get(), 2 * frameSlot_, 2, frame.timestamps.buffer.get(), 0,
                              sizeof(std::uint64_t), VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT);
    // The host reads the copy after the fence: make the transfer's write visible to it.
    Barriers().memory(VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_HOST_BIT,
                      VK_ACCESS_HOST_READ_BIT).record(cmd);
  }
  VK_CHECK(vkEndCommandBuffer(cmd));
  stats_.drawCalls = draws;
  recorded_ = true;
  return cmd;
}

void StereoRenderer::recordResolve(VkCommandBuffer cmd, VkImage targetImage, uint32_t layer) {
  // The layer's previous contents are discarded: the resolve writes the render extent, the only
  // part of the layer shown. The render pass's final transition of the samples to
  // TRANSFER_SRC happens-before the colour-output stage this waits for, and the samples' writes
  // are made visible to the resolve's reads.
  const ImageUse resolvedLayerBefore{VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, 0,
                                     VK_IMAGE_LAYOUT_UNDEFINED};
  Barriers()
      .image(targetImage, imageLayers(layer, 1), resolvedLayerBefore,
             image_use::kTransferDestination)
      .memory(VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT,
              VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_READ_BIT)
      .record(cmd);

  VkImageResolve region{};
  region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, layer, 1};
  region.extent = {renderExtentPx_.width, renderExtentPx_.height, 1};
  vkCmdResolveImage(cmd, msaaColour_.image.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                    targetImage, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);

  transitionImage(cmd, targetImage, imageLayers(layer, 1), image_use::kTransferDestination,
                  image_use::kColourAttachment);
}

void StereoRenderer::submitFrame() {
  if (!recorded_) throw std::logic_error("submitFrame without recordFrame");
  FrameData& frame = frames_[frameSlot_];
  const VkFence fence = frame.submitted.get();
  VK_CHECK(vkResetFences(context_.device, 1, &fence));
  VkSubmitInfo submit{};
  submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &frame.commandBuffer;
  VK_CHECK(vkQueueSubmit(context_.queue, 1, &submit, fence));
  ++framesSubmitted_;
  if (timestampPool_) frame.timing = GpuFrameTime{framesSubmitted_, 0.0, renderExtentPx_, config_.samples};
  recorded_ = false;
  frameSlot_ = (frameSlot_ + 1) % kFramesInFlight;
}

void StereoRenderer::waitIdle() {
  std::array<VkFence, kFramesInFlight> fences{};
  for (uint32_t i = 0; i < kFramesInFlight; ++i) fences[i] = frames_[i].submitted.get();
  if (fences[0] == VK_NULL_HANDLE) return;  // construction did not get that far
  VK_CHECK(vkWaitForFences(context_.device, kFramesInFlight, fences.data(), VK_TRUE, UINT64_MAX));
}

}  // namespace lumbo::render
