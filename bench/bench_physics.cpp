// Cost of one physics step with the person's body, a stability ball and a 32-segment band, and of
// the per-frame body posing and contact queries around it.
#include <benchmark/benchmark.h>

#include <stdexcept>
#include <vector>

#include "body/calibration.h"
#include "body/synthetic_motion.h"
#include "physics/physics_world.h"

namespace {

using namespace lumbo;
using namespace lumbo::physics;

// A squatting person wearing every tracker (the most body parts to move), calibrated on the hold.
struct Scene {
  Trace trace;
  Calibration calibration;
};

const Scene& scene() {
  static const Scene s = [] {
    SyntheticSpec spec;
    spec.movement = SyntheticMovement::Squat;
    spec.devices = DeviceSet().set();
    spec.repetitions = 3;
    Scene sc;
    sc.trace = generateSyntheticTrace(spec);
    std::vector<TrackedFrame> hold;
    for (const auto& sample : sc.trace.samples) {
      if (sample.frame.timeS < spec.neutralHoldS) hold.push_back(sample.frame);
    }
    auto cal = calibrate(hold, NeutralPosition::Standing, false, spec.devices);
    if (!cal) throw std::runtime_error(cal.error());
    sc.calibration = *cal;
    return sc;
  }();
  return s;
}

void populate(PhysicsWorld& world) {
  world.setBody(scene().calibration);
  world.updateBody(scene().trace.samples.front().frame);
  BallSpec ball;
  ball.positionM = {0.45, 0.33, -0.2};
  world.addBall(ball);
  BandSpec band;
  band.segments = 32;
  band.anchorM = {0.6, 1.0, -1.2};
  world.addBand(band);
  for (int i = 0; i < 240; ++i) world.step();  // settle before timing
}

// Per iteration: a new tracked frame (body posed and moved) and one 240 Hz step. At a 90 Hz
// display the body is posed only every third step or so, so this overstates the real cost.
void BM_PhysicsStepBodyBallBand(benchmark::State& state) {
  PhysicsWorld world;
  populate(world);
  const auto& samples = scene().trace.samples;
  std::size_t i = 0;
  for (auto _ : state) {
    world.updateBody(samples[i].frame);
    world.step();
    if (++i == samples.size()) i = 0;
  }
  benchmark::DoNotOptimize(world.bandLoad());
}
BENCHMARK(BM_PhysicsStepBodyBallBand)->Unit(benchmark::kMicrosecond);

// The step alone, the body held still.
void BM_PhysicsStepOnly(benchmark::State& state) {
  PhysicsWorld world;
  populate(world);
  for (auto _ : state) world.step();
  benchmark::DoNotOptimize(world.bandLoad());
}
BENCHMARK(BM_PhysicsStepOnly)->Unit(benchmark::kMicrosecond);

void BM_PoseBody(benchmark::State& state) {
  const BodyDimensions dims = bodyDimensions(scene().calibration);
  const auto& samples = scene().trace.samples;
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(poseBody(samples[i].frame, scene().calibration, dims));
    if (++i == samples.size()) i = 0;
  }
}
BENCHMARK(BM_PoseBody)->Unit(benchmark::kMicrosecond);

void BM_Contacts(benchmark::State& state) {
  PhysicsWorld world;
  populate(world);
  for (auto _ : state) benchmark::DoNotOptimize(world.contacts());
}
BENCHMARK(BM_Contacts)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
