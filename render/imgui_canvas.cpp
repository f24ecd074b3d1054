// ImGuiCanvas: the canvas image, its render pass, the ImGui Vulkan backend's set-up and font upload.
#include "render/imgui_canvas.h"

#include <imgui.h>
#include <imgui_impl_vulkan.h>

#include <stdexcept>

#include "render/frame_commands.h"
#include "render/one_time_commands.h"
#include "render/vk_check.h"

namespace lumbo::render {

namespace {

void checkBackendResult(VkResult result) {
  if (result != VK_SUCCESS) throw VulkanError("ImGui Vulkan backend", result, __FILE__, __LINE__);
}

}  // namespace

ImGuiCanvas::ImGuiCanvas(const VulkanContext& context, VkExtent2D extentPx, CanvasUse use)
    : context_(context), extentPx_(extentPx) {
  const bool window = use == CanvasUse::WindowImage;
  if (ImGui::GetCurrentContext() == nullptr) {
    throw std::logic_error("ImGuiCanvas needs a current ImGui context");
  }
  const VkDevice device = context_.device;
  image_ = createDeviceImage(context_, {kFormat, extentPx_, 1, VK_SAMPLE_COUNT_1_BIT,
                                        VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT |
                                            VK_IMAGE_USAGE_SAMPLED_BIT |
                                            // A window image is copied out of, and may have pictures copied in (a tab's 3D view).
                                            (window ? VkImageUsageFlags{VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT}
                                                    : VkImageUsageFlags{0}),
                                        VK_IMAGE_ASPECT_COLOR_BIT});

  VkAttachmentDescription colour{};
  colour.format = kFormat;
  colour.samples = VK_SAMPLE_COUNT_1_BIT;
  colour.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  colour.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  colour.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  colour.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  colour.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  colour.finalLayout = window ? VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL : VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
  const VkAttachmentReference colourRef{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
  VkSubpassDescription subpass{};
  subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
  subpass.colorAttachmentCount = 1;
  subpass.pColorAttachments = &colourRef;
  // In: the previous stereo frame's sampling of the canvas finishes before it is overwritten.
  // Out: this frame's writes are visible to the stereo frame's fragment shader that follows.
  // A window image is read by the presenter's copy instead, whose own barriers order it.
  VkSubpassDependency dependencies[2]{};
  dependencies[0].srcSubpass = VK_SUBPASS_EXTERNAL;
  dependencies[0].dstSubpass = 0;
  dependencies[0].srcStageMask = window ? VK_PIPELINE_STAGE_TRANSFER_BIT : VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT;
  dependencies[0].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  dependencies[0].srcAccessMask = 0;
  dependencies[0].dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  dependencies[1].srcSubpass = 0;
  dependencies[1].dstSubpass = VK_SUBPASS_EXTERNAL;
  dependencies[1].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  dependencies[1].dstStageMask = window ? VK_PIPELINE_STAGE_TRANSFER_BIT : VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT;
  dependencies[1].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  dependencies[1].dstAccessMask = window ? VK_ACCESS_TRANSFER_READ_BIT : VK_ACCESS_SHADER_READ_BIT;
  VkRenderPassCreateInfo passInfo{};
  passInfo.sType = VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO;
  passInfo.attachmentCount = 1;
  passInfo.pAttachments = &colour;
  passInfo.subpassCount = 1;
  passInfo.pSubpasses = &subpass;
  passInfo.dependencyCount = 2;
  passInfo.pDependencies = dependencies;
  VkRenderPass renderPass = VK_NULL_HANDLE;
  VK_CHECK(vkCreateRenderPass(device, &passInfo, nullptr, &renderPass));
  renderPass_ = UniqueRenderPass(device, renderPass);

  const VkImageView view = image_.view.get();
  VkFramebufferCreateInfo framebufferInfo{};
  framebufferInfo.sType = VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO;
  framebufferInfo.renderPass = renderPass;
  framebufferInfo.attachmentCount = 1;
  framebufferInfo.pAttachments = &view;
  framebufferInfo.width = extentPx_.width;
  framebufferInfo.height = extentPx_.height;
  framebufferInfo.layers = 1;
  VkFramebuffer framebuffer = VK_NULL_HANDLE;
  VK_CHECK(vkCreateFramebuffer(device, &framebufferInfo, nullptr, &framebuffer));
  framebuffer_ = UniqueFramebuffer(device, framebuffer);

  descriptorPool_ = createDescriptorPool(device, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1);

  for (FrameData& frame : frames_) {
    FrameCommands commands = createFrameCommands(context_);
    frame.commandPool = std::move(commands.commandPool);
    frame.commandBuffer = commands.commandBuffer;
    frame.submitted = std::move(commands.submitted);
  }

  // The backend's per-frame vertex buffers rotate with each RenderDrawData call; with as many
  // of them as our frames in flight, one is never rewritten while the GPU still reads it.
  ImGui_ImplVulkan_InitInfo init{};
  init.Instance = context_.instance;
  init.PhysicalDevice = context_.physicalDevice;
  init.Device = device;
  init.QueueFamily = context_.queueFamilyIndex;
  init.Queue = context_.queue;
  init.DescriptorPool = descriptorPool_.get();
  init.Subpass = 0;
  init.MinImageCount = kFramesInFlight;
  init.ImageCount = kFramesInFlight;
  init.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
  init.CheckVkResultFn = checkBackendResult;
  if (!ImGui_ImplVulkan_Init(&init, renderPass)) {
    throw std::runtime_error("ImGui_ImplVulkan_Init failed");
  }
  backendReady_ = true;

  submitOnce(context_, [](VkCommandBuffer cmd) { ImGui_ImplVulkan_CreateFontsTexture(cmd); });
  ImGui_ImplVulkan_DestroyFontUploadObjects();
}

ImGuiCanvas::~ImGuiCanvas() {
  try {
    waitIdle();
  } catch (...) {
    // A lost device cannot be waited on; releasing the objects is what remains to do.
  }
  if (backendReady_) ImGui_ImplVulkan_Shutdown();
}

void ImGuiCanvas::record(ImDrawData* drawData) {
  if (recorded_) submit();
  FrameData& frame = frames_[frameSlot_];
  const VkFence fence = frame.submitted.get();
  VK_CHECK(vkWaitForFences(context_.device, 1, &fence, VK_TRUE, UINT64_MAX));
  VK_CHECK(vkResetCommandPool(context_.device, frame.commandPool.get(), 0));
  const VkCommandBuffer cmd = frame.commandBuffer;
  VkCommandBufferBeginInfo begin{};
  begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VK_CHECK(vkBeginCommandBuffer(cmd, &begin));
  VkClearValue clear{};
  clear.color = clear_;
  VkRenderPassBeginInfo pass{};
  pass.sType = VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO;
  pass.renderPass = renderPass_.get();
  pass.framebuffer = framebuffer_.get();
  pass.renderArea = {{0, 0}, extentPx_};
  pass.clearValueCount = 1;
  pass.pClearValues = &clear;
  vkCmdBeginRenderPass(cmd, &pass, VK_SUBPASS_CONTENTS_INLINE);
  if (drawData != nullptr) ImGui_ImplVulkan_RenderDrawData(drawData, cmd);
  vkCmdEndRenderPass(cmd);
  VK_CHECK(vkEndCommandBuffer(cmd));
  recorded_ = true;
}

void ImGuiCanvas::submit() {
  if (!recorded_) return;
  FrameData& frame = frames_[frameSlot_];
  const VkFence fence = frame.submitted.get();
  VK_CHECK(vkResetFences(context_.device, 1, &fence));
  VkSubmitInfo submit{};
  submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &frame.commandBuffer;
  VK_CHECK(vkQueueSubmit(context_.queue, 1, &submit, fence));
  recorded_ = false;
  frameSlot_ = (frameSlot_ + 1) % kFramesInFlight;
}

void ImGuiCanvas::waitIdle() {
  std::array<VkFence, kFramesInFlight> fences{};
  for (uint32_t i = 0; i < kFramesInFlight; ++i) fences[i] = frames_[i].submitted.get();
  if (fences[0] == VK_NULL_HANDLE || fences[1] == VK_NULL_HANDLE) return;
  VK_CHECK(vkWaitForFences(context_.device, kFramesInFlight, fences.data(), VK_TRUE, UINT64_MAX));
}

}  // namespace lumbo::render
