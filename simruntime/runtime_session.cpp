// The session: its state machine, reference and device spaces, frame timing and views.
#include <time.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "simruntime/api.h"

namespace lumbo::simxr {
namespace {

XrTime periodNs(const Instance& inst) {
  return static_cast<XrTime>(std::llround(1e9 / inst.config.displayRateHz));
}

// Gravity-aligned frame at the first head pose: where a headset's LOCAL space starts.
Pose localOrigin(const Session& s) {
  auto head = s.instance->player.poseAt(Device::Head, 0.0, false);
  if (!head) return Pose{};
  const glm::dvec3 forward = head->orientation * glm::dvec3(0, 0, -1);
  const double yaw = std::atan2(-forward.x, -forward.z);
  Pose p;
  p.positionM = head->positionM;
  p.orientation = glm::angleAxis(yaw, glm::dvec3(0, 1, 0));
  return p;
}

void sleepUntilNs(XrTime t) {
  timespec ts{};
  ts.tv_sec = static_cast<time_t>(t / 1'000'000'000);
  ts.tv_nsec = static_cast<long>(t % 1'000'000'000);
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) != 0) {
  }
}

// Runtime-initiated exit: steps down through the states the specification orders.
void beginStopping(Session& s) {
  if (s.state == XR_SESSION_STATE_FOCUSED) setSessionState(s, XR_SESSION_STATE_VISIBLE);
  if (s.state == XR_SESSION_STATE_VISIBLE) setSessionState(s, XR_SESSION_STATE_SYNCHRONIZED);
  if (s.state == XR_SESSION_STATE_SYNCHRONIZED || s.state == XR_SESSION_STATE_READY) {
    setSessionState(s, XR_SESSION_STATE_STOPPING);
  }
}

}  // namespace

std::optional<Pose> spacePose(const Space& space, XrTime t) {
  const Session& s = *space.session;
  switch (space.type) {
    case Space::Type::Reference:
      switch (space.referenceType) {
        case XR_REFERENCE_SPACE_TYPE_STAGE:
          return space.offset;
        case XR_REFERENCE_SPACE_TYPE_LOCAL:
          return localOrigin(s) * space.offset;
        case XR_REFERENCE_SPACE_TYPE_VIEW: {
          auto head = devicePose(s, Device::Head, t);
          if (!head) return std::nullopt;
          return *head * space.offset;
        }
        default:
          return std::nullopt;
      }
    case Space::Type::Action: {
      auto d = poseDeviceForAction(s, *space.action, space.subactionPath);
      if (!d) return std::nullopt;
      auto p = devicePose(s, *d, t);
      if (!p) return std::nullopt;
      return *p * space.offset;
    }
    case Space::Type::Device: {
      auto p = devicePose(s, space.device, t);
      if (!p) return std::nullopt;
      return *p * space.offset;
    }
  }
  return std::nullopt;
}

void destroySessionObjects(Session& s) {
  for (auto& sc : s.swapchains) {
    destroySwapchainImages(*sc);
    unregisterHandle(sc.get());
  }
  s.swapchains.clear();
  for (auto& sp : s.spaces) unregisterHandle(sp.get());
  s.spaces.clear();
  for (auto& l : s.xdevLists) unregisterHandle(l.get());
  s.xdevLists.clear();
  for (auto& h : s.handTrackers) unregisterHandle(h.get());
  s.handTrackers.clear();
  s.commandPool.reset();
}

XrResult XRAPI_CALL xrCreateSession(XrInstance instance, const XrSessionCreateInfo* info,
                                    XrSession* out) {
  std::lock_guard lock(runtime().mutex);
  Instance* inst = lookup<Instance>(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || out == nullptr || info->type != XR_TYPE_SESSION_CREATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (info->systemId != 1) return XR_ERROR_SYSTEM_INVALID;
  if (inst->session) {
    return violation("xrCreateSession", XR_ERROR_LIMIT_REACHED, "a session already exists");
  }
  auto s = std::make_unique<Session>();
  s->instance = inst;
  const auto* binding = findInChain<XrGraphicsBindingVulkanKHR>(
      info->next, XR_TYPE_GRAPHICS_BINDING_VULKAN_KHR);
  if (binding == nullptr) {
    if (!inst->headless) {
      return violation("xrCreateSession", XR_ERROR_GRAPHICS_DEVICE_INVALID,
                       "no XrGraphicsBindingVulkan2KHR and XR_MND_headless not enabled");
    }
    s->headless = true;
  } else {
    if (!inst->vulkan2) {
      return violation("xrCreateSession", XR_ERROR_GRAPHICS_DEVICE_INVALID,
                       "Vulkan binding without XR_KHR_vulkan_enable2 enabled");
    }
    if (!inst->requirementsQueried) {
      return violation("xrCreateSession", XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING,
                       "xrGetVulkanGraphicsRequirements2KHR was not called");
    }
    if (XrResult r = bindVulkan(*s, *binding); XR_FAILED(r)) return r;
  }
  s->originNs = nowNs(*inst);
  s->lastDisplayNs = s->originNs;
  Session* raw = s.get();
  inst->session = std::move(s);
  registerHandle(raw);
  setSessionState(*raw, XR_SESSION_STATE_IDLE);
  setSessionState(*raw, XR_SESSION_STATE_READY);
  for (auto& paths : inst->trackerPaths) {
    XrEventDataViveTrackerConnectedHTCX e{};
    e.type = XR_TYPE_EVENT_DATA_VIVE_TRACKER_CONNECTED_HTCX;
    e.paths = &paths;
    pushEvent(*inst, &e, sizeof e);
  }
  *out = toHandle<XrSession>(raw);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrDestroySession(XrSession session) {
  std::lock_guard lock(runtime().mutex);
  Session* s = lookup<Session>(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  Instance* inst = s->instance;
  destroySessionObjects(*s);
  for (auto& set : inst->actionSets) set->attached = false;
  unregisterHandle(s);
  // Events about a destroyed session must not reach the application.
  std::erase_if(inst->events, [&](const XrEventDataBuffer& e) {
    if (e.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED) {
      return reinterpret_cast<const XrEventDataSessionStateChanged&>(e).session == session;
    }
    if (e.type == XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED) {
      return reinterpret_cast<const XrEventDataInteractionProfileChanged&>(e).session == session;
    }
    return false;
  });
  inst->session.reset();
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrBeginSession(XrSession session, const XrSessionBeginInfo* info) {
  std::lock_guard lock(runtime().mutex);
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  if (info == nullptr || info->type != XR_TYPE_SESSION_BEGIN_INFO) return XR_ERROR_VALIDATION_FAILURE;
  if (info->primaryViewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) {
    return violation("xrBeginSession", XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED,
                     "only PRIMARY_STEREO is offered");
  }
  if (s->running) return violation("xrBeginSession", XR_ERROR_SESSION_RUNNING, "already running");
  if (s->state != XR_SESSION_STATE_READY) {
    return violation("xrBeginSession", XR_ERROR_SESSION_NOT_READY, "the session is not READY");
  }
  s->running = true;
  s->anyFrameEnded = false;
  s->framesWaitedNotBegun = 0;
  s->frameBegun = false;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrEndSession(XrSession session) {
  std::lock_guard lock(runtime().mutex);
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  if (!s->running) return violation("xrEndSession", XR_ERROR_SESSION_NOT_RUNNING, "not running");
  if (s->state != XR_SESSION_STATE_STOPPING) {
    return violation("xrEndSession", XR_ERROR_SESSION_NOT_STOPPING, "the session is not STOPPING");
  }
  s->running = false;
  if (s->frameBegun || s->framesWaitedNotBegun > 0) ++s->instance->stats.framesDropped;
  s->frameBegun = false;
  s->framesWaitedNotBegun = 0;
  setSessionState(*s, XR_SESSION_STATE_IDLE);
  if (s->exitRequested) setSessionState(*s, XR_SESSION_STATE_EXITING);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrRequestExitSession(XrSession session) {
  std::lock_guard lock(runtime().mutex);
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  if (!s->running) {
    return violation("xrRequestExitSession", XR_ERROR_SESSION_NOT_RUNNING, "not running");
  }
  s->exitRequested = true;
  beginStopping(*s);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrEnumerateReferenceSpaces(XrSession session, uint32_t capacity,
                                               uint32_t* count, XrReferenceSpaceType* types) {
  std::lock_guard lock(runtime().mutex);
  XrResult err;
  if (checkSession(session, err) == nullptr) return err;
  return fillArray(capacity, count, types,
                   std::vector<XrReferenceSpaceType>{XR_REFERENCE_SPACE_TYPE_VIEW,
                                                     XR_REFERENCE_SPACE_TYPE_LOCAL,
                                                     XR_REFERENCE_SPACE_TYPE_STAGE});
}

XrResult XRAPI_CALL xrCreateReferenceSpace(XrSession session,
                                           const XrReferenceSpaceCreateInfo* info, XrSpace* out) {
  std::lock_guard lock(runtime().mutex);
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  if (info == nullptr || out == nullptr || info->type != XR_TYPE_REFERENCE_SPACE_CREATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  const auto t = info->referenceSpaceType;
  if (t != XR_REFERENCE_SPACE_TYPE_VIEW && t != XR_REFERENCE_SPACE_TYPE_LOCAL &&
      t != XR_REFERENCE_SPACE_TYPE_STAGE) {
    return violation("xrCreateReferenceSpace", XR_ERROR_REFERENCE_SPACE_UNSUPPORTED,
                     "unsupported reference space type");
  }
  const auto& q = info->poseInReferenceSpace.orientation;
  const double norm = std::sqrt(q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w);
  if (std::abs(norm - 1.0) > 1e-3) {
    return violation("xrCreateReferenceSpace", XR_ERROR_POSE_INVALID,
                     "poseInReferenceSpace orientation is not unit length");
  }
  auto space = std::make_unique<Space>();
  space->session = s;
  space->type = Space::Type::Reference;
  space->referenceType = t;
  space->offset = toPose(info->poseInReferenceSpace);
  *out = adopt<XrSpace>(s->spaces, std::move(space));
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrGetReferenceSpaceBoundsRect(XrSession session, XrReferenceSpaceType type,
                                                  XrExtent2Df* bounds) {
  std::lock_guard lock(runtime().mutex);
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  if (bounds == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  if (type != XR_REFERENCE_SPACE_TYPE_VIEW && type != XR_REFERENCE_SPACE_TYPE_LOCAL &&
      type != XR_REFERENCE_SPACE_TYPE_STAGE) {
    return XR_ERROR_REFERENCE_SPACE_UNSUPPORTED;
  }
  if (type != XR_REFERENCE_SPACE_TYPE_STAGE) {
    *bounds = {0.0f, 0.0f};
    return XR_SPACE_BOUNDS_UNAVAILABLE;
  }
  *bounds = {static_cast<float>(s->instance->config.stageWidthM),
             static_cast<float>(s->instance->config.stageDepthM)};
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrCreateActionSpace(XrSession session, const XrActionSpaceCreateInfo* info,
                                        XrSpace* out) {
  std::lock_guard lock(runtime().mutex);
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  if (info == nullptr || out == nullptr || info->type != XR_TYPE_ACTION_SPACE_CREATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  Action* a = lookup<Action>(info->action);
  if (a == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (a->type != XR_ACTION_TYPE_POSE_INPUT) {
    return violation("xrCreateActionSpace", XR_ERROR_ACTION_TYPE_MISMATCH, "not a pose action");
  }
  if (XrResult r = checkSubactionPath(*s->instance, *a, info->subactionPath, "xrCreateActionSpace");
      XR_FAILED(r)) {
    return r;
  }
  auto space = std::make_unique<Space>();
  space->session = s;
  space->type = Space::Type::Action;
  space->action = a;
  space->subactionPath = info->subactionPath;
  space->offset = toPose(info->poseInActionSpace);
  *out = adopt<XrSpace>(s->spaces, std::move(space));
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrLocateSpace(XrSpace spaceHandle, XrSpace baseHandle, XrTime time,
                                  XrSpaceLocation* location) {
  std::lock_guard lock(runtime().mutex);
  Space* space = lookup<Space>(spaceHandle);
  Space* base = lookup<Space>(baseHandle);
  if (space == nullptr || base == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (space->session != base->session) return XR_ERROR_VALIDATION_FAILURE;
  if (space->session->lost) return XR_ERROR_SESSION_LOST;
  if (location == nullptr || location->type != XR_TYPE_SPACE_LOCATION) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (time <= 0) return violation("xrLocateSpace", XR_ERROR_TIME_INVALID, "time <= 0");
  auto* velocity = findInChainMutable<XrSpaceVelocity>(location->next, XR_TYPE_SPACE_VELOCITY);
  if (velocity) velocity->velocityFlags = 0;
  location->locationFlags = 0;
  location->pose = XrPosef{{0, 0, 0, 1}, {0, 0, 0}};
  auto a = spacePose(*space, time);
  auto b = spacePose(*base, time);
  if (!a || !b) return XR_SUCCESS;
  location->pose = toXr(relativePose(*b, *a));
  location->locationFlags = XR_SPACE_LOCATION_ORIENTATION_VALID_BIT |
                            XR_SPACE_LOCATION_POSITION_VALID_BIT |
                            XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT |
                            XR_SPACE_LOCATION_POSITION_TRACKED_BIT;
  if (velocity) {
    // Finite difference over 10 ms of the trace, in the base space.
    constexpr XrTime kDtNs = 10'000'000;
    auto a2 = spacePose(*space, time + kDtNs);
    auto b2 = spacePose(*base, time + kDtNs);
    if (a2 && b2) {
      const Pose r1 = relativePose(*b, *a);
      const Pose r2 = relativePose(*b2, *a2);
      const glm::dvec3 v = (r2.positionM - r1.positionM) / nsToS(kDtNs);
      const glm::dquat dq = r2.orientation * glm::inverse(r1.orientation);
      const double angle = rotationAngleRad(dq);
      glm::dvec3 axis = glm::axis(dq);
      if (dq.w < 0) axis = -axis;
      const glm::dvec3 w = angle < 1e-9 ? glm::dvec3(0) : axis * (angle / nsToS(kDtNs));
      velocity->linearVelocity = {static_cast<float>(v.x), static_cast<float>(v.y),
                                  static_cast<float>(v.z)};
      velocity->angularVelocity = {static_cast<float>(w.x), static_cast<float>(w.y),
                                   static_cast<float>(w.z)};
      velocity->velocityFlags = XR_SPACE_VELOCITY_LINEAR_VALID_BIT |
                                XR_SPACE_VELOCITY_ANGULAR_VALID_BIT;
    }
  }
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrDestroySpace(XrSpace handle) {
  std::lock_guard lock(runtime().mutex);
  Space* space = lookup<Space>(handle);
  if (space == nullptr) return XR_ERROR_HANDLE_INVALID;
  auto& list = space->session->spaces;
  unregisterHandle(space);
  std::erase_if(list, [&](const auto& p) { return p.get() == space; });
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrWaitFrame(XrSession session, const XrFrameWaitInfo* info,
                                XrFrameState* state) {
  std::unique_lock lock(runtime().mutex);
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  if (state == nullptr || state->type != XR_TYPE_FRAME_STATE ||
      (info != nullptr && info->type != XR_TYPE_FRAME_WAIT_INFO)) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (!s->running) return violation("xrWaitFrame", XR_ERROR_SESSION_NOT_RUNNING, "not running");
  Instance& inst = *s->instance;
  const XrTime period = periodNs(inst);
  if (s->framesWaitedNotBegun > 0) {
    // A single-threaded application cannot block here; the earlier frame is dropped instead.
    violation("xrWaitFrame", XR_SUCCESS, "called again before xrBeginFrame; frame dropped");
    ++inst.stats.framesDropped;
  }
  XrTime display = 0;
  if (inst.config.pacing == Pacing::FreeRunning) {
    display = s->lastDisplayNs + period;
    inst.simNowNs = display - period;
  } else {
    // Vsyncs are origin + k * period; a frame starts one period before the vsync it shows at.
    const XrTime now = nowNs(inst);
    std::uint64_t k = static_cast<std::uint64_t>((now - s->originNs) / period) + 1;
    if (k <= s->vsyncIndex) k = s->vsyncIndex + 1;
    if (s->vsyncIndex > 0 && k > s->vsyncIndex + 1) inst.stats.framesDropped += k - s->vsyncIndex - 1;
    const XrTime start = s->originNs + static_cast<XrTime>(k - 1) * period;
    s->vsyncIndex = k;
    if (start > now) {
      // Other threads may submit the previous frame meanwhile (xrEndFrame on a render thread).
      lock.unlock();
      sleepUntilNs(start);
      lock.lock();
      s = checkSession(session, err);
      if (s == nullptr) return err;
    }
    display = s->originNs + static_cast<XrTime>(k) * period;
  }
  s->lastDisplayNs = display;
  ++s->framesWaitedNotBegun;
  ++inst.stats.framesWaited;

  XrResult result = XR_SUCCESS;
  const double traceS = traceTimeS(*s, display);
  if (inst.config.lossAtS && !inst.lossFired && traceS >= *inst.config.lossAtS) {
    inst.lossFired = true;
    s->lost = true;
    setSessionState(*s, XR_SESSION_STATE_LOSS_PENDING);
    logLine("simulated session loss at trace time " + std::to_string(traceS) + " s");
    result = XR_SESSION_LOSS_PENDING;
  } else if (inst.player.fromTrace() && !traceLoops(inst) && traceS > inst.player.durationS() &&
             !s->exitRequested) {
    s->exitRequested = true;
    logLine("end of trace: the session is stopping");
    beginStopping(*s);
  } else if (s->state == XR_SESSION_STATE_READY) {
    setSessionState(*s, XR_SESSION_STATE_SYNCHRONIZED);
  }
  state->predictedDisplayTime = display;
  state->predictedDisplayPeriod = period;
  state->shouldRender = (s->state == XR_SESSION_STATE_VISIBLE ||
                         s->state == XR_SESSION_STATE_FOCUSED)
                            ? XR_TRUE
                            : XR_FALSE;
  return result;
}

XrResult XRAPI_CALL xrBeginFrame(XrSession session, const XrFrameBeginInfo* info) {
  std::lock_guard lock(runtime().mutex);
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  if (info != nullptr && info->type != XR_TYPE_FRAME_BEGIN_INFO) return XR_ERROR_VALIDATION_FAILURE;
  if (!s->running) return violation("xrBeginFrame", XR_ERROR_SESSION_NOT_RUNNING, "not running");
  if (s->framesWaitedNotBegun == 0) {
    return violation("xrBeginFrame", XR_ERROR_CALL_ORDER_INVALID, "no xrWaitFrame before it");
  }
  s->framesWaitedNotBegun = 0;
  if (s->frameBegun) {
    ++s->instance->stats.framesDropped;
    return XR_FRAME_DISCARDED;
  }
  s->frameBegun = true;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrEndFrame(XrSession session, const XrFrameEndInfo* info) {
  std::lock_guard lock(runtime().mutex);
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  if (info == nullptr || info->type != XR_TYPE_FRAME_END_INFO) return XR_ERROR_VALIDATION_FAILURE;
  if (!s->running) return violation("xrEndFrame", XR_ERROR_SESSION_NOT_RUNNING, "not running");
  if (!s->frameBegun) {
    return violation("xrEndFrame", XR_ERROR_CALL_ORDER_INVALID, "no xrBeginFrame before it");
  }
  Instance& inst = *s->instance;
  if (info->displayTime <= 0) {
    return violation("xrEndFrame", XR_ERROR_TIME_INVALID, "displayTime <= 0");
  }
  if (info->environmentBlendMode != XR_ENVIRONMENT_BLEND_MODE_OPAQUE) {
    return violation("xrEndFrame", XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED,
                     "only OPAQUE is offered");
  }
  if (info->layerCount > XR_MIN_COMPOSITION_LAYERS_SUPPORTED) {
    return violation("xrEndFrame", XR_ERROR_LAYER_LIMIT_EXCEEDED, "too many layers");
  }
  if (info->layerCount > 0 && info->layers == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  auto checkSub = [&](const XrSwapchainSubImage& sub) -> XrResult {
    Swapchain* sc = lookup<Swapchain>(sub.swapchain);
    if (sc == nullptr || sc->session != s) return XR_ERROR_HANDLE_INVALID;
    if (!sc->lastReleased) {
      return violation("xrEndFrame", XR_ERROR_LAYER_INVALID,
                       "a layer's swapchain has no released image");
    }
    const auto& r = sub.imageRect;
    if (r.offset.x < 0 || r.offset.y < 0 || r.extent.width <= 0 || r.extent.height <= 0 ||
        static_cast<uint32_t>(r.offset.x + r.extent.width) > sc->info.width ||
        static_cast<uint32_t>(r.offset.y + r.extent.height) > sc->info.height) {
      return violation("xrEndFrame", XR_ERROR_SWAPCHAIN_RECT_INVALID, "imageRect out of bounds");
    }
    if (sub.imageArrayIndex >= sc->info.arraySize) {
      return violation("xrEndFrame", XR_ERROR_VALIDATION_FAILURE, "imageArrayIndex out of range");
    }
    return XR_SUCCESS;
  };
  for (uint32_t i = 0; i < info->layerCount; ++i) {
    const XrCompositionLayerBaseHeader* layer = info->layers[i];
    if (layer == nullptr) {
      return violation("xrEndFrame", XR_ERROR_LAYER_INVALID, "null layer");
    }
    if (lookup<Space>(layer->space) == nullptr) return XR_ERROR_HANDLE_INVALID;
    if (layer->type == XR_TYPE_COMPOSITION_LAYER_PROJECTION) {
      const auto* p = reinterpret_cast<const XrCompositionLayerProjection*>(layer);
      if (p->viewCount != 2 || p->views == nullptr) {
        return violation("xrEndFrame", XR_ERROR_VALIDATION_FAILURE,
                         "projection layer viewCount must be 2 for PRIMARY_STEREO");
      }
      for (uint32_t v = 0; v < 2; ++v) {
        if (p->views[v].type != XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW) {
          return XR_ERROR_VALIDATION_FAILURE;
        }
        if (XrResult r = checkSub(p->views[v].subImage); XR_FAILED(r)) return r;
      }
    } else if (layer->type == XR_TYPE_COMPOSITION_LAYER_QUAD) {
      const auto* q = reinterpret_cast<const XrCompositionLayerQuad*>(layer);
      if (XrResult r = checkSub(q->subImage); XR_FAILED(r)) return r;
    } else {
      return violation("xrEndFrame", XR_ERROR_LAYER_INVALID, "unsupported layer type");
    }
  }
  if (!s->headless && info->layerCount > 0 && !inst.config.captureDir.empty() &&
      s->frameIndex % inst.config.captureEvery == 0) {
    captureFrame(*s, *info);
  }
  s->frameBegun = false;
  ++s->frameIndex;
  ++inst.stats.framesEnded;
  if (inst.config.pacing == Pacing::Paced && nowNs(inst) > info->displayTime) {
    ++inst.stats.framesLate;
  }
  if (!s->anyFrameEnded && s->state == XR_SESSION_STATE_SYNCHRONIZED && !s->exitRequested) {
    setSessionState(*s, XR_SESSION_STATE_VISIBLE);
    setSessionState(*s, XR_SESSION_STATE_FOCUSED);
  }
  s->anyFrameEnded = true;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL xrLocateViews(XrSession session, const XrViewLocateInfo* info,
                                  XrViewState* viewState, uint32_t capacity, uint32_t* count,
                                  XrView* views) {
  std::lock_guard lock(runtime().mutex);
  XrResult err;
  Session* s = checkSession(session, err);
  if (s == nullptr) return err;
  if (info == nullptr || viewState == nullptr || count == nullptr ||
      info->type != XR_TYPE_VIEW_LOCATE_INFO || viewState->type != XR_TYPE_VIEW_STATE) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (info->viewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) {
    return violation("xrLocateViews", XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED,
                     "only PRIMARY_STEREO is offered");
  }
  if (info->displayTime <= 0) return violation("xrLocateViews", XR_ERROR_TIME_INVALID, "time <= 0");
  Space* base = lookup<Space>(info->space);
  if (base == nullptr) return XR_ERROR_HANDLE_INVALID;
  *count = 2;
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < 2) return XR_ERROR_SIZE_INSUFFICIENT;
  const SimConfig& c = s->instance->config;
  constexpr double kDegToRad = 3.14159265358979323846 / 180.0;
  const XrFovf fov{static_cast<float>(c.fovLeftDeg * kDegToRad),
                   static_cast<float>(c.fovRightDeg * kDegToRad),
                   static_cast<float>(c.fovUpDeg * kDegToRad),
                   static_cast<float>(c.fovDownDeg * kDegToRad)};
  auto head = devicePose(*s, Device::Head, info->displayTime);
  auto basePose = spacePose(*base, info->displayTime);
  viewState->viewStateFlags = 0;
  for (uint32_t i = 0; i < 2; ++i) {
    if (views[i].type != XR_TYPE_VIEW) return XR_ERROR_VALIDATION_FAILURE;
    views[i].fov = fov;
    views[i].pose = XrPosef{{0, 0, 0, 1}, {0, 0, 0}};
  }
  if (!head || !basePose) return XR_SUCCESS;
  for (uint32_t i = 0; i < 2; ++i) {
    Pose eye;
    eye.positionM = {(i == 0 ? -0.5 : 0.5) * c.ipdM, 0.0, 0.0};
    views[i].pose = toXr(relativePose(*basePose, *head * eye));
  }
  viewState->viewStateFlags = XR_VIEW_STATE_ORIENTATION_VALID_BIT |
                              XR_VIEW_STATE_POSITION_VALID_BIT |
                              XR_VIEW_STATE_ORIENTATION_TRACKED_BIT |
                              XR_VIEW_STATE_POSITION_TRACKED_BIT;
  return XR_SUCCESS;
}

}  // namespace lumbo::simxr
