// The plain description of what to draw in one stereo frame: eyes, floor, mat, light, avatar.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include <glm/gtc/quaternion.hpp>
#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

namespace lumbo::render {

// World space is OpenXR STAGE: right-handed, +y up, floor at y = 0, metres. View space looks
// down -z with +y up, as OpenXR's view poses do.
//
// Colours named `rgba` are sRGB-encoded like a colour picker's (alpha linear, 1 = opaque);
// lighting colours named `linearRgb` are linear intensities. Render targets use an _SRGB format
// so that what lands in the image is sRGB again.

// A view's field of view as OpenXR reports it (XrFovf): angles from the view axis, radians;
// left and down are usually negative.
struct Fov {
  float angleLeftRad = 0.0f;
  float angleRightRad = 0.0f;
  float angleUpRad = 0.0f;
  float angleDownRad = 0.0f;
};

// A Vulkan projection for an asymmetric frustum, with REVERSED Z: a point at distance nearM maps
// to depth 1 and one at farM to depth 0 (farM may be +infinity: then depth -> 0 at infinity).
// Reversed Z spreads float depth precision evenly over distance, which matters for a floor seen
// at grazing angles. Clip-space y points down as Vulkan expects, so images come out upright.
// The renderer clears depth to 0 and keeps fragments with greater depth.
glm::mat4 projectionFromFov(const Fov& fov, float nearM, float farM);

// World-to-view matrix for an eye at `positionM` with orientation `orientation` (view to world).
glm::mat4 viewFromPose(const glm::vec3& positionM, const glm::quat& orientation);

struct EyeView {
  glm::mat4 view{1.0f};        // world to view
  glm::mat4 projection{1.0f};  // view to clip, from projectionFromFov
  glm::vec3 positionM{0.0f};   // eye position in world, for view-dependent shading and sorting
};

EyeView makeEyeView(const glm::vec3& positionM, const glm::quat& orientation, const Fov& fov,
                    float nearM, float farM);

struct Floor {
  bool visible = true;
  float halfExtentM = 20.0f;  // a square of side 2 * halfExtentM centred on the stage origin
  glm::vec4 rgba{0.55f, 0.57f, 0.60f, 1.0f};
  // Grid lines help the eye judge distance and level in a headset; spacing 0 draws none.
  glm::vec4 lineRgba{0.42f, 0.44f, 0.48f, 1.0f};
  float lineSpacingM = 0.5f;
};

// The exercise mat: a thin box lying on the floor.
struct ExerciseMat {
  bool visible = true;
  glm::vec2 sizeM{0.61f, 1.83f};  // width along its local x, length along its local z
  float thicknessM = 0.006f;
  glm::vec3 centreM{0.0f};  // centre of its bottom face (y = 0 puts it on the floor)
  float yawRad = 0.0f;      // rotation about +y
  glm::vec4 rgba{0.16f, 0.45f, 0.50f, 1.0f};
};

// Hemispheric ambient (sky above, ground below, blended by the normal's y) plus one directional
// key light: soft and readable in a headset, where harsh shadows and high contrast tire the eye.
struct Lighting {
  glm::vec3 skyLinearRgb{0.55f, 0.58f, 0.65f};
  glm::vec3 groundLinearRgb{0.25f, 0.23f, 0.21f};
  glm::vec3 keyDirection{-0.3f, -1.0f, -0.4f};  // direction the light travels (need not be unit)
  glm::vec3 keyLinearRgb{0.65f, 0.62f, 0.58f};
};

// A capsule: the set of points within radiusM of the segment aM-bM. aM == bM is a sphere. With
// radiusBM > 0 it tapers: a sphere of radiusM at aM and one of radiusBM at bM, joined by a cone
// (a limb that narrows towards the hand or foot).
struct CapsulePrimitive {
  glm::vec3 aM{0.0f};
  glm::vec3 bM{0.0f};
  float radiusM = 0.05f;
  glm::vec4 rgba{1.0f};  // alpha < 1: translucent, drawn after all opaque geometry
  float radiusBM = 0.0f;  // 0: radiusM at both ends
};

struct SpherePrimitive {
  glm::vec3 centreM{0.0f};
  float radiusM = 0.05f;
  glm::vec4 rgba{1.0f};
};

// A flat rectangle showing part of a texture (a UI panel) or a plain colour (mirror glass). Unlit:
// a panel must read the same whatever the lighting. Seen from either side. Depth-tested; opaque
// quads (tint alpha 1) are drawn after the opaque primitives and write depth, translucent ones
// are drawn last, back to front, without writing depth.
inline constexpr uint32_t kNoTexture = 0xFFFFFFFFu;  // plain tint colour, no texture
struct TexturedQuad {
  glm::vec3 centreM{0.0f};
  glm::vec3 halfWidthM{0.3f, 0.0f, 0.0f};   // centre to right edge: texture u grows along it
  glm::vec3 halfHeightM{0.0f, 0.2f, 0.0f};  // centre to top edge: texture v grows against it
  glm::vec4 uvRect{0.0f, 0.0f, 1.0f, 1.0f};  // u, v of the top-left corner, then bottom-right
  uint32_t texture = kNoTexture;            // an index from StereoRenderer::addTexture
  glm::vec4 tintRgba{1.0f};  // sRGB, multiplies the texel (whose rgb is read as sRGB bytes)
};

struct Scene {
  std::array<EyeView, 2> eyes{};  // [0] left, [1] right: the image layers they render into
  glm::vec4 clearRgba{0.62f, 0.72f, 0.82f, 1.0f};  // the sky
  Floor floor;
  ExerciseMat mat;
  Lighting lighting;
  // The avatar (and, translucent, the ghost). Reuse the vectors between frames so that a frame
  // allocates nothing once they have grown.
  std::vector<CapsulePrimitive> capsules;
  std::vector<SpherePrimitive> spheres;
  std::vector<TexturedQuad> quads;  // UI panels, mirror glass
};

}  // namespace lumbo::render
