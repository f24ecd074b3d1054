// Joint positions of the simulated hand from finger lengths and a per-gesture curl.
#include "simruntime/device/hand_model.h"

#include <cmath>

#include <glm/geometric.hpp>

namespace lumbo::simxr {

std::optional<HandGesture> handGestureFromName(const std::string& name) {
  if (name == "open") return HandGesture::Open;
  if (name == "point") return HandGesture::Point;
  if (name == "pinch") return HandGesture::Pinch;
  if (name == "fist") return HandGesture::Fist;
  return std::nullopt;
}

namespace {

// Lengths of the metacarpal and the three phalanges of each finger (index .. little), metres,
// and where each finger's metacarpal starts across the wrist (for a right hand, thumb at -x).
constexpr double kFingerBonesM[4][4] = {
    {0.068, 0.040, 0.024, 0.020}, {0.066, 0.044, 0.027, 0.021}, {0.060, 0.041, 0.026, 0.020}, {0.055, 0.033, 0.019, 0.018}};
constexpr double kFingerBaseXM[4] = {-0.018, -0.004, 0.010, 0.022};
constexpr double kFingerTipXM[4] = {-0.024, -0.005, 0.013, 0.028};
constexpr double kThumbBonesM[3] = {0.045, 0.032, 0.027};

// Each joint of a finger bends by this much towards the palm (radians) in each gesture.
double curlRad(HandGesture g, int finger) {
  switch (g) {
    case HandGesture::Open: return 0.10;
    case HandGesture::Point: return finger == 0 ? 0.0 : 1.35;
    case HandGesture::Pinch: return finger == 0 ? 0.45 : 0.30;
    case HandGesture::Fist: return 1.45;
  }
  return 0.0;
}

}  // namespace

HandJointOffsets handJointOffsets(HandGesture gesture, bool left) {
  HandJointOffsets out;
  auto put = [&](std::size_t joint, const glm::dvec3& p, double radiusM) {
    out.positionM[joint] = p;
    out.radiusM[joint] = radiusM;
  };
  put(kWristJoint, glm::dvec3(0.0), 0.02);
  for (int f = 0; f < 4; ++f) {
    const std::size_t first = 6 + 5 * static_cast<std::size_t>(f);  // metacarpal of this finger
    glm::dvec3 p(kFingerBaseXM[f], 0.0, -0.01);
    put(first, p, 0.012);
    // The metacarpal runs straight; each phalanx turns further towards the palm (-y).
    const glm::dvec3 knuckle(kFingerTipXM[f], 0.0, -0.01 - kFingerBonesM[f][0]);
    p = knuckle;
    put(first + 1, p, 0.011);
    double angle = 0.0;
    for (int b = 1; b < 4; ++b) {
      angle += curlRad(gesture, f);
      p += kFingerBonesM[f][b] * glm::dvec3(0.0, -std::sin(angle), -std::cos(angle));
      put(first + 1 + static_cast<std::size_t>(b), p, b == 3 ? 0.008 : 0.010);
    }
  }
  // The palm joint is the middle of the middle finger's metacarpal.
  put(kPalmJoint, 0.5 * (out.positionM[11] + out.positionM[12]), 0.025);
  // The thumb leaves the wrist towards -x and forward; pinched, its tip meets the index tip.
  glm::dvec3 p(-0.020, -0.012, -0.020);
  put(2, p, 0.014);
  const glm::dvec3 direction = glm::normalize(glm::dvec3(-0.55, -0.25, -0.8));
  for (int b = 0; b < 3; ++b) {
    p += kThumbBonesM[b] * direction;
    put(3 + static_cast<std::size_t>(b), p, b == 2 ? 0.009 : 0.011);
  }
  if (gesture == HandGesture::Pinch || gesture == HandGesture::Fist) {
    const glm::dvec3 base = out.positionM[3];
    const glm::dvec3 target = gesture == HandGesture::Pinch ? out.positionM[kIndexTipJoint] : out.positionM[12];
    put(4, base + 0.55 * (target - base), 0.011);
    put(kThumbTipJoint, target, 0.009);
  }
  if (left) {
    for (glm::dvec3& q : out.positionM) q.x = -q.x;
  }
  return out;
}

}  // namespace lumbo::simxr
