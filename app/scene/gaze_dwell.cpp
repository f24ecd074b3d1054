// GazeDwell: the dwell timer on the aimed button and its fill ring.
#include "app/scene/gaze_dwell.h"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>

namespace lumbo::app {

namespace {

constexpr int kRingSegments = 32;
const glm::vec4 kRingTrackRgba{0.35f, 0.38f, 0.42f, 1.0f};
const glm::vec4 kRingFillRgba{0.30f, 0.95f, 0.85f, 1.0f};

}  // namespace

void GazeDwell::reset() {
  aim_.reset();
  elapsedS_ = 0.0;
  armed_ = true;
  pressing_ = false;
}

PanelInput GazeDwell::update(const Pose& head, const UiPanels& panels, double dtS) {
  PanelInput input;
  input.rayOrigin = glm::vec3(head.positionM);
  input.rayDirection = glm::vec3(head.orientation * glm::dvec3(0, 0, -1));
  input.active = true;
  input.showRay = false;
  towardsViewer_ = -glm::normalize(input.rayDirection);
  pressing_ = false;

  std::optional<Aim> aimed;
  if (const auto hit = panels.hitTest(input)) {
    if (const auto label = panels.buttonAt(hit->canvasPx)) {
      // The button's rectangle identifies it: a label can stay while the button moves, and
      // change (Pause to Resume) while it stays.
      if (const auto rect = panels.buttonRectPx(*label)) aimed = Aim{hit->panel, *rect, *label == "Stop" ? kStopDwellS : kDwellS};
    }
  }
  if (!aimed) {
    aim_.reset();
    elapsedS_ = 0.0;
    armed_ = true;
    return input;
  }
  if (!aim_ || aim_->panel != aimed->panel || aim_->rectPx != aimed->rectPx) {
    aim_ = aimed;
    elapsedS_ = 0.0;
  }
  if (!armed_) return input;
  elapsedS_ += std::max(dtS, 0.0);
  if (elapsedS_ >= aim_->dwellS) {
    input.select = true;  // released on the next frame: a click
    pressing_ = true;
    armed_ = false;
  }
  return input;
}

double GazeDwell::progress() const {
  if (!aim_) return 0.0;
  if (!armed_) return pressing_ ? 1.0 : 0.0;
  return std::clamp(elapsedS_ / aim_->dwellS, 0.0, 1.0);
}

void GazeDwell::appendToScene(render::Scene& scene, const UiPanels& panels) const {
  if (!aim_) return;
  const glm::vec4 r = aim_->rectPx;
  const glm::vec2 centrePx(0.5f * (r.x + r.z), 0.5f * (r.y + r.w));
  const float radiusPx = 0.42f * std::min(r.z - r.x, r.w - r.y);
  const glm::vec3 centreM = panels.canvasToWorld(aim_->panel, centrePx);
  // The ring lies on the panel's plane, just in front of it (towards the eye) so it is not hidden.
  const glm::vec3 rightM = panels.canvasToWorld(aim_->panel, centrePx + glm::vec2(radiusPx, 0.0f)) - centreM;
  const glm::vec3 upM = centreM - panels.canvasToWorld(aim_->panel, centrePx + glm::vec2(0.0f, radiusPx));
  const glm::vec3 liftM = 0.004f * towardsViewer_;
  const double done = progress();
  const float tubeM = 0.0035f;  // readable at arm's length and beyond
  for (int i = 0; i < kRingSegments; ++i) {
    // Clockwise from the top, as a clock's hand fills.
    const float a0 = 6.2831853f * static_cast<float>(i) / kRingSegments;
    const float a1 = 6.2831853f * static_cast<float>(i + 1) / kRingSegments;
    const glm::vec3 p0 = centreM + liftM + std::sin(a0) * rightM + std::cos(a0) * upM;
    const glm::vec3 p1 = centreM + liftM + std::sin(a1) * rightM + std::cos(a1) * upM;
    const bool filled = static_cast<double>(i + 1) <= done * kRingSegments + 1e-9;
    scene.capsules.push_back({p0, p1, filled ? 1.6f * tubeM : tubeM, filled ? kRingFillRgba : kRingTrackRgba});
  }
}

}  // namespace lumbo::app
