// CPU cost of the renderer per frame: recording a stereo frame of an avatar-sized scene at the
// headset resolution, and (for scale) a whole frame rendered and waited for on the device.
#include <benchmark/benchmark.h>

#include <cmath>
#include <memory>

#include <glm/gtc/quaternion.hpp>

#include "render/offscreen_target.h"
#include "render/scene.h"
#include "render/stereo_renderer.h"
#include "render/vulkan_context.h"

namespace {

using namespace lumbo::render;

// 40 primitives, about what an avatar with a highlighted spine needs: 16 limb and trunk capsules,
// 18 joint spheres, and 6 translucent ghost capsules (sorted back to front every frame).
Scene avatarScene() {
  Scene scene;
  const Fov fov{-0.87f, 0.78f, 0.85f, -0.91f};  // a typical headset eye, slightly asymmetric
  const glm::quat ahead(1.0f, 0.0f, 0.0f, 0.0f);
  scene.eyes[0] = makeEyeView({-0.032f, 1.6f, 0.0f}, ahead, fov, 0.05f, 100.0f);
  scene.eyes[1] = makeEyeView({0.032f, 1.6f, 0.0f}, ahead, fov, 0.05f, 100.0f);
  scene.mat.centreM = {0.0f, 0.0f, -1.5f};
  for (int i = 0; i < 16; ++i) {
    const float x = -0.4f + 0.05f * static_cast<float>(i);
    scene.capsules.push_back({{x, 0.2f, -1.5f}, {x, 1.0f, -1.5f}, 0.05f, {0.8f, 0.6f, 0.5f, 1.0f}});
  }
  for (int i = 0; i < 18; ++i) {
    const float angle = 0.35f * static_cast<float>(i);
    scene.spheres.push_back(
        {{0.5f * std::cos(angle), 1.0f + 0.02f * static_cast<float>(i), -1.5f + 0.5f * std::sin(angle)},
         0.06f, {0.3f, 0.7f, 0.4f, 1.0f}});
  }
  for (int i = 0; i < 6; ++i) {
    const float z = -1.0f - 0.2f * static_cast<float>(i);
    scene.capsules.push_back({{0.6f, 0.3f, z}, {0.6f, 1.1f, z}, 0.05f, {0.5f, 0.7f, 1.0f, 0.35f}});
  }
  return scene;
}

struct Fixture {
  explicit Fixture(const RendererConfig& config)
      : target(context.context(), config.colourFormat, config.extentPx),
        renderer(context.context(), config),
        index(renderer.addTarget(target.image())) {}
  OwnedContext context;
  OffscreenTarget target;
  StereoRenderer renderer;
  uint32_t index;
};

RendererConfig headsetConfig(ViewMode mode) {
  RendererConfig config;
  config.extentPx = {1024, 1024};
  config.samples = VK_SAMPLE_COUNT_4_BIT;
  config.viewMode = mode;
  return config;
}

// Recording only (uniforms, instances, sort, command buffer): what the frame loop pays on the CPU
// before handing the frame to the queue. Nothing is submitted, so the device does not interfere.
void BM_RecordFrame(benchmark::State& state) {
  const auto mode = static_cast<ViewMode>(state.range(0));
  Fixture f(headsetConfig(mode));
  const Scene scene = avatarScene();
  for (auto _ : state) {
    benchmark::DoNotOptimize(f.renderer.recordFrame(scene, f.index));
  }
  state.counters["primitives"] = static_cast<double>(scene.capsules.size() + scene.spheres.size());
  state.counters["draws"] = f.renderer.lastFrameStats().drawCalls;
  state.SetLabel(f.renderer.usesMultiview() ? "multiview, 2x1024x1024, 4x MSAA"
                                            : "per-view passes, 2x1024x1024, 4x MSAA");
}
BENCHMARK(BM_RecordFrame)
    ->Arg(static_cast<int>(ViewMode::kMultiview))
    ->Arg(static_cast<int>(ViewMode::kPerView))
    ->Unit(benchmark::kMicrosecond);

// Record, submit, wait: the whole frame on the device at a small size. On lavapipe this is the
// CPU rasterising, so it says how long tests and captures take, not what a headset GPU does.
void BM_RenderFrameAndWait(benchmark::State& state) {
  RendererConfig config;
  config.extentPx = {static_cast<uint32_t>(state.range(0)), static_cast<uint32_t>(state.range(0))};
  config.samples = VK_SAMPLE_COUNT_4_BIT;
  Fixture f(config);
  const Scene scene = avatarScene();
  for (auto _ : state) {
    f.renderer.renderFrame(scene, f.index);
    f.renderer.waitIdle();
  }
  state.SetLabel(f.context.deviceName());
}
BENCHMARK(BM_RenderFrameAndWait)->Arg(128)->Arg(512)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
