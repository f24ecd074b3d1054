// PanelPointer: controller first, then hands, then gaze.
#include "app/scene/panel_pointer.h"

namespace lumbo::app {

PanelInput PanelPointer::update(const PointerSources& sources, const UiPanels& panels, double dtS) {
  if (sources.controller.active) {
    mode_ = PointerMode::Controller;
    gaze_.reset();
    return sources.controller;
  }
  if (sources.leftHand.active || sources.rightHand.active) {
    mode_ = PointerMode::Hand;
    gaze_.reset();
    return hands_.update(sources.leftHand, sources.rightHand, sources.head.value_or(Pose{}), panels);
  }
  if (sources.head) {
    mode_ = PointerMode::Gaze;
    return gaze_.update(*sources.head, panels, dtS);
  }
  mode_ = PointerMode::None;
  gaze_.reset();
  return {};
}

void PanelPointer::appendToScene(render::Scene& scene, const UiPanels& panels) const {
  if (mode_ == PointerMode::Gaze) gaze_.appendToScene(scene, panels);
}

}  // namespace lumbo::app
