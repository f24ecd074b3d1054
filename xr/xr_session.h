// The OpenXR session: its state machine, reference spaces, stereo swapchains and the frame loop.
// Every state transition is handled, including loss and exit requests, and xrEndFrame follows
// every xrBeginFrame, whatever happens in between.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "xr/xr_handles.h"
#include "xr/xr_runtime.h"

namespace lumbo::xr {

// What the application should do after the events of this frame were handled.
enum class SessionEvent {
  None,
  Began,           // the session started running (READY handled)
  Stopping,        // the runtime asked to stop: the session was ended
  ExitRequested,   // EXITING: leave the frame loop
  LossPending,     // the runtime is being lost: save and leave; a restart may be offered
  InstanceLost,    // the instance is gone
};

struct EyeView {
  XrPosef pose{{0, 0, 0, 1}, {0, 0, 0}};  // in the base space
  XrFovf fov{};
};

struct FrameInfo {
  bool shouldRender = false;
  XrTime predictedDisplayTime = 0;
  XrDuration predictedDisplayPeriod = 0;
  std::array<EyeView, 2> eyes{};
  bool viewsValid = false;
};

struct SwapchainImages {
  XrSwapchain swapchain = XR_NULL_HANDLE;
  std::vector<VkImage> images;
  int64_t format = 0;
  XrExtent2Di sizePx{0, 0};
};

class XrSessionLoop {
 public:
  // Creates the session bound to the runtime's Vulkan device, the base space (STAGE, or LOCAL
  // when the runtime has no stage) and the VIEW space.
  explicit XrSessionLoop(const XrRuntime& runtime);
  ~XrSessionLoop();
  XrSessionLoop(const XrSessionLoop&) = delete;
  XrSessionLoop& operator=(const XrSessionLoop&) = delete;

  // Drains the event queue, running the state machine (xrBeginSession on READY, xrEndSession on
  // STOPPING). Returns the most important thing that happened. `other` receives every event
  // that is not about the session state (e.g. tracker connections, interaction profile changes).
  SessionEvent pollEvents(std::vector<XrEventDataBuffer>* other = nullptr);

  bool running() const { return running_; }
  XrSessionState state() const { return state_; }
  bool focused() const { return state_ == XR_SESSION_STATE_FOCUSED; }

  // Colour swapchain with two array layers (one per eye, for multiview) in an sRGB format the
  // runtime offers, of the recommended size unless one is given.
  const SwapchainImages& createColourSwapchain(XrExtent2Di sizePx = {0, 0});
  const SwapchainImages& colour() const { return colour_; }

  // xrWaitFrame + xrBeginFrame + xrLocateViews. Only call while running().
  FrameInfo beginFrame();
  // Acquire and wait for the next colour image; returns its index.
  uint32_t acquireColour();
  void releaseColour();
  // Ends the frame: a projection layer over both eyes when `rendered`, no layer otherwise. The
  // layer shows the top-left `renderedPx` of each eye's image (the whole image when {0, 0}): what
  // a lower render resolution drew into.
  void endFrame(const FrameInfo& frame, bool rendered, XrExtent2Di renderedPx = {0, 0});

  XrSession session() const { return session_.get(); }
  XrSpace baseSpace() const { return base_.get(); }
  XrSpace viewSpace() const { return view_.get(); }
  bool stageSpace() const { return stage_; }
  const XrRuntime& runtime() const { return runtime_; }
  // Asks the runtime to end the session (the user chose to stop): leads to STOPPING, EXITING.
  void requestExit();
  uint64_t framesEnded() const { return framesEnded_; }

 private:
  const XrRuntime& runtime_;
  UniqueSession session_;
  UniqueSpace base_;
  UniqueSpace view_;
  bool stage_ = false;
  UniqueSwapchain colourSwapchain_;
  SwapchainImages colour_;
  XrSessionState state_ = XR_SESSION_STATE_UNKNOWN;
  bool running_ = false;
  bool frameBegun_ = false;
  uint64_t framesEnded_ = 0;
  std::array<XrCompositionLayerProjectionView, 2> projectionViews_{};
};

}  // namespace lumbo::xr
