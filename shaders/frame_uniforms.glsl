// The per-frame uniform block every scene shader reads; matches FrameUniforms in stereo_renderer.cpp.
layout(set = 0, binding = 0, std140) uniform FrameUniforms {
  mat4 viewProjection[2];  // indexed by gl_ViewIndex: 0 left eye, 1 right eye
  vec4 eyePositionM[2];
  vec4 skyLinearRgb;
  vec4 groundLinearRgb;
  vec4 keyTowardsLight;  // unit vector pointing at the key light (zero: no key light)
  vec4 keyLinearRgb;
} frame;

// Push constants shared by every scene pipeline (one layout). viewOffset is 0 in a multiview
// pass, where gl_ViewIndex selects the eye, and the eye itself in a per-eye pass, where
// gl_ViewIndex is 0. Only the box pipeline reads the other members.
layout(push_constant, std430) uniform DrawConstants {
  mat4 model;
  vec4 rgba;
  vec4 lineRgba;
  float lineSpacingM;
  uint viewOffset;
} draw;

int viewIndex() { return gl_ViewIndex + int(draw.viewOffset); }

// Scene colours are authored sRGB-encoded; lighting works in linear light.
vec3 srgbToLinear(vec3 c) {
  return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), greaterThan(c, vec3(0.04045)));
}
