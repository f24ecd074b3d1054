// Renders small stereo scenes on the real Vulkan driver (lavapipe in CI) with validation on, and
// checks pixels against what the view and projection maths predict.
#include <gtest/gtest.h>
#include <stb_image.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <glm/gtc/quaternion.hpp>

#include "render/offscreen_target.h"
#include "render/png_writer.h"
#include "render/scene.h"
#include "render/stereo_renderer.h"
#include "render/vulkan_context.h"

// Under the asan preset: llvmpipe's JIT-compiled shader code keeps allocations until exit that
// LeakSanitizer cannot attribute (their frames are in no module), so leak checking is off for this
// binary. Our own Vulkan objects are still checked: the validation layer reports any left alive
// when the device is destroyed, and TearDown fails on that.
extern "C" int __lsan_is_turned_off() { return 1; }

namespace lumbo::render {
namespace {

constexpr uint32_t kSizePx = 96;
constexpr float kIpdM = 0.064f;
constexpr float kEyeHeightM = 1.2f;
constexpr float kQuarterPiRad = 0.78539816f;

const glm::vec4 kSky{0.40f, 0.60f, 0.80f, 1.0f};
const glm::vec4 kFloorRgba{0.50f, 0.50f, 0.50f, 1.0f};
const glm::vec4 kMatRgba{0.20f, 0.45f, 0.25f, 1.0f};
const glm::vec4 kRed{0.90f, 0.10f, 0.10f, 1.0f};

using Rgba8 = std::array<int, 4>;

float srgbToLinear(float c) {
  return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}
float linearToSrgb(float c) {
  return c <= 0.0031308f ? c * 12.92f : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
}
Rgba8 bytes(const glm::vec4& srgb) {
  auto b = [](float c) { return static_cast<int>(std::lround(c * 255.0f)); };
  return {b(srgb.r), b(srgb.g), b(srgb.b), b(srgb.a)};
}

// Both eyes look down -z from eye height with a 90-degree symmetric field of view, so the horizon
// is the middle row. Lighting is a uniform white ambient with no key light: every lit surface then
// shows exactly its own colour, which the checks below rely on.
Scene baseScene() {
  Scene scene;
  const Fov fov{-kQuarterPiRad, kQuarterPiRad, kQuarterPiRad, -kQuarterPiRad};
  const glm::quat ahead(1.0f, 0.0f, 0.0f, 0.0f);
  scene.eyes[0] = makeEyeView({-0.5f * kIpdM, kEyeHeightM, 0.0f}, ahead, fov, 0.05f, 100.0f);
  scene.eyes[1] = makeEyeView({0.5f * kIpdM, kEyeHeightM, 0.0f}, ahead, fov, 0.05f, 100.0f);
  scene.clearRgba = kSky;
  scene.floor.rgba = kFloorRgba;
  scene.floor.lineSpacingM = 0.0f;
  scene.mat.visible = true;
  scene.mat.centreM = {0.0f, 0.0f, -2.5f};
  scene.mat.rgba = kMatRgba;
  scene.lighting.skyLinearRgb = glm::vec3(1.0f);
  scene.lighting.groundLinearRgb = glm::vec3(1.0f);
  scene.lighting.keyLinearRgb = glm::vec3(0.0f);
  return scene;
}

// Pixel coordinates (x right, y down, pixel centres at +0.5) where a world point lands in an eye.
glm::vec2 project(const Scene& scene, int eye, const glm::vec3& worldM) {
  const glm::vec4 clip =
      scene.eyes[eye].projection * scene.eyes[eye].view * glm::vec4(worldM, 1.0f);
  const glm::vec2 ndc = glm::vec2(clip) / clip.w;
  return (ndc * 0.5f + 0.5f) * static_cast<float>(kSizePx);
}

struct Image {
  std::vector<uint8_t> rgba;
  Rgba8 at(int x, int y) const {
    const size_t i = (static_cast<size_t>(y) * kSizePx + static_cast<size_t>(x)) * 4;
    return {rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]};
  }
  Rgba8 at(const glm::vec2& px) const {
    return at(static_cast<int>(std::floor(px.x)), static_cast<int>(std::floor(px.y)));
  }
};

bool near(const Rgba8& actual, const Rgba8& expected, int tolerance = 2) {
  for (int c = 0; c < 3; ++c) {
    if (std::abs(actual[c] - expected[c]) > tolerance) return false;
  }
  return true;
}

std::string str(const Rgba8& c) {
  return "(" + std::to_string(c[0]) + ", " + std::to_string(c[1]) + ", " + std::to_string(c[2]) +
         ", " + std::to_string(c[3]) + ")";
}

#define EXPECT_COLOUR(actual, expected)                                                 \
  EXPECT_TRUE(near((actual), (expected))) << "got " << str(actual) << ", expected " \
                                          << str(expected)

class StereoRendererTest : public ::testing::Test {
 protected:
  void SetUp() override {
    OwnedContextOptions options;
    options.validation = true;
    context_ = std::make_unique<OwnedContext>(options);
    log_ = context_->validationLog();
  }

  // The device goes first, so that leaks it reports on destruction are counted too.
  void TearDown() override {
    context_.reset();
    for (const std::string& message : log_->messages()) ADD_FAILURE() << message;
    EXPECT_EQ(log_->count(), 0u);
  }

  const VulkanContext& vk() const { return context_->context(); }

  std::array<Image, 2> render(const Scene& scene,
                              VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_4_BIT,
                              ViewMode viewMode = ViewMode::kAuto) {
    RendererConfig config;
    config.colourFormat = VK_FORMAT_R8G8B8A8_SRGB;
    config.extentPx = {kSizePx, kSizePx};
    config.samples = samples;
    config.maxPrimitives = 64;
    config.viewMode = viewMode;
    // Declared before the renderer so it outlives the framebuffer made from it.
    OffscreenTarget target(vk(), config.colourFormat, config.extentPx);
    StereoRenderer renderer(vk(), config);
    if (viewMode != ViewMode::kAuto) {
      EXPECT_EQ(renderer.usesMultiview(), viewMode == ViewMode::kMultiview);
    }
    const uint32_t index = renderer.addTarget(target.image());
    renderer.renderFrame(scene, index);
    std::array<Image, 2> layers{Image{target.readLayer(0)}, Image{target.readLayer(1)}};
    saveForInspection(layers);
    return layers;
  }

  // Leaves the images next to the build for a person to look at when a check fails.
  static void saveForInspection(const std::array<Image, 2>& layers) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::filesystem::path dir = std::filesystem::path(LUMBO_BINARY_DIR) / "render_test_output";
    std::filesystem::create_directories(dir);
    for (int eye = 0; eye < 2; ++eye) {
      const std::string name = std::string(info->name()) + (eye == 0 ? "_left.png" : "_right.png");
      writePng((dir / name).string(), kSizePx, kSizePx, layers[eye].rgba);
    }
  }

  std::unique_ptr<OwnedContext> context_;
  std::shared_ptr<const ValidationLog> log_;
};

TEST_F(StereoRendererTest, CapsuleFloorMatAndSkyWhereTheMathsPutThem) {
  Scene scene = baseScene();
  const glm::vec3 capsuleCentreM(0.0f, kEyeHeightM, -2.0f);
  scene.capsules.push_back(
      {capsuleCentreM - glm::vec3(0.15f, 0.0f, 0.0f), capsuleCentreM + glm::vec3(0.15f, 0.0f, 0.0f),
       0.1f, kRed});
  const auto layers = render(scene);

  for (int eye = 0; eye < 2; ++eye) {
    SCOPED_TRACE(eye == 0 ? "left eye" : "right eye");
    const Image& image = layers[eye];
    EXPECT_COLOUR(image.at(project(scene, eye, capsuleCentreM)), bytes(kRed));
    // Floor to the side of the mat, below the horizon.
    const glm::vec2 floorPx = project(scene, eye, {1.0f, 0.0f, -2.0f});
    EXPECT_GT(floorPx.y, kSizePx / 2.0f);
    EXPECT_COLOUR(image.at(floorPx), bytes(kFloorRgba));
    EXPECT_COLOUR(image.at(project(scene, eye, {0.0f, 0.0f, -2.5f})), bytes(kMatRgba));
    // Sky above the horizon.
    const glm::vec2 skyPx = project(scene, eye, {0.5f, kEyeHeightM + 2.0f, -3.0f});
    EXPECT_LT(skyPx.y, kSizePx / 2.0f);
    EXPECT_COLOUR(image.at(skyPx), bytes(kSky));
    // The bottom row is floor, the top row is sky.
    EXPECT_COLOUR(image.at(10, kSizePx - 1), bytes(kFloorRgba));
    EXPECT_COLOUR(image.at(10, 0), bytes(kSky));
  }
}

TEST_F(StereoRendererTest, TaperedCapsuleHasEachEndsRadius) {
  Scene scene = baseScene();
  const glm::vec3 aM(-0.3f, kEyeHeightM, -0.8f);
  const glm::vec3 bM(0.3f, kEyeHeightM, -0.8f);
  scene.capsules.push_back({aM, bM, 0.15f, kRed, 0.05f});
  const auto layers = render(scene);
  const Image& image = layers[0];
  const glm::vec3 up(0.0f, 1.0f, 0.0f);
  // 10 cm above each end: inside the wide end, outside the narrow one; 2.5 cm: inside both.
  EXPECT_COLOUR(image.at(project(scene, 0, aM + 0.10f * up)), bytes(kRed));
  EXPECT_COLOUR(image.at(project(scene, 0, bM + 0.10f * up)), bytes(kSky));
  EXPECT_COLOUR(image.at(project(scene, 0, bM + 0.025f * up)), bytes(kRed));
  // Halfway, the surface lies between the two radii.
  const glm::vec3 midM = 0.5f * (aM + bM);
  EXPECT_COLOUR(image.at(project(scene, 0, midM + 0.06f * up)), bytes(kRed));
  EXPECT_COLOUR(image.at(project(scene, 0, midM + 0.14f * up)), bytes(kSky));
}

TEST_F(StereoRendererTest, NearObjectShiftsBetweenTheEyes) {
  Scene scene = baseScene();
  const glm::vec4 green{0.1f, 0.9f, 0.1f, 1.0f};
  const glm::vec3 centreM(0.0f, kEyeHeightM + 0.05f, -0.35f);
  scene.spheres.push_back({centreM, 0.05f, green});
  const auto layers = render(scene);

  float centroidX[2] = {0.0f, 0.0f};
  for (int eye = 0; eye < 2; ++eye) {
    float sumX = 0.0f;
    int count = 0;
    for (int y = 0; y < static_cast<int>(kSizePx); ++y) {
      for (int x = 0; x < static_cast<int>(kSizePx); ++x) {
        if (near(layers[eye].at(x, y), bytes(green), 4)) {
          sumX += static_cast<float>(x) + 0.5f;
          ++count;
        }
      }
    }
    ASSERT_GT(count, 50) << "eye " << eye;
    centroidX[eye] = sumX / static_cast<float>(count);
    EXPECT_NEAR(centroidX[eye], project(scene, eye, centreM).x, 1.0f) << "eye " << eye;
  }
  // The left eye, further left, sees the object further right: ipd / distance * half-width px.
  const float expectedDisparityPx = kIpdM / 0.35f * (kSizePx / 2.0f);
  EXPECT_NEAR(centroidX[0] - centroidX[1], expectedDisparityPx, 1.0f);
  EXPECT_GT(expectedDisparityPx, 8.0f);
}

TEST_F(StereoRendererTest, NearerPrimitiveOccludesFartherOneWhateverTheOrder) {
  const glm::vec4 blue{0.1f, 0.2f, 0.9f, 1.0f};
  const glm::vec4 green{0.1f, 0.9f, 0.1f, 1.0f};
  const glm::vec3 nearM(0.0f, kEyeHeightM, -1.5f);
  const glm::vec3 farM(0.0f, kEyeHeightM, -4.0f);
  for (bool nearFirst : {true, false}) {
    SCOPED_TRACE(nearFirst ? "near listed first" : "far listed first");
    Scene scene = baseScene();
    const SpherePrimitive nearSphere{nearM, 0.15f, blue};
    const SpherePrimitive farSphere{farM, 0.8f, green};
    scene.spheres = nearFirst ? std::vector{nearSphere, farSphere} : std::vector{farSphere, nearSphere};
    const auto layers = render(scene);
    EXPECT_COLOUR(layers[0].at(project(scene, 0, nearM)), bytes(blue));
    // Beside the near sphere the far one shows, so it was drawn and lost only on depth.
    EXPECT_COLOUR(layers[0].at(project(scene, 0, farM + glm::vec3(0.5f, 0.0f, 0.0f))), bytes(green));
  }
}

// With one sample every pixel is exactly one surface's flat colour; with four, silhouette
// pixels are resolved to mixtures.
TEST_F(StereoRendererTest, MultisamplingBlendsSilhouettesOnlyWhenOn) {
  Scene scene = baseScene();
  scene.mat.visible = false;
  const glm::vec3 centreM(0.0f, kEyeHeightM + 0.3f, -1.5f);
  scene.capsules.push_back({centreM - glm::vec3(0.3f, 0.1f, 0.0f),
                            centreM + glm::vec3(0.3f, 0.1f, 0.0f), 0.12f, kRed});
  for (VkSampleCountFlagBits samples : {VK_SAMPLE_COUNT_1_BIT, VK_SAMPLE_COUNT_4_BIT}) {
    SCOPED_TRACE("samples " + std::to_string(samples));
    const auto layers = render(scene, samples);
    int mixed = 0;
    for (int y = 0; y < static_cast<int>(kSizePx); ++y) {
      for (int x = 0; x < static_cast<int>(kSizePx); ++x) {
        const Rgba8 c = layers[1].at(x, y);
        if (!near(c, bytes(kSky)) && !near(c, bytes(kFloorRgba)) && !near(c, bytes(kRed))) ++mixed;
      }
    }
    EXPECT_COLOUR(layers[1].at(project(scene, 1, centreM)), bytes(kRed));
    if (samples == VK_SAMPLE_COUNT_1_BIT) {
      EXPECT_EQ(mixed, 0);
    } else {
      EXPECT_GT(mixed, 20);
    }
  }
}

TEST_F(StereoRendererTest, TranslucentPrimitiveBlendsOverOpaqueAndSky) {
  Scene scene = baseScene();
  const glm::vec4 red{1.0f, 0.0f, 0.0f, 1.0f};
  const glm::vec4 ghostBlue{0.0f, 0.0f, 1.0f, 0.5f};
  const glm::vec3 opaqueM(0.0f, kEyeHeightM, -2.0f);
  const glm::vec3 ghostM(0.0f, kEyeHeightM, -1.0f);
  // Listed before the opaque sphere: the renderer must still draw it after.
  scene.capsules.push_back({ghostM, ghostM, 0.15f, ghostBlue});
  scene.spheres.push_back({opaqueM, 0.1f, red});
  const auto layers = render(scene);

  // Over the red sphere: half blue, half red, mixed in linear light.
  const float half = linearToSrgb(0.5f);
  EXPECT_COLOUR(layers[0].at(project(scene, 0, opaqueM)), bytes({half, 0.0f, half, 1.0f}));
  // Over the sky, above the red sphere but inside the ghost's disc.
  const glm::vec3 overSkyM = ghostM + glm::vec3(0.0f, 0.1f, 0.0f);
  const glm::vec2 overSkyPx = project(scene, 0, overSkyM);
  ASSERT_LT(overSkyPx.y, project(scene, 0, opaqueM + glm::vec3(0.0f, 0.1f, 0.0f)).y - 1.0f);
  const glm::vec4 expected{linearToSrgb(0.5f * srgbToLinear(kSky.r)),
                           linearToSrgb(0.5f * srgbToLinear(kSky.g)),
                           linearToSrgb(0.5f + 0.5f * srgbToLinear(kSky.b)), 1.0f};
  EXPECT_COLOUR(layers[0].at(overSkyPx), bytes(expected));
}

// With only a key light shining from the eyes into the scene, the surface facing the eye is lit
// at full strength: this fails if back faces were drawn instead of front faces.
TEST_F(StereoRendererTest, KeyLightLightsTheFacesTowardsTheEye) {
  Scene scene = baseScene();
  scene.floor.visible = false;
  scene.mat.visible = false;
  scene.lighting.skyLinearRgb = glm::vec3(0.0f);
  scene.lighting.groundLinearRgb = glm::vec3(0.0f);
  scene.lighting.keyLinearRgb = glm::vec3(1.0f);
  scene.lighting.keyDirection = {0.0f, 0.0f, -1.0f};
  const glm::vec4 orange{0.9f, 0.5f, 0.2f, 1.0f};
  const glm::vec3 centreM(0.0f, kEyeHeightM, -2.0f);
  scene.spheres.push_back({centreM, 0.3f, orange});
  const auto layers = render(scene);
  const glm::vec2 centrePx = project(scene, 0, centreM);
  EXPECT_COLOUR(layers[0].at(centrePx), bytes(orange));
  // Near the silhouette the surface turns away from the light and darkens.
  const Rgba8 rim = layers[0].at(project(scene, 0, centreM + glm::vec3(0.27f, 0.0f, 0.0f)));
  EXPECT_LT(rim[0], bytes(orange)[0] - 40);
}

// Both ways of drawing the eyes give the same images. The scene avoids geometry that needs
// clipping, which lavapipe's multiview path mishandles (see ViewMode).
TEST_F(StereoRendererTest, MultiviewAndPerViewPassesAgree) {
  Scene scene = baseScene();
  scene.floor.visible = false;
  scene.lighting = Lighting{};
  scene.capsules.push_back({{-0.2f, kEyeHeightM - 0.1f, -1.5f}, {0.2f, kEyeHeightM + 0.1f, -1.5f},
                            0.08f, kRed});
  scene.spheres.push_back({{0.1f, kEyeHeightM, -0.6f}, 0.05f, {0.2f, 0.3f, 0.9f, 0.5f}});
  for (VkSampleCountFlagBits samples : {VK_SAMPLE_COUNT_1_BIT, VK_SAMPLE_COUNT_4_BIT}) {
    SCOPED_TRACE("samples " + std::to_string(samples));
    const auto multiview = render(scene, samples, ViewMode::kMultiview);
    const auto perView = render(scene, samples, ViewMode::kPerView);
    for (int eye = 0; eye < 2; ++eye) {
      int differing = 0;
      for (size_t i = 0; i < multiview[eye].rgba.size(); ++i) {
        if (std::abs(multiview[eye].rgba[i] - perView[eye].rgba[i]) > 1) ++differing;
      }
      EXPECT_EQ(differing, 0) << "eye " << eye;
    }
    // And the eyes differ from each other: each pass drew its own eye.
    EXPECT_NE(multiview[0].rgba, multiview[1].rgba);
    EXPECT_NE(perView[0].rgba, perView[1].rgba);
  }
}

TEST_F(StereoRendererTest, SuccessiveFramesReuseFrameSlots) {
  RendererConfig config;
  config.extentPx = {kSizePx, kSizePx};
  config.samples = VK_SAMPLE_COUNT_1_BIT;
  config.maxPrimitives = 4;
  OffscreenTarget target(vk(), config.colourFormat, config.extentPx);
  StereoRenderer renderer(vk(), config);
  const uint32_t index = renderer.addTarget(target.image());
  for (int frame = 0; frame < 5; ++frame) {
    Scene scene = baseScene();
    const glm::vec3 centreM(-0.6f + 0.3f * static_cast<float>(frame), kEyeHeightM, -2.0f);
    scene.spheres.push_back({centreM, 0.1f, kRed});
    renderer.renderFrame(scene, index);
    const Image left{target.readLayer(0)};
    EXPECT_COLOUR(left.at(project(scene, 0, centreM)), bytes(kRed)) << "frame " << frame;
    EXPECT_COLOUR(left.at(project(scene, 0, centreM + glm::vec3(0.2f, 0.0f, 0.0f))), bytes(kSky))
        << "frame " << frame;
  }
  EXPECT_EQ(renderer.lastFrameStats().opaquePrimitives, 1u);
}

TEST_F(StereoRendererTest, PrimitivesBeyondCapacityAreDroppedAndCounted) {
  RendererConfig config;
  config.extentPx = {kSizePx, kSizePx};
  config.samples = VK_SAMPLE_COUNT_1_BIT;
  config.maxPrimitives = 2;
  OffscreenTarget target(vk(), config.colourFormat, config.extentPx);
  StereoRenderer renderer(vk(), config);
  const uint32_t index = renderer.addTarget(target.image());
  Scene scene = baseScene();
  for (int i = 0; i < 5; ++i) {
    scene.spheres.push_back({{0.3f * static_cast<float>(i), kEyeHeightM, -2.0f}, 0.05f, kRed});
  }
  renderer.renderFrame(scene, index);
  renderer.waitIdle();
  EXPECT_EQ(renderer.lastFrameStats().opaquePrimitives, 2u);
  EXPECT_EQ(renderer.lastFrameStats().droppedPrimitives, 3u);
}

TEST_F(StereoRendererTest, RejectsUnsupportedSampleCount) {
  RendererConfig config;
  config.extentPx = {kSizePx, kSizePx};
  config.samples = VK_SAMPLE_COUNT_64_BIT;
  VkPhysicalDeviceProperties properties{};
  vkGetPhysicalDeviceProperties(vk().physicalDevice, &properties);
  if ((properties.limits.framebufferColorSampleCounts & VK_SAMPLE_COUNT_64_BIT) != 0) {
    GTEST_SKIP() << "this device supports 64 samples";
  }
  EXPECT_THROW(StereoRenderer(vk(), config), std::runtime_error);
}

TEST_F(StereoRendererTest, RemovedTargetSlotIsReused) {
  RendererConfig config;
  config.extentPx = {kSizePx, kSizePx};
  config.samples = VK_SAMPLE_COUNT_1_BIT;
  OffscreenTarget first(vk(), config.colourFormat, config.extentPx);
  OffscreenTarget second(vk(), config.colourFormat, config.extentPx);
  StereoRenderer renderer(vk(), config);
  EXPECT_EQ(renderer.addTarget(first.image()), 0u);
  EXPECT_EQ(renderer.addTarget(second.image()), 1u);
  Scene scene = baseScene();
  renderer.renderFrame(scene, 0);
  renderer.removeTarget(0);
  EXPECT_THROW(renderer.recordFrame(scene, 0), std::out_of_range);
  EXPECT_EQ(renderer.addTarget(second.image()), 0u);  // the same image twice is allowed
  scene.clearRgba = {0.9f, 0.2f, 0.2f, 1.0f};
  renderer.renderFrame(scene, 0);
  const Image top{second.readLayer(1)};
  EXPECT_COLOUR(top.at(10, 0), bytes(scene.clearRgba));
}

TEST_F(StereoRendererTest, PngRoundTripsTheReadBackBytes) {
  Scene scene = baseScene();
  scene.capsules.push_back({{-0.2f, kEyeHeightM, -2.0f}, {0.2f, kEyeHeightM, -2.0f}, 0.1f, kRed});
  const auto layers = render(scene);
  const auto path = std::filesystem::path(LUMBO_BINARY_DIR) / "render_test_output" / "roundtrip.png";
  writePng(path.string(), kSizePx, kSizePx, layers[0].rgba);
  int w = 0, h = 0, channels = 0;
  unsigned char* loaded = stbi_load(path.string().c_str(), &w, &h, &channels, 4);
  ASSERT_NE(loaded, nullptr);
  EXPECT_EQ(w, static_cast<int>(kSizePx));
  EXPECT_EQ(h, static_cast<int>(kSizePx));
  EXPECT_TRUE(std::equal(layers[0].rgba.begin(), layers[0].rgba.end(), loaded));
  stbi_image_free(loaded);
}

// Quads are unlit (a panel reads the same in any light), depth-tested against primitives both
// ways, and a translucent one (mirror glass) blends over what lies behind it.
TEST_F(StereoRendererTest, QuadsAreUnlitDepthTestedAndGlassBlends) {
  Scene scene = baseScene();
  scene.lighting.skyLinearRgb = glm::vec3(0.2f);
  scene.lighting.groundLinearRgb = glm::vec3(0.2f);
  const glm::vec4 green{0.1f, 0.8f, 0.3f, 1.0f};
  const glm::vec3 panelM(-0.3f, kEyeHeightM, -2.0f);
  TexturedQuad panel;
  panel.centreM = panelM;
  panel.halfWidthM = {0.3f, 0.0f, 0.0f};
  panel.halfHeightM = {0.0f, 0.2f, 0.0f};
  panel.tintRgba = green;
  scene.quads.push_back(panel);
  // Hidden behind the panel, and in front of it.
  scene.spheres.push_back({panelM + glm::vec3(0.0f, 0.0f, -1.0f), 0.1f, kRed});
  const glm::vec3 frontM = panelM + glm::vec3(0.2f, 0.1f, 0.5f);
  scene.spheres.push_back({frontM, 0.05f, {0.9f, 0.9f, 0.1f, 1.0f}});
  TexturedQuad glass;
  glass.centreM = {0.6f, kEyeHeightM + 0.3f, -1.5f};
  glass.halfWidthM = {0.2f, 0.0f, 0.0f};
  glass.halfHeightM = {0.0f, -0.2f, 0.0f};  // facing away from the eyes: drawn from both sides
  glass.tintRgba = {0.0f, 0.0f, 1.0f, 0.5f};
  scene.quads.push_back(glass);
  const auto layers = render(scene);

  for (int eye = 0; eye < 2; ++eye) {
    SCOPED_TRACE(eye == 0 ? "left eye" : "right eye");
    EXPECT_COLOUR(layers[eye].at(project(scene, eye, panelM)), bytes(green));
    // The lit sphere in front shows its ambient-lit colour, not the panel's.
    const glm::vec4 yellowLit{linearToSrgb(0.2f * srgbToLinear(0.9f)),
                              linearToSrgb(0.2f * srgbToLinear(0.9f)),
                              linearToSrgb(0.2f * srgbToLinear(0.1f)), 1.0f};
    EXPECT_COLOUR(layers[eye].at(project(scene, eye, frontM)), bytes(yellowLit));
    const glm::vec4 expected{linearToSrgb(0.5f * srgbToLinear(kSky.r)),
                             linearToSrgb(0.5f * srgbToLinear(kSky.g)),
                             linearToSrgb(0.5f + 0.5f * srgbToLinear(kSky.b)), 1.0f};
    EXPECT_COLOUR(layers[eye].at(project(scene, eye, glass.centreM)), bytes(expected));
  }
}

// The zero-message checks above would prove nothing if messages never reached the log: a fence
// left alive when the device is destroyed must be reported.
TEST(ValidationLogTest, RecordsObjectsLeftAliveAtDeviceDestruction) {
  OwnedContextOptions options;
  options.validation = true;
  auto context = std::make_unique<OwnedContext>(options);
  const auto log = context->validationLog();
  VkFenceCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
  VkFence leaked = VK_NULL_HANDLE;
  ASSERT_EQ(vkCreateFence(context->context().device, &info, nullptr, &leaked), VK_SUCCESS);
  EXPECT_EQ(log->count(), 0u);
  context.reset();
  ASSERT_GT(log->count(), 0u);
  EXPECT_NE(log->messages().front().find("VkFence"), std::string::npos) << log->messages().front();
}

}  // namespace
}  // namespace lumbo::render
