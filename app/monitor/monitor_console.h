// The therapist's console for one live session, as a component any window can host (the
// `lumbo monitor` window today, a tab of the clinic later): the panels' text drawn natively with
// Dear ImGui (exercise, cue, counters, hold, quality and faults per repetition, pain and pause),
// the posture metrics as live strips, the session's events, and buttons for the therapist's
// actions; and the 3D scene of the person (avatar, mirror and side view, ghost) built from the
// received poses. The host owns the ImGui context, the renderer and the connection.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/scene/ghost_motion.h"
#include "app/scene/mirror_scene.h"
#include "exercises/exercise.h"
#include "monitor/stream_recorder.h"
#include "monitor/viewer_model.h"
#include "render/scene.h"

namespace lumbo::app {

struct ConsoleAction {
  monitor::CommandKind kind = monitor::CommandKind::Pause;
  int value = 0;
  std::string text;
};

class MonitorConsole {
 public:
  // The exercise library names each exercise's phases and makes the ghosts.
  explicit MonitorConsole(std::vector<Exercise> library);

  // Inside an ImGui frame of the host's context: windows laid out in a `widthPx` x `heightPx`
  // area. `connection` is the connection's state in words. Returns what the therapist pressed;
  // `drawn` (optional) receives the panel's words as drawn.
  std::vector<ConsoleAction> drawUi(const monitor::ViewerModel& model, const std::string& connection, float widthPx,
                                    float heightPx, monitor::DrawnPanel* drawn = nullptr);

  // Replaces the avatar, ghost, mirror and mat of `scene` with the session's latest frame.
  void buildScene(render::Scene& scene, const monitor::ViewerModel& model, double dtS);

  // Whether the pointer is over one of the console's windows (the camera then leaves the mouse alone).
  bool wantsMouse() const { return wantsMouse_; }

 private:
  void prepareGhosts(const monitor::Welcome& welcome);
  const Exercise* find(const std::string& id) const;

  std::vector<Exercise> library_;
  std::uint64_t ghostsFor_ = 0;
  std::vector<std::optional<GhostMotion>> ghosts_;
  std::optional<NeutralPosition> placedFor_;
  MirrorPlacement mirror_;
  int lastRepetitions_ = 0;
  std::string messageDraft_;
  bool wantsMouse_ = false;
};

}  // namespace lumbo::app
