// Avatar geometry from the avatar's skeleton: tapered segments whose rounded ends blend at the
// joints, a trunk shaped by its waist, rib cage and shoulders, hands and feet.
#include "app/scene/avatar_scene.h"

#include <algorithm>
#include <tuple>

#include <glm/geometric.hpp>

#include "app/scene/avatar_skeleton.h"

namespace lumbo::app {

namespace {

glm::vec3 f(const glm::dvec3& v) { return glm::vec3(v); }

// Weighted form so that t = 0 and t = 1 give the end colours exactly.
glm::vec4 mix(const glm::vec4& a, const glm::vec4& b, float t) {
  t = std::clamp(t, 0.0f, 1.0f);
  return a * (1.0f - t) + b * t;
}

}  // namespace

glm::vec4 deviationColour(double excess, double farExcess) {
  if (excess <= 0.0) return kInBandRgba;
  const float t = static_cast<float>(excess / std::max(farExcess, 1e-9));
  return t < 0.5f ? mix(kInBandRgba, kSlightlyOutRgba, t * 2.0f) : mix(kSlightlyOutRgba, kFarOutRgba, (t - 0.5f) * 2.0f);
}

AvatarPart partForSignal(SignalIndex signal) {
  if (signal >= kMetricCount) {
    const auto limb = static_cast<LimbSignal>(signal - kMetricCount);
    switch (limb) {
      case LimbSignal::LFootHeightM:
      case LimbSignal::RFootHeightM:
      case LimbSignal::FeetHeightM:
      case LimbSignal::PelvisDepthPct: return AvatarPart::Legs;
      case LimbSignal::TrunkLeanDeg: return AvatarPart::Trunk;
      default: return AvatarPart::Arms;
    }
  }
  switch (static_cast<MetricId>(signal)) {
    case MetricId::LumbarFlexionDeg:
    case MetricId::LumbarLateralDeg:
    case MetricId::LumbarRotationDeg:
    case MetricId::LumbarSharePct: return AvatarPart::LumbarSpine;
    case MetricId::PelvicTiltDeg:
    case MetricId::PelvicObliquityDeg:
    case MetricId::PelvicRotationDeg:
    case MetricId::PelvisHeightM: return AvatarPart::Pelvis;
    case MetricId::TrunkInclinationDeg:
    case MetricId::HeadHeightM: return AvatarPart::Trunk;
  }
  return AvatarPart::None;
}

void appendAvatar(render::Scene& scene, const TrackedFrame& frame, const Calibration& cal,
                  const Feedback* feedback, const AvatarStyle& style) {
  const AvatarSkeleton body = avatarSkeleton(frame, cal);
  using J = AvatarJoint;

  // Colour per part from the live feedback: only the part whose signal is out of band changes.
  auto colourOf = [&](AvatarPart part, const glm::vec4& base) {
    glm::vec4 c = base;
    if (style.colourByFeedback && feedback && !feedback->paused) {
      const bool spinePart = part == AvatarPart::LumbarSpine || part == AvatarPart::Pelvis;
      if (spinePart) c = kInBandRgba;  // the parts MCT trains always show their state
      if (feedback->outOfBand && partForSignal(feedback->signal) == part) {
        const double far = signalUnit(feedback->signal) == "m" ? 0.10 : 12.0;
        c = deviationColour(feedback->excess, far);
      }
    } else if (style.colourByFeedback && feedback && feedback->paused &&
               (part == AvatarPart::LumbarSpine || part == AvatarPart::Pelvis)) {
      c = kUntrackedRgba;  // tracking lost: grey, neither good nor bad
    }
    c.a *= style.alpha;
    return c;
  };
  // Tapered segments: radius `ra` at a, `rb` at b. Neighbours share the radius where they meet,
  // so their rounded ends blend into one limb.
  auto segment = [&](const glm::dvec3& a, const glm::dvec3& b, double ra, double rb, const glm::vec4& rgba) {
    scene.capsules.push_back(render::CapsulePrimitive{f(a), f(b), static_cast<float>(ra), rgba, static_cast<float>(rb)});
  };
  const glm::dvec3 up = glm::normalize(glm::cross(body.right, body.forward));

  if (const auto& head = body[J::HeadCentre]) {
    scene.spheres.push_back(render::SpherePrimitive{f(*head), 0.10f, colourOf(AvatarPart::None, kSkinRgba)});
  }
  const auto& hip = body[J::HipCentre];
  const auto& waist = body[J::Thoracolumbar];
  const auto& neck = body[J::Neck];
  if (hip) {
    // Pelvis: wide across the hip joints, deeper than the waist above it.
    const glm::dvec3 half = body.right * (0.045 * body.statureM);
    segment(*hip - half, *hip + half, 0.09, 0.09, colourOf(AvatarPart::Pelvis, kSkinRgba));
  }
  if (hip && waist) {
    // The lumbar spine: from the sacrum up to the thoracolumbar junction, narrowing to the waist.
    segment(*hip + (*waist - *hip) * 0.15, *waist, 0.10, 0.092, colourOf(AvatarPart::LumbarSpine, kSkinRgba));
  }
  if (waist && neck) {
    // The chest: a core from the waist to the neck, and the rib cage widening to the shoulders.
    const glm::vec4 trunk = colourOf(AvatarPart::Trunk, kSkinRgba);
    segment(*waist, *neck - 0.04 * up, 0.10, 0.08, trunk);
    const glm::dvec3 chestM = *waist + 0.55 * (*neck - *waist);
    for (double sign : {-1.0, 1.0}) {
      segment(*waist + sign * 0.035 * body.right, chestM + sign * 0.08 * body.right + 0.02 * body.forward, 0.085, 0.09, trunk);
    }
    if (body[J::LShoulder] && body[J::RShoulder]) {
      segment(*body[J::LShoulder], *body[J::RShoulder], 0.055, 0.055, trunk);
      for (const auto& shoulder : {body[J::LShoulder], body[J::RShoulder]}) {
        segment(chestM + 0.5 * (*shoulder - *neck), *shoulder, 0.08, 0.055, trunk);
      }
    }
  }
  if (neck && body[J::HeadCentre]) {
    segment(*neck - 0.02 * up, *neck + 0.55 * (*body[J::HeadCentre] - *neck), 0.06, 0.052, colourOf(AvatarPart::None, kSkinRgba));
  }

  // Limbs through their middle joint; where IK placed that joint the limb is drawn in the
  // estimated shade, so nobody takes it for measured.
  auto limb = [&](J rootJ, J midJ, J endJ, AvatarPart part, double rootR, double midR, double endR) {
    const auto& root = body[rootJ];
    const auto& mid = body[midJ];
    const auto& end = body[endJ];
    if (!root || !mid || !end) return;
    const glm::vec4 c = colourOf(part, body.isEstimated(midJ) ? kEstimatedRgba : kSkinRgba);
    segment(*root, *mid, rootR, midR, c);
    segment(*mid, *end, midR, endR, c);
  };
  const glm::vec4 hands = colourOf(AvatarPart::Arms, kSkinRgba);
  for (const auto& [shoulder, elbow, wrist] : {std::tuple{J::LShoulder, J::LElbow, J::LWrist}, std::tuple{J::RShoulder, J::RElbow, J::RWrist}}) {
    limb(shoulder, elbow, wrist, AvatarPart::Arms, 0.05, 0.04, 0.031);
    if (body[elbow] && body[wrist] && glm::length(*body[wrist] - *body[elbow]) > 1e-6) {
      // The hand: a short paddle on from the forearm.
      const glm::dvec3 along = glm::normalize(*body[wrist] - *body[elbow]);
      segment(*body[wrist], *body[wrist] + 0.08 * along, 0.034, 0.027, hands);
    }
  }
  const glm::vec4 feet = colourOf(AvatarPart::Legs, kSkinRgba);
  glm::dvec3 ahead = body.forward - glm::dot(body.forward, glm::dvec3(0, 1, 0)) * glm::dvec3(0, 1, 0);
  ahead = glm::length(ahead) > 1e-6 ? glm::normalize(ahead) : body.forward;
  for (const auto& [hipJ, knee, ankle] : {std::tuple{J::LHip, J::LKnee, J::LAnkle}, std::tuple{J::RHip, J::RKnee, J::RAnkle}}) {
    limb(hipJ, knee, ankle, AvatarPart::Legs, 0.085, 0.058, 0.042);
    if (body[knee] && body[ankle]) {
      // The foot: forward from the ankle along the floor.
      segment(*body[ankle], *body[ankle] + 0.16 * ahead - glm::dvec3(0, 0.03, 0), 0.042, 0.032, feet);
    }
  }
}

}  // namespace lumbo::app
