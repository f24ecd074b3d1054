// Renders Dear ImGui draw data into a texture that scene quads show: the world-space UI panels.
#pragma once

#include <vulkan/vulkan.h>

#include <array>
#include <cstdint>

#include "render/gpu_memory.h"
#include "render/vk_handles.h"
#include "render/vulkan_context.h"

struct ImDrawData;

namespace lumbo::render {

// One canvas per ImGui context: Dear ImGui's Vulkan backend keeps its state in the current
// context, which must exist (with its fonts added) when the canvas is made, stay current while
// it renders, and outlive it. Several panels share one canvas: each is an ImGui window in its own
// rectangle of the canvas and a quad showing that rectangle (TexturedQuad::uvRect), so a frame
// needs one ImGui frame and one small render pass whatever the number of panels.
//
// The image is R8G8B8A8_UNORM holding ImGui's sRGB-authored colours as they are; the quad
// shader decodes them. render() leaves it in SHADER_READ_ONLY_OPTIMAL, and its render pass
// orders the write after earlier submissions' fragment-shader reads and before later ones', so
// the caller submits render() (or submit()) and then the stereo frame on the same queue, nothing
// else.
// What the canvas is drawn for: a texture scene quads sample (transparent where no panel is), or
// the whole picture of a desktop window, which WindowPresenter copies out of it (opaque, left in
// COLOR_ATTACHMENT_OPTIMAL as present() expects).
enum class CanvasUse { PanelTexture, WindowImage };

class ImGuiCanvas {
 public:
  static constexpr VkFormat kFormat = VK_FORMAT_R8G8B8A8_UNORM;

  ImGuiCanvas(const VulkanContext& context, VkExtent2D extentPx, CanvasUse use = CanvasUse::PanelTexture);
  ~ImGuiCanvas();
  ImGuiCanvas(const ImGuiCanvas&) = delete;
  ImGuiCanvas& operator=(const ImGuiCanvas&) = delete;

  VkImageView view() const { return image_.view.get(); }  // for StereoRenderer::addTexture
  VkImage image() const { return image_.image.get(); }     // for WindowPresenter::present
  VkExtent2D extentPx() const { return extentPx_; }

  // Records and submits the drawing of `drawData` (cleared to transparent first), waiting for
  // this frame slot's previous submission. The draw data's display size should be extentPx.
  void render(ImDrawData* drawData) {
    record(drawData);
    submit();
  }
  // render() in two steps, for a frame loop that submits all of a frame's GPU work together once
  // the frame is built: on a CPU driver (lavapipe) a submission starts rasteriser threads at once,
  // and drawn mid-frame they would take the cores from the rest of the frame's work. A record()
  // with an earlier recording still unsubmitted submits that one first, so no drawing is lost.
  void record(ImDrawData* drawData);
  // Submits what record() recorded, if anything; before the stereo frame that samples the canvas.
  void submit();
  bool recorded() const { return recorded_; }
  // A window image's background, behind everything ImGui draws (linear 0-1 of the sRGB bytes).
  void setClearColour(float r, float g, float b) { clear_ = {{r, g, b, 1.0f}}; }
  // Blocks until every submitted canvas frame has finished.
  void waitIdle();

 private:
  static constexpr uint32_t kFramesInFlight = 2;
  struct FrameData {
    UniqueCommandPool commandPool;
    VkCommandBuffer commandBuffer = VK_NULL_HANDLE;
    UniqueFence submitted;
  };

  VulkanContext context_;
  VkExtent2D extentPx_;
  VkClearColorValue clear_{};  // transparent: only the panels' windows show on their quads
  DeviceImage image_;
  UniqueRenderPass renderPass_;
  UniqueFramebuffer framebuffer_;
  UniqueDescriptorPool descriptorPool_;  // the backend's font texture set
  std::array<FrameData, kFramesInFlight> frames_;
  uint32_t frameSlot_ = 0;
  bool recorded_ = false;  // frames_[frameSlot_] holds a recording not yet submitted
  bool backendReady_ = false;
};

}  // namespace lumbo::render
