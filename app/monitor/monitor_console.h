// The therapist's console for one live session, as a component any window can host (the
// `lumbo monitor` window, the clinic's "Live session" tab): the panels' text drawn natively with
// Dear ImGui (exercise, cue, counters, hold, quality and faults per repetition, pain and pause),
// the posture metrics as live strips, the session's events, and buttons for the therapist's
// actions; and the 3D scene of the person (avatar, mirror and side view, ghost) built from the
// received poses. The host owns the ImGui context, the renderer and the connection.
#pragma once

#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

#include "app/scene/ghost_motion.h"
#include "app/scene/mirror_scene.h"
#include "exercises/exercise.h"
#include "monitor/monitor_client.h"
#include "monitor/stream_recorder.h"
#include "monitor/viewer_model.h"
#include "render/scene.h"

namespace lumbo::app {

struct ConsoleAction {
  monitor::CommandKind kind = monitor::CommandKind::Pause;
  int value = 0;
  std::string text;
};

// The connection's state in words, as the console shows it.
const char* connectionWords(monitor::ConnectionState state);
// What an action did, in words for the host's log: "sent pause", "not connected, not sent: message: ...".
std::string actionWords(const ConsoleAction& action, bool sent);

// Where a host learns what the console drew, control by control and text by text (the clinic's
// UI scripts find and check them so).
class ConsoleRecorder {
 public:
  virtual ~ConsoleRecorder() = default;
  // The last ImGui item, a control labelled `label`.
  virtual void control(const char* label) = 0;
  // The last ImGui item, the text `text`.
  virtual void text(const std::string& text) = 0;
};

// How the console's panels sit in their host: as ImGui windows of their own over the host's 3D
// view, or as child regions side by side in the host's current window (a tab, no 3D view).
enum class ConsoleLayout { OverScene, Embedded };

class MonitorConsole {
 public:
  // The exercise library names each exercise's phases and makes the ghosts.
  explicit MonitorConsole(std::vector<Exercise> library, ConsoleLayout layout = ConsoleLayout::OverScene,
                          ConsoleRecorder* recorder = nullptr);

  // Inside an ImGui frame of the host's context: the panels laid out in a `widthPx` x `heightPx`
  // area (OverScene: from the display's corner; Embedded: from the current window's cursor). `connection` is the connection's state in words. Returns what the therapist pressed;
  // `drawn` (optional) receives the panel's words as drawn.
  std::vector<ConsoleAction> drawUi(const monitor::ViewerModel& model, const std::string& connection, float widthPx,
                                    float heightPx, monitor::DrawnPanel* drawn = nullptr);

  // Replaces the avatar, ghost, mirror and mat of `scene` with the session's latest frame.
  void buildScene(render::Scene& scene, const monitor::ViewerModel& model, double dtS);

  // Embedded: the screen rectangle the last drawUi left for the 3D view (x, y, width, height in
  // pixels), drawn over by the host; the console's panels are around it.
  struct ViewRect {
    float xPx = 0, yPx = 0, widthPx = 0, heightPx = 0;
  };
  const ViewRect& viewRect() const { return viewRect_; }

  // Whether the pointer is over one of the console's windows (the camera then leaves the mouse alone).
  bool wantsMouse() const { return wantsMouse_; }

 private:
  void prepareGhosts(const monitor::Welcome& welcome);
  void beginPanel(const char* name, float xPx, float yPx, float widthPx, float heightPx);
  void endPanel();
  void text(const ImVec4* colour, bool wrapped, const char* format, ...) __attribute__((format(printf, 4, 5)));
  bool button(const char* label, float widthPx = 0.0f);
  const Exercise* find(const std::string& id) const;

  std::vector<Exercise> library_;
  ConsoleLayout layout_;
  ConsoleRecorder* recorder_;
  float originXPx_ = 0.0f;
  float originYPx_ = 0.0f;
  ImVec4 title_;
  ViewRect viewRect_;
  std::uint64_t ghostsFor_ = 0;
  std::vector<std::optional<GhostMotion>> ghosts_;
  std::optional<NeutralPosition> placedFor_;
  MirrorPlacement mirror_;
  int lastRepetitions_ = 0;
  std::string messageDraft_;
  bool wantsMouse_ = false;
};

}  // namespace lumbo::app
