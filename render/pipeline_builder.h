// Graphics pipelines, their layouts and shader modules, made from a few choices (shaders, vertex
// input, culling, depth, blending, samples) over the fixed state every Lumbo pipeline shares.
#pragma once

#include <vulkan/vulkan.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <vector>

#include "render/vk_handles.h"

namespace lumbo::render {

// A shader module from SPIR-V words (the build's .spv.inc arrays).
UniqueShaderModule createShaderModule(VkDevice device, std::span<const uint32_t> spirv);

// A set layout of one binding (binding 0) holding one descriptor of `type`.
UniqueDescriptorSetLayout createSingleBindingSetLayout(VkDevice device, VkDescriptorType type,
                                                       VkShaderStageFlags stages);

// A pipeline layout of `setLayouts` (set 0 first) and one push-constant range.
UniquePipelineLayout createPipelineLayout(VkDevice device,
                                          std::initializer_list<VkDescriptorSetLayout> setLayouts,
                                          const VkPushConstantRange& pushRange);

// Builds graphics pipelines for one subpass of a render pass. Fixed for all of them: triangle
// lists, filled polygons, viewport and scissor set when recording (one of each), one colour
// attachment. Multiview needs nothing here: the render pass's view mask selects the views. The
// builder keeps its choices between build() calls, so related pipelines change only what differs.
class PipelineBuilder {
 public:
  PipelineBuilder(VkDevice device, VkRenderPass renderPass, VkPipelineLayout layout,
                  uint32_t subpass = 0);

  PipelineBuilder& layout(VkPipelineLayout layout);
  // Entry points are "main".
  PipelineBuilder& shaders(VkShaderModule vertex, VkShaderModule fragment);
  // Copied, so the arrays need not outlive the call. Empty: vertices made in the shader.
  PipelineBuilder& vertexInput(std::span<const VkVertexInputBindingDescription> bindings,
                               std::span<const VkVertexInputAttributeDescription> attributes);
  PipelineBuilder& cull(VkCullModeFlags mode, VkFrontFace front = VK_FRONT_FACE_COUNTER_CLOCKWISE);
  PipelineBuilder& samples(VkSampleCountFlagBits samples);
  PipelineBuilder& depth(bool test, bool write, VkCompareOp compare);
  PipelineBuilder& depthWrite(bool write);
  // Off: the fragment replaces what is there. On: "over" blending by the fragment's alpha
  // (colour src·a + dst·(1−a); alpha a + dst·(1−a)).
  PipelineBuilder& alphaBlend(bool enabled);

  UniquePipeline build() const;

 private:
  VkDevice device_;
  VkRenderPass renderPass_;
  VkPipelineLayout layout_;
  uint32_t subpass_;
  VkShaderModule vertex_ = VK_NULL_HANDLE;
  VkShaderModule fragment_ = VK_NULL_HANDLE;
  std::vector<VkVertexInputBindingDescription> bindings_;
  std::vector<VkVertexInputAttributeDescription> attributes_;
  VkCullModeFlags cullMode_ = VK_CULL_MODE_NONE;
  VkFrontFace frontFace_ = VK_FRONT_FACE_COUNTER_CLOCKWISE;
  VkSampleCountFlagBits samples_ = VK_SAMPLE_COUNT_1_BIT;
  bool depthTest_ = false;
  bool depthWrite_ = false;
  VkCompareOp depthCompare_ = VK_COMPARE_OP_ALWAYS;
  bool alphaBlend_ = false;
};

}  // namespace lumbo::render
