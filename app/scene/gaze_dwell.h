// Pressing a panel button by looking at it: the head's gaze ray rests on a button for a dwell
// time (about 1.5 s) while a ring around the button fills, then presses it once. For people with
// neither controllers nor tracked hands.
#pragma once

#include <optional>

#include <glm/vec4.hpp>

#include "app/scene/ui_panels.h"
#include "body/pose.h"
#include "render/scene.h"

namespace lumbo::app {

class GazeDwell {
 public:
  static constexpr double kDwellS = 1.5;
  // Stopping cannot be undone: a glance resting on Stop must not end the session.
  static constexpr double kStopDwellS = 3.0;

  // The pointer of this frame from the head pose (looking down the view's -z). Its select is held
  // for the one frame in which a dwell completes; the panels then see a press and a release, a
  // click. After a press, nothing is pressed again until the gaze has left every button, so the
  // button that replaces the pressed one (Resume after Pause, the next stage's) is not pressed by
  // the same look.
  PanelInput update(const Pose& head, const UiPanels& panels, double dtS);
  void reset();

  // 0 to 1: how far the dwell on the aimed button has come (0 when none is aimed).
  double progress() const;
  // The ring on the aimed button: a dim full circle, and the part done in bright teal.
  void appendToScene(render::Scene& scene, const UiPanels& panels) const;

 private:
  struct Aim {
    PanelId panel = PanelId::Session;
    glm::vec4 rectPx{0.0f};
    double dwellS = kDwellS;
  };
  std::optional<Aim> aim_;
  double elapsedS_ = 0.0;
  bool armed_ = true;
  bool pressing_ = false;
  glm::vec3 towardsViewer_{0.0f, 0.0f, 1.0f};
};

}  // namespace lumbo::app
