// `lumbo view TRACE [--exercise ID] [--reference TRACE] [--screenshot PNG] [--frames N]`: replays
// a recording through the guided session and shows it in a desktop window from a free camera,
// with the avatar, mirror and side view, ghost and UI panels as the headset shows them.
#include <cstdio>
#include <optional>
#include <string>

#include <glm/geometric.hpp>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/desktop/desktop_view.h"
#include "app/session/guided_session.h"
#include "app/scene/session_scene.h"
#include "body/trace.h"
#include "exercises/exercise.h"
#include "render/png_writer.h"

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
  const Exercise* exercise = findExercise(*library, id);
  if (!exercise) {
    std::fprintf(stderr, "lumbo view: unknown exercise '%s'; 'lumbo exercises' lists them\n", id.c_str());
    return kExitUsage;
  }
  planned.exercise = *exercise;

  GuidedSession session({planned}, nullptr, {});
  DesktopViewOptions viewOptions;
  viewOptions.validation = parsed.flag("--validate");
  DesktopView view(viewOptions);
  // With --reference the ghost comes from that recording: the exercise's own is not prepared.
  const std::optional<std::string> referencePath = parsed.value("--reference");
  SessionScene content(view.context(), view.renderer(), UiPanelsOptions{},
                       referencePath ? std::vector<std::optional<GhostMotion>>(1) : ghostsFor(session.plan()));
  // With --reference the ghost demonstrates that recording's best repetition instead of the
  // exercise's bundled reference.
  if (referencePath) {
    auto reference = readTrace(*referencePath);
    if (!reference) {
      std::fprintf(stderr, "lumbo view: %s\n", reference.error().c_str());
      return kExitFailure;
    }
    auto made = GhostMotion::fromReference(*reference, planned.exercise);
    if (!made) {
      std::fprintf(stderr, "lumbo view: no ghost: %s\n", made.error().c_str());
      return kExitFailure;
    }
    content.setGhost(*made);
  }

  const double startS = trace->samples.front().frame.timeS;
  const double durationS = trace->durationS();
  // With --frames the whole recording is spread over them (a preview, and the test's capture);
  // otherwise it plays in real time at the display's rate.
  const double stepS = frames ? durationS / *frames : 1.0 / 60.0;
  std::size_t next = 0;
  std::vector<TrackedFrame> due;  // the recording's frames that fall in this display frame
  double playedS = 0.0;
  bool targeted = false;
  render::Scene scene;
  scene.floor.lineSpacingM = 0.5f;
  const glm::vec3 firstHeadM(trace->samples.front().frame[Device::Head].pose.positionM);
  view.camera().targetM = glm::vec3(firstHeadM.x, 1.0f, firstHeadM.z);

  for (int frame = 0; !frames || frame < *frames; ++frame) {
    playedS += stepS;
    due.clear();
    while (next < trace->samples.size() && trace->samples[next].frame.timeS - startS <= playedS) {
      due.push_back(trace->samples[next++].frame);
    }
    content.advance(scene, session, due, {}, stepS);
    if (const auto& cal = session.calibration(); cal && !targeted) {
      const glm::vec3 pelvisM(cal->neutralPositionM[index(Device::Pelvis)]);
      view.camera().targetM = glm::vec3(pelvisM.x, 1.0f, pelvisM.z);
      targeted = true;
    }
    content.submitUi();
    if (!view.frame(scene)) break;
    if (!frames && next >= trace->samples.size() && !session.finished()) {
      session.finish(store::SessionStatus::Completed);
    }
  }

  if (auto path = parsed.value("--screenshot")) {
    render::writePng(*path, view.widthPx(), view.heightPx(), view.screenshot());
    std::printf("%s\n", path->c_str());
  }
  content.waitIdle();
  view.renderer().waitIdle();
  return kExitOk;
}

}  // namespace lumbo::app
