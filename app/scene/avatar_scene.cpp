// Avatar geometry from tracker poses. Segment end points are placed from each tracker's
// calibrated segment frame with typical anatomical offsets (a tracker sits on the surface, the
// joints are inside the body), scaled by the calibrated stature.
#include "app/scene/avatar_scene.h"

#include <algorithm>

namespace lumbo::app {

namespace {

// Half the shoulder and hip breadths as fractions of stature (adult anthropometry).
constexpr double kShoulderHalfWidth = 0.10;
constexpr double kHipHalfWidth = 0.05;

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
  const double h = cal.statureM > 0.0 ? cal.statureM : 1.70;
  auto segment = [&](Device d) { return frame[d].pose.orientation * cal.mount[index(d)]; };
  auto has = [&](Device d) { return frame.valid(d) && cal.devices.test(index(d)); };

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
  auto capsule = [&](const glm::dvec3& a, const glm::dvec3& b, double radiusM, const glm::vec4& rgba) {
    scene.capsules.push_back(render::CapsulePrimitive{f(a), f(b), static_cast<float>(radiusM), rgba});
  };
  auto sphere = [&](const glm::dvec3& c, double radiusM, const glm::vec4& rgba) {
    scene.spheres.push_back(render::SpherePrimitive{f(c), static_cast<float>(radiusM), rgba});
  };

  // Trunk joints. The pelvis tracker sits on the sacrum: the hip centre is forward and below it.
  std::optional<glm::dvec3> hipCentre, thoracolumbar, neck;
  glm::dvec3 right(1, 0, 0);
  if (has(Device::Pelvis)) {
    const glm::dquat p = segment(Device::Pelvis);
    hipCentre = frame[Device::Pelvis].pose.positionM + p * glm::dvec3(0.10, -0.06, 0.0);
    right = p * glm::dvec3(0, 0, 1);
  }
  if (has(Device::Chest)) {
    const glm::dquat t = segment(Device::Chest);
    const glm::dvec3 sternum = frame[Device::Chest].pose.positionM;
    neck = sternum + t * glm::dvec3(-0.07, 0.09 * h, 0.0);
    thoracolumbar = sternum + t * glm::dvec3(-0.10, -0.07 * h, 0.0);
    if (!has(Device::Pelvis)) right = t * glm::dvec3(0, 0, 1);
  }
  if (has(Device::Head)) {
    const glm::dquat head = frame[Device::Head].pose.orientation;
    // The view pose is between the eyes; the head's centre is about 8 cm behind (+z in view).
    const glm::dvec3 headCentre = frame[Device::Head].pose.positionM + head * glm::dvec3(0.0, -0.02, 0.08);
    sphere(headCentre, 0.10, colourOf(AvatarPart::None, kSkinRgba));
    if (!neck) neck = headCentre - glm::dvec3(0, 0.16, 0);
  }
  if (hipCentre && !thoracolumbar && neck) thoracolumbar = *hipCentre + (*neck - *hipCentre) * 0.45;

  if (hipCentre) {
    // Pelvis: a short wide capsule across the hips.
    capsule(*hipCentre - right * (kHipHalfWidth * h), *hipCentre + right * (kHipHalfWidth * h), 0.075,
            colourOf(AvatarPart::Pelvis, kSkinRgba));
  }
  if (hipCentre && thoracolumbar) {
    // The lumbar spine: from the sacrum up to the thoracolumbar junction.
    capsule(*hipCentre + (*thoracolumbar - *hipCentre) * 0.15, *thoracolumbar, 0.065,
            colourOf(AvatarPart::LumbarSpine, kSkinRgba));
  }
  if (thoracolumbar && neck) capsule(*thoracolumbar, *neck, 0.10, colourOf(AvatarPart::Trunk, kSkinRgba));

  // Arms from the shoulders to the hands (the elbow is left implicit when no tracker has it).
  if (neck) {
    for (const auto& [hand, elbow, sign] : {std::tuple{Device::LHand, Device::LElbow, -1.0},
                                           std::tuple{Device::RHand, Device::RElbow, 1.0}}) {
      if (!has(hand)) continue;
      const glm::dvec3 shoulder = *neck + right * (sign * kShoulderHalfWidth * h) - glm::dvec3(0, 0.03, 0);
      const glm::dvec3 wrist = frame[hand].pose.positionM;
      const glm::vec4 c = colourOf(AvatarPart::Arms, kSkinRgba);
      if (has(elbow)) {
        capsule(shoulder, frame[elbow].pose.positionM, 0.04, c);
        capsule(frame[elbow].pose.positionM, wrist, 0.035, c);
      } else {
        capsule(shoulder, wrist, 0.04, c);
      }
    }
  }
  // Legs from the hips to the feet, through tracked knees when there are any.
  if (hipCentre) {
    for (const auto& [foot, knee, sign] : {std::tuple{Device::LFoot, Device::LKnee, -1.0},
                                          std::tuple{Device::RFoot, Device::RKnee, 1.0}}) {
      if (!has(foot)) continue;
      const glm::dvec3 hip = *hipCentre + right * (sign * kHipHalfWidth * h);
      const glm::dvec3 ankle = frame[foot].pose.positionM;
      const glm::vec4 c = colourOf(AvatarPart::Legs, kSkinRgba);
      if (has(knee)) {
        capsule(hip, frame[knee].pose.positionM, 0.065, c);
        capsule(frame[knee].pose.positionM, ankle, 0.05, c);
      } else {
        capsule(hip, ankle, 0.06, c);
      }
    }
  }
}

}  // namespace lumbo::app
