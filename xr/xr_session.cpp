// Session lifecycle, spaces, swapchains and frame submission.
#include "xr/xr_session.h"

#include <algorithm>
#include <stdexcept>

#include "xr/xr_error.h"

namespace lumbo::xr {

namespace {
constexpr XrPosef kIdentity{{0, 0, 0, 1}, {0, 0, 0}};
}

XrSessionLoop::XrSessionLoop(const XrRuntime& runtime) : runtime_(runtime) {
  const VulkanDevice& vk = runtime.vulkan();
  XrGraphicsBindingVulkan2KHR binding{XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR};
  binding.instance = vk.instance;
  binding.physicalDevice = vk.physicalDevice;
  binding.device = vk.device;
  binding.queueFamilyIndex = vk.queueFamilyIndex;
  binding.queueIndex = 0;
  XrSessionCreateInfo info{XR_TYPE_SESSION_CREATE_INFO};
  info.next = &binding;
  info.systemId = runtime.system();
  XR_CHECK(xrCreateSession(runtime.instance(), &info, session_.put()));

  uint32_t n = 0;
  XR_CHECK(xrEnumerateReferenceSpaces(session_.get(), 0, &n, nullptr));
  std::vector<XrReferenceSpaceType> spaces(n);
  XR_CHECK(xrEnumerateReferenceSpaces(session_.get(), n, &n, spaces.data()));
  stage_ = std::find(spaces.begin(), spaces.end(), XR_REFERENCE_SPACE_TYPE_STAGE) != spaces.end();
  XrReferenceSpaceCreateInfo spaceInfo{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
  spaceInfo.poseInReferenceSpace = kIdentity;
  // STAGE puts the floor at y = 0, which posture and the scene assume; LOCAL is the fallback
  // (its floor is then estimated at calibration from the eye height).
  spaceInfo.referenceSpaceType = stage_ ? XR_REFERENCE_SPACE_TYPE_STAGE : XR_REFERENCE_SPACE_TYPE_LOCAL;
  XR_CHECK(xrCreateReferenceSpace(session_.get(), &spaceInfo, base_.put()));
  spaceInfo.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_VIEW;
  XR_CHECK(xrCreateReferenceSpace(session_.get(), &spaceInfo, view_.put()));
}

XrSessionLoop::~XrSessionLoop() {
  // A session still running is ended before it is destroyed, as the specification asks.
  if (running_) xrEndSession(session_.get());
  colourSwapchain_.reset();
  view_.reset();
  base_.reset();
  session_.reset();
}

SessionEvent XrSessionLoop::pollEvents(std::vector<XrEventDataBuffer>* other) {
  SessionEvent result = SessionEvent::None;
  for (;;) {
    XrEventDataBuffer event{XR_TYPE_EVENT_DATA_BUFFER};
    const XrResult r = XR_CHECK(xrPollEvent(runtime_.instance(), &event));
    if (r == XR_EVENT_UNAVAILABLE) break;
    switch (event.type) {
      case XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED: {
        const auto& changed = reinterpret_cast<const XrEventDataSessionStateChanged&>(event);
        state_ = changed.state;
        if (state_ == XR_SESSION_STATE_READY) {
          XrSessionBeginInfo begin{XR_TYPE_SESSION_BEGIN_INFO};
          begin.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
          XR_CHECK(xrBeginSession(session_.get(), &begin));
          running_ = true;
          result = std::max(result, SessionEvent::Began);
        } else if (state_ == XR_SESSION_STATE_STOPPING) {
          XR_CHECK(xrEndSession(session_.get()));
          running_ = false;
          result = std::max(result, SessionEvent::Stopping);
        } else if (state_ == XR_SESSION_STATE_EXITING) {
          result = std::max(result, SessionEvent::ExitRequested);
        } else if (state_ == XR_SESSION_STATE_LOSS_PENDING) {
          result = std::max(result, SessionEvent::LossPending);
        }
        break;
      }
      case XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING:
        result = std::max(result, SessionEvent::InstanceLost);
        break;
      default:
        if (other) other->push_back(event);
        break;
    }
  }
  return result;
}

const SwapchainImages& XrSessionLoop::createColourSwapchain(XrExtent2Di sizePx) {
  if (sizePx.width <= 0 || sizePx.height <= 0) sizePx = runtime_.recommendedEyeSize();
  uint32_t n = 0;
  XR_CHECK(xrEnumerateSwapchainFormats(session_.get(), 0, &n, nullptr));
  std::vector<int64_t> formats(n);
  XR_CHECK(xrEnumerateSwapchainFormats(session_.get(), n, &n, formats.data()));
  // sRGB so that the renderer's sRGB-encoded colours arrive as authored.
  int64_t chosen = 0;
  for (int64_t want : {int64_t{VK_FORMAT_R8G8B8A8_SRGB}, int64_t{VK_FORMAT_B8G8R8A8_SRGB}}) {
    if (!chosen && std::find(formats.begin(), formats.end(), want) != formats.end()) chosen = want;
  }
  if (!chosen) throw std::runtime_error("the runtime offers no 8-bit sRGB swapchain format");

  XrSwapchainCreateInfo info{XR_TYPE_SWAPCHAIN_CREATE_INFO};
  info.usageFlags = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT;
  info.format = chosen;
  info.sampleCount = 1;
  info.width = static_cast<uint32_t>(sizePx.width);
  info.height = static_cast<uint32_t>(sizePx.height);
  info.faceCount = 1;
  info.arraySize = 2;
  info.mipCount = 1;
  XR_CHECK(xrCreateSwapchain(session_.get(), &info, colourSwapchain_.put()));
  XR_CHECK(xrEnumerateSwapchainImages(colourSwapchain_.get(), 0, &n, nullptr));
  std::vector<XrSwapchainImageVulkan2KHR> images(n, {XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR});
  XR_CHECK(xrEnumerateSwapchainImages(colourSwapchain_.get(), n, &n,
                                      reinterpret_cast<XrSwapchainImageBaseHeader*>(images.data())));
  colour_ = SwapchainImages{colourSwapchain_.get(), {}, chosen, sizePx};
  for (const auto& image : images) colour_.images.push_back(image.image);
  return colour_;
}

FrameInfo XrSessionLoop::beginFrame() {
  FrameInfo frame;
  XrFrameWaitInfo waitInfo{XR_TYPE_FRAME_WAIT_INFO};
  XrFrameState state{XR_TYPE_FRAME_STATE};
  XR_CHECK(xrWaitFrame(session_.get(), &waitInfo, &state));
  XrFrameBeginInfo beginInfo{XR_TYPE_FRAME_BEGIN_INFO};
  // XR_FRAME_DISCARDED (a success) only says the previous frame was dropped.
  XR_CHECK(xrBeginFrame(session_.get(), &beginInfo));
  frameBegun_ = true;
  frame.shouldRender = state.shouldRender == XR_TRUE;
  frame.predictedDisplayTime = state.predictedDisplayTime;
  frame.predictedDisplayPeriod = state.predictedDisplayPeriod;

  XrViewLocateInfo locate{XR_TYPE_VIEW_LOCATE_INFO};
  locate.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  locate.displayTime = state.predictedDisplayTime;
  locate.space = base_.get();
  XrViewState viewState{XR_TYPE_VIEW_STATE};
  std::array<XrView, 2> views{{{XR_TYPE_VIEW}, {XR_TYPE_VIEW}}};
  uint32_t count = 0;
  XR_CHECK(xrLocateViews(session_.get(), &locate, &viewState, 2, &count, views.data()));
  frame.viewsValid = (viewState.viewStateFlags & XR_VIEW_STATE_ORIENTATION_VALID_BIT) &&
                     (viewState.viewStateFlags & XR_VIEW_STATE_POSITION_VALID_BIT) && count == 2;
  for (uint32_t i = 0; i < 2; ++i) frame.eyes[i] = EyeView{views[i].pose, views[i].fov};
  return frame;
}

uint32_t XrSessionLoop::acquireColour() {
  XrSwapchainImageAcquireInfo acquire{XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO};
  uint32_t index = 0;
  XR_CHECK(xrAcquireSwapchainImage(colour_.swapchain, &acquire, &index));
  XrSwapchainImageWaitInfo wait{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
  wait.timeout = XR_INFINITE_DURATION;
  XR_CHECK(xrWaitSwapchainImage(colour_.swapchain, &wait));
  return index;
}

void XrSessionLoop::releaseColour() {
  XrSwapchainImageReleaseInfo release{XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO};
  XR_CHECK(xrReleaseSwapchainImage(colour_.swapchain, &release));
}

void XrSessionLoop::endFrame(const FrameInfo& frame, bool rendered, XrExtent2Di renderedPx) {
  if (!frameBegun_) return;
  frameBegun_ = false;
  XrCompositionLayerProjection layer{XR_TYPE_COMPOSITION_LAYER_PROJECTION};
  const XrCompositionLayerBaseHeader* layers[] = {reinterpret_cast<const XrCompositionLayerBaseHeader*>(&layer)};
  XrFrameEndInfo end{XR_TYPE_FRAME_END_INFO};
  end.displayTime = frame.predictedDisplayTime;
  end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  if (rendered && frame.viewsValid) {
    for (uint32_t i = 0; i < 2; ++i) {
      XrCompositionLayerProjectionView& v = projectionViews_[i];
      v = {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW};
      v.pose = frame.eyes[i].pose;
      v.fov = frame.eyes[i].fov;
      v.subImage.swapchain = colour_.swapchain;
      v.subImage.imageRect = {{0, 0}, renderedPx.width > 0 && renderedPx.height > 0 ? renderedPx : colour_.sizePx};
      v.subImage.imageArrayIndex = i;
    }
    layer.space = base_.get();
    layer.viewCount = 2;
    layer.views = projectionViews_.data();
    end.layerCount = 1;
    end.layers = layers;
  }
  XR_CHECK(xrEndFrame(session_.get(), &end));
  ++framesEnded_;
}

void XrSessionLoop::requestExit() {
  if (running_) XR_CHECK(xrRequestExitSession(session_.get()));
}

}  // namespace lumbo::xr
