// Pointing at the panels without controllers, on the CPU: a gaze resting on a button presses it
// once after the dwell and not before, needs to leave the buttons before pressing again, and
// rests twice as long on Stop; a fingertip presses at the panel's surface and not in front of it;
// a pinch presses and lets go with hysteresis; a tracked controller always wins.
#include <gtest/gtest.h>

#include <glm/geometric.hpp>
#include <glm/gtx/quaternion.hpp>

#include "app/scene/panel_pointer.h"

namespace lumbo::app {
namespace {

constexpr double kDtS = 1.0 / 72.0;

struct Panels {
  UiPanels ui;
  SessionView view;
  Panels(SessionStage stage) {
    view.stage = stage;
    ui.update(view, {}, {}, kDtS);  // lays out the buttons
  }
  glm::vec3 buttonM(const char* label) const {
    const auto rect = ui.buttonRectPx(label);
    EXPECT_TRUE(rect.has_value()) << label;
    return ui.canvasToWorld(PanelId::Controls, glm::vec2(0.5f * (rect->x + rect->z), 0.5f * (rect->y + rect->w)));
  }
  // One frame of the panels with this pointer: what it pressed, if anything.
  std::optional<SessionCommand> frame(const PanelInput& input) { return ui.update(view, {}, input, kDtS); }
};

Pose headLookingAt(const glm::vec3& targetM) {
  const glm::dvec3 eye(0.0, 1.6, 0.0);
  return Pose{eye, glm::rotation(glm::dvec3(0, 0, -1), glm::normalize(glm::dvec3(targetM) - eye))};
}

// Frames of gazing at `target` for `seconds`; the commands the panels made.
std::vector<SessionCommand> gaze(Panels& p, GazeDwell& dwell, const glm::vec3& targetM, double seconds) {
  std::vector<SessionCommand> made;
  for (double t = 0.0; t < seconds; t += kDtS) {
    if (auto c = p.frame(dwell.update(headLookingAt(targetM), p.ui, kDtS))) made.push_back(*c);
  }
  return made;
}

TEST(GazeDwell, PressesTheAimedButtonOnceAfterTheDwell) {
  Panels p(SessionStage::PainBefore);
  GazeDwell dwell;
  EXPECT_TRUE(gaze(p, dwell, p.buttonM("4"), 1.3).empty());
  EXPECT_GT(dwell.progress(), 0.8);
  EXPECT_LT(dwell.progress(), 1.0);
  const auto made = gaze(p, dwell, p.buttonM("4"), 0.4);
  ASSERT_EQ(made.size(), 1u);
  EXPECT_EQ(made[0].kind, SessionCommand::Kind::AnswerPainBefore);
  EXPECT_EQ(made[0].value, 4);
  // Still looking: no second press, on this button or the next one aimed without looking away.
  EXPECT_TRUE(gaze(p, dwell, p.buttonM("4"), 3.0).empty());
  EXPECT_TRUE(gaze(p, dwell, p.buttonM("5"), 3.0).empty());
  // Away from the buttons (above the panels), then back: it presses again.
  EXPECT_TRUE(gaze(p, dwell, glm::vec3(0.0f, 3.5f, -1.0f), 0.2).empty());
  EXPECT_EQ(gaze(p, dwell, p.buttonM("5"), 1.7).size(), 1u);
}

TEST(GazeDwell, MovingToAnotherButtonStartsTheDwellAgain) {
  Panels p(SessionStage::PainBefore);
  GazeDwell dwell;
  EXPECT_TRUE(gaze(p, dwell, p.buttonM("2"), 1.0).empty());
  EXPECT_TRUE(gaze(p, dwell, p.buttonM("3"), 1.0).empty());
  EXPECT_LT(dwell.progress(), 0.7);
}

TEST(GazeDwell, StopNeedsALongerLook) {
  Panels p(SessionStage::Exercising);
  GazeDwell dwell;
  EXPECT_TRUE(gaze(p, dwell, p.buttonM("Stop"), 2.0).empty());
  const auto made = gaze(p, dwell, p.buttonM("Stop"), 1.2);
  ASSERT_EQ(made.size(), 1u);
  EXPECT_EQ(made[0].kind, SessionCommand::Kind::Stop);
}

TEST(GazeDwell, TheFillRingGrowsWithTheDwell) {
  Panels p(SessionStage::PainBefore);
  GazeDwell dwell;
  auto bright = [&] {
    render::Scene scene;
    dwell.appendToScene(scene, p.ui);
    int n = 0;
    for (const auto& c : scene.capsules) n += c.rgba.g > 0.9f ? 1 : 0;
    return std::pair{n, scene.capsules.size()};
  };
  EXPECT_EQ(bright().second, 0u);  // nothing aimed: no ring
  gaze(p, dwell, p.buttonM("6"), 0.5);
  const auto [third, ring] = bright();
  EXPECT_GT(ring, 8u);
  gaze(p, dwell, p.buttonM("6"), 0.5);
  const auto [twoThirds, ring2] = bright();
  EXPECT_GT(third, 0);
  EXPECT_GT(twoThirds, third);
  EXPECT_LT(twoThirds, static_cast<int>(ring2));
}

HandJoints handAt(const glm::vec3& indexTipM, float pinchGapM = 0.06f) {
  HandJoints h;
  h.active = true;
  h.indexTipM = indexTipM;
  h.indexKnuckleM = indexTipM + glm::vec3(0.0f, 0.0f, 0.08f);
  h.thumbTipM = indexTipM + glm::vec3(pinchGapM, 0.0f, 0.0f);
  h.wristM = indexTipM + glm::vec3(0.0f, 0.0f, 0.17f);
  return h;
}

TEST(HandPointer, APokePressesAtTheSurfaceAndNotInFront) {
  Panels p(SessionStage::PainBefore);
  HandPointer hands;
  const Pose head = headLookingAt(p.buttonM("8"));
  const glm::vec3 button = p.buttonM("8");
  const glm::vec3 towardsPerson = glm::normalize(glm::vec3(head.positionM) - button);
  // Hovering 5 cm in front, for a while: nothing.
  for (int i = 0; i < 30; ++i) {
    const PanelInput in = hands.update({}, handAt(button + 0.05f * towardsPerson), head, p.ui);
    EXPECT_TRUE(in.active);
    EXPECT_FALSE(in.select);
    EXPECT_FALSE(p.frame(in).has_value());
  }
  EXPECT_TRUE(hands.poking());
  // Through the surface, then back: one press of "8".
  std::optional<SessionCommand> made;
  for (float depthM : {0.0f, -0.01f, 0.05f}) {
    if (auto c = p.frame(hands.update({}, handAt(button + depthM * towardsPerson), head, p.ui))) made = c;
  }
  ASSERT_TRUE(made.has_value());
  EXPECT_EQ(made->value, 8);
}

TEST(HandPointer, APinchSelectsWithHysteresis) {
  Panels p(SessionStage::PainBefore);
  HandPointer hands;
  const Pose head = headLookingAt(glm::vec3(0.0f, 1.2f, -1.0f));
  const glm::vec3 handM(0.25f, 1.2f, -0.4f);  // far from the panel: a ray, not a poke
  EXPECT_FALSE(hands.update({}, handAt(handM, 0.05f), head, p.ui).select);
  EXPECT_TRUE(hands.update({}, handAt(handM, 0.015f), head, p.ui).select);
  EXPECT_TRUE(hands.update({}, handAt(handM, 0.03f), head, p.ui).select);  // not yet let go
  EXPECT_FALSE(hands.update({}, handAt(handM, 0.04f), head, p.ui).select);
  EXPECT_FALSE(hands.update({}, handAt(handM, 0.03f), head, p.ui).select);  // not yet pinched again
  EXPECT_FALSE(hands.poking());
}

TEST(PanelPointer, ControllerThenHandsThenGaze) {
  Panels p(SessionStage::PainBefore);
  PanelPointer pointer;
  PointerSources sources;
  sources.head = headLookingAt(p.buttonM("1"));
  pointer.update(sources, p.ui, kDtS);
  EXPECT_EQ(pointer.mode(), PointerMode::Gaze);
  sources.rightHand = handAt(glm::vec3(0.2f, 1.2f, -0.4f));
  pointer.update(sources, p.ui, kDtS);
  EXPECT_EQ(pointer.mode(), PointerMode::Hand);
  sources.controller = PanelInput{glm::vec3(0.2f, 1.2f, -0.3f), glm::vec3(0, 0, -1), false, true};
  const PanelInput in = pointer.update(sources, p.ui, kDtS);
  EXPECT_EQ(pointer.mode(), PointerMode::Controller);
  EXPECT_TRUE(in.showRay);
  sources = {};
  pointer.update(sources, p.ui, kDtS);
  EXPECT_EQ(pointer.mode(), PointerMode::None);
}

}  // namespace
}  // namespace lumbo::app
