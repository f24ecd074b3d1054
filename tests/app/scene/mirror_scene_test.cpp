// A rendered frame (lavapipe, validation on) with the feedback in place: the mirror shows the
// reflected avatar, the ghost's translucent colour shows in it, and a UI panel rendered by Dear
// ImGui shows where the placement maths puts it.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <memory>

#include <glm/gtc/quaternion.hpp>

#include "app/scene/ghost_motion.h"
#include "app/scene/mirror_scene.h"
#include "app/scene/ui_panels.h"
#include "body/trace.h"
#include "exercises/exercise.h"
#include "render/imgui_canvas.h"
#include "render/offscreen_target.h"
#include "render/stereo_renderer.h"
#include "render/vulkan_context.h"
#include "tests/test_support.h"

extern "C" int __lsan_is_turned_off() { return 1; }  // llvmpipe's JIT, as in tests/render

namespace lumbo::app {
namespace {

constexpr uint32_t kSizePx = 128;
const glm::vec3 kHeadM{0.0f, 1.6f, 0.0f};
const glm::vec3 kForward{0.0f, 0.0f, -1.0f};
const glm::vec3 kUp{0.0f, 1.0f, 0.0f};
const glm::vec4 kSky{0.20f, 0.20f, 0.22f, 1.0f};
const glm::vec4 kRed{0.90f, 0.10f, 0.10f, 1.0f};

using Rgba8 = std::array<int, 4>;

float toLinear(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }
float toSrgb(float c) { return c <= 0.0031308f ? c * 12.92f : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f; }
int byte(float c) { return static_cast<int>(std::lround(c * 255.0f)); }

render::Scene baseScene() {
  render::Scene scene;
  const float quarterPi = 0.78539816f;
  const render::Fov fov{-quarterPi, quarterPi, quarterPi, -quarterPi};
  for (int eye = 0; eye < 2; ++eye) {
    scene.eyes[eye] = render::makeEyeView(kHeadM + glm::vec3(eye == 0 ? -0.032f : 0.032f, 0.0f, 0.0f),
                                          glm::quat(1.0f, 0.0f, 0.0f, 0.0f), fov, 0.05f, 100.0f);
  }
  scene.clearRgba = kSky;
  scene.floor.visible = false;
  scene.mat.visible = false;
  // Uniform white ambient, no key light: lit surfaces show their own colour.
  scene.lighting.skyLinearRgb = glm::vec3(1.0f);
  scene.lighting.groundLinearRgb = glm::vec3(1.0f);
  scene.lighting.keyLinearRgb = glm::vec3(0.0f);
  return scene;
}

glm::vec2 project(const render::Scene& scene, int eye, const glm::vec3& worldM) {
  const glm::vec4 clip = scene.eyes[eye].projection * scene.eyes[eye].view * glm::vec4(worldM, 1.0f);
  return (glm::vec2(clip) / clip.w * 0.5f + 0.5f) * static_cast<float>(kSizePx);
}

Rgba8 at(const std::vector<uint8_t>& rgba, const glm::vec2& px) {
  const size_t i = (static_cast<size_t>(px.y) * kSizePx + static_cast<size_t>(px.x)) * 4;
  return {rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]};
}

::testing::AssertionResult near(const Rgba8& actual, const Rgba8& expected, int tolerance = 3) {
  for (int c = 0; c < 3; ++c) {
    if (std::abs(actual[c] - expected[c]) > tolerance) {
      return ::testing::AssertionFailure()
             << "got (" << actual[0] << ", " << actual[1] << ", " << actual[2] << "), expected ("
             << expected[0] << ", " << expected[1] << ", " << expected[2] << ")";
    }
  }
  return ::testing::AssertionSuccess();
}

TEST(FeedbackFrame, MirrorGhostAndPanelWhereTheyArePlaced) {
  render::OwnedContextOptions options;
  options.validation = true;
  auto context = std::make_unique<render::OwnedContext>(options);
  const auto log = context->validationLog();
  {
    const render::VulkanContext& vk = context->context();
    auto trace = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
    ASSERT_TRUE(trace.ok()) << trace.error();
    auto exercise = loadExercise(defaultExerciseFolder() / "deep_squat.json");
    ASSERT_TRUE(exercise.ok()) << exercise.error();
    auto ghost = GhostMotion::fromReference(*trace, *exercise);
    ASSERT_TRUE(ghost.ok()) << ghost.error();

    UiPanels panels;
    panels.place(viewerFrameFor(NeutralPosition::Standing, kHeadM, kForward, kUp));
    render::ImGuiCanvas canvas(vk, {UiPanels::kCanvasPx, UiPanels::kCanvasPx});
    render::RendererConfig config;
    config.extentPx = {kSizePx, kSizePx};
    config.samples = VK_SAMPLE_COUNT_1_BIT;
    render::OffscreenTarget target(vk, config.colourFormat, config.extentPx);
    render::StereoRenderer renderer(vk, config);
    const uint32_t targetIndex = renderer.addTarget(target.image());
    const uint32_t canvasTexture = renderer.addTexture(canvas.view());

    // The person: a red trunk below the eyes; the ghost beside them; the mirror reflects both.
    const glm::vec3 pelvisM(0.0f, 0.95f, 0.0f);
    const MirrorPlacement mirror = mirrorPlacementFor(NeutralPosition::Standing, pelvisM, kForward, kUp);
    auto build = [&](bool withGhost) {
      render::Scene scene = baseScene();
      const glm::vec3 trunkM(0.0f, 1.2f, 0.0f);
      scene.capsules.push_back({trunkM - glm::vec3(0.0f, 0.2f, 0.0f), trunkM + glm::vec3(0.0f, 0.2f, 0.0f), 0.12f, kRed});
      if (withGhost) ghost->append(scene, pelvisM, kForward);
      appendMirror(scene, mirror, 0, 0);
      panels.appendToScene(scene, canvasTexture);
      return scene;
    };
    panels.update(SessionView{}, {}, {}, 1.0 / 72.0);

    auto render = [&](const render::Scene& scene) {
      canvas.render(panels.drawData());
      renderer.renderFrame(scene, targetIndex);
      return target.readLayer(0);
    };
    const render::Scene withGhost = build(true);
    const render::Scene without = build(false);
    const auto image = render(withGhost);
    const auto plain = render(without);

    // The reflected trunk, seen through the faint glass: red blended with the glass tint.
    const glm::vec3 reflectedM = reflectAcross(mirror, {0.0f, 1.2f, 0.0f});
    EXPECT_NEAR(reflectedM.z, -4.0f, 1e-4f);
    const glm::vec4 g = mirror.glassRgba;
    auto throughGlass = [&](float srgb, float glass) {
      return byte(toSrgb((1.0f - g.a) * toLinear(srgb) + g.a * toLinear(glass)));
    };
    EXPECT_TRUE(near(at(image, project(withGhost, 0, reflectedM)),
                     {throughGlass(kRed.r, g.r), throughGlass(kRed.g, g.g), throughGlass(kRed.b, g.b), 255}));

    // The ghost's reflection: its first sphere (drawn translucent) turns the pixel towards the
    // ghost's blue; without the ghost the same pixel is the background through the glass.
    const glm::vec3 ghostPointM = withGhost.spheres.front().centreM;
    const glm::vec2 ghostPx = project(withGhost, 0, reflectAcross(mirror, ghostPointM));
    const Rgba8 behind = {throughGlass(kSky.r, g.r), throughGlass(kSky.g, g.g), throughGlass(kSky.b, g.b), 255};
    EXPECT_TRUE(near(at(plain, ghostPx), behind));
    const Rgba8 ghosted = at(image, ghostPx);
    EXPECT_GT(ghosted[2], behind[2] + 40) << "ghost blue missing";
    EXPECT_GT(ghosted[2], ghosted[0] + 30);
    EXPECT_LT(ghosted[2], 250) << "translucent: blended, not the ghost's colour alone";

    // The session panel: its empty lower part shows the panel's background, exactly there.
    const glm::vec4 rect = panels.panelRectPx(PanelId::Session);
    const glm::vec3 panelPointM =
        panels.canvasToWorld(PanelId::Session, {0.5f * (rect.x + rect.z), rect.w - 60.0f});
    const glm::vec2 panelPx = project(withGhost, 0, panelPointM);
    ASSERT_GE(panelPx.x, 0.0f);
    ASSERT_LT(panelPx.y, static_cast<float>(kSizePx));
    EXPECT_TRUE(near(at(image, panelPx), {byte(0.07f), byte(0.08f), byte(0.10f), 255}, 2));
    // ...and the sky just beyond the panel's outer edge.
    const glm::vec3 besideM =
        panels.canvasToWorld(PanelId::Session, {rect.x - 40.0f, 0.5f * (rect.y + rect.w)});
    EXPECT_TRUE(near(at(image, project(withGhost, 0, besideM)), {byte(kSky.r), byte(kSky.g), byte(kSky.b), 255}));
    canvas.waitIdle();
    renderer.waitIdle();
  }
  context.reset();
  for (const std::string& message : log->messages()) ADD_FAILURE() << message;
  EXPECT_EQ(log->count(), 0u);
}

}  // namespace
}  // namespace lumbo::app
