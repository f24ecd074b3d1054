// Joint placement from tracker poses. Segment end points are placed from each tracker's
// calibrated segment frame with typical anatomical offsets (a tracker sits on the surface, the
// joints are inside the body), scaled by the calibrated stature.
#include "app/scene/avatar_skeleton.h"

#include <tuple>

#include <glm/geometric.hpp>

#include "app/scene/two_bone_ik.h"

namespace lumbo::app {

namespace {

// Half the shoulder and hip breadths as fractions of stature (adult anthropometry).
constexpr double kShoulderHalfWidth = 0.10;
constexpr double kHipHalfWidth = 0.05;

}  // namespace

AvatarSkeleton avatarSkeleton(const TrackedFrame& frame, const Calibration& cal) {
  AvatarSkeleton s;
  const double h = cal.statureM > 0.0 ? cal.statureM : 1.70;
  s.statureM = h;
  auto segment = [&](Device d) { return frame[d].pose.orientation * cal.mount[index(d)]; };
  auto has = [&](Device d) { return frame.valid(d) && cal.devices.test(index(d)); };
  auto set = [&](AvatarJoint j, const glm::dvec3& p, bool estimated) {
    s.positionM[static_cast<std::size_t>(j)] = p;
    s.estimated[static_cast<std::size_t>(j)] = estimated;
  };
  std::optional<glm::dvec3> hipCentre, thoracolumbar, neck;
  bool haveAxes = false;
  // Trunk joints. The pelvis tracker sits on the sacrum: the hip centre is forward and below it.
  if (has(Device::Pelvis)) {
    const glm::dquat p = segment(Device::Pelvis);
    hipCentre = frame[Device::Pelvis].pose.positionM + p * glm::dvec3(0.10, -0.06, 0.0);
    s.right = p * glm::dvec3(0, 0, 1);
    s.forward = p * glm::dvec3(1, 0, 0);
    haveAxes = true;
  }
  if (has(Device::Chest)) {
    const glm::dquat t = segment(Device::Chest);
    const glm::dvec3 sternum = frame[Device::Chest].pose.positionM;
    neck = sternum + t * glm::dvec3(-0.07, 0.09 * h, 0.0);
    thoracolumbar = sternum + t * glm::dvec3(-0.10, -0.07 * h, 0.0);
    if (!haveAxes) {
      s.right = t * glm::dvec3(0, 0, 1);
      s.forward = t * glm::dvec3(1, 0, 0);
      haveAxes = true;
    }
  }
  if (has(Device::Head)) {
    const glm::dquat head = frame[Device::Head].pose.orientation;
    // The view pose is between the eyes; the head's centre is about 8 cm behind (+z in view).
    const glm::dvec3 headCentre = frame[Device::Head].pose.positionM + head * glm::dvec3(0.0, -0.02, 0.08);
    set(AvatarJoint::HeadCentre, headCentre, false);
    if (!neck) neck = headCentre - glm::dvec3(0, 0.16, 0);
    if (!haveAxes) {
      s.right = head * glm::dvec3(1, 0, 0);
      s.forward = head * glm::dvec3(0, 0, -1);
    }
  }
  bool trunkEstimated = false;
  if (hipCentre && !thoracolumbar && neck) {
    thoracolumbar = *hipCentre + (*neck - *hipCentre) * 0.45;
    trunkEstimated = true;
  }
  if (hipCentre) set(AvatarJoint::HipCentre, *hipCentre, false);
  if (thoracolumbar) set(AvatarJoint::Thoracolumbar, *thoracolumbar, trunkEstimated);
  if (neck) set(AvatarJoint::Neck, *neck, !has(Device::Chest));
  const glm::dvec3 up = glm::normalize(glm::cross(s.right, s.forward));

  // Arms: elbows bend back and out, as an arm hangs or reaches.
  if (neck) {
    for (const auto& [hand, elbow, shoulderJ, elbowJ, wristJ, sign] :
         {std::tuple{Device::LHand, Device::LElbow, AvatarJoint::LShoulder, AvatarJoint::LElbow, AvatarJoint::LWrist, -1.0},
          std::tuple{Device::RHand, Device::RElbow, AvatarJoint::RShoulder, AvatarJoint::RElbow, AvatarJoint::RWrist, 1.0}}) {
      const glm::dvec3 shoulder = *neck + s.right * (sign * kShoulderHalfWidth * h) - glm::dvec3(0, 0.03, 0);
      set(shoulderJ, shoulder, false);
      if (!has(hand)) continue;
      const glm::dvec3 wrist = frame[hand].pose.positionM;
      set(wristJ, wrist, false);
      if (has(elbow)) {
        set(elbowJ, frame[elbow].pose.positionM, frame[elbow].estimated);
      } else {
        const glm::dvec3 hint = -s.forward + 0.5 * sign * s.right - 0.3 * up;
        set(elbowJ, twoBoneJoint(shoulder, wrist, kUpperArmPerStature * h, kForearmPerStature * h, hint), true);
      }
    }
  }
  // Legs: knees bend forward (a little outward, as they track over the toes).
  if (hipCentre) {
    for (const auto& [foot, knee, hipJ, kneeJ, ankleJ, sign] :
         {std::tuple{Device::LFoot, Device::LKnee, AvatarJoint::LHip, AvatarJoint::LKnee, AvatarJoint::LAnkle, -1.0},
          std::tuple{Device::RFoot, Device::RKnee, AvatarJoint::RHip, AvatarJoint::RKnee, AvatarJoint::RAnkle, 1.0}}) {
      const glm::dvec3 hip = *hipCentre + s.right * (sign * kHipHalfWidth * h);
      set(hipJ, hip, false);
      if (!has(foot)) continue;
      const glm::dvec3 ankle = frame[foot].pose.positionM;
      set(ankleJ, ankle, false);
      if (has(knee)) {
        set(kneeJ, frame[knee].pose.positionM, frame[knee].estimated);
      } else {
        const glm::dvec3 hint = s.forward + 0.1 * sign * s.right;
        set(kneeJ, twoBoneJoint(hip, ankle, kThighPerStature * h, kShankPerStature * h, hint), true);
      }
    }
  }
  return s;
}

}  // namespace lumbo::app
