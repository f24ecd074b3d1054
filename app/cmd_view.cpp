// `lumbo view TRACE [--exercise ID] [--reference TRACE] [--screenshot PNG] [--frames N]`: replays
// a recording through the guided session and shows it in a desktop window from a free camera,
// with the avatar, mirror and side view, ghost and UI panels as the headset shows them.
#include <cstdio>
#include <optional>
#include <string>

#include <glm/geometric.hpp>

#include "app/avatar_scene.h"
#include "app/command_line.h"
#include "app/commands.h"
#include "app/desktop_view.h"
#include "app/ghost_motion.h"
#include "app/guided_session.h"
#include "app/mirror_scene.h"
#include "app/ui_panels.h"
#include "body/trace.h"
#include "exercises/exercise.h"
#include "render/imgui_canvas.h"
#include "render/png_writer.h"
#include "render/stereo_renderer.h"

namespace lumbo::app {

int runView(std::span<const std::string> args) {
  const Args parsed(args, ArgSpec{{"--exercise", "--reference", "--screenshot", "--frames", "--exercises-dir"},
                                  {"--validate"}, 1, 1});
  const std::optional<int> frames = parsed.integer("--frames");
  if (frames && *frames < 1) throw UsageError("--frames must be 1 or more");
  auto trace = readTrace(parsed.positional()[0]);
  if (!trace) {
    std::fprintf(stderr, "lumbo view: %s\n", trace.error().c_str());
    return kExitFailure;
  }
  if (trace->samples.empty()) {
    std::fprintf(stderr, "lumbo view: %s has no samples\n", parsed.positional()[0].c_str());
    return kExitFailure;
  }
  std::string id;
  if (auto v = parsed.value("--exercise")) id = *v;
  else if (auto m = trace->metadata.get("exercise")) id = std::string(*m);
  else throw UsageError("missing --exercise ID (and the trace names no exercise)");
  auto library = loadExerciseLibrary(parsed.value("--exercises-dir").value_or(defaultExerciseFolder().string()));
  if (!library) {
    std::fprintf(stderr, "lumbo view: %s\n", library.error().c_str());
    return kExitFailure;
  }
  PlannedExercise planned;
  bool found = false;
  for (const Exercise& e : *library) {
    if (e.id == id) {
      planned.exercise = e;
      found = true;
    }
  }
  if (!found) {
    std::fprintf(stderr, "lumbo view: unknown exercise '%s'; 'lumbo exercises' lists them\n", id.c_str());
    return kExitUsage;
  }

  // The ghost demonstrates the best repetition of the reference (by default the trace itself).
  std::optional<GhostMotion> ghost;
  {
    std::optional<Trace> reference;
    if (auto path = parsed.value("--reference")) {
      auto loaded = readTrace(*path);
      if (!loaded) {
        std::fprintf(stderr, "lumbo view: %s\n", loaded.error().c_str());
        return kExitFailure;
      }
      reference = std::move(*loaded);
    }
    auto made = GhostMotion::fromReference(reference ? *reference : *trace, planned.exercise);
    if (made.ok()) {
      ghost.emplace(std::move(*made));
    } else {
      std::fprintf(stderr, "lumbo view: no ghost: %s\n", made.error().c_str());
    }
  }

  GuidedSession session({planned}, nullptr, {});
  DesktopViewOptions viewOptions;
  viewOptions.validation = parsed.flag("--validate");
  DesktopView view(viewOptions);
  UiPanelsOptions panelOptions;
  panelOptions.startWithPainCheckIn = false;  // a replay has no one to ask
  UiPanels panels(panelOptions);
  render::ImGuiCanvas canvas(view.context(), {UiPanels::kCanvasPx, UiPanels::kCanvasPx});
  const uint32_t canvasTexture = view.renderer().addTexture(canvas.view());

  const double startS = trace->samples.front().frame.timeS;
  const double durationS = trace->durationS();
  // With --frames the whole recording is spread over them (a preview, and the test's capture);
  // otherwise it plays in real time at the display's rate.
  const double stepS = frames ? durationS / *frames : 1.0 / 60.0;
  std::size_t next = 0;
  const TrackedFrame* latest = &trace->samples.front().frame;
  double playedS = 0.0;
  bool placed = false;
  render::Scene scene;
  scene.floor.lineSpacingM = 0.5f;
  const glm::vec3 firstHeadM(trace->samples.front().frame[Device::Head].pose.positionM);
  view.camera().targetM = glm::vec3(firstHeadM.x, 1.0f, firstHeadM.z);

  for (int frame = 0; !frames || frame < *frames; ++frame) {
    playedS += stepS;
    while (next < trace->samples.size() && trace->samples[next].frame.timeS - startS <= playedS) {
      latest = &trace->samples[next].frame;
      session.update(*latest);
      ++next;
    }
    const SessionView& sessionView = session.view();
    scene.capsules.clear();
    scene.spheres.clear();
    scene.quads.clear();
    const auto& calibration = session.calibration();
    if (calibration) {
      const glm::vec3 pelvisM(calibration->neutralPositionM[index(Device::Pelvis)]);
      const glm::vec3 forward(calibration->forward());
      if (!placed) {
        panels.place(viewerFrameFor(*calibration));
        scene.mat.centreM = glm::vec3(pelvisM.x, 0.0f, pelvisM.z);
        view.camera().targetM = glm::vec3(pelvisM.x, 1.0f, pelvisM.z);
        placed = true;
      }
      const bool exercising = sessionView.stage == SessionStage::Exercising;
      appendAvatar(scene, *latest, *calibration, exercising ? &sessionView.feedback : nullptr);
      if (ghost && exercising) {
        ghost->update(sessionView.feedback, stepS);
        ghost->append(scene, pelvisM, forward);
      }
      appendMirror(scene, mirrorPlacementFor(*calibration), 0, 0);
    }
    panels.appendToScene(scene, canvasTexture);
    panels.update(sessionView, session.outcomes(), {}, stepS);
    canvas.render(panels.drawData());
    if (!view.frame(scene)) break;
    if (!frames && next >= trace->samples.size() && !session.finished()) {
      session.finish(store::SessionStatus::Completed);
    }
  }

  if (auto path = parsed.value("--screenshot")) {
    render::writePng(*path, view.widthPx(), view.heightPx(), view.screenshot());
    std::printf("%s\n", path->c_str());
  }
  canvas.waitIdle();
  view.renderer().waitIdle();
  return kExitOk;
}

}  // namespace lumbo::app
