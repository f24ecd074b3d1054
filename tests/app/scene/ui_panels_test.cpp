// The session UI panels without a GPU: placement per starting position, readable text size, and
// pointer rays that press buttons, whose commands move the session through its flow.
#include <gtest/gtest.h>

#include <cmath>

#include <glm/geometric.hpp>

#include "app/scene/ui_panels.h"

namespace lumbo::app {
namespace {

const glm::vec3 kForward{0.0f, 0.0f, -1.0f};
const glm::vec3 kUp{0.0f, 1.0f, 0.0f};

// Aims the pointer from `originM` at the centre of a button drawn in the last update.
PanelInput aimAt(const UiPanels& ui, PanelId panel, const char* label, bool select,
                 const glm::vec3& originM) {
  const auto rect = ui.buttonRectPx(label);
  EXPECT_TRUE(rect.has_value()) << label;
  const glm::vec2 centrePx = rect ? glm::vec2(0.5f * (rect->x + rect->z), 0.5f * (rect->y + rect->w))
                                  : glm::vec2(0.0f);
  return {originM, ui.canvasToWorld(panel, centrePx) - originM, select, true};
}

// A press and a release over the button, as a controller's trigger makes them; the command the
// press makes is applied to the session, as the frame loop does.
std::optional<SessionCommand> click(UiPanels& ui, GuidedSession& session, PanelId panel, const char* label,
                                    const glm::vec3& originM) {
  ui.update(session.view(), {}, aimAt(ui, panel, label, false, originM), 1.0 / 72.0);
  std::optional<SessionCommand> made = ui.update(session.view(), {}, aimAt(ui, panel, label, true, originM), 1.0 / 72.0);
  if (auto released = ui.update(session.view(), {}, aimAt(ui, panel, label, false, originM), 1.0 / 72.0)) made = released;
  if (made) session.apply(*made);
  ui.update(session.view(), {}, {}, 1.0 / 72.0);  // lays out the next stage's buttons
  return made;
}

GuidedSession askingSession() {
  auto squat = loadExercise(defaultExerciseFolder() / "deep_squat.json");
  EXPECT_TRUE(squat.ok());
  GuidedSessionOptions options;
  options.askPainBefore = true;
  options.askPainAfter = true;
  return GuidedSession({PlannedExercise{squat.ok() ? *squat : Exercise{}, 1, 1, 5}}, nullptr, {}, options);
}

TEST(UiPanels, TextIsAtLeastOneAndAHalfDegreesAtTheFarthestPlacement) {
  UiPanels ui;
  const double textM = ui.fontPx() / ui.pxPerM();
  const double degrees = std::atan(textM / 1.3) * 180.0 / 3.14159265;
  EXPECT_GE(degrees, 1.5);
  EXPECT_LT(degrees, 1.8);  // and not so large that the panels overflow
  EXPECT_NEAR(glm::length(2.0f * ui.quad(PanelId::Session).halfWidthM), 0.8f, 1e-4f);
}

TEST(UiPanels, PlacedForEachStartingPosition) {
  UiPanels ui;
  // Standing, eyes at 1.6 m: ahead and to the left, below the eyes, facing them.
  const glm::vec3 standingHeadM(0.0f, 1.6f, 0.0f);
  ui.place(viewerFrameFor(NeutralPosition::Standing, standingHeadM, kForward, kUp));
  const auto& standing = ui.quad(PanelId::Session);
  EXPECT_LT(standing.centreM.z, -1.0f);
  EXPECT_GT(standing.centreM.y, 1.0f);
  EXPECT_LT(standing.centreM.y, 1.6f);
  EXPECT_LT(standing.centreM.x, -0.5f);
  EXPECT_NEAR(glm::length(standing.centreM - standingHeadM), 1.3f, 0.1f);

  // Supine, head at 0.15 m, crown towards -z: above the person, facing down.
  const glm::vec3 supineHeadM(0.0f, 0.15f, -0.8f);
  ui.place(viewerFrameFor(NeutralPosition::Supine, supineHeadM, kUp, kForward));
  const auto& supine = ui.quad(PanelId::Session);
  EXPECT_GT(supine.centreM.y, 1.0f);
  EXPECT_LT(glm::cross(supine.halfWidthM, supine.halfHeightM).y, 0.0f);  // its front faces down

  // Four-point kneeling, head at 0.7 m: ahead on the floor, every corner above it.
  const glm::vec3 kneelingHeadM(0.0f, 0.7f, -0.5f);
  ui.place(viewerFrameFor(NeutralPosition::FourPointKneeling, kneelingHeadM, -kUp, kForward));
  for (PanelId panel : {PanelId::Session, PanelId::Controls}) {
    const auto& q = ui.quad(panel);
    EXPECT_LT(q.centreM.y, 0.7f);
    EXPECT_LT(q.centreM.z, kneelingHeadM.z - 0.3f);
    for (float s : {-1.0f, 1.0f}) {
      for (float r : {-1.0f, 1.0f}) EXPECT_GT((q.centreM + s * q.halfWidthM + r * q.halfHeightM).y, 0.0f);
    }
  }
}

TEST(UiPanels, PointerClicksAnswerPainPauseStopAndCloseTheSession) {
  UiPanels ui;
  const glm::vec3 headM(0.0f, 1.6f, 0.0f);
  ui.place(viewerFrameFor(NeutralPosition::Standing, headM, kForward, kUp));
  const glm::vec3 handM(0.2f, 1.1f, -0.3f);
  GuidedSession session = askingSession();
  ASSERT_EQ(session.view().stage, SessionStage::PainBefore);
  ui.update(session.view(), {}, {}, 1.0 / 72.0);  // lays the buttons out

  using Kind = SessionCommand::Kind;
  EXPECT_EQ(click(ui, session, PanelId::Controls, "7", handM), (SessionCommand{Kind::AnswerPainBefore, 7}));
  EXPECT_EQ(session.view().painBefore, 7);
  EXPECT_EQ(session.view().stage, SessionStage::Calibrating);

  EXPECT_EQ(click(ui, session, PanelId::Controls, "Pause", handM), SessionCommand{Kind::Pause});
  EXPECT_TRUE(session.view().paused);
  // The panels show the session's state: the same button now resumes.
  EXPECT_FALSE(ui.buttonRectPx("Pause").has_value());
  EXPECT_EQ(click(ui, session, PanelId::Controls, "Resume", handM), SessionCommand{Kind::Resume});
  EXPECT_FALSE(session.view().paused);

  EXPECT_EQ(click(ui, session, PanelId::Controls, "Stop", handM), SessionCommand{Kind::Stop});
  EXPECT_TRUE(session.view().stopped);
  EXPECT_EQ(session.view().stage, SessionStage::PainAfter);

  EXPECT_EQ(click(ui, session, PanelId::Controls, "2", handM), (SessionCommand{Kind::AnswerPainAfter, 2}));
  EXPECT_EQ(session.view().painAfter, 2);
  EXPECT_EQ(session.view().stage, SessionStage::Summary);

  EXPECT_EQ(click(ui, session, PanelId::Controls, "Done", handM), SessionCommand{Kind::CloseSummary});
  EXPECT_TRUE(session.finished());
}

TEST(UiPanels, OswestrySectionsAreAnsweredOrSkippedWithThePointer) {
  UiPanels ui;
  const glm::vec3 headM(0.0f, 1.6f, 0.0f);
  ui.place(viewerFrameFor(NeutralPosition::Standing, headM, kForward, kUp));
  const glm::vec3 handM(0.2f, 1.1f, -0.3f);
  auto squat = loadExercise(defaultExerciseFolder() / "deep_squat.json");
  ASSERT_TRUE(squat.ok());
  GuidedSessionOptions options;
  options.askOdi = true;
  GuidedSession session({PlannedExercise{*squat, 1, 1, 5}}, nullptr, {}, options);
  ui.update(session.view(), {}, {}, 1.0 / 72.0);
  using Kind = SessionCommand::Kind;
  EXPECT_EQ(click(ui, session, PanelId::Controls, "3", handM), (SessionCommand{Kind::AnswerOdiSection, 3}));
  EXPECT_EQ(click(ui, session, PanelId::Controls, "Skip", handM),
            (SessionCommand{Kind::AnswerOdiSection, SessionCommand::kSkip}));
  EXPECT_EQ(session.view().odiSection, 2u);
  EXPECT_EQ(session.view().odiAnswers[0], 3);
  EXPECT_FALSE(session.view().odiAnswers[1].has_value());
  // Only the six answers of a section: no pain score above 5 to press.
  EXPECT_FALSE(ui.buttonRectPx("6").has_value());
}

TEST(UiPanels, RayThatMissesThePanelsPressesNothing) {
  UiPanels ui;
  const glm::vec3 headM(0.0f, 1.6f, 0.0f);
  ui.place(viewerFrameFor(NeutralPosition::Standing, headM, kForward, kUp));
  GuidedSession session = askingSession();
  ui.update(session.view(), {}, {}, 1.0 / 72.0);
  PanelInput away = aimAt(ui, PanelId::Controls, "7", false, headM);
  away.rayDirection = -away.rayDirection;  // pointing behind the person
  EXPECT_FALSE(ui.hitTest(away).has_value());
  for (bool select : {false, true, false}) {
    away.select = select;
    EXPECT_FALSE(ui.update(session.view(), {}, away, 1.0 / 72.0).has_value());
  }
}

TEST(UiPanels, HitReportsTheCanvasPixelUnderTheRay) {
  UiPanels ui;
  ui.place(viewerFrameFor(NeutralPosition::Supine, {0.0f, 0.15f, 0.0f}, kUp, kForward));
  const glm::vec2 px(200.0f, 300.0f);
  const glm::vec3 originM(0.3f, 0.4f, 0.2f);
  const auto hit = ui.hitTest({originM, ui.canvasToWorld(PanelId::Session, px) - originM, false, true});
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->panel, PanelId::Session);
  EXPECT_NEAR(hit->canvasPx.x, px.x, 0.05f);
  EXPECT_NEAR(hit->canvasPx.y, px.y, 0.05f);
}

}  // namespace
}  // namespace lumbo::app
