// The XR frame loop: wait, begin, locate, update, render, end; every begun frame is ended.
#include "app/xr_app.h"

#include <chrono>
#include <cstdio>
#include <mutex>

#include "app/avatar_scene.h"
#include "render/scene.h"
#include "render/stereo_renderer.h"
#include "store/report.h"
#include "store/session_store.h"
#include "store/session_writer.h"
#include "xr/body_input.h"
#include "xr/xr_error.h"
#include "xr/xr_runtime.h"
#include "xr/xr_session.h"

namespace lumbo::app {

namespace {

constexpr float kNearM = 0.05f;
constexpr float kFarM = 100.0f;

render::Fov toFov(const XrFovf& f) { return {f.angleLeft, f.angleRight, f.angleUp, f.angleDown}; }

// The mat lies where the person calibrated, along their facing direction.
void placeMat(render::Scene& scene, const Calibration& cal) {
  const glm::dvec3 at = cal.devices.test(index(Device::Pelvis)) ? cal.neutralPositionM[index(Device::Pelvis)]
                                                                 : cal.neutralPositionM[index(Device::Head)];
  glm::dvec3 along = cal.position == NeutralPosition::Standing ? cal.forward() : cal.superior();
  along.y = 0.0;
  scene.mat.centreM = glm::vec3(static_cast<float>(at.x), 0.0f, static_cast<float>(at.z));
  // The mat's length runs along its local z.
  scene.mat.yawRad = static_cast<float>(std::atan2(along.x, along.z));
}

double unixNow() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

XrAppResult runXrSession(const XrAppOptions& options) {
  XrAppResult result;
  std::mutex messagesMutex;
  xr::RuntimeOptions runtimeOptions;
  runtimeOptions.optionalExtensions = xr::bodyInputExtensions();
  runtimeOptions.optionalExtensions.push_back(XR_MND_HEADLESS_EXTENSION_NAME);
  runtimeOptions.vulkanValidation = options.vulkanValidation;
  runtimeOptions.vkMessage = [&](const std::string& m) {
    std::lock_guard lock(messagesMutex);
    result.vulkanMessages.push_back(m);
  };
  xr::XrRuntime runtime(runtimeOptions);
  xr::XrSessionLoop session(runtime);
  xr::BodyInput input(runtime, session);

  XrExtent2Di eye = runtime.recommendedEyeSize();
  if (options.eyeSizePx > 0) eye = {options.eyeSizePx, options.eyeSizePx};
  const xr::SwapchainImages& swapchain = session.createColourSwapchain(eye);
  const xr::VulkanDevice& vk = runtime.vulkan();
  const render::VulkanContext context{vk.instance, vk.physicalDevice, vk.device, vk.queueFamilyIndex, vk.queue};
  render::RendererConfig config;
  config.colourFormat = static_cast<VkFormat>(swapchain.format);
  config.extentPx = {static_cast<uint32_t>(swapchain.sizePx.width), static_cast<uint32_t>(swapchain.sizePx.height)};
  config.samples = options.msaaSamples > 1 ? VK_SAMPLE_COUNT_4_BIT : VK_SAMPLE_COUNT_1_BIT;
  render::StereoRenderer renderer(context, config);
  std::vector<uint32_t> targets;
  for (VkImage image : swapchain.images) targets.push_back(renderer.addTarget(image));

  auto writer = store::SessionWriter::open(options.databasePath);
  if (!writer) throw std::runtime_error(writer.error());
  store::SessionInfo info;
  info.personId = options.personId;
  info.startUnixS = options.startUnixS > 0.0 ? options.startUnixS : unixNow();
  info.context = options.context;
  info.painBefore = options.painBefore;
  info.source = "live";
  GuidedSessionOptions guidedOptions;
  guidedOptions.gravityFree = options.gravityFree;
  GuidedSession guided(options.plan, writer->get(), info, guidedOptions);

  if (!options.quiet) {
    std::printf("runtime: %s (%s)\n", runtime.runtimeName().c_str(), runtime.systemName().c_str());
  }
  render::Scene scene;
  bool announced = false;
  bool exitRequested = false;
  std::vector<XrEventDataBuffer> events;
  for (;;) {
    events.clear();
    const xr::SessionEvent ev = session.pollEvents(&events);
    for (const auto& e : events) input.handleEvent(e);
    if (ev == xr::SessionEvent::ExitRequested) {
      result.endReason = guided.finished() ? "all exercises done" : "the runtime asked to exit";
      break;
    }
    if (ev == xr::SessionEvent::LossPending || ev == xr::SessionEvent::InstanceLost) {
      result.endReason = "the OpenXR runtime was lost";
      result.restartOffered = true;
      break;
    }
    if (!session.running()) {
      // Idle or between stop and exit: nothing to draw. A real runtime wakes us with events.
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    xr::FrameInfo frame;
    try {
      frame = session.beginFrame();
    } catch (const xr::XrCallError& e) {
      // The loss can reach the frame calls before its event reaches the queue.
      if (e.result() != XR_ERROR_SESSION_LOST && e.result() != XR_ERROR_INSTANCE_LOST) throw;
      result.endReason = "the OpenXR runtime was lost";
      result.restartOffered = true;
      break;
    }
    bool rendered = false;
    try {
      const TrackedFrame tracked = input.locate(frame.predictedDisplayTime, session.focused());
      if (!announced && session.focused()) {
        result.bodySource = input.summary();
        if (!options.quiet) std::printf("%s\n", result.bodySource.c_str());
        announced = true;
      }
      const SessionStage before = guided.view().stage;
      const SessionView& view = guided.update(tracked);
      if (!options.quiet && view.stage != before) {
        std::printf("%.1f s: %s\n", view.timeS,
                    view.stage == SessionStage::Exercising ? ("calibrated; " + view.exercise->exercise.name).c_str()
                                                           : view.instruction.c_str());
      }
      if (!options.quiet && view.feedback.repetitionCompleted) {
        const auto& reps = guided.view().feedback;
        std::printf("%.1f s: repetition %d\n", view.timeS, reps.repetitions);
      }
      if (frame.shouldRender && frame.viewsValid) {
        scene.capsules.clear();
        scene.spheres.clear();
        for (int i = 0; i < 2; ++i) {
          const XrPosef& p = frame.eyes[i].pose;
          scene.eyes[i] = render::makeEyeView(glm::vec3(p.position.x, p.position.y, p.position.z),
                                              glm::quat(p.orientation.w, p.orientation.x, p.orientation.y, p.orientation.z),
                                              toFov(frame.eyes[i].fov), kNearM, kFarM);
        }
        if (const auto& cal = guided.calibration()) {
          placeMat(scene, *cal);
          appendAvatar(scene, tracked, *cal, view.stage == SessionStage::Exercising ? &view.feedback : nullptr);
        }
        const uint32_t image = session.acquireColour();
        renderer.renderFrame(scene, targets[image]);
        session.releaseColour();
        rendered = true;
      }
    } catch (const xr::XrCallError& e) {
      if (e.result() == XR_ERROR_SESSION_LOST || e.result() == XR_ERROR_INSTANCE_LOST) {
        result.endReason = "the OpenXR runtime was lost";
        result.restartOffered = true;
        break;  // a lost session takes no more calls, xrEndFrame included
      }
      session.endFrame(frame, false);  // the frame begun must end, whatever failed
      throw;
    } catch (...) {
      session.endFrame(frame, false);
      throw;
    }
    try {
      session.endFrame(frame, rendered);
    } catch (const xr::XrCallError& e) {
      if (e.result() != XR_ERROR_SESSION_LOST && e.result() != XR_ERROR_INSTANCE_LOST) throw;
      result.endReason = "the OpenXR runtime was lost";
      result.restartOffered = true;
      break;
    }
    if (guided.finished() && !exitRequested) {
      session.requestExit();
      exitRequested = true;
    }
  }
  renderer.waitIdle();
  result.frames = session.framesEnded();
  const bool done = guided.finished();
  guided.finish(done ? store::SessionStatus::Completed : store::SessionStatus::Interrupted);
  result.status = done ? store::SessionStatus::Completed : store::SessionStatus::Interrupted;
  result.outcomes = guided.outcomes();
  if (auto st = (*writer)->flush(); !st) throw std::runtime_error(st.error());
  writer->reset();  // closes the store before the report reads it

  if (!options.reportDir.empty()) {
    auto store = store::SessionStore::open(options.databasePath, store::OpenOptions{false});
    if (!store) throw std::runtime_error(store.error());
    store::ReportOptions report;
    report.personId = options.personId;
    report.outDir = options.reportDir;
    auto files = store::writeReport(*store, report);
    if (!files) throw std::runtime_error(files.error());
    result.reportFiles = *files;
  }
  return result;
}

}  // namespace lumbo::app
