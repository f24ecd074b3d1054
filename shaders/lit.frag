// Shades every surface: hemispheric ambient plus one directional key light, optional floor grid.
#version 450
#extension GL_EXT_multiview : require
#include "frame_uniforms.glsl"

layout(location = 0) in vec3 inWorldM;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inLinearRgba;
layout(location = 3) in flat vec4 inLineLinearRgba;
layout(location = 4) in flat float inLineSpacingM;

layout(location = 0) out vec4 outColour;

const float kLineHalfWidthM = 0.006;

void main() {
  vec3 albedo = inLinearRgba.rgb;
  if (inLineSpacingM > 0.0) {
    vec2 cell = abs(fract(inWorldM.xz / inLineSpacingM + 0.5) - 0.5) * inLineSpacingM;
    float distanceM = min(cell.x, cell.y);
    // Antialiased over one pixel's footprint so distant lines fade instead of shimmering.
    float footprintM = max(fwidth(distanceM), 1e-5);
    float coverage = 1.0 - smoothstep(kLineHalfWidthM - footprintM, kLineHalfWidthM + footprintM,
                                      distanceM);
    albedo = mix(albedo, inLineLinearRgba.rgb, coverage * inLineLinearRgba.a);
  }
  vec3 n = normalize(inNormal);
  vec3 ambient = mix(frame.groundLinearRgb.rgb, frame.skyLinearRgb.rgb, 0.5 + 0.5 * n.y);
  vec3 key = frame.keyLinearRgb.rgb * max(dot(n, frame.keyTowardsLight.xyz), 0.0);
  outColour = vec4(albedo * (ambient + key), inLinearRgba.a);
}
