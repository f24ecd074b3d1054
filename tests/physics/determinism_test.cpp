// Determinism: two worlds fed the same body motion, with a ball and a band, stay bit-identical.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "physics/physics_world.h"
#include "tests/physics/synthetic_body.h"

namespace lumbo::physics {
namespace {

void setUp(PhysicsWorld& world, const test::SyntheticBody& body) {
  world.setBody(body.calibration);
  world.updateBody(body.frameAt(0.0));
  BallSpec ball;
  ball.positionM = {0.45, 0.6, -0.1};  // dropped beside the person, within reach of the arms
  world.addBall(ball);
  BandSpec band;
  band.anchorM = {0.6, 1.0, -1.2};
  band.segments = 32;
  world.addBand(band);
}

TEST(Determinism, TwoWorldsStayIdenticalOver10000Steps) {
  const test::SyntheticBody body = test::makeSyntheticBody(SyntheticMovement::Squat, test::allDevices(), 20.0, 3);
  PhysicsWorld a, b;
  setUp(a, body);
  setUp(b, body);
  const double traceS = body.trace.durationS();
  // Interleaved, so that state shared between worlds (if Bullet had any) would show.
  for (int i = 0; i < 10000; ++i) {
    const double tS = std::fmod(i * a.stepS(), traceS);
    if (i % 3 == 0) {  // a display frame every third step: body poses arrive slower than steps
      a.updateBody(body.frameAt(tS));
      b.updateBody(body.frameAt(tS));
    }
    a.advance(a.stepS());
    b.advance(b.stepS());
    if (i % 1000 == 999) {
      ASSERT_EQ(a.stateVector(), b.stateVector()) << "step " << i;
    }
  }
  EXPECT_EQ(a.stepCount(), b.stepCount());
  const std::vector<double> sa = a.stateVector(), sb = b.stateVector();
  ASSERT_EQ(sa.size(), 13u + 33u * 6u);
  EXPECT_EQ(0, std::memcmp(sa.data(), sb.data(), sa.size() * sizeof(double)));
  EXPECT_EQ(a.bandLoad()->tensionN, b.bandLoad()->tensionN);
}

}  // namespace
}  // namespace lumbo::physics
