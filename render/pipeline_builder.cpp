// PipelineBuilder's fixed and chosen state put together, and the small layout and module helpers.
#include "render/pipeline_builder.h"

#include <stdexcept>

#include "render/vk_check.h"

namespace lumbo::render {

UniqueShaderModule createShaderModule(VkDevice device, std::span<const uint32_t> spirv) {
  VkShaderModuleCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO;
  info.codeSize = spirv.size_bytes();
  info.pCode = spirv.data();
  VkShaderModule module = VK_NULL_HANDLE;
  VK_CHECK(vkCreateShaderModule(device, &info, nullptr, &module));
  return UniqueShaderModule(device, module);
}

UniqueDescriptorSetLayout createSingleBindingSetLayout(VkDevice device, VkDescriptorType type,
                                                       VkShaderStageFlags stages) {
  VkDescriptorSetLayoutBinding binding{};
  binding.binding = 0;
  binding.descriptorType = type;
  binding.descriptorCount = 1;
  binding.stageFlags = stages;
  VkDescriptorSetLayoutCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
  info.bindingCount = 1;
  info.pBindings = &binding;
  VkDescriptorSetLayout layout = VK_NULL_HANDLE;
  VK_CHECK(vkCreateDescriptorSetLayout(device, &info, nullptr, &layout));
  return UniqueDescriptorSetLayout(device, layout);
}

UniquePipelineLayout createPipelineLayout(VkDevice device,
                                          std::initializer_list<VkDescriptorSetLayout> setLayouts,
                                          const VkPushConstantRange& pushRange) {
  VkPipelineLayoutCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
  info.setLayoutCount = static_cast<uint32_t>(setLayouts.size());
  info.pSetLayouts = setLayouts.begin();
  info.pushConstantRangeCount = 1;
  info.pPushConstantRanges = &pushRange;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  VK_CHECK(vkCreatePipelineLayout(device, &info, nullptr, &layout));
  return UniquePipelineLayout(device, layout);
}

PipelineBuilder::PipelineBuilder(VkDevice device, VkRenderPass renderPass,
                                 VkPipelineLayout layout, uint32_t subpass)
    : device_(device), renderPass_(renderPass), layout_(layout), subpass_(subpass) {}

PipelineBuilder& PipelineBuilder::layout(VkPipelineLayout layout) {
  layout_ = layout;
  return *this;
}

PipelineBuilder& PipelineBuilder::shaders(VkShaderModule vertex, VkShaderModule fragment) {
  vertex_ = vertex;
  fragment_ = fragment;
  return *this;
}

PipelineBuilder& PipelineBuilder::vertexInput(
    std::span<const VkVertexInputBindingDescription> bindings,
    std::span<const VkVertexInputAttributeDescription> attributes) {
  bindings_.assign(bindings.begin(), bindings.end());
  attributes_.assign(attributes.begin(), attributes.end());
  return *this;
}

PipelineBuilder& PipelineBuilder::cull(VkCullModeFlags mode, VkFrontFace front) {
  cullMode_ = mode;
  frontFace_ = front;
  return *this;
}

PipelineBuilder& PipelineBuilder::samples(VkSampleCountFlagBits samples) {
  samples_ = samples;
  return *this;
}

PipelineBuilder& PipelineBuilder::depth(bool test, bool write, VkCompareOp compare) {
  depthTest_ = test;
  depthWrite_ = write;
  depthCompare_ = compare;
  return *this;
}

PipelineBuilder& PipelineBuilder::depthWrite(bool write) {
  depthWrite_ = write;
  return *this;
}

PipelineBuilder& PipelineBuilder::alphaBlend(bool enabled) {
  alphaBlend_ = enabled;
  return *this;
}

UniquePipeline PipelineBuilder::build() const {
  if (vertex_ == VK_NULL_HANDLE || fragment_ == VK_NULL_HANDLE) {
    throw std::logic_error("PipelineBuilder::build without shaders");
  }
  VkPipelineShaderStageCreateInfo stages[2]{};
  stages[0].sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
  stages[0].module = vertex_;
  stages[0].pName = "main";
  stages[1].sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
  stages[1].module = fragment_;
  stages[1].pName = "main";

  VkPipelineVertexInputStateCreateInfo vertexInput{};
  vertexInput.sType = VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO;
  vertexInput.vertexBindingDescriptionCount = static_cast<uint32_t>(bindings_.size());
  vertexInput.pVertexBindingDescriptions = bindings_.data();
  vertexInput.vertexAttributeDescriptionCount = static_cast<uint32_t>(attributes_.size());
  vertexInput.pVertexAttributeDescriptions = attributes_.data();

  VkPipelineInputAssemblyStateCreateInfo inputAssembly{};
  inputAssembly.sType = VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO;
  inputAssembly.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;

  VkPipelineViewportStateCreateInfo viewport{};
  viewport.sType = VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO;
  viewport.viewportCount = 1;
  viewport.scissorCount = 1;

  VkPipelineRasterizationStateCreateInfo raster{};
  raster.sType = VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO;
  raster.polygonMode = VK_POLYGON_MODE_FILL;
  raster.cullMode = cullMode_;
  raster.frontFace = frontFace_;
  raster.lineWidth = 1.0f;

  VkPipelineMultisampleStateCreateInfo multisample{};
  multisample.sType = VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO;
  multisample.rasterizationSamples = samples_;

  VkPipelineDepthStencilStateCreateInfo depthState{};
  depthState.sType = VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO;
  depthState.depthTestEnable = depthTest_ ? VK_TRUE : VK_FALSE;
  depthState.depthWriteEnable = depthWrite_ ? VK_TRUE : VK_FALSE;
  depthState.depthCompareOp = depthCompare_;

  VkPipelineColorBlendAttachmentState blend{};
  blend.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT |
                         VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
  if (alphaBlend_) {
    blend.blendEnable = VK_TRUE;
    blend.srcColorBlendFactor = VK_BLEND_FACTOR_SRC_ALPHA;
    blend.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    blend.colorBlendOp = VK_BLEND_OP_ADD;
    blend.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
    blend.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    blend.alphaBlendOp = VK_BLEND_OP_ADD;
  }
  VkPipelineColorBlendStateCreateInfo blendState{};
  blendState.sType = VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO;
  blendState.attachmentCount = 1;
  blendState.pAttachments = &blend;

  const VkDynamicState dynamicStates[] = {VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
  VkPipelineDynamicStateCreateInfo dynamic{};
  dynamic.sType = VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO;
  dynamic.dynamicStateCount = 2;
  dynamic.pDynamicStates = dynamicStates;

  VkGraphicsPipelineCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO;
  info.stageCount = 2;
  info.pStages = stages;
  info.pVertexInputState = &vertexInput;
  info.pInputAssemblyState = &inputAssembly;
  info.pViewportState = &viewport;
  info.pRasterizationState = &raster;
  info.pMultisampleState = &multisample;
  info.pDepthStencilState = &depthState;
  info.pColorBlendState = &blendState;
  info.pDynamicState = &dynamic;
  info.layout = layout_;
  info.renderPass = renderPass_;
  info.subpass = subpass_;
  VkPipeline pipeline = VK_NULL_HANDLE;
  VK_CHECK(vkCreateGraphicsPipelines(device_, VK_NULL_HANDLE, 1, &info, nullptr, &pipeline));
  return UniquePipeline(device_, pipeline);
}

}  // namespace lumbo::render
