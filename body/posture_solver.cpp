// Posture metrics from calibrated segment orientations.
//
// Segment orientation = device orientation * mount (from calibration), so at neutral every
// segment frame equals the neutral body frame N. Angles relative to the world use N as the
// reference: ZXY Cardan angles of N^-1 * segment, tilt (about the right axis) first, as motion
// laboratories report segment angles; lumbar angles are the ZXY angles of thorax relative to
// pelvis (body/angles.h).
#include "body/posture_solver.h"

#include <cmath>
#include <utility>

#include "body/angles.h"

namespace lumbo {

namespace {

// Below this forward inclination the lumbar share of it is noise over a tiny denominator.
constexpr double kMinInclinationForShareDeg = 10.0;
// Tracker distances along the trunk change by a few centimetres as the spine bends; more than
// this means a tracker is not where the body is.
constexpr double kMaxSegmentStretchM = 0.2;

void set(Posture& p, MetricId id, double value, MetricSource source, double confidence) {
  p[id] = Metric{value, confidence, source};
}

}  // namespace

PostureSolver::PostureSolver(Calibration calibration, const TrackingLimits& limits)
    : calibration_(std::move(calibration)), monitor_(limits) {}

bool PostureSolver::usable(const TrackedFrame& frame, Device d) const {
  return calibration_.devices.test(index(d)) && frame.valid(d) && monitor_.trusted(d);
}

glm::dquat PostureSolver::segment(const TrackedFrame& frame, Device d) const {
  return frame[d].pose.orientation * calibration_.mount[index(d)];
}

Posture PostureSolver::solve(const TrackedFrame& frame) {
  monitor_.update(frame);
  Posture p;
  p.timeS = frame.timeS;
  const Calibration& cal = calibration_;
  p.trusted = monitor_.trustedPositions() & cal.devices;
  p.trackingFault = monitor_.fault(cal.devices);
  // Without gravity every angle and height is taken relative to the calibrated neutral (in the
  // station's frame, or the body's own when it floated free), so nothing is dropped.
  const glm::dvec3 up = cal.heightAxis();
  const glm::dquat toNeutral = glm::conjugate(cal.neutralFrame);
  auto sourceOf = [&](std::initializer_list<Device> ds) {
    for (Device d : ds) {
      if (frame[d].estimated) return MetricSource::Estimated;
    }
    return MetricSource::Measured;
  };

  bool pelvis = usable(frame, Device::Pelvis);
  bool chest = usable(frame, Device::Chest);
  const bool head = usable(frame, Device::Head);
  // A tracker that jumped and then stays displaced looks steady to the monitor; the body's own
  // dimensions do not allow it. The head arbitrates which of the two moved.
  if (pelvis && chest) {
    const glm::dvec3 pp = frame[Device::Pelvis].pose.positionM, pc = frame[Device::Chest].pose.positionM;
    if (std::abs(glm::length(pc - pp) - cal.pelvisToChestM) > kMaxSegmentStretchM) {
      bool chestOff = true;
      if (head) {
        const glm::dvec3 ph = frame[Device::Head].pose.positionM;
        chestOff = std::abs(glm::length(ph - pc) - cal.chestToHeadM) >=
                   std::abs(glm::length(ph - pp) - cal.pelvisToHeadM);
      }
      (chestOff ? chest : pelvis) = false;
      p.trusted.reset(index(chestOff ? Device::Chest : Device::Pelvis));
      if (p.trackingFault == TrackingFault::None) p.trackingFault = TrackingFault::Jumped;
    }
  }

  if (pelvis && chest) {
    const AnatomicalAngles a = anatomicalAngles(segment(frame, Device::Pelvis), segment(frame, Device::Chest));
    const MetricSource src = sourceOf({Device::Pelvis, Device::Chest});
    set(p, MetricId::LumbarFlexionDeg, a.flexionDeg, src, 1.0);
    set(p, MetricId::LumbarLateralDeg, a.lateralDeg, src, 1.0);
    set(p, MetricId::LumbarRotationDeg, a.rotationDeg, src, 1.0);
  }
  if (pelvis) {
    const glm::dquat pelvisSegment = segment(frame, Device::Pelvis);
    const AnatomicalAngles a = anatomicalAngles(cal.referenceFrame, pelvisSegment);
    const MetricSource src = sourceOf({Device::Pelvis});
    set(p, MetricId::PelvicTiltDeg, a.flexionDeg, src, 1.0);
    set(p, MetricId::PelvicObliquityDeg, a.lateralDeg, src, 1.0);
    set(p, MetricId::PelvicRotationDeg, anatomicalAngles(cal.neutralFrame, pelvisSegment).rotationDeg, src, 1.0);
    set(p, MetricId::PelvisHeightM,
        glm::dot(frame[Device::Pelvis].pose.positionM - cal.neutralPositionM[index(Device::Pelvis)], up), src, 1.0);
  }
  if (chest) {
    const AnatomicalAngles a = anatomicalAngles(cal.referenceFrame, segment(frame, Device::Chest));
    set(p, MetricId::TrunkInclinationDeg, a.flexionDeg, sourceOf({Device::Chest}), 1.0);
  }
  if (head) {
    set(p, MetricId::HeadHeightM,
        glm::dot(frame[Device::Head].pose.positionM - cal.neutralPositionM[index(Device::Head)], up),
        sourceOf({Device::Head}), 1.0);
  }

  // Reduced setups: the line from pelvis (or the hips' assumed place) to the head stands in for
  // the thorax. It also bends with the neck, hence the low confidence.
  if (!chest && head) {
    const glm::dvec3 headNow = toNeutral * frame[Device::Head].pose.positionM;
    glm::dvec3 base, baseNeutral;
    double confidence = 0.0;
    if (pelvis) {
      base = toNeutral * frame[Device::Pelvis].pose.positionM;
      baseNeutral = toNeutral * cal.neutralPositionM[index(Device::Pelvis)];
      confidence = kConfidenceTrunkFromHead;
    } else if (cal.pelvisToHeadM > 0.0 || cal.statureM > 0.0) {
      // Head only: assume the hips stay where they were at neutral, at the usual hip height.
      const double headToHipM = cal.pelvisToHeadM > 0.0 ? cal.pelvisToHeadM : 0.40 * cal.statureM;
      baseNeutral = toNeutral * cal.neutralPositionM[index(Device::Head)] - glm::dvec3(0, headToHipM, 0);
      base = baseNeutral;
      confidence = kConfidenceHeadOnly;
    }
    if (confidence > 0.0) {
      const glm::dvec3 headNeutral = toNeutral * cal.neutralPositionM[index(Device::Head)];
      const glm::dvec3 v = headNow - base, v0 = headNeutral - baseNeutral;
      // In the neutral frame: x anterior, y superior, z right.
      const double leanDeg = degrees(std::atan2(v.x, v.y)) - degrees(std::atan2(v0.x, v0.y));
      const double sideDeg = degrees(std::atan2(v.z, v.y)) - degrees(std::atan2(v0.z, v0.y));
      const MetricSource src = MetricSource::Estimated;
      set(p, MetricId::TrunkInclinationDeg, leanDeg, src, confidence);
      if (pelvis) {
        const AnatomicalAngles pel = anatomicalAngles(cal.neutralFrame, segment(frame, Device::Pelvis));
        set(p, MetricId::LumbarFlexionDeg, leanDeg - pel.flexionDeg, src, kConfidenceLumbarFromHead);
        set(p, MetricId::LumbarLateralDeg, sideDeg - pel.lateralDeg, src, kConfidenceLumbarFromHead);
        const AnatomicalAngles turn = anatomicalAngles(segment(frame, Device::Pelvis), segment(frame, Device::Head));
        set(p, MetricId::LumbarRotationDeg, turn.rotationDeg, src, kConfidenceRotationFromHead);
      }
    }
  }

  const Metric& flex = p[MetricId::LumbarFlexionDeg];
  const Metric& incl = p[MetricId::TrunkInclinationDeg];
  if (flex.available() && incl.available() && incl.value >= kMinInclinationForShareDeg) {
    const MetricSource src = flex.measured() && incl.measured() ? MetricSource::Measured : MetricSource::Estimated;
    set(p, MetricId::LumbarSharePct, 100.0 * flex.value / incl.value, src,
        std::min(flex.confidence, incl.confidence));
  }
  return p;
}

}  // namespace lumbo
