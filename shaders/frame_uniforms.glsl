// The per-frame uniform block every scene shader reads; matches FrameUniforms in stereo_renderer.cpp.
layout(set = 0, binding = 0, std140) uniform FrameUniforms {
  mat4 viewProjection[2];  // indexed by gl_ViewIndex: 0 left eye, 1 right eye
  vec4 eyePositionM[2];
  vec4 skyLinearRgb;
  vec4 groundLinearRgb;
  vec4 keyTowardsLight;  // unit vector pointing at the key light (zero: no key light)
  vec4 keyLinearRgb;
} frame;

// Scene colours are authored sRGB-encoded; lighting works in linear light.
vec3 srgbToLinear(vec3 c) {
  return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), greaterThan(c, vec3(0.04045)));
}
