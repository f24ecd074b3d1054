// Places a unit quad (two triangles from gl_VertexIndex) on a TexturedQuad: the model matrix's
// columns carry centre, half width, half height and the uv rectangle.
#version 450
#extension GL_EXT_multiview : require
#include "frame_uniforms.glsl"

layout(location = 0) out vec2 outUv;
layout(location = 1) out vec4 outLinearTint;

// Corners in (-1..1) right and up; v runs down the texture, against "up".
const vec2 kCorners[6] = vec2[](vec2(-1.0, -1.0), vec2(1.0, -1.0), vec2(1.0, 1.0),
                                vec2(-1.0, -1.0), vec2(1.0, 1.0), vec2(-1.0, 1.0));

void main() {
  vec2 corner = kCorners[gl_VertexIndex];
  vec3 centre = draw.model[0].xyz;
  vec3 halfWidth = draw.model[1].xyz;
  vec3 halfHeight = draw.model[2].xyz;
  vec4 uvRect = draw.model[3];
  vec3 worldM = centre + corner.x * halfWidth + corner.y * halfHeight;
  vec2 t = vec2(0.5 + 0.5 * corner.x, 0.5 - 0.5 * corner.y);
  outUv = mix(uvRect.xy, uvRect.zw, t);
  outLinearTint = vec4(srgbToLinear(draw.rgba.rgb), draw.rgba.a);
  gl_Position = frame.viewProjection[viewIndex()] * vec4(worldM, 1.0);
}
