// Building a session's scene content and UI.
#include "app/scene/session_scene.h"

#include <algorithm>
#include <filesystem>

#include <glm/geometric.hpp>

#include "app/scene/avatar_scene.h"
#include "app/scene/ghost_reference.h"
#include "app/scene/props_scene.h"
#include "exercises/trace_scoring.h"

namespace lumbo::app {

std::optional<GhostMotion> ghostFor(const Exercise& exercise, int level) {
  auto reference = ghostReference(exercise, level);
  if (!reference) return std::nullopt;
  auto ghost = GhostMotion::fromReference(*reference, exercise, level);
  if (!ghost) return std::nullopt;
  return std::move(*ghost);
}

std::vector<std::optional<GhostMotion>> ghostsFor(std::span<const PlannedExercise> plan,
                                                  std::span<const std::shared_ptr<const Trace>> personal) {
  std::vector<std::optional<GhostMotion>> ghosts;
  ghosts.reserve(plan.size());
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const PlannedExercise& p = plan[i];
    std::size_t same = 0;
    while (same < i && (plan[same].exercise.id != p.exercise.id || plan[same].level != p.level)) ++same;
    if (i < personal.size() && personal[i]) {
      auto own = GhostMotion::fromReference(*personal[i], p.exercise, p.level);
      ghosts.push_back(own ? std::optional<GhostMotion>(std::move(*own)) : ghostFor(p.exercise, p.level));
      continue;
    }
    ghosts.push_back(same < i ? ghosts[same] : ghostFor(p.exercise, p.level));
  }
  return ghosts;
}

SessionScene::SessionScene(const render::VulkanContext& context, render::StereoRenderer& renderer,
                           const UiPanelsOptions& panels, std::vector<std::optional<GhostMotion>> ghosts)
    : panels_(panels),
      canvas_(context, {UiPanels::kCanvasPx, UiPanels::kCanvasPx}),
      canvasTexture_(renderer.addTexture(canvas_.view())),
      ghosts_(std::move(ghosts)) {}

SessionScene::~SessionScene() { canvas_.waitIdle(); }

void SessionScene::setGhost(const GhostMotion& ghost) {
  for (auto& g : ghosts_) g = ghost;
}

bool SessionScene::hasGhost() const {
  return std::any_of(ghosts_.begin(), ghosts_.end(), [](const auto& g) { return g.has_value(); });
}

std::optional<SessionCommand> SessionScene::advance(render::Scene& scene, GuidedSession& session,
                                                    std::span<const TrackedFrame> frames, const PanelInput& pointer,
                                                    double dtS) {
  for (const TrackedFrame& f : frames) session.update(f);
  if (!frames.empty()) shown_ = frames.back();
  if (!shown_) return std::nullopt;  // nothing tracked yet: nothing to draw
  const std::optional<SessionCommand> command = build(scene, session, *shown_, pointer, dtS);
  if (command) session.apply(*command);
  return command;
}

std::optional<SessionCommand> SessionScene::build(render::Scene& scene, const GuidedSession& session,
                                                  const TrackedFrame& frame, const PanelInput& pointer, double dtS) {
  scene.capsules.clear();
  scene.spheres.clear();
  scene.quads.clear();
  const SessionView& view = session.view();
  if (!placedFor_ && !placedAtStart_ && frame.valid(Device::Head)) {
    // Before calibration (the pain check-in, the hold's instructions) the panels stand in front
    // of where the person looks.
    const Pose& head = frame[Device::Head].pose;
    glm::dvec3 forward = head.orientation * glm::dvec3(0, 0, -1);
    forward.y = 0.0;
    if (glm::length(forward) > 0.1) {
      panels_.place(viewerFrameFor(NeutralPosition::Standing, glm::vec3(head.positionM), glm::vec3(glm::normalize(forward)),
                                   glm::vec3(0, 1, 0)));
      coachM_ = glm::vec3(head.positionM) + GhostOptions{}.besideM * glm::cross(glm::vec3(glm::normalize(forward)), glm::vec3(0, 1, 0));
      placedAtStart_ = true;
    }
  }
  if (const auto& cal = session.calibration()) {
    const glm::dvec3 pelvis = exercisePlaceM(*cal);
    if (placedFor_ != cal->position) {
      // Mat, panels and mirror go where this starting position needs them.
      panels_.place(viewerFrameFor(*cal));
      mirror_ = mirrorPlacementFor(*cal);
      placeMat(scene, *cal);
      placedFor_ = cal->position;
    }
    {
      // The ghost stands beside the person, on their right (GhostMotion::append); its head, at
      // the person's neutral head height, is where the voice comes from.
      glm::vec3 forward(cal->forward());
      forward.y = 0.0f;
      forward = glm::length(forward) > 1e-3f ? glm::normalize(forward) : glm::vec3(0, 0, -1);
      const float headY = static_cast<float>(cal->neutralPositionM[index(Device::Head)].y);
      coachM_ = glm::vec3(static_cast<float>(pelvis.x), headY, static_cast<float>(pelvis.z)) +
                GhostOptions{}.besideM * glm::cross(forward, glm::vec3(0, 1, 0));
    }
    const bool exercising = view.stage == SessionStage::Exercising;
    const bool demonstrating = view.stage == SessionStage::Demonstrating;
    appendAvatar(scene, frame, *cal, exercising ? &view.feedback : nullptr);
    if ((exercising || demonstrating) && view.exerciseIndex < ghosts_.size()) {
      if (auto& ghost = ghosts_[view.exerciseIndex]) {
        if (demonstrating) {
          ghost->showDemonstration(view.demonstrationProgress);
        } else {
          ghost->update(view.feedback, dtS);
        }
        ghost->append(scene, glm::vec3(pelvis), glm::vec3(cal->forward()));
      }
    }
    appendProps(scene, session.physics().world());
    if (view.exercise != nullptr && std::ranges::find(view.exercise->exercise.props, "chair") != view.exercise->exercise.props.end()) {
      appendChair(scene, chairPlacementFor(*cal));
    }
    // After the avatar, ghost and props, so that the mirror reflects them.
    appendMirror(scene, mirror_, 0, 0);
  }
  const std::optional<SessionCommand> command = panels_.update(view, session.outcomes(), pointer, dtS);
  panels_.appendToScene(scene, canvasTexture_);
  sinceCanvasS_ += dtS;
  if (sinceCanvasS_ >= kCanvasIntervalS || dtS <= 0.0) {
    canvas_.record(panels_.drawData());
    sinceCanvasS_ = 0.0;
  }
  // The command changes the session only after this frame's panels were built: redraw the
  // canvas on the next frame, so a press shows at once.
  if (command) sinceCanvasS_ = kCanvasIntervalS;
  return command;
}

}  // namespace lumbo::app
