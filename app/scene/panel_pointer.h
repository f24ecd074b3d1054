// Which pointer drives the panels this frame: a controller's ray when one is tracked, otherwise a
// tracked hand (poke or pinch), otherwise head-gaze dwell, so a session can be done with nothing
// in the hands.
#pragma once

#include <optional>

#include "app/scene/gaze_dwell.h"
#include "app/scene/hand_pointer.h"
#include "app/scene/ui_panels.h"
#include "body/pose.h"
#include "render/scene.h"

namespace lumbo::app {

enum class PointerMode { None, Controller, Hand, Gaze };

// Everything the person could point with this frame, in world space.
struct PointerSources {
  PanelInput controller;  // active when a controller's aim pose is tracked
  HandJoints leftHand;
  HandJoints rightHand;
  std::optional<Pose> head;
};

class PanelPointer {
 public:
  PanelInput update(const PointerSources& sources, const UiPanels& panels, double dtS);
  // The gaze dwell's fill ring, when the gaze is the pointer (call after the scene is built).
  void appendToScene(render::Scene& scene, const UiPanels& panels) const;

  PointerMode mode() const { return mode_; }
  const GazeDwell& gaze() const { return gaze_; }

 private:
  PointerMode mode_ = PointerMode::None;
  GazeDwell gaze_;
  HandPointer hands_;
};

}  // namespace lumbo::app
