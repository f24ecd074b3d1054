// Draws the unit box transformed by a push-constant model matrix (the floor and the mat).
#version 450
#extension GL_EXT_multiview : require
#include "frame_uniforms.glsl"

layout(push_constant, std430) uniform BoxConstants {
  mat4 model;
  vec4 rgba;
  vec4 lineRgba;
  float lineSpacingM;
} box;

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;

layout(location = 0) out vec3 outWorldM;
layout(location = 1) out vec3 outNormal;
layout(location = 2) out vec4 outLinearRgba;
layout(location = 3) out flat vec4 outLineLinearRgba;
layout(location = 4) out flat float outLineSpacingM;

void main() {
  vec4 worldM = box.model * vec4(inPosition, 1.0);
  outWorldM = worldM.xyz;
  // The box is scaled non-uniformly, so normals need the inverse transpose.
  outNormal = transpose(inverse(mat3(box.model))) * inNormal;
  outLinearRgba = vec4(srgbToLinear(box.rgba.rgb), box.rgba.a);
  outLineLinearRgba = vec4(srgbToLinear(box.lineRgba.rgb), box.lineRgba.a);
  outLineSpacingM = box.lineSpacingM;
  gl_Position = frame.viewProjection[gl_ViewIndex] * worldM;
}
