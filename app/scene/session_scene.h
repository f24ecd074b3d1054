// Everything a session shows besides the room: the avatar, the ghost doing the target movement,
// the mirror with its side view, and the world-space UI panels with their pointer. Shared by the
// headset (XrApp) and the desktop view, so both show the same thing.
#pragma once

#include <optional>

#include "app/scene/ghost_motion.h"
#include "app/session/guided_session.h"
#include "app/scene/mirror_scene.h"
#include "app/scene/ui_panels.h"
#include "render/imgui_canvas.h"
#include "render/stereo_renderer.h"

namespace lumbo::app {

// The reference movement for an exercise's ghost: a bundled recording of it done well
// (assets/reference/<id>.csv) or, for the MCT exercises, synthetic motion of the movement; none
// when neither exists.
std::optional<GhostMotion> ghostFor(const Exercise& exercise, int level);

class SessionScene {
 public:
  // The panels' text changes a few times a second at most; redrawing their canvas at 10 Hz keeps
  // the UI current for a fraction of the cost (a 768 px canvas on a CPU renderer is not free).
  static constexpr double kCanvasIntervalS = 0.1;

  // `renderer` must outlive the scene; the UI canvas is drawn on `context`'s queue.
  SessionScene(const render::VulkanContext& context, render::StereoRenderer& renderer, const UiPanelsOptions& panels);
  ~SessionScene();
  SessionScene(const SessionScene&) = delete;
  SessionScene& operator=(const SessionScene&) = delete;

  // Fills `scene` (keeping its eyes, floor and lighting) for the session's current state, runs
  // one UI frame with the pointer and renders the UI canvas. Returns what the person pressed.
  UiEvents build(render::Scene& scene, const GuidedSession& session, const TrackedFrame& frame,
                 const PanelInput& pointer, double dtS);

  // Uses this ghost for every exercise instead of the bundled reference of each.
  void setGhost(GhostMotion ghost) {
    ghost_ = std::move(ghost);
    ghostPinned_ = true;
  }

  const UiPanels& panels() const { return panels_; }
  bool hasGhost() const { return ghost_.has_value(); }
  void waitIdle() { canvas_.waitIdle(); }

 private:
  UiPanels panels_;  // before the canvas: its ImGui context must exist when the canvas is made
  render::ImGuiCanvas canvas_;
  std::uint32_t canvasTexture_;
  std::optional<GhostMotion> ghost_;
  const PlannedExercise* ghostOf_ = nullptr;
  bool ghostPinned_ = false;
  std::optional<NeutralPosition> placedFor_;
  bool placedAtStart_ = false;
  double sinceCanvasS_ = 1e9;
  MirrorPlacement mirror_;
};

}  // namespace lumbo::app
