// Places the unit capsule mesh on each instance's segment (a, b, radius) for the eye being drawn.
#version 450
#extension GL_EXT_multiview : require
#include "frame_uniforms.glsl"

layout(location = 0) in vec3 inOffset;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in float inEndWeight;
layout(location = 3) in vec4 inEndAAndRadiusM;
layout(location = 4) in vec4 inEndBM;
layout(location = 5) in vec4 inRgba;

layout(location = 0) out vec3 outWorldM;
layout(location = 1) out vec3 outNormal;
layout(location = 2) out vec4 outLinearRgba;
layout(location = 3) out flat vec4 outLineLinearRgba;
layout(location = 4) out flat float outLineSpacingM;

void main() {
  vec3 a = inEndAAndRadiusM.xyz;
  vec3 b = inEndBM.xyz;
  vec3 axis = b - a;
  float lengthM = length(axis);
  // A sphere (a == b) has no axis; any frame will do.
  vec3 y = lengthM > 1e-6 ? axis / lengthM : vec3(0.0, 1.0, 0.0);
  vec3 helper = abs(y.x) < 0.9 ? vec3(1.0, 0.0, 0.0) : vec3(0.0, 0.0, 1.0);
  vec3 z = normalize(cross(helper, y));
  vec3 x = cross(y, z);
  mat3 frameAxes = mat3(x, y, z);

  vec3 worldM = mix(a, b, inEndWeight) + inEndAAndRadiusM.w * (frameAxes * inOffset);
  outWorldM = worldM;
  outNormal = frameAxes * inNormal;
  outLinearRgba = vec4(srgbToLinear(inRgba.rgb), inRgba.a);
  outLineLinearRgba = vec4(0.0);
  outLineSpacingM = 0.0;
  gl_Position = frame.viewProjection[viewIndex()] * vec4(worldM, 1.0);
}
