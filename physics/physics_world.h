// The Bullet world Lumbo simulates: floor, mat, gravity, the person's kinematic body and the props
// (stability ball, elastic band, free weight), stepped at a fixed rate whatever the display rate.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include <glm/gtc/quaternion.hpp>
#include <glm/vec3.hpp>

#include "body/calibration.h"
#include "body/tracked_frame.h"
#include "physics/body_shape.h"
#include "physics/contacts.h"
#include "physics/elastic_band.h"

namespace lumbo::physics {

inline constexpr glm::dvec3 kEarthGravityMPerS2{0.0, -9.80665, 0.0};
inline constexpr glm::dvec3 kMoonGravityMPerS2{0.0, -1.62, 0.0};
inline constexpr glm::dvec3 kMicrogravityMPerS2{0.0, 0.0, 0.0};

struct WorldSettings {
  double stepRateHz = 240.0;
  glm::dvec3 gravityMPerS2 = kEarthGravityMPerS2;
  // A display frame longer than this many steps (a stall) drops the rest of its time rather
  // than making the next frame slower still.
  int maxStepsPerAdvance = 12;
  bool mat = true;
  Pose matPose{glm::dvec3(0.0, 0.0, -0.5)};  // centre of the mat's underside, on the floor
  glm::dvec3 matSizeM{0.61, 0.01, 1.83};     // width, thickness, length
  double contactToleranceM = 0.03;
};

struct BallSpec {
  double radiusM = 0.325;  // a 65 cm ball, for a person of about 1.70 m
  double massKg = 1.2;
  double restitution = 0.5;
  glm::dvec3 positionM{0.8, 0.325, -0.5};
};

struct WeightSpec {
  double massKg = 2.0;
  double lengthM = 0.25;  // dumbbell, handle along its local x
  double radiusM = 0.045;
  glm::dvec3 positionM{-0.8, 0.045, -0.5};
};

// Linear and angular state of a rigid prop, for tests and logging.
struct RigidState {
  glm::dvec3 positionM{0.0};
  glm::dquat orientation{1, 0, 0, 0};
  glm::dvec3 velocityMPerS{0.0};
  glm::dvec3 angularVelocityRadPerS{0.0};
};

// Plain data for render/: nothing of Bullet, interpolated between the last two steps by the
// leftover time of the fixed-step accumulator so motion stays smooth at any display rate.
struct PropTransform {
  glm::vec3 positionM{0.0f};
  glm::quat orientation{1.0f, 0.0f, 0.0f, 0.0f};
};
struct RenderData {
  struct Mat {
    PropTransform transform;  // centre of the mat
    glm::vec3 sizeM{0.0f};
  };
  struct Ball {
    PropTransform transform;
    float radiusM = 0.0f;
  };
  struct Weight {
    PropTransform transform;  // handle along local x
    float lengthM = 0.0f;
    float radiusM = 0.0f;
  };
  struct Band {
    std::vector<glm::vec3> pointsM;  // anchor first, hand last
    float tensionN = 0.0f;
    BandGrade grade = BandGrade::Red;
  };
  std::optional<Mat> mat;
  std::optional<Ball> ball;
  std::optional<Weight> weight;
  std::optional<Band> band;
};

// The load a held weight puts on its hand: m (g - a), the hand's acceleration included.
struct WeightLoad {
  bool held = false;
  bool rightHand = true;
  glm::dvec3 forceN{0.0};
};

class PhysicsWorld {
 public:
  explicit PhysicsWorld(const WorldSettings& settings = {});
  ~PhysicsWorld();
  PhysicsWorld(const PhysicsWorld&) = delete;
  PhysicsWorld& operator=(const PhysicsWorld&) = delete;

  const WorldSettings& settings() const;
  void setGravity(const glm::dvec3& gravityMPerS2);
  glm::dvec3 gravity() const;

  // The body: shapes sized once from the calibration; then every display frame the tracked
  // frame, which the steps of the next advance() move toward (linearly over its steps).
  void setBody(const Calibration& calibration);
  void updateBody(const TrackedFrame& frame);
  bool hasBody() const;
  const BodyDimensions& bodyDimensions() const;
  const BodyPose& bodyPose() const;  // where the body's shapes are after the last step

  // Props, at most one of each.
  void addBall(const BallSpec& spec = {});
  void setBallState(const RigidState& state);
  std::optional<RigidState> ball() const;
  void addBand(const BandSpec& spec);
  void removeBand();
  std::optional<BandLoad> bandLoad() const;
  // Where the band's free end goes when no body is tracked (tests, demos without a body).
  void setBandHandTarget(const glm::dvec3& positionM);
  void addWeight(const WeightSpec& spec = {});
  void holdWeight(bool rightHand);  // follows the hand (kinematic) until released
  void releaseWeight();             // becomes a dynamic body again, with the hand's velocity
  std::optional<RigidState> weight() const;
  WeightLoad weightLoad() const;

  // Fixed-rate stepping. advance() adds display time and runs the whole steps it covers; the
  // rest waits for the next call, and interpolationAlpha() says how far it is into the next step.
  int advance(double displayDtS);
  void step();
  double stepS() const;
  std::uint64_t stepCount() const;
  double simulatedTimeS() const;
  double interpolationAlpha() const;
  std::uint64_t droppedSteps() const;

  ContactReport contacts() const;
  RenderData renderData() const;

  // Every simulated quantity (props' positions, orientations and velocities, the band's nodes),
  // flattened; equal inputs give bit-identical vectors.
  std::vector<double> stateVector() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lumbo::physics
