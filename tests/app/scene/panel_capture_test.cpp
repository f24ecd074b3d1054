// The session panel captured at 1024 px (its canvas drawn on a quad that fills a 1024 px image,
// lavapipe, validation on): every wrapped line of the name, the instructions and the cue is
// there as a band of text rows, in the count the wrapping predicts, and nothing is drawn past
// the panel's padding. The capture is kept as a PNG in the build folder to look at.
#include <gtest/gtest.h>

#include <imgui.h>

#include <cmath>
#include <memory>
#include <stdexcept>

#include <glm/gtc/quaternion.hpp>

#include "app/scene/ui_panels.h"
#include "exercises/exercise.h"
#include "render/imgui_canvas.h"
#include "render/offscreen_target.h"
#include "render/png_writer.h"
#include "render/stereo_renderer.h"
#include "render/vulkan_context.h"
#include "tests/app/scene/panel_views.h"


namespace lumbo::app {
namespace {

constexpr uint32_t kCapturePx = 1024;

// Rows of the image's column range [x0, x1) holding text: a pixel much brighter than the panel's
// dark ground (every text colour is light).
std::vector<bool> textRows(const std::vector<uint8_t>& rgba, int x0, int x1) {
  std::vector<bool> rows(kCapturePx, false);
  for (uint32_t y = 0; y < kCapturePx; ++y) {
    for (int x = x0; x < x1 && !rows[y]; ++x) {
      const std::size_t i = (static_cast<std::size_t>(y) * kCapturePx + static_cast<std::size_t>(x)) * 4;
      rows[y] = std::max({rgba[i], rgba[i + 1], rgba[i + 2]}) > 140;
    }
  }
  return rows;
}

// Bands of consecutive text rows in [y0, y1): one per line of text (a gap separates lines).
int bands(const std::vector<bool>& rows, int y0, int y1) {
  int n = 0;
  for (int y = y0; y < y1; ++y) {
    if (rows[static_cast<std::size_t>(y)] && (y == y0 || !rows[static_cast<std::size_t>(y - 1)])) ++n;
  }
  return n;
}

TEST(PanelCapture, EveryInstructionLineReadableAt1024Px) {
  render::OwnedContextOptions options;
  options.validation = true;
  auto context = std::make_unique<render::OwnedContext>(options);
  const auto log = context->validationLog();
  {
    const render::VulkanContext& vk = context->context();
    UiPanels panels;
    // The canvas seen square-on from its standing distance with a field of view its own size:
    // canvas pixel = image pixel.
    const glm::vec3 eyeM(0.0f, 1.6f, 0.0f);
    ViewerFrame viewer;
    viewer.eyeM = eyeM;
    viewer.panelDistanceM = 1.3f;
    panels.place(viewer);
    ASSERT_EQ(UiPanels::kCanvasPx, kCapturePx);
    const float half = std::atan(0.5f * UiPanelsOptions{}.panelWidthM / viewer.panelDistanceM);
    render::Scene scene;
    for (int eye = 0; eye < 2; ++eye) {
      scene.eyes[eye] = render::makeEyeView(eyeM, glm::quat(1, 0, 0, 0), {-half, half, half, -half}, 0.05f, 10.0f);
    }
    scene.clearRgba = {0, 0, 0, 1};
    scene.floor.visible = false;
    scene.mat.visible = false;
    render::ImGuiCanvas canvas(vk, {UiPanels::kCanvasPx, UiPanels::kCanvasPx});
    render::RendererConfig config;
    config.extentPx = {kCapturePx, kCapturePx};
    config.samples = VK_SAMPLE_COUNT_1_BIT;
    render::OffscreenTarget target(vk, config.colourFormat, config.extentPx);
    render::StereoRenderer renderer(vk, config);
    const uint32_t targetIndex = renderer.addTarget(target.image());
    const uint32_t canvasTexture = renderer.addTexture(canvas.view());

    // The exercises with the most instruction text and the longest name, each with its longest
    // cue showing (out of band) during a hold.
    for (const char* id : {"pallof_press", "bird_dog"}) {
      SCOPED_TRACE(id);
      auto e = loadExercise(defaultExerciseFolder() / (std::string(id) + ".json"));
      ASSERT_TRUE(e.ok()) << e.error();
      const PlannedExercise planned{*e, 1, 1, 10};
      const SessionView view = test::exercisingView(planned, 3, 10);
      ASSERT_NE(view.feedback.cue, nullptr);
      panels.update(view, {}, {}, 1.0 / 72.0);
      const float wrapPx = panels.wrapWidthPx(PanelId::Session);
      // The lines the wrapping makes: the name, each instruction, the counters and the cue.
      const float lineHeightPx = ImGui::GetTextLineHeight();
      int expected = 1;  // the counters line
      for (const std::string& t : test::panelTexts(view)) {
        expected += static_cast<int>(std::lround(ImGui::CalcTextSize(t.c_str(), nullptr, false, wrapPx).y / lineHeightPx));
      }

      scene.quads.clear();
      panels.appendToScene(scene, canvasTexture);
      canvas.render(panels.drawData());
      renderer.renderFrame(scene, targetIndex);
      const std::vector<uint8_t> image = target.readLayer(0);
      render::writePng(std::string(LUMBO_BINARY_DIR) + "/panel_capture_" + id + ".png", kCapturePx, kCapturePx, image);

      const glm::vec4 rect = panels.panelRectPx(PanelId::Session);
      const ImVec2 padding = ImGui::GetStyle().WindowPadding;
      const std::vector<bool> rows = textRows(image, static_cast<int>(rect.x + padding.x), static_cast<int>(rect.z - padding.x));
      EXPECT_EQ(bands(rows, static_cast<int>(rect.y), static_cast<int>(rect.w)), expected + 1)
          << "text lines plus the alignment bar (light where it is filled)";
      // Nothing in the bottom padding, nor in the side margins: no text ran past the panel.
      for (int y = static_cast<int>(rect.w - padding.y); y < static_cast<int>(rect.w); ++y) {
        EXPECT_FALSE(rows[static_cast<std::size_t>(y)]) << "row " << y;
      }
      const std::vector<bool> margin = textRows(image, static_cast<int>(rect.z - padding.x + 2), static_cast<int>(rect.z - 4));
      EXPECT_EQ(bands(margin, static_cast<int>(rect.y), static_cast<int>(rect.w)), 0);
    }
    canvas.waitIdle();
    renderer.waitIdle();
  }
  context.reset();
  for (const std::string& message : log->messages()) ADD_FAILURE() << message;
  EXPECT_EQ(log->count(), 0u);
}

// The canvas recorded apart from its submission (how a frame loop keeps a CPU driver's
// rasteriser off the cores until the frame is built): a recording reaches the image only once
// submitted, and a second recording submits the first before replacing it.
TEST(PanelCapture, CanvasRecordingShowsOnceSubmitted) {
  render::OwnedContextOptions options;
  options.validation = true;
  auto context = std::make_unique<render::OwnedContext>(options);
  const auto log = context->validationLog();
  {
    const render::VulkanContext& vk = context->context();
    UiPanels panels;
    const glm::vec3 eyeM(0.0f, 1.6f, 0.0f);
    ViewerFrame viewer;
    viewer.eyeM = eyeM;
    viewer.panelDistanceM = 1.3f;
    panels.place(viewer);
    const float half = std::atan(0.5f * UiPanelsOptions{}.panelWidthM / viewer.panelDistanceM);
    render::Scene scene;
    for (int eye = 0; eye < 2; ++eye) {
      scene.eyes[eye] = render::makeEyeView(eyeM, glm::quat(1, 0, 0, 0), {-half, half, half, -half}, 0.05f, 10.0f);
    }
    scene.clearRgba = {0, 0, 0, 1};
    scene.floor.visible = false;
    scene.mat.visible = false;
    render::ImGuiCanvas canvas(vk, {UiPanels::kCanvasPx, UiPanels::kCanvasPx});
    render::RendererConfig config;
    config.extentPx = {256, 256};
    config.samples = VK_SAMPLE_COUNT_1_BIT;
    render::OffscreenTarget target(vk, config.colourFormat, config.extentPx);
    render::StereoRenderer renderer(vk, config);
    const uint32_t targetIndex = renderer.addTarget(target.image());
    const uint32_t canvasTexture = renderer.addTexture(canvas.view());
    panels.appendToScene(scene, canvasTexture);

    // The views point at their planned exercises, which must outlive them.
    auto planned = [](const char* id) {
      auto e = loadExercise(defaultExerciseFolder() / (std::string(id) + ".json"));
      if (!e) throw std::runtime_error(e.error());
      return PlannedExercise{*e, 1, 1, 10};
    };
    const PlannedExercise pallofPress = planned("pallof_press");
    const PlannedExercise birdDogPlan = planned("bird_dog");
    const SessionView pallof = test::exercisingView(pallofPress, 3, 10);
    const SessionView birdDog = test::exercisingView(birdDogPlan, 3, 10);
    auto frame = [&] {
      renderer.renderFrame(scene, targetIndex);
      return target.readLayer(0);
    };

    panels.update(pallof, {}, {}, 1.0 / 72.0);
    canvas.render(panels.drawData());
    const std::vector<uint8_t> pallofImage = frame();
    panels.update(birdDog, {}, {}, 1.0 / 72.0);
    canvas.record(panels.drawData());
    EXPECT_TRUE(canvas.recorded());
    EXPECT_EQ(frame(), pallofImage) << "a recording not yet submitted changed the canvas";
    canvas.submit();
    EXPECT_FALSE(canvas.recorded());
    const std::vector<uint8_t> birdDogImage = frame();
    EXPECT_NE(birdDogImage, pallofImage) << "the submitted recording did not reach the canvas";

    panels.update(pallof, {}, {}, 1.0 / 72.0);
    canvas.record(panels.drawData());
    panels.update(birdDog, {}, {}, 1.0 / 72.0);
    canvas.record(panels.drawData());  // submits the first recording, keeps this one
    EXPECT_EQ(frame(), pallofImage) << "the replaced recording was lost";
    canvas.submit();
    EXPECT_EQ(frame(), birdDogImage);
    canvas.submit();  // nothing recorded: nothing to do
    EXPECT_EQ(frame(), birdDogImage);
    canvas.waitIdle();
    renderer.waitIdle();
  }
  context.reset();
  for (const std::string& message : log->messages()) ADD_FAILURE() << message;
  EXPECT_EQ(log->count(), 0u);
}

}  // namespace
}  // namespace lumbo::app
