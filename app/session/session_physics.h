// The physics of a live session: the tracked body in a Bullet world with the exercise's props (an
// elastic band for banded exercises), giving the exercise engine the band's tension, the scene
// the props to draw (app/scene/props_scene.h), and the exercise its starting-position check from body contacts.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "body/calibration.h"
#include "body/tracked_frame.h"
#include "exercises/exercise.h"
#include "physics/physics_world.h"

namespace lumbo::app {

class SessionPhysics {
 public:
  explicit SessionPhysics(bool gravityFree);
  ~SessionPhysics();

  // The body's shapes from a new calibration.
  void setBody(const Calibration& calibration);
  // The props of the exercise at its level: a band when the level's load names one ("light
  // band", "heavy band"), anchored beside the person at chest height.
  void setExercise(const Exercise& exercise, int level);
  // One display frame: the body follows the tracked frame, the world steps.
  void update(const TrackedFrame& frame, double dtS);

  // The band's tension in newtons, measured by the simulation; unavailable without a band.
  Metric bandTension() const;
  // Whether the body is in the exercise's starting position, from its contacts; nullopt for
  // positions physics does not check (sitting, side-lying, prone) or before the body is known.
  std::optional<physics::StartCheck> startCheck(StartingPosition position) const;
  physics::PhysicsWorld& world() { return *world_; }
  const physics::PhysicsWorld& world() const { return *world_; }

 private:
  std::unique_ptr<physics::PhysicsWorld> world_;
  std::optional<Calibration> calibration_;
  bool band_ = false;
};

// The band grade a level's load text names: light yellow, medium red, heavy green; nullopt when
// the load is not a band.
std::optional<physics::BandGrade> bandGradeForLoad(const std::string& load);

}  // namespace lumbo::app
