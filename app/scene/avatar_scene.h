// Builds the renderable avatar of the user (tapered capsules and spheres) from the tracked body,
// its calibration and the exercise feedback, so that deviation shows where it happens: the lumbar
// spine and pelvis are coloured by how far their metric is out of its band, and limbs whose
// knee or elbow is estimated (AvatarSkeleton) are drawn in their own shade.
#pragma once

#include <optional>

#include "body/calibration.h"
#include "body/posture.h"
#include "body/tracked_frame.h"
#include "exercises/exercise_engine.h"
#include "render/scene.h"

namespace lumbo::app {

// Colours of the avatar, sRGB. Chosen to stay distinguishable for the common red-green colour
// deficiencies: in band is blue-green, out of band runs through amber to red-magenta.
inline constexpr glm::vec4 kSkinRgba{0.80f, 0.72f, 0.64f, 1.0f};
inline constexpr glm::vec4 kInBandRgba{0.10f, 0.62f, 0.66f, 1.0f};
inline constexpr glm::vec4 kSlightlyOutRgba{0.96f, 0.70f, 0.10f, 1.0f};
inline constexpr glm::vec4 kFarOutRgba{0.86f, 0.10f, 0.36f, 1.0f};
inline constexpr glm::vec4 kUntrackedRgba{0.55f, 0.55f, 0.58f, 1.0f};
// Limbs whose middle joint (knee, elbow) no tracker measures: a pale, cooler shade than skin.
inline constexpr glm::vec4 kEstimatedRgba{0.66f, 0.69f, 0.76f, 1.0f};

// Colour for a segment `excess` beyond its band, where `farExcess` is what counts as far out
// (e.g. 10 deg): blends in-band -> amber -> red.
glm::vec4 deviationColour(double excess, double farExcess);

struct AvatarStyle {
  float alpha = 1.0f;   // < 1 draws a translucent figure (the ghost)
  bool colourByFeedback = true;
};

// Appends the avatar's primitives to `scene` (keeps what is there): the head sphere first, then
// the pelvis and the lumbar spine as the first two capsules. Devices without a valid pose leave
// their segments out; the trunk needs the pelvis or the head.
void appendAvatar(render::Scene& scene, const TrackedFrame& frame, const Calibration& calibration,
                  const Feedback* feedback, const AvatarStyle& style = {});

// Which drawn part a signal belongs to, for colouring.
enum class AvatarPart { None, LumbarSpine, Pelvis, Trunk, Legs, Arms };
AvatarPart partForSignal(SignalIndex signal);

}  // namespace lumbo::app
