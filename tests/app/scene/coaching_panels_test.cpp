// The coaching stages on the panels, pressed with a pointer ray: skipping the demonstration,
// answering the pain check between sets (a number or sharp pain), and choosing what comes after
// pain stopped an exercise, and ending the rest between sets early.
#include <gtest/gtest.h>
#include <imgui.h>

#include "app/scene/ui_panels.h"
#include "body/trace.h"
#include "tests/test_support.h"

namespace lumbo::app {
namespace {

// A press and a release over the labelled button of the controls panel, the command applied.
std::optional<SessionCommand> press(UiPanels& ui, GuidedSession& session, const char* label) {
  const glm::vec3 handM(0.2f, 1.1f, -0.3f);
  ui.update(session.view(), {}, {}, 1.0 / 72.0);  // lays out this stage's buttons
  const auto rect = ui.buttonRectPx(label);
  EXPECT_TRUE(rect.has_value()) << label;
  if (!rect) return std::nullopt;
  const glm::vec2 centrePx(0.5f * (rect->x + rect->z), 0.5f * (rect->y + rect->w));
  const PanelInput aim{handM, ui.canvasToWorld(PanelId::Controls, centrePx) - handM, false, true};
  PanelInput down = aim;
  down.select = true;
  ui.update(session.view(), {}, aim, 1.0 / 72.0);
  std::optional<SessionCommand> made = ui.update(session.view(), {}, down, 1.0 / 72.0);
  if (auto released = ui.update(session.view(), {}, aim, 1.0 / 72.0)) made = released;
  if (made) session.apply(*made);
  return made;
}

Exercise squat() {
  auto e = loadExercise(defaultExerciseFolder() / "deep_squat.json");
  EXPECT_TRUE(e.ok());
  return e.ok() ? *e : Exercise{};
}

class CoachingPanels : public ::testing::Test {
 protected:
  void SetUp() override {
    auto trace = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
    ASSERT_TRUE(trace.ok()) << trace.error();
    trace_ = std::move(*trace);
    ui_.place(viewerFrameFor(NeutralPosition::Standing, {0.0f, 1.6f, 0.0f}, {0.0f, 0.0f, -1.0f}, {0.0f, 1.0f, 0.0f}));
  }
  // Plays the recording until the session reaches `stage`.
  void playUntil(GuidedSession& session, SessionStage stage) {
    for (; next_ < trace_.samples.size() && session.view().stage != stage; ++next_) session.update(trace_.samples[next_].frame);
    ASSERT_EQ(session.view().stage, stage);
  }
  Trace trace_;
  std::size_t next_ = 0;
  UiPanels ui_;
};

TEST_F(CoachingPanels, SkipDemonstrationStartsTheSets) {
  GuidedSessionOptions options;
  options.demonstrate = true;
  GuidedSession session({PlannedExercise{squat(), 1, std::nullopt, std::nullopt}}, nullptr, {}, options);
  playUntil(session, SessionStage::Demonstrating);
  EXPECT_EQ(press(ui_, session, "Skip demonstration"), SessionCommand{SessionCommand::Kind::SkipDemonstration});
  EXPECT_EQ(session.view().stage, SessionStage::Exercising);
}

TEST_F(CoachingPanels, SharpPainStopsTheExerciseAndTheLastOneOffersOnlyTheEnd) {
  GuidedSessionOptions options;
  options.askPainBetweenSets = true;
  GuidedSession session({PlannedExercise{squat(), 1, 2, 2}}, nullptr, {}, options);
  playUntil(session, SessionStage::PainCheck);
  EXPECT_EQ(press(ui_, session, "Sharp pain"), (SessionCommand{SessionCommand::Kind::AnswerPainCheck, SessionCommand::kSharpPain}));
  EXPECT_EQ(session.view().stage, SessionStage::PainStopped);
  EXPECT_EQ(session.view().painChecks, std::vector<int>{SessionCommand::kSharpPain});
  ui_.update(session.view(), {}, {}, 1.0 / 72.0);
  EXPECT_FALSE(ui_.buttonRectPx("Next exercise").has_value());  // nothing follows
  EXPECT_EQ(press(ui_, session, "End session"), SessionCommand{SessionCommand::Kind::Stop});
  EXPECT_EQ(session.view().stage, SessionStage::Finished);
}

TEST_F(CoachingPanels, ANumberWithinTheLimitGoesOnToTheNextSet) {
  store::SessionInfo info;
  info.painBefore = 3;
  GuidedSessionOptions options;
  options.askPainBetweenSets = true;
  GuidedSession session({PlannedExercise{squat(), 1, 2, 2}}, nullptr, info, options);
  playUntil(session, SessionStage::PainCheck);
  EXPECT_EQ(press(ui_, session, "4"), (SessionCommand{SessionCommand::Kind::AnswerPainCheck, 4}));
  EXPECT_EQ(session.view().stage, SessionStage::Exercising);
  EXPECT_EQ(session.view().feedback.set, 2);
}

TEST_F(CoachingPanels, TheRestBetweenSetsFitsThePanelAndContinueEndsIt) {
  GuidedSession session({PlannedExercise{squat(), 1, 2, 2, std::nullopt, 60.0}}, nullptr, {});
  playUntil(session, SessionStage::Resting);
  EXPECT_GT(session.view().restRemainingS, 59.0);
  ui_.update(session.view(), {}, {}, 1.0 / 72.0);
  // The words and the countdown fit the session panel: nothing cut at its bottom.
  const glm::vec4 rect = ui_.panelRectPx(PanelId::Session);
  EXPECT_LE(ui_.contentBottomPx(PanelId::Session), rect.w - ImGui::GetStyle().WindowPadding.y);
  EXPECT_LE(ImGui::CalcTextSize(session.view().instruction.c_str(), nullptr, false, ui_.wrapWidthPx(PanelId::Session)).x,
            ui_.wrapWidthPx(PanelId::Session));
  EXPECT_TRUE(ui_.buttonRectPx("Stop").has_value());
  EXPECT_FALSE(ui_.buttonRectPx("Pause").has_value());  // nothing to pause while resting
  EXPECT_EQ(press(ui_, session, "Continue"), SessionCommand{SessionCommand::Kind::EndRest});
  EXPECT_EQ(session.view().stage, SessionStage::Exercising);
  // The second set follows at once.
  playUntil(session, SessionStage::Finished);
  ASSERT_EQ(session.outcomes().size(), 1u);
  EXPECT_TRUE(session.outcomes()[0].completed);
}

}  // namespace
}  // namespace lumbo::app
