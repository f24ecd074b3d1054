// Draws the unit box transformed by the push-constant model matrix (the floor and the mat).
#version 450
#extension GL_EXT_multiview : require
#include "frame_uniforms.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;

layout(location = 0) out vec3 outWorldM;
layout(location = 1) out vec3 outNormal;
layout(location = 2) out vec4 outLinearRgba;
layout(location = 3) out flat vec4 outLineLinearRgba;
layout(location = 4) out flat float outLineSpacingM;

void main() {
  vec4 worldM = draw.model * vec4(inPosition, 1.0);
  outWorldM = worldM.xyz;
  // The box is scaled non-uniformly, so normals need the inverse transpose.
  outNormal = transpose(inverse(mat3(draw.model))) * inNormal;
  outLinearRgba = vec4(srgbToLinear(draw.rgba.rgb), draw.rgba.a);
  outLineLinearRgba = vec4(srgbToLinear(draw.lineRgba.rgb), draw.lineRgba.a);
  outLineSpacingM = draw.lineSpacingM;
  gl_Position = frame.viewProjection[viewIndex()] * worldM;
}
