// Projection and view matrices for the eyes of a Scene.
#include "render/scene.h"

#include <cassert>
#include <cmath>

namespace lumbo::render {

glm::mat4 projectionFromFov(const Fov& fov, float nearM, float farM) {
  assert(nearM > 0.0f && farM > nearM);
  const float left = std::tan(fov.angleLeftRad);
  const float right = std::tan(fov.angleRightRad);
  const float up = std::tan(fov.angleUpRad);
  const float down = std::tan(fov.angleDownRad);
  const float width = right - left;
  const float height = up - down;

  // Depth row: z_clip = a * z_view + b with w_clip = -z_view; solving depth(-near) = 1 and
  // depth(-far) = 0 gives a = near / (far - near), b = near * far / (far - near).
  float a = 0.0f;
  float b = nearM;
  if (std::isfinite(farM)) {
    a = nearM / (farM - nearM);
    b = nearM * farM / (farM - nearM);
  }

  glm::mat4 m(0.0f);  // glm is column-major: m[column][row]
  m[0][0] = 2.0f / width;
  m[2][0] = (right + left) / width;
  m[1][1] = -2.0f / height;  // Vulkan's clip y points down
  m[2][1] = -(up + down) / height;
  m[2][2] = a;
  m[3][2] = b;
  m[2][3] = -1.0f;
  return m;
}

glm::mat4 viewFromPose(const glm::vec3& positionM, const glm::quat& orientation) {
  const glm::mat4 rotation = glm::mat4_cast(glm::conjugate(orientation));
  glm::mat4 translation(1.0f);
  translation[3] = glm::vec4(-positionM, 1.0f);
  return rotation * translation;
}

EyeView makeEyeView(const glm::vec3& positionM, const glm::quat& orientation, const Fov& fov,
                    float nearM, float farM) {
  return {viewFromPose(positionM, orientation), projectionFromFov(fov, nearM, farM), positionM};
}

}  // namespace lumbo::render
