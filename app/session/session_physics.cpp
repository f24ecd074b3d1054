// A session's physics world and what the exercise and the scene take from it.
#include "app/session/session_physics.h"

#include <algorithm>

namespace lumbo::app {

namespace {
// A band anchored at the side about this far from the pelvis, at chest height: side-on presses
// and chops start with a little stretch and load up as the hands move away.
constexpr double kAnchorSideM = 1.0;
constexpr double kAnchorHeightAbovePelvisM = 0.35;
constexpr double kBandRestLengthM = 0.8;
}  // namespace

std::optional<physics::BandGrade> bandGradeForLoad(const std::string& load) {
  if (load.find("band") == std::string::npos) return std::nullopt;
  if (load.find("light") != std::string::npos) return physics::BandGrade::Yellow;
  if (load.find("heavy") != std::string::npos) return physics::BandGrade::Green;
  return physics::BandGrade::Red;
}

SessionPhysics::SessionPhysics(bool gravityFree) {
  physics::WorldSettings settings;
  if (gravityFree) settings.gravityMPerS2 = glm::dvec3(0.0);
  world_ = std::make_unique<physics::PhysicsWorld>(settings);
}

SessionPhysics::~SessionPhysics() = default;

void SessionPhysics::setBody(const Calibration& calibration) {
  calibration_ = calibration;
  world_->setBody(calibration);
}

void SessionPhysics::setExercise(const Exercise& exercise, int level) {
  if (band_) world_->removeBand();
  band_ = false;
  if (!calibration_ || exercise.levels.empty()) return;
  const Level& lv = exercise.levels[static_cast<std::size_t>(std::clamp(level, 1, static_cast<int>(exercise.levels.size())) - 1)];
  const auto grade = bandGradeForLoad(lv.load);
  if (!grade) return;
  const Calibration& cal = *calibration_;
  const glm::dvec3 pelvis = cal.devices.test(index(Device::Pelvis)) ? cal.neutralPositionM[index(Device::Pelvis)]
                                                                    : cal.neutralPositionM[index(Device::Head)] - glm::dvec3(0, 0.6, 0);
  const glm::dvec3 right = cal.neutralFrame * glm::dvec3(0, 0, 1);
  physics::BandSpec spec;
  spec.grade = *grade;
  spec.restLengthM = kBandRestLengthM;
  spec.anchorM = pelvis + right * kAnchorSideM + cal.superior() * kAnchorHeightAbovePelvisM;
  spec.rightHand = true;
  world_->addBand(spec);
  band_ = true;
}

void SessionPhysics::update(const TrackedFrame& frame, double dtS) {
  if (!calibration_) return;
  world_->updateBody(frame);
  if (band_ && frame.valid(Device::RHand)) world_->setBandHandTarget(frame[Device::RHand].pose.positionM);
  world_->advance(dtS);
}

Metric SessionPhysics::bandTension() const {
  if (!band_) return {};
  const auto load = world_->bandLoad();
  if (!load || !load->attached) return {};
  return Metric{load->tensionN, 1.0, MetricSource::Measured};
}

std::optional<physics::StartCheck> SessionPhysics::startCheck(StartingPosition position) const {
  if (!calibration_ || !world_->hasBody()) return std::nullopt;
  std::optional<physics::StartingPosition> checked;
  switch (position) {
    case StartingPosition::Standing: checked = physics::StartingPosition::Standing; break;
    case StartingPosition::Supine: checked = physics::StartingPosition::Supine; break;
    case StartingPosition::FourPointKneeling: checked = physics::StartingPosition::FourPointKneeling; break;
    default: break;
  }
  if (!checked) return std::nullopt;
  return physics::checkStartingPosition(world_->contacts(), *checked);
}

}  // namespace lumbo::app
