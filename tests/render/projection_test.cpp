// Tests of the projection and view helpers against hand-computed matrices and known points.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include <glm/gtc/quaternion.hpp>

#include "render/scene.h"

namespace lumbo::render {
namespace {

// tan(left) = -1, tan(right) = 0.5, tan(up) = 1, tan(down) = -0.5: width and height 1.5.
Fov asymmetricFov() {
  return {-std::atan(1.0f), std::atan(0.5f), std::atan(1.0f), -std::atan(0.5f)};
}

glm::vec3 toNdc(const glm::mat4& m, const glm::vec3& p) {
  const glm::vec4 clip = m * glm::vec4(p, 1.0f);
  return glm::vec3(clip) / clip.w;
}

TEST(ProjectionFromFov, MatchesHandComputedMatrix) {
  const glm::mat4 m = projectionFromFov(asymmetricFov(), 0.1f, 100.0f);
  // Rows of the expected matrix (written row-major here, glm stores m[column][row]).
  const float expected[4][4] = {
      {2.0f / 1.5f, 0.0f, -0.5f / 1.5f, 0.0f},
      {0.0f, -2.0f / 1.5f, -0.5f / 1.5f, 0.0f},
      {0.0f, 0.0f, 0.1f / 99.9f, 10.0f / 99.9f},
      {0.0f, 0.0f, -1.0f, 0.0f},
  };
  for (int row = 0; row < 4; ++row) {
    for (int column = 0; column < 4; ++column) {
      EXPECT_NEAR(m[column][row], expected[row][column], 1e-6f) << "row " << row << " col " << column;
    }
  }
}

TEST(ProjectionFromFov, ReversedDepthAndVulkanAxes) {
  const glm::mat4 m = projectionFromFov(asymmetricFov(), 0.1f, 100.0f);
  EXPECT_NEAR(toNdc(m, {0.0f, 0.0f, -0.1f}).z, 1.0f, 1e-6f);   // near plane: depth 1
  EXPECT_NEAR(toNdc(m, {0.0f, 0.0f, -100.0f}).z, 0.0f, 1e-6f);  // far plane: depth 0
  // At distance 2 the frustum edges are at x = -2 (left), 1 (right), y = 2 (up), -1 (down).
  EXPECT_NEAR(toNdc(m, {-2.0f, 0.0f, -2.0f}).x, -1.0f, 1e-6f);
  EXPECT_NEAR(toNdc(m, {1.0f, 0.0f, -2.0f}).x, 1.0f, 1e-6f);
  EXPECT_NEAR(toNdc(m, {0.0f, 2.0f, -2.0f}).y, -1.0f, 1e-6f);  // up is the top row: y = -1
  EXPECT_NEAR(toNdc(m, {0.0f, -1.0f, -2.0f}).y, 1.0f, 1e-6f);
}

TEST(ProjectionFromFov, InfiniteFarPlane) {
  const glm::mat4 m = projectionFromFov(asymmetricFov(), 0.05f, std::numeric_limits<float>::infinity());
  EXPECT_FLOAT_EQ(m[2][2], 0.0f);
  EXPECT_FLOAT_EQ(m[3][2], 0.05f);
  EXPECT_NEAR(toNdc(m, {0.0f, 0.0f, -0.05f}).z, 1.0f, 1e-6f);
  EXPECT_LT(toNdc(m, {0.0f, 0.0f, -1e6f}).z, 1e-7f);
}

TEST(ViewFromPose, MapsAPointAheadOfTheEyeOntoMinusZ) {
  // An eye at (1, 2, 3) turned 90 degrees left (about +y) looks down world -x.
  const glm::quat turnLeft = glm::angleAxis(glm::radians(90.0f), glm::vec3(0.0f, 1.0f, 0.0f));
  const glm::mat4 view = viewFromPose({1.0f, 2.0f, 3.0f}, turnLeft);
  const glm::vec4 ahead = view * glm::vec4(1.0f - 4.0f, 2.5f, 3.0f, 1.0f);
  EXPECT_NEAR(ahead.x, 0.0f, 1e-5f);
  EXPECT_NEAR(ahead.y, 0.5f, 1e-5f);
  EXPECT_NEAR(ahead.z, -4.0f, 1e-5f);
  // World -z is now on the eye's right.
  const glm::vec4 right = view * glm::vec4(1.0f, 2.0f, 3.0f - 1.0f, 1.0f);
  EXPECT_NEAR(right.x, 1.0f, 1e-5f);
}

}  // namespace
}  // namespace lumbo::render
