// The session's scene for a person standing when the exercise needs them lying down: the panels
// stay where a standing person looks (they are never moved over a supine head that is not there),
// and they carry the prompt to lie down; nothing is counted until the person does.
#include <gtest/gtest.h>

#include <memory>

#include <glm/geometric.hpp>

#include "app/scene/session_scene.h"
#include "body/synthetic_motion.h"
#include "body/trace.h"
#include "exercises/exercise.h"
#include "render/stereo_renderer.h"
#include "render/vulkan_context.h"
#include "tests/test_support.h"

namespace lumbo::app {
namespace {

TEST(CoachingScene, AStandingPersonGivenASupineExerciseSeesThePromptInFrontOfThem) {
  render::OwnedContextOptions options;
  options.validation = true;
  auto context = std::make_unique<render::OwnedContext>(options);
  const auto log = context->validationLog();
  {
    const render::VulkanContext& vk = context->context();
    render::RendererConfig config;
    config.extentPx = {64, 64};
    config.samples = VK_SAMPLE_COUNT_1_BIT;
    render::StereoRenderer renderer(vk, config);
    auto bridge = loadExercise(defaultExerciseFolder() / "bridge.json");
    ASSERT_TRUE(bridge.ok()) << bridge.error();
    GuidedSession session({PlannedExercise{*bridge, 1, std::nullopt, std::nullopt}}, nullptr, {});
    SessionScene content(vk, renderer, UiPanelsOptions{}, ghostsFor(session.plan()));

    auto trace = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
    ASSERT_TRUE(trace.ok()) << trace.error();
    std::vector<TrackedFrame> frames;
    for (const TraceSample& s : trace->samples) frames.push_back(s.frame);
    render::Scene scene;
    // A display frame per 50 tracked frames (half a second of the recording).
    for (std::size_t i = 0; i < frames.size(); i += 50) {
      const std::size_t n = std::min<std::size_t>(50, frames.size() - i);
      content.advance(scene, session, std::span(frames).subspan(i, n), PanelInput{}, 0.5);
      ASSERT_EQ(session.view().feedback.repetitions, 0);
    }
    EXPECT_EQ(session.view().stage, SessionStage::Calibrating);
    EXPECT_NE(session.view().instruction.find("Lie on your back on the mat"), std::string::npos);
    EXPECT_NE(session.view().calibrationProblem.find("I see you standing"), std::string::npos);

    // The session panel is in front of the standing person's eyes, about 1.3 m away, not above a
    // supine head.
    const TrackedFrame& last = frames.back();
    const glm::vec3 headM(last[Device::Head].pose.positionM);
    glm::vec3 forward(last[Device::Head].pose.orientation * glm::dvec3(0, 0, -1));
    forward.y = 0.0f;
    forward = glm::normalize(forward);
    const render::TexturedQuad& panel = content.panels().quad(PanelId::Session);
    const glm::vec3 toPanel = panel.centreM - headM;
    EXPECT_NEAR(glm::length(toPanel), 1.3f, 0.35f);
    EXPECT_GT(glm::dot(glm::normalize(toPanel), forward), 0.6f);
    EXPECT_LT(panel.centreM.y, headM.y);  // below the eyes, not overhead
    bool drawn = false;
    for (const render::TexturedQuad& q : scene.quads) drawn = drawn || glm::length(q.centreM - panel.centreM) < 1e-4f;
    EXPECT_TRUE(drawn);

    // Lying down, the hold is taken and the bridges count.
    SyntheticSpec spec;
    spec.movement = SyntheticMovement::Bridge;
    spec.repetitions = 2;
    spec.repetitionS = 8.0;
    std::vector<TrackedFrame> lying;
    for (const TraceSample& s : generateSyntheticTrace(spec).samples) {
      lying.push_back(s.frame);
      lying.back().timeS += frames.back().timeS + 0.01;
    }
    for (std::size_t i = 0; i < lying.size(); i += 50) {
      content.advance(scene, session, std::span(lying).subspan(i, std::min<std::size_t>(50, lying.size() - i)),
                      PanelInput{}, 0.5);
    }
    EXPECT_EQ(session.view().stage, SessionStage::Exercising);
    EXPECT_GE(session.view().feedback.repetitions, 1);
    content.waitIdle();
  }
  for (const std::string& message : log->messages()) ADD_FAILURE() << message;
  EXPECT_EQ(log->count(), 0u);
}

}  // namespace
}  // namespace lumbo::app
