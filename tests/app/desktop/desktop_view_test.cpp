// The desktop view in a real window (run under xvfb-run in CI): the scene seen from the orbit
// camera lands where the projection maths puts it, in the window's swapchain and the screenshot.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

#include <glm/gtc/quaternion.hpp>

#include "app/desktop/desktop_view.h"

extern "C" int __lsan_is_turned_off() { return 1; }  // llvmpipe's JIT, as in tests/render

namespace lumbo::app {
namespace {

TEST(DesktopView, ShowsTheSceneFromTheOrbitCamera) {
  if (std::getenv("DISPLAY") == nullptr) GTEST_SKIP() << "no display: run under xvfb-run";
  DesktopViewOptions options;
  options.widthPx = 160;
  options.heightPx = 120;
  DesktopView view(options);
  view.camera().targetM = {0.0f, 1.0f, 0.0f};
  view.camera().yawRad = 0.0f;
  view.camera().pitchRad = 0.0f;
  view.camera().distanceM = 3.0f;

  render::Scene scene;
  scene.clearRgba = {0.2f, 0.3f, 0.9f, 1.0f};
  scene.floor.visible = false;
  scene.mat.visible = false;
  scene.lighting.skyLinearRgb = glm::vec3(1.0f);
  scene.lighting.groundLinearRgb = glm::vec3(1.0f);
  scene.lighting.keyLinearRgb = glm::vec3(0.0f);
  scene.spheres.push_back({{0.0f, 1.0f, 0.0f}, 0.3f, {0.9f, 0.1f, 0.1f, 1.0f}});
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(view.frame(scene));
  const auto rgba = view.screenshot();
  ASSERT_EQ(rgba.size(), static_cast<size_t>(view.widthPx()) * view.heightPx() * 4);
  auto pixel = [&](uint32_t x, uint32_t y) {
    const size_t i = (static_cast<size_t>(y) * view.widthPx() + x) * 4;
    return std::array<int, 3>{rgba[i], rgba[i + 1], rgba[i + 2]};
  };
  // The camera looks straight at the target: the sphere fills the middle, the sky the corner.
  const auto centre = pixel(view.widthPx() / 2, view.heightPx() / 2);
  EXPECT_NEAR(centre[0], 230, 3);
  EXPECT_NEAR(centre[1], 26, 3);
  const auto corner = pixel(2, 2);
  EXPECT_NEAR(corner[0], 51, 3);
  EXPECT_NEAR(corner[2], 230, 3);
  // Its eye sits distanceM in front of the target (+z at yaw 0).
  EXPECT_NEAR(scene.eyes[0].positionM.z, 3.0f, 1e-4f);
}

}  // namespace
}  // namespace lumbo::app
