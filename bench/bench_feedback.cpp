// Per-frame CPU cost of the headset feedback: mirror and side view, ghost, UI panels (the ImGui
// frame; its GPU drawing is not CPU work of ours) and the haptics policy, on a real recording.
#include <benchmark/benchmark.h>

#include <filesystem>

#include <glm/gtx/quaternion.hpp>

#include "app/scene/avatar_scene.h"
#include "app/scene/ghost_motion.h"
#include "app/session/guided_session.h"
#include "app/session/haptic_feedback.h"
#include "app/scene/mirror_scene.h"
#include "app/scene/panel_pointer.h"
#include "app/scene/ui_panels.h"
#include "body/trace.h"
#include "exercises/exercise.h"

namespace lumbo::app {
namespace {

struct Fixture {
  Trace trace;
  Exercise exercise;
  std::optional<GhostMotion> ghost;
  std::unique_ptr<GuidedSession> session;
  SessionView view;  // a mid-exercise view
  std::size_t frameIndex = 0;

  Fixture() {
    const auto path = std::filesystem::path(LUMBO_SOURCE_DIR) / "tests/data/m01_s01_deep_squat_correct.csv";
    trace = *readTrace(path);
    exercise = *loadExercise(defaultExerciseFolder() / "deep_squat.json");
    ghost.emplace(*GhostMotion::fromReference(trace, exercise));
    PlannedExercise planned;
    planned.exercise = exercise;
    session = std::make_unique<GuidedSession>(std::vector<PlannedExercise>{planned}, nullptr,
                                              store::SessionInfo{});
    frameIndex = trace.samples.size() / 2;
    for (std::size_t i = 0; i <= frameIndex; ++i) view = session->update(trace.samples[i].frame);
  }
  const TrackedFrame& frame() const { return trace.samples[frameIndex].frame; }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_MirrorAndSideView(benchmark::State& state) {
  Fixture& f = fixture();
  const Calibration& cal = *f.session->calibration();
  const MirrorPlacement mirror = mirrorPlacementFor(cal);
  render::Scene scene;
  for (auto _ : state) {
    scene.capsules.clear();
    scene.spheres.clear();
    scene.quads.clear();
    appendAvatar(scene, f.frame(), cal, &f.view.feedback);
    appendMirror(scene, mirror, 0, 0);
    benchmark::DoNotOptimize(scene.capsules.data());
  }
  state.counters["primitives"] = static_cast<double>(scene.capsules.size() + scene.spheres.size());
}
BENCHMARK(BM_MirrorAndSideView);

void BM_Ghost(benchmark::State& state) {
  Fixture& f = fixture();
  render::Scene scene;
  for (auto _ : state) {
    scene.capsules.clear();
    scene.spheres.clear();
    f.ghost->update(f.view.feedback, 1.0 / 72.0);
    f.ghost->append(scene, {0.0f, 0.95f, 0.0f}, {0.0f, 0.0f, -1.0f});
    benchmark::DoNotOptimize(scene.capsules.data());
  }
}
BENCHMARK(BM_Ghost);

void BM_UiPanelsFrame(benchmark::State& state) {
  Fixture& f = fixture();
  UiPanels panels;
  panels.place(viewerFrameFor(*f.session->calibration()));
  const PanelInput pointer{{0.2f, 1.1f, -0.3f}, {-0.3f, -0.1f, -1.0f}, false, true};
  render::Scene scene;
  for (auto _ : state) {
    scene.quads.clear();
    scene.capsules.clear();
    scene.spheres.clear();
    benchmark::DoNotOptimize(panels.update(f.view, f.session->outcomes(), pointer, 1.0 / 72.0));
    panels.appendToScene(scene, 0);
  }
}
BENCHMARK(BM_UiPanelsFrame);

// The hands-free pointer: a head gaze resting on a pain button (hit test, button lookup, dwell)
// and the fill ring it draws.
void BM_GazeDwell(benchmark::State& state) {
  Fixture& f = fixture();
  UiPanels panels;
  SessionView asking;
  asking.stage = SessionStage::PainBefore;
  panels.update(asking, {}, {}, 1.0 / 72.0);
  const auto rect = *panels.buttonRectPx("5");
  const glm::vec3 buttonM = panels.canvasToWorld(PanelId::Controls, {0.5f * (rect.x + rect.z), 0.5f * (rect.y + rect.w)});
  const glm::dvec3 eyeM(0.0, 1.6, 0.0);
  PointerSources sources;
  sources.head = Pose{eyeM, glm::rotation(glm::dvec3(0, 0, -1), glm::normalize(glm::dvec3(buttonM) - eyeM))};
  PanelPointer pointer;
  render::Scene scene;
  for (auto _ : state) {
    scene.capsules.clear();
    benchmark::DoNotOptimize(pointer.update(sources, panels, 1.0 / 72.0));
    pointer.appendToScene(scene, panels);
  }
  (void)f;
}
BENCHMARK(BM_GazeDwell);

void BM_HapticPolicy(benchmark::State& state) {
  HapticFeedbackPolicy policy;
  Feedback feedback;
  feedback.outOfBand = true;
  feedback.excess = 4.0;
  double t = 0.0;
  for (auto _ : state) {
    t += 1.0 / 72.0;
    benchmark::DoNotOptimize(policy.update(feedback, t));
  }
}
BENCHMARK(BM_HapticPolicy);

}  // namespace
}  // namespace lumbo::app

BENCHMARK_MAIN();
