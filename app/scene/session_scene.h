// Everything a session shows besides the room: the avatar, the ghost doing the target movement,
// the mirror with its side view, and the world-space UI panels with their pointer. Shared by the
// headset (XrApp) and the desktop view, so both show the same thing.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "app/scene/ghost_motion.h"
#include "app/session/guided_session.h"
#include "app/scene/mirror_scene.h"
#include "app/scene/ui_panels.h"
#include "render/imgui_canvas.h"
#include "render/stereo_renderer.h"

namespace lumbo::app {

// The ghost of an exercise, cut from its reference movement (ghostReference: a bundled recording
// of it done well, or synthetic motion); none when the reference has no correct repetition.
// Reads a file and scores a whole trace: call it when the plan is made.
std::optional<GhostMotion> ghostFor(const Exercise& exercise, int level);

// The ghost of each planned exercise, in plan order (none where ghostFor has none); an exercise
// planned twice at one level is prepared once.
// `personal[i]`, when given and set, is the person's own reference recording for plan item i:
// its ghost shows them at their best instead.
std::vector<std::optional<GhostMotion>> ghostsFor(std::span<const PlannedExercise> plan,
                                                  std::span<const std::shared_ptr<const Trace>> personal = {});

class SessionScene {
 public:
  // The panels' text changes a few times a second at most; redrawing their canvas at 10 Hz keeps
  // the UI current for a fraction of the cost (a 768 px canvas on a CPU renderer is not free).
  static constexpr double kCanvasIntervalS = 0.1;

  // `renderer` must outlive the scene; the UI canvas is drawn on `context`'s queue. `ghosts` are
  // the plan's (ghostsFor), prepared before the first frame.
  SessionScene(const render::VulkanContext& context, render::StereoRenderer& renderer, const UiPanelsOptions& panels,
               std::vector<std::optional<GhostMotion>> ghosts);
  ~SessionScene();
  SessionScene(const SessionScene&) = delete;
  SessionScene& operator=(const SessionScene&) = delete;

  // One display frame of a session, the same for the headset and the desktop replay: the tracked
  // frames since the last display frame (oldest first; none: the last one is drawn again; the
  // last is drawn) go to the session, the
  // scene is built for its state (keeping its eyes, floor and lighting) with one UI frame and the
  // pointer, the UI canvas is recorded, and what the person pressed goes back to the session.
  // Returns the command applied, if any. Call submitUi() before submitting the stereo frame.
  std::optional<SessionCommand> advance(render::Scene& scene, GuidedSession& session,
                                        std::span<const TrackedFrame> frames, const PanelInput& pointer, double dtS);
  // Submits the UI canvas advance() recorded, if it recorded one. Kept apart so that the frame's
  // GPU work starts only once the frame is built (see ImGuiCanvas::record).
  void submitUi() { canvas_.submit(); }

  // Uses this ghost for every exercise instead of each one's own.
  void setGhost(const GhostMotion& ghost);

  const UiPanels& panels() const { return panels_; }
  bool hasGhost() const;
  // Where the coach's voice comes from: the ghost's head beside the person (before calibration,
  // beside the head as it was first seen).
  glm::vec3 coachPositionM() const { return coachM_; }
  void waitIdle() { canvas_.waitIdle(); }

 private:
  std::optional<SessionCommand> build(render::Scene& scene, const GuidedSession& session, const TrackedFrame& frame,
                                      const PanelInput& pointer, double dtS);

  UiPanels panels_;  // before the canvas: its ImGui context must exist when the canvas is made
  render::ImGuiCanvas canvas_;
  std::uint32_t canvasTexture_;
  std::vector<std::optional<GhostMotion>> ghosts_;  // per planned exercise
  std::optional<TrackedFrame> shown_;               // the last tracked frame, drawn
  std::optional<NeutralPosition> placedFor_;
  bool placedAtStart_ = false;
  double sinceCanvasS_ = 1e9;
  MirrorPlacement mirror_;
  glm::vec3 coachM_{0.8f, 1.6f, 0.0f};
};

}  // namespace lumbo::app
