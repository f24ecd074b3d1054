// Shades a TexturedQuad unlit: the texel (sRGB bytes in a UNORM image, as ImGui writes them)
// decoded to linear, times the tint.
#version 450
#extension GL_EXT_multiview : require
#include "frame_uniforms.glsl"

layout(set = 1, binding = 0) uniform sampler2D panelTexture;

layout(location = 0) in vec2 inUv;
layout(location = 1) in vec4 inLinearTint;

layout(location = 0) out vec4 outColour;

void main() {
  vec4 texel = texture(panelTexture, inUv);
  vec4 colour = vec4(srgbToLinear(texel.rgb), texel.a) * inLinearTint;
  // Fully transparent texels (outside rounded panel corners) must not write depth either.
  if (colour.a < 0.004) discard;
  outColour = colour;
}
