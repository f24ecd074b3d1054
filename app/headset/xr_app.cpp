// The XR frame loop: wait, begin, locate, update, render, end; every begun frame is ended.
#include "app/headset/xr_app.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

#include <time.h>

#include "app/desktop/desktop_view.h"
#include "app/session/haptic_feedback.h"
#include "app/scene/panel_pointer.h"
#include "app/scene/session_scene.h"
#include "audio/session_audio.h"
#include "audio/speech_synth.h"
#include "body/clock.h"
#include "monitor/session_publisher.h"
#include "render/scene.h"
#include "render/stereo_renderer.h"
#include "store/report.h"
#include "store/session_store.h"
#include "store/session_writer.h"
#include "xr/body_input.h"
#include "xr/xr_clock.h"
#include "xr/xr_error.h"
#include "xr/xr_pose.h"
#include "xr/xr_runtime.h"
#include "xr/xr_session.h"

namespace lumbo::app {

namespace {

constexpr float kNearM = 0.05f;
constexpr float kFarM = 100.0f;

render::Fov toFov(const XrFovf& f) { return {f.angleLeft, f.angleRight, f.angleUp, f.angleDown}; }

double threadCpuS() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

bool isLoss(const xr::XrCallError& e) {
  return e.result() == XR_ERROR_SESSION_LOST || e.result() == XR_ERROR_INSTANCE_LOST;
}

xr::RuntimeOptions runtimeOptions(const XrAppOptions& options, std::vector<std::string>& messages, std::mutex& mutex) {
  xr::RuntimeOptions r;
  r.optionalExtensions = xr::bodyInputExtensions();
  r.optionalExtensions.push_back(XR_MND_HEADLESS_EXTENSION_NAME);
  r.optionalExtensions.push_back(xr::kConvertTimespecExtension);  // to tell late frames
  r.vulkanValidation = options.vulkanValidation;
  r.vkMessage = [&messages, &mutex](const std::string& m) {
    std::lock_guard lock(mutex);
    messages.push_back(m);
  };
  return r;
}

}  // namespace

// Declared in creation order: destruction runs in reverse (renderer before the device, session
// before the instance).
struct XrApp::Parts {
  XrAppOptions options;
  std::mutex messagesMutex;
  std::vector<std::string> vulkanMessages;
  xr::XrRuntime runtime;
  xr::XrClock clock;
  xr::XrSessionLoop session;
  xr::BodyInput input;
  render::VulkanContext vkContext;
  render::StereoRenderer renderer;
  render::QualityController quality;
  std::vector<QualityUse> qualityUse;
  int qualityChanges = 0;
  std::uint64_t lastGpuFrame = 0;             // the newest frame whose device time was used
  // The last frame drawn and whether it reached xrEndFrame after its display time, until the
  // next frame shows whether a display period went by without a new frame.
  struct Unjudged {
    render::QualityLevel level;
    bool late = false;
  };
  std::optional<Unjudged> unjudged;
  std::vector<uint32_t> targets;
  std::unique_ptr<store::SessionWriter> writer;
  GuidedSession guided;
  SessionScene content;
  HapticFeedbackPolicy haptics;
  std::unique_ptr<audio::SessionAudio> audio;  // every phrase of the plan prepared here
  audio::ListenerPose listener;
  PanelPointer panelPointer;
  render::Scene scene;
  double lastDisplayS = 0.0;
  // The therapist's window: its own device and renderer, so it never holds up the headset's.
  std::unique_ptr<DesktopView> desktop;
  render::Scene desktopScene;
  bool desktopAimed = false;
  std::unique_ptr<monitor::SessionPublisher> monitor;  // live monitoring, when asked for
  double spokenMessageTimeS = -1.0;  // the therapist's message last spoken (SessionView::messageTimeS)
  std::vector<XrEventDataBuffer> events;
  std::string bodySource;
  std::string endReason;
  bool announced = false;
  bool exitRequested = false;
  bool lost = false;
  bool ended = false;
  int signal = 0;  // the shutdown signal being handled

  explicit Parts(const XrAppOptions& o)
      : options(o),
        runtime(runtimeOptions(o, vulkanMessages, messagesMutex)),
        clock(runtime),
        session(runtime),
        input(runtime, session),
        vkContext{runtime.vulkan().instance, runtime.vulkan().physicalDevice, runtime.vulkan().device,
                  runtime.vulkan().queueFamilyIndex, runtime.vulkan().queue},
        renderer(makeRenderer()),
        quality(qualityLadder(), qualityMode()),
        writer(openWriter()),
        guided(o.plan, writer.get(), sessionInfo(), guidedOptions(o)),
        content(vkContext, renderer, UiPanelsOptions{}, ghostsFor(guided.plan(), o.personalReferences)),
        haptics(HapticSettings{.enabled = o.haptics}) {
    for (VkImage image : session.colour().images) targets.push_back(renderer.addTarget(image));
    applyQuality();
    if (o.desktopView) desktop = std::make_unique<DesktopView>();
    auto a = audio::SessionAudio::create(guided.plan(), o.audio);
    if (!a) throw std::runtime_error(a.error());
    audio = std::move(*a);
    if (o.monitorPort > 0) startMonitor();
  }

  void startMonitor() {
    monitor::SessionPublisherOptions m;
    m.listen = {options.monitorHost, options.monitorPort};
    m.keyFolder = options.monitorFolder;
    m.personId = options.personId;
    auto started = monitor::SessionPublisher::start(m, guided);
    if (!started) throw std::runtime_error("live monitoring: " + started.error());
    monitor = std::move(*started);
    say("live monitoring on %s (%zu authorised viewer keys; the session's key for viewers: %s)\n",
        monitor->endpoint().c_str(), monitor->authorizedViewers(), monitor->serverPublicKey().c_str());
  }

  static GuidedSessionOptions guidedOptions(const XrAppOptions& o) {
    GuidedSessionOptions g;
    g.gravityFree = o.gravityFree;
    g.openingEvents = o.openingEvents;
    g.askPainBefore = o.interactive && !o.painBefore;
    g.askPainAfter = o.interactive;
    g.askOdi = o.interactive && o.askOdi;
    g.demonstrate = o.interactive && o.demonstrate;
    g.askPainBetweenSets = o.interactive && o.askPainBetweenSets;
    return g;
  }

  // The swapchain has the largest size any level draws; lower levels draw into part of it.
  render::StereoRenderer makeRenderer() {
    XrExtent2Di eye = runtime.recommendedEyeSize();
    if (options.eyeSizePx > 0) eye = {options.eyeSizePx, options.eyeSizePx};
    const xr::SwapchainImages& swapchain = session.createColourSwapchain(eye);
    render::RendererConfig config;
    config.colourFormat = static_cast<VkFormat>(swapchain.format);
    config.extentPx = {static_cast<uint32_t>(swapchain.sizePx.width), static_cast<uint32_t>(swapchain.sizePx.height)};
    config.samples = VK_SAMPLE_COUNT_1_BIT;  // the first level's count is set before the first frame
    return render::StereoRenderer(vkContext, config);
  }

  render::QualityMode qualityMode() const {
    return options.eyeSizePx > 0 ? render::QualityMode::Fixed : options.quality;
  }

  // The levels the device can draw: a fixed size has one; sample counts it lacks are left out.
  std::vector<render::QualityLevel> qualityLadder() const {
    const VkExtent2D full = renderer.config().extentPx;
    const VkSampleCountFlags supported = renderer.supportedSampleCounts();
    std::uint32_t maxSamples = 1;
    for (std::uint32_t s = 2; s <= static_cast<std::uint32_t>(std::max(1, options.msaaSamples)); s *= 2) {
      if ((supported & s) != 0) maxSamples = s;
    }
    if (qualityMode() == render::QualityMode::Fixed) return {{full.width, full.height, maxSamples}};
    std::vector<render::QualityLevel> ladder = render::qualityLadder(full.width, full.height, maxSamples);
    std::erase_if(ladder, [&](const render::QualityLevel& l) { return (supported & l.samples) == 0; });
    return ladder;
  }

  void applyQuality() {
    const render::QualityLevel& level = quality.level();
    renderer.setSamples(static_cast<VkSampleCountFlagBits>(level.samples));
    renderer.setRenderExtent({level.widthPx, level.heightPx});
  }

  // Display periods skipped between the frame before and this one: that frame was not on time.
  std::uint32_t missedPeriods(const xr::FrameInfo& frame) const {
    if (lastDisplayS <= 0.0 || frame.predictedDisplayPeriod <= 0) return 0;
    const double gapPeriods = (xr::toSeconds(frame.predictedDisplayTime) - lastDisplayS) /
                              (static_cast<double>(frame.predictedDisplayPeriod) * 1e-9);
    return gapPeriods > 1.5 ? static_cast<std::uint32_t>(std::lround(gapPeriods)) - 1 : 0;
  }

  void countFrame(const render::QualityLevel& level, bool onTime) {
    auto use = std::find_if(qualityUse.begin(), qualityUse.end(), [&](const QualityUse& u) { return u.level == level; });
    if (use == qualityUse.end()) use = qualityUse.insert(qualityUse.end(), QualityUse{level});
    ++use->frames;
    if (onTime) ++use->framesOnTime;
  }

  // The quality levels used, with the session in the store (when it began there: the first
  // tracked frame after the pain question). The writer that recorded it is closed, and a store
  // takes one writer at a time, so the newest live session of the person at this start is it.
  void recordQuality(store::SessionStore& store) {
    if (qualityUse.empty()) return;
    auto q = store.connection().prepare(
        "SELECT id FROM session WHERE person_id = ? AND start_unix_s = ? AND source = 'live' ORDER BY id DESC LIMIT 1");
    q.bind(1, options.personId).bind(2, guided.info().startUnixS);
    if (!q.step()) return;
    const std::int64_t sessionId = q.getInt(0);
    for (const QualityUse& u : qualityUse) {
      store.addRenderQuality(sessionId, {std::string(render::qualityModeName(quality.mode())), static_cast<int>(u.level.widthPx),
                                         static_cast<int>(u.level.heightPx), static_cast<int>(u.level.samples),
                                         static_cast<std::int64_t>(u.frames), static_cast<std::int64_t>(u.framesOnTime)});
    }
  }

  // The newest device time the renderer has read back steers the level of the next frames.
  void steerQuality(const xr::FrameInfo& frame, std::uint32_t missed) {
    const double periodS = static_cast<double>(frame.predictedDisplayPeriod) * 1e-9;
    bool changed = false;
    if (const auto& t = renderer.lastGpuFrameTime(); t && t->frameNumber > lastGpuFrame) {
      lastGpuFrame = t->frameNumber;
      const render::QualityLevel drawnAt{t->renderExtentPx.width, t->renderExtentPx.height, static_cast<std::uint32_t>(t->samples)};
      changed = quality.addFrame(drawnAt, t->gpuS, periodS, missed);
    } else if (!renderer.timesFrames()) {
      changed = quality.addMissed(missed, periodS);
    }
    if (changed) ++qualityChanges;
  }

  std::unique_ptr<store::SessionWriter> openWriter() {
    auto w = store::SessionWriter::open(options.databasePath);
    if (!w) throw std::runtime_error(w.error());
    return std::move(*w);
  }

  store::SessionInfo sessionInfo() const {
    store::SessionInfo info;
    info.personId = options.personId;
    info.startUnixS = options.startUnixS > 0.0 ? options.startUnixS : unixNowS();
    info.context = options.context;
    info.painBefore = options.painBefore;
    info.source = "live";
    info.prescription = options.prescription;
    return info;
  }

  void say(const char* format, auto... args) {
    if (!options.quiet) std::printf(format, args...);
  }

  void markLost() {
    endReason = "the OpenXR runtime was lost";
    lost = true;
    ended = true;
  }

  // The eyes of this frame; the rest of the scene is the session's content.
  void setEyes(const xr::FrameInfo& frame) {
    for (int i = 0; i < 2; ++i) {
      const XrPosef& p = frame.eyes[i].pose;
      scene.eyes[i] = render::makeEyeView(glm::vec3(p.position.x, p.position.y, p.position.z),
                                          glm::quat(p.orientation.w, p.orientation.x, p.orientation.y, p.orientation.z),
                                          toFov(frame.eyes[i].fov), kNearM, kFarM);
    }
  }

  // The same scene in the desktop window, seen from its orbit camera. The panels' canvas lives on
  // the headset's device, so there they are plain boards.
  void showOnDesktop() {
    if (!desktop) return;
    desktopScene = scene;
    for (render::TexturedQuad& q : desktopScene.quads) {
      if (q.texture == render::kNoTexture) continue;
      q.texture = render::kNoTexture;
      q.tintRgba = glm::vec4(0.12f, 0.14f, 0.18f, 0.9f);
    }
    if (const auto& cal = guided.calibration(); cal && !desktopAimed) {
      desktop->camera().targetM = glm::vec3(cal->neutralPositionM[index(Device::Head)]) - glm::vec3(0.0f, 0.6f, 0.0f);
      desktopAimed = true;
    }
    if (!desktop->frame(desktopScene)) desktop.reset();  // the window was closed
  }

  // The right controller's pointer (the left when the right is not tracked); without
  // controllers, tracked hands or the head's gaze (PanelPointer).
  PanelInput pointer(const TrackedFrame& tracked, double dtS) {
    PointerSources sources;
    for (xr::Hand hand : {xr::Hand::Right, xr::Hand::Left}) {
      const xr::ControllerState& c = input.controllers().state(hand);
      if (!c.active || !c.aim.valid) continue;
      const glm::dquat q = c.aim.pose.orientation;
      sources.controller = PanelInput{glm::vec3(c.aim.pose.positionM), glm::vec3(q * glm::dvec3(0, 0, -1)), c.select, true};
      break;
    }
    if (const xr::HandTrackingSource* hands = input.hands()) {
      for (int h = 0; h < 2; ++h) {
        const xr::TrackedHand& t = hands->hand(h);
        (h == 0 ? sources.leftHand : sources.rightHand) =
            HandJoints{t.active, glm::vec3(t.wrist.positionM), glm::vec3(t.indexTipM), glm::vec3(t.thumbTipM), glm::vec3(t.indexKnuckleM)};
      }
    }
    if (tracked.valid(Device::Head)) sources.head = tracked[Device::Head].pose;
    return panelPointer.update(sources, content.panels(), dtS);
  }
};

XrApp::XrApp(const XrAppOptions& options) : parts_(std::make_unique<Parts>(options)) {
  parts_->say("runtime: %s (%s)\n", parts_->runtime.runtimeName().c_str(), parts_->runtime.systemName().c_str());
  parts_->say("%s\n", parts_->audio->status().c_str());
}

XrApp::~XrApp() = default;

bool XrApp::step() {
  Parts& p = *parts_;
  if (p.ended) return false;
  if (p.options.shutdownSignal && p.signal == 0) {
    if (const int signal = p.options.shutdownSignal->load(); signal != 0) {
      // Ended from outside (Ctrl-C, a logout, a service manager): close the session the way the
      // runtime would, so everything done so far is saved and reported.
      p.signal = signal;
      p.endReason = "interrupted by " + (p.options.signalName ? p.options.signalName(signal) : std::to_string(signal));
      if (!p.session.running()) {
        p.ended = true;
        return false;
      }
      if (!p.exitRequested) {
        p.session.requestExit();
        p.exitRequested = true;
      }
    }
  }
  p.events.clear();
  const xr::SessionEvent ev = p.session.pollEvents(&p.events);
  for (const auto& e : p.events) p.input.handleEvent(e);
  if (ev == xr::SessionEvent::ExitRequested) {
    if (p.signal == 0) p.endReason = p.guided.view().stopped  ? "stopped by the person"
                  : p.guided.exercisesDone() ? "all exercises done"
                                             : "the runtime asked to exit";
    p.ended = true;
    return false;
  }
  if (ev == xr::SessionEvent::LossPending || ev == xr::SessionEvent::InstanceLost) {
    p.markLost();
    return false;
  }
  if (!p.session.running()) {
    // Idle, or between stopping and exiting: nothing to draw. Runtimes wake us with events.
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return true;
  }
  xr::FrameInfo frame;
  try {
    frame = p.session.beginFrame();
  } catch (const xr::XrCallError& e) {
    // The loss can reach the frame calls before its event reaches the queue.
    if (!isLoss(e)) throw;
    p.markLost();
    return false;
  }
  bool rendered = false;
  // Everything up to endFrame is the frame: no speech may be synthesised in it.
  const audio::SpeechSynth::FrameScope inFrame;
  XrExtent2Di renderedPx{0, 0};
  try {
    const std::uint32_t missed = p.missedPeriods(frame);
    if (p.unjudged) p.countFrame(p.unjudged->level, missed == 0 && !p.unjudged->late);
    p.unjudged.reset();
    p.applyQuality();
    if (p.options.isolateCpuTiming) {
      p.renderer.waitIdle();
      p.content.waitIdle();
    }
    const auto start = std::chrono::steady_clock::now();
    const double threadStartS = threadCpuS();
    const TrackedFrame tracked = p.input.locate(frame.predictedDisplayTime, p.session.focused());
    if (!p.announced && p.session.focused()) {
      p.bodySource = p.input.summary();
      p.say("%s\n", p.bodySource.c_str());
      p.announced = true;
    }
    const double dtS = p.lastDisplayS > 0.0 ? xr::toSeconds(frame.predictedDisplayTime) - p.lastDisplayS : 0.0;
    p.lastDisplayS = xr::toSeconds(frame.predictedDisplayTime);
    const SessionStage before = p.guided.view().stage;
    p.content.advance(p.scene, p.guided, std::span(&tracked, 1), p.pointer(tracked, dtS), dtS);
    p.panelPointer.appendToScene(p.scene, p.content.panels());
    if (p.monitor) {
      // Copies only: the sender thread does the network work, and a slow viewer loses frames.
      p.monitor->publish(tracked, p.guided);
      p.monitor->applyCommands(p.guided);
    }
    const SessionView& view = p.guided.view();
    if (tracked.valid(Device::Head)) {
      const glm::dquat q = tracked[Device::Head].pose.orientation;
      p.listener = {glm::vec3(tracked[Device::Head].pose.positionM), glm::vec3(q * glm::dvec3(0, 0, -1)), glm::vec3(q * glm::dvec3(0, 1, 0))};
    }
    if (!view.message.empty() && view.messageTimeS != p.spokenMessageTimeS) {
      // A therapist's message is read out as well as shown: the person may not be facing the panel.
      p.spokenMessageTimeS = view.messageTimeS;
      p.audio->speakMessage(view.message);
    }
    p.audio->update(view, p.listener, p.content.coachPositionM(), dtS);
    // The repetition that ends an exercise is told before what comes next.
    if (view.feedback.repetitionCompleted) p.say("%.1f s: repetition %d\n", view.timeS, view.feedback.repetitions);
    if (view.stage != before) {
      if (view.stage == SessionStage::Exercising && before == SessionStage::Resting) p.say("%.1f s: rest over, next set\n", view.timeS);
      else if (view.stage == SessionStage::Exercising) p.say("%.1f s: calibrated; %s\n", view.timeS, view.exercise->exercise.name.c_str());
      else p.say("%.1f s: %s\n", view.timeS, view.instruction.c_str());
    }
    if (auto pulse = p.haptics.update(view.feedback, view.timeS); pulse && view.stage == SessionStage::Exercising) {
      for (xr::Hand hand : {xr::Hand::Left, xr::Hand::Right}) {
        if (p.input.controllers().state(hand).active) p.input.controllers().pulse(p.session.session(), hand, pulse->amplitude, pulse->durationS);
      }
    }
    if (frame.shouldRender && frame.viewsValid) {
      p.setEyes(frame);
      const uint32_t image = p.session.acquireColour();
      p.renderer.recordFrame(p.scene, p.targets[image]);
      lastFrameCpuS_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      lastFrameThreadCpuS_ = threadCpuS() - threadStartS;
      p.content.submitUi();
      p.renderer.submitFrame();
      p.session.releaseColour();
      rendered = true;
      ++framesRendered_;
      renderedPx = {static_cast<int32_t>(p.renderer.renderExtent().width), static_cast<int32_t>(p.renderer.renderExtent().height)};
      p.steerQuality(frame, missed);
      p.showOnDesktop();
    }
  } catch (const xr::XrCallError& e) {
    if (isLoss(e)) {
      p.markLost();  // a lost session takes no more calls, xrEndFrame included
      return false;
    }
    p.session.endFrame(frame, false);  // the frame begun must end, whatever failed
    throw;
  } catch (...) {
    p.session.endFrame(frame, false);
    throw;
  }
  try {
    // Late as the runtime counts it: submitted after the time it was to be shown.
    const std::optional<XrTime> endNs = p.clock.now();
    p.session.endFrame(frame, rendered, renderedPx);
    if (rendered) {
      const render::QualityLevel drawnAt{static_cast<std::uint32_t>(renderedPx.width),
                                         static_cast<std::uint32_t>(renderedPx.height),
                                         static_cast<std::uint32_t>(p.renderer.samples())};
      p.unjudged = Parts::Unjudged{drawnAt, endNs && *endNs > frame.predictedDisplayTime};
      if (p.unjudged->late) p.quality.addLate();
    }
  } catch (const xr::XrCallError& e) {
    if (!isLoss(e)) throw;
    p.markLost();
    return false;
  }
  // Unattended, the session ends with its exercises; in the headset, once the person has
  // answered the pain question and closed the summary: either way when its flow is over.
  if (p.guided.finished() && !p.exitRequested) {
    p.session.requestExit();
    p.exitRequested = true;
  }
  return true;
}

void XrApp::speakMessage(std::string message) { parts_->audio->speakMessage(std::move(message)); }

bool XrApp::exercising() const { return parts_->guided.view().stage == SessionStage::Exercising; }

const render::QualityLevel& XrApp::qualityLevel() const { return parts_->quality.level(); }

const std::vector<QualityUse>& XrApp::qualityUse() const { return parts_->qualityUse; }

XrAppResult XrApp::finish() {
  Parts& p = *parts_;
  XrAppResult result;
  p.renderer.waitIdle();
  if (auto st = p.audio->finish(); !st) std::fprintf(stderr, "lumbo: %s\n", st.error().c_str());
  result.frames = p.session.framesEnded();
  result.quality = p.quality.mode();
  result.qualityLevels = p.qualityUse;
  result.qualityChanges = p.qualityChanges;
  result.bodySource = p.bodySource;
  result.endReason = p.endReason;
  result.shutdownSignal = p.signal;
  result.restartOffered = p.lost;
  // Done, or stopped by the person: completed. Lost or closed by the runtime midway: interrupted.
  result.status = p.guided.endStatus();
  p.guided.finish(result.status);
  if (p.monitor) {
    p.monitor->stop(p.endReason.empty() ? "session ended" : p.endReason);
    const monitor::MonitorStats m = p.monitor->stats();
    char line[256];
    std::snprintf(line, sizeof line,
                  "live monitoring: %llu viewers, %llu messages sent, %llu dropped for slow viewers, %llu dropped from "
                  "the queue, %llu commands, %llu keys and %llu messages refused",
                  static_cast<unsigned long long>(m.viewersSeen), static_cast<unsigned long long>(m.sent),
                  static_cast<unsigned long long>(m.viewerDropped), static_cast<unsigned long long>(m.queueDropped),
                  static_cast<unsigned long long>(m.commands), static_cast<unsigned long long>(m.refusedKeys),
                  static_cast<unsigned long long>(m.refusedMessages));
    result.monitorSummary = line;
  }
  p.content.waitIdle();
  result.outcomes = p.guided.outcomes();
  // A full disk at the end costs what could not be written, not the summary and the report.
  if (auto st = p.writer->flush(5.0); !st) std::fprintf(stderr, "lumbo: recording incomplete: %s\n", st.error().c_str());
  p.writer.reset();  // closes the store before the report reads it
  {
    std::lock_guard lock(p.messagesMutex);
    result.vulkanMessages = p.vulkanMessages;
  }
  // The ODI answered in the headset, then the report: both through one open of the closed store.
  const auto& odi = p.guided.view().odiAnswers;
  const bool odiAnswered = std::any_of(odi.begin(), odi.end(), [](const auto& a) { return a.has_value(); });
  if (odiAnswered || !p.options.reportDir.empty() || !p.qualityUse.empty()) {
    auto store = store::SessionStore::open(p.options.databasePath, store::OpenOptions{false});
    if (!store) throw std::runtime_error(store.error());
    p.recordQuality(*store);
    if (odiAnswered) store->addOswestry(store::OswestryRecord{p.options.personId, p.guided.info().startUnixS, odi});
    if (!p.options.reportDir.empty()) {
      store::ReportOptions report;
      report.personId = p.options.personId;
      report.outDir = p.options.reportDir;
      auto files = store::writeReport(*store, report);
      if (!files) throw std::runtime_error(files.error());
      result.reportFiles = *files;
    }
  }
  return result;
}

XrAppResult runXrSession(const XrAppOptions& options) {
  XrApp app(options);
  while (app.step()) {
  }
  return app.finish();
}

}  // namespace lumbo::app
