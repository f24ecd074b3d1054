// Places the unit capsule mesh on each instance's segment (a with its radius, b with its radius)
// for the eye being drawn; different radii taper it.
#version 450
#extension GL_EXT_multiview : require
#include "frame_uniforms.glsl"

layout(location = 0) in vec3 inOffset;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in float inEndWeight;
layout(location = 3) in vec4 inEndAAndRadiusM;
layout(location = 4) in vec4 inEndBAndRadiusM;
layout(location = 5) in vec4 inRgba;

layout(location = 0) out vec3 outWorldM;
layout(location = 1) out vec3 outNormal;
layout(location = 2) out vec4 outLinearRgba;
layout(location = 3) out flat vec4 outLineLinearRgba;
layout(location = 4) out flat float outLineSpacingM;

void main() {
  vec3 a = inEndAAndRadiusM.xyz;
  vec3 b = inEndBAndRadiusM.xyz;
  vec3 axis = b - a;
  float lengthM = length(axis);
  // A sphere (a == b) has no axis; any frame will do.
  vec3 y = lengthM > 1e-6 ? axis / lengthM : vec3(0.0, 1.0, 0.0);
  vec3 helper = abs(y.x) < 0.9 ? vec3(1.0, 0.0, 0.0) : vec3(0.0, 0.0, 1.0);
  vec3 z = normalize(cross(helper, y));
  vec3 x = cross(y, z);
  mat3 frameAxes = mat3(x, y, z);

  // Each hemisphere takes its own end's radius; the cylinder band between them becomes a cone.
  float radiusM = mix(inEndAAndRadiusM.w, inEndBAndRadiusM.w, inEndWeight);
  vec3 worldM = mix(a, b, inEndWeight) + radiusM * (frameAxes * inOffset);
  outWorldM = worldM;
  // On the cone the surface leans towards the narrow end: tilt the band's normals to match.
  vec3 normal = inNormal;
  if (lengthM > 1e-6 && abs(inNormal.y) < 0.999) {
    float slope = (inEndAAndRadiusM.w - inEndBAndRadiusM.w) / lengthM;
    normal = normalize(vec3(inNormal.x, inNormal.y + slope * length(inNormal.xz), inNormal.z));
  }
  outNormal = frameAxes * normal;
  outLinearRgba = vec4(srgbToLinear(inRgba.rgb), inRgba.a);
  outLineLinearRgba = vec4(0.0);
  outLineSpacingM = 0.0;
  gl_Position = frame.viewProjection[viewIndex()] * vec4(worldM, 1.0);
}
