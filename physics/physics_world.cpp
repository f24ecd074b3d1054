// Bullet world with a fixed-step accumulator; Bullet stays behind this file's walls.
#include "physics/physics_world.h"

#include <BulletSoftBody/btSoftBody.h>
#include <BulletSoftBody/btSoftBodyHelpers.h>
#include <BulletSoftBody/btSoftBodyRigidBodyCollisionConfiguration.h>
#include <BulletSoftBody/btSoftRigidDynamicsWorld.h>
#include <btBulletDynamicsCommon.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>

#include <glm/geometric.hpp>

namespace lumbo::physics {
namespace {

// Collision groups: the body's kinematic parts push the ball and the weight, but not the floor or
// mat (both are immovable) nor the band, whose free end sits inside the hand that holds it.
constexpr int kBodyGroup = 1 << 6;
constexpr int kBodyMask = btBroadphaseProxy::DefaultFilter;
constexpr int kBandMask = btBroadphaseProxy::AllFilter ^ kBodyGroup;

// The floor is a thick box rather than a plane: soft-body collisions evaluate a signed distance
// field that Bullet builds for convex shapes only.
constexpr double kFloorHalfSizeM = 25.0;
constexpr double kFloorHalfThicknessM = 0.5;
// The soft body's distance-field cache is trimmed this often so it cannot grow without bound.
constexpr std::uint64_t kSdfCollectEverySteps = 240;
constexpr int kBandSolverIterations = 8;
constexpr double kMatHiddenDepthM = 0.1;
constexpr double kReleaseGraceS = 0.3;

btVector3 bt(const glm::dvec3& v) {
  return {static_cast<btScalar>(v.x), static_cast<btScalar>(v.y), static_cast<btScalar>(v.z)};
}
btQuaternion bt(const glm::dquat& q) {
  return {static_cast<btScalar>(q.x), static_cast<btScalar>(q.y), static_cast<btScalar>(q.z), static_cast<btScalar>(q.w)};
}
btTransform bt(const Pose& p) { return btTransform(bt(p.orientation), bt(p.positionM)); }
glm::dvec3 toGlm(const btVector3& v) { return {v.x(), v.y(), v.z()}; }
glm::dquat toGlm(const btQuaternion& q) { return {q.w(), q.x(), q.y(), q.z()}; }

RigidState stateOf(const btRigidBody& b) {
  const btTransform& t = b.getWorldTransform();
  return {toGlm(t.getOrigin()), glm::normalize(toGlm(t.getRotation())), toGlm(b.getLinearVelocity()),
          toGlm(b.getAngularVelocity())};
}

PropTransform lerpTransform(const btTransform& a, const btTransform& b, double alpha) {
  const auto t = static_cast<btScalar>(alpha);
  PropTransform r;
  const btVector3 p = a.getOrigin().lerp(b.getOrigin(), t);
  const btQuaternion q = a.getRotation().slerp(b.getRotation(), t).normalized();
  r.positionM = glm::vec3(p.x(), p.y(), p.z());
  r.orientation = glm::quat(q.w(), q.x(), q.y(), q.z());
  return r;
}

struct Rigid {
  std::unique_ptr<btCollisionShape> shape;
  std::unique_ptr<btRigidBody> body;
  bool inWorld = false;
};

std::unique_ptr<btRigidBody> makeBody(btCollisionShape* shape, double massKg, const btTransform& start) {
  btVector3 inertia(0, 0, 0);
  if (massKg > 0.0) shape->calculateLocalInertia(static_cast<btScalar>(massKg), inertia);
  btRigidBody::btRigidBodyConstructionInfo info(static_cast<btScalar>(massKg), nullptr, shape, inertia);
  info.m_startWorldTransform = start;
  return std::make_unique<btRigidBody>(info);
}

}  // namespace

struct PhysicsWorld::Impl {
  WorldSettings settings;
  double stepS = 1.0 / 240.0;

  // Declared in creation order; ~Impl takes every object out of the world before any is freed.
  std::unique_ptr<btSoftBodyRigidBodyCollisionConfiguration> config;
  std::unique_ptr<btCollisionDispatcher> dispatcher;
  std::unique_ptr<btDbvtBroadphase> broadphase;
  std::unique_ptr<btSequentialImpulseConstraintSolver> solver;
  std::unique_ptr<btSoftRigidDynamicsWorld> world;

  Rigid floor, mat;

  // The body.
  bool hasBody = false, hasTarget = false;
  Calibration calibration;
  BodyDimensions dims;
  BodyPose bodyFrom, bodyTo, bodyNow;
  std::array<Rigid, kBodyPartCount> parts;

  // Props.
  Rigid ball;
  BallSpec ballSpec;
  btTransform ballPrev;

  Rigid weight;
  WeightSpec weightSpec;
  btTransform weightPrev;
  bool weightHeld = false, weightRight = true;
  std::array<glm::dvec3, 3> heldHistoryM{};  // last three held positions, newest last
  int heldSamples = 0;
  // A released weight starts inside the hand that held it, often against the thigh too: it
  // ignores the body for a moment rather than being shot out of it.
  std::vector<btRigidBody*> releasedFrom;
  int releaseGraceSteps = 0;

  std::unique_ptr<btSoftBody> band;
  BandSpec bandSpec;
  double bandKNPerM = 0.0;
  glm::dvec3 bandHandTargetM{0.0};
  std::vector<glm::vec3> bandPrev;

  double accumulatorS = 0.0;
  std::uint64_t steps = 0;
  std::uint64_t dropped = 0;

  explicit Impl(const WorldSettings& s) : settings(s) {
    assert(s.stepRateHz > 0.0);
    stepS = 1.0 / s.stepRateHz;
    config = std::make_unique<btSoftBodyRigidBodyCollisionConfiguration>();
    dispatcher = std::make_unique<btCollisionDispatcher>(config.get());
    broadphase = std::make_unique<btDbvtBroadphase>();
    solver = std::make_unique<btSequentialImpulseConstraintSolver>();
    world = std::make_unique<btSoftRigidDynamicsWorld>(dispatcher.get(), broadphase.get(), solver.get(), config.get());
    btSoftBodyWorldInfo& info = world->getWorldInfo();
    info.air_density = 0;  // no aerodynamic drag on the band: it would slow it in microgravity too
    info.m_sparsesdf.Initialize();
    setGravity(s.gravityMPerS2);

    floor.shape = std::make_unique<btBoxShape>(bt(glm::dvec3(kFloorHalfSizeM, kFloorHalfThicknessM, kFloorHalfSizeM)));
    floor.body = makeBody(floor.shape.get(), 0.0, btTransform(btQuaternion::getIdentity(), btVector3(0, -static_cast<btScalar>(kFloorHalfThicknessM), 0)));
    floor.body->setFriction(0.8f);
    floor.body->setRestitution(1.0f);  // the product with each prop's own restitution is used
    world->addRigidBody(floor.body.get());
    floor.inWorld = true;

    if (s.mat) {
      // The mat's collision box reaches down into the floor: a box as thin as a mat lets a
      // resting ball sink through half of it before the solver pushes back.
      const glm::dvec3 half(0.5 * s.matSizeM.x, 0.5 * s.matSizeM.y + 0.5 * kMatHiddenDepthM, 0.5 * s.matSizeM.z);
      Pose centre = s.matPose;
      centre.positionM += centre.orientation * glm::dvec3(0, 0.5 * (s.matSizeM.y - kMatHiddenDepthM), 0);
      mat.shape = std::make_unique<btBoxShape>(bt(half));
      mat.body = makeBody(mat.shape.get(), 0.0, bt(centre));
      mat.body->setFriction(1.0f);
      mat.body->setRestitution(0.3f);  // foam soaks up bounces
      world->addRigidBody(mat.body.get());
      mat.inWorld = true;
    }
  }

  ~Impl() {
    removeBand();
    for (Rigid* r : allRigids()) {
      if (r->inWorld) world->removeRigidBody(r->body.get());
      r->inWorld = false;
    }
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  std::vector<Rigid*> allRigids() {
    std::vector<Rigid*> v{&floor, &mat, &ball, &weight};
    for (Rigid& p : parts) v.push_back(&p);
    return v;
  }

  Pose matCentre() const {
    Pose p = settings.matPose;
    p.positionM += p.orientation * glm::dvec3(0, 0.5 * settings.matSizeM.y, 0);
    return p;
  }

  void setGravity(const glm::dvec3& g) {
    settings.gravityMPerS2 = g;
    world->setGravity(bt(g));
    world->getWorldInfo().m_gravity = bt(g);
    // Bodies take the world's gravity when added; those already in it keep their own.
    if (ball.inWorld) ball.body->setGravity(bt(g));
    if (weight.inWorld && !weightHeld) weight.body->setGravity(bt(g));
  }

  // --- body ---------------------------------------------------------------------------------

  void setBody(const Calibration& cal) {
    endReleaseGrace();
    for (Rigid& p : parts) {
      if (p.inWorld) world->removeRigidBody(p.body.get());
      p = Rigid{};
    }
    world->getWorldInfo().m_sparsesdf.Reset();  // the cache is keyed by shapes, now gone
    calibration = cal;
    dims = physics::bodyDimensions(cal);
    for (std::size_t i = 0; i < kBodyPartCount; ++i) {
      const PartDimensions& d = dims.parts[i];
      Rigid& p = parts[i];
      if (d.sphere()) {
        p.shape = std::make_unique<btSphereShape>(static_cast<btScalar>(d.radiusM));
      } else {
        p.shape = std::make_unique<btCapsuleShape>(static_cast<btScalar>(d.radiusM), static_cast<btScalar>(2.0 * d.halfLengthM));
      }
      p.body = makeBody(p.shape.get(), 0.0, btTransform::getIdentity());
      p.body->setCollisionFlags(p.body->getCollisionFlags() | btCollisionObject::CF_KINEMATIC_OBJECT);
      p.body->setActivationState(DISABLE_DEACTIVATION);
      p.body->setFriction(0.8f);
    }
    hasBody = true;
    hasTarget = false;
    bodyFrom = bodyTo = bodyNow = BodyPose{};
  }

  void updateBody(const TrackedFrame& frame) {
    if (!hasBody) return;
    bodyTo = poseBody(frame, calibration, dims);
    if (!hasTarget) bodyFrom = bodyTo;  // the first pose is where the body starts, not a jump
    hasTarget = true;
  }

  void applyBody(const BodyPose& pose) {
    bodyNow = pose;
    for (std::size_t i = 0; i < kBodyPartCount; ++i) {
      Rigid& p = parts[i];
      const PartState& s = pose.parts[i];
      if (s.source == PartSource::Omitted) {
        if (p.inWorld) world->removeRigidBody(p.body.get());
        p.inWorld = false;
        continue;
      }
      const btTransform t = bt(s.pose);
      p.body->setWorldTransform(t);
      if (!p.inWorld) {
        // A part that appears starts still: no velocity from wherever it was last.
        p.body->setInterpolationWorldTransform(t);
        world->addRigidBody(p.body.get(), kBodyGroup, kBodyMask);
        p.inWorld = true;
      }
    }
  }

  const PartState* handPart(bool right) const {
    if (!hasTarget) return nullptr;
    const PartState& s = bodyNow[right ? BodyPart::RHand : BodyPart::LHand];
    return s.source == PartSource::Omitted ? nullptr : &s;
  }

  // --- props --------------------------------------------------------------------------------

  void addBall(const BallSpec& spec) {
    removeRigid(ball);
    ballSpec = spec;
    ball.shape = std::make_unique<btSphereShape>(static_cast<btScalar>(spec.radiusM));
    ball.body = makeBody(ball.shape.get(), spec.massKg, btTransform(btQuaternion::getIdentity(), bt(spec.positionM)));
    ball.body->setFriction(0.8f);
    ball.body->setRollingFriction(0.005f);  // a soft ball flattens a little where it rests
    ball.body->setSpinningFriction(0.005f);
    ball.body->setRestitution(static_cast<btScalar>(spec.restitution));
    // Never put to sleep: a slowly drifting ball in microgravity must keep drifting.
    ball.body->setActivationState(DISABLE_DEACTIVATION);
    world->addRigidBody(ball.body.get());
    ball.inWorld = true;
    ballPrev = ball.body->getWorldTransform();
  }

  void removeRigid(Rigid& r) {
    if (r.inWorld) world->removeRigidBody(r.body.get());
    r = Rigid{};
  }

  void addWeight(const WeightSpec& spec) {
    endReleaseGrace();
    removeRigid(weight);
    weightSpec = spec;
    weightHeld = false;
    const double cylinderM = std::max(0.0, spec.lengthM - 2.0 * spec.radiusM);
    weight.shape = std::make_unique<btCapsuleShapeX>(static_cast<btScalar>(spec.radiusM), static_cast<btScalar>(cylinderM));
    weight.body = makeBody(weight.shape.get(), spec.massKg, btTransform(btQuaternion::getIdentity(), bt(spec.positionM)));
    weight.body->setFriction(0.8f);
    weight.body->setRollingFriction(0.02f);
    weight.body->setRestitution(0.1f);
    weight.body->setActivationState(DISABLE_DEACTIVATION);
    world->addRigidBody(weight.body.get());
    weight.inWorld = true;
    weightPrev = weight.body->getWorldTransform();
  }

  void holdWeight(bool right) {
    if (!weight.body) return;
    endReleaseGrace();
    world->removeRigidBody(weight.body.get());
    weight.body->setMassProps(0, btVector3(0, 0, 0));
    weight.body->setCollisionFlags(weight.body->getCollisionFlags() | btCollisionObject::CF_KINEMATIC_OBJECT);
    weight.body->setLinearVelocity(btVector3(0, 0, 0));
    weight.body->setAngularVelocity(btVector3(0, 0, 0));
    world->addRigidBody(weight.body.get(), kBodyGroup, kBodyMask);
    weightHeld = true;
    weightRight = right;
    heldSamples = 0;
  }

  void releaseWeight() {
    if (!weight.body || !weightHeld) return;
    world->removeRigidBody(weight.body.get());
    btVector3 inertia;
    weight.shape->calculateLocalInertia(static_cast<btScalar>(weightSpec.massKg), inertia);
    weight.body->setMassProps(static_cast<btScalar>(weightSpec.massKg), inertia);
    weight.body->setCollisionFlags(weight.body->getCollisionFlags() & ~btCollisionObject::CF_KINEMATIC_OBJECT);
    weight.body->updateInertiaTensor();
    // Let go with the hand's velocity.
    const glm::dvec3 v = heldSamples >= 2 ? (heldHistoryM[2] - heldHistoryM[1]) / stepS : glm::dvec3(0.0);
    weight.body->setLinearVelocity(bt(v));
    world->addRigidBody(weight.body.get());
    weight.body->setGravity(bt(settings.gravityMPerS2));
    weightHeld = false;
    endReleaseGrace();
    for (Rigid& p : parts) {
      if (!p.body) continue;
      weight.body->setIgnoreCollisionCheck(p.body.get(), true);
      releasedFrom.push_back(p.body.get());
    }
    releaseGraceSteps = static_cast<int>(std::ceil(kReleaseGraceS / stepS));
  }

  void endReleaseGrace() {
    for (btRigidBody* b : releasedFrom) {
      if (weight.body) weight.body->setIgnoreCollisionCheck(b, false);
    }
    releasedFrom.clear();
    releaseGraceSteps = 0;
  }

  void moveHeldWeight() {
    if (!weightHeld) return;
    const PartState* hand = handPart(weightRight);
    if (!hand) return;  // the hand is lost: the weight stays where the hand was last seen
    weight.body->setWorldTransform(bt(hand->pose));
    heldHistoryM = {heldHistoryM[1], heldHistoryM[2], hand->pose.positionM};
    heldSamples = std::min(heldSamples + 1, 3);
  }

  void addBand(const BandSpec& spec) {
    assert(spec.segments >= 2 && spec.restLengthM > 0.0);
    removeBand();
    bandSpec = spec;
    bandKNPerM = bandStiffnessNPerM(spec.grade, spec.restLengthM);
    const PartState* hand = handPart(spec.rightHand);
    glm::dvec3 toward = hand ? hand->pose.positionM : bandHandTargetM;
    if (!hand && glm::length(toward - spec.anchorM) < 1e-6) toward = spec.anchorM + glm::dvec3(0, -1, 0);
    bandHandTargetM = toward;
    // The rope is built at rest length along the line toward the hand, so its links' rest lengths
    // are the band's; the free end is then carried to the hand and stretches it.
    const glm::dvec3 dir = glm::normalize(toward - spec.anchorM);
    band.reset(btSoftBodyHelpers::CreateRope(world->getWorldInfo(), bt(spec.anchorM), bt(spec.anchorM + dir * spec.restLengthM),
                                             spec.segments - 1, 1 | 2));
    band->setTotalMass(static_cast<btScalar>(spec.massKg));
    band->updateConstants();
    band->m_bUpdateRtCst = false;  // keep the rest lengths just computed
    band->m_cfg.piterations = kBandSolverIterations;
    band->m_cfg.kDP = 0.02f;
    band->m_cfg.kDF = 0.5f;
    band->getCollisionShape()->setMargin(0.01f);
    band->setActivationState(DISABLE_DEACTIVATION);
    world->addSoftBody(band.get(), btBroadphaseProxy::DefaultFilter, kBandMask);
    moveBandEnd();
    bandPrev = bandPoints();
  }

  void removeBand() {
    if (!band) return;
    world->removeSoftBody(band.get());
    band.reset();
  }

  void moveBandEnd() {
    if (!band) return;
    if (const PartState* hand = handPart(bandSpec.rightHand)) bandHandTargetM = hand->pose.positionM;
    btSoftBody::Node& end = band->m_nodes[band->m_nodes.size() - 1];
    // A massless node is not integrated: placing it is enough, and it pulls the rope after it.
    end.m_x = bt(bandHandTargetM);
    end.m_q = end.m_x;
    end.m_v = btVector3(0, 0, 0);
  }

  std::vector<glm::vec3> bandPoints() const {
    std::vector<glm::vec3> pts;
    if (!band) return pts;
    pts.reserve(static_cast<std::size_t>(band->m_nodes.size()));
    for (int i = 0; i < band->m_nodes.size(); ++i) {
      const btVector3& x = band->m_nodes[i].m_x;
      pts.emplace_back(x.x(), x.y(), x.z());
    }
    return pts;
  }

  BandLoad bandLoad() const {
    BandLoad load;
    const int n = band->m_nodes.size();
    double lengthM = 0.0;
    for (int i = 0; i + 1 < n; ++i) lengthM += static_cast<double>((band->m_nodes[i + 1].m_x - band->m_nodes[i].m_x).length());
    load.lengthM = lengthM;
    load.elongationPct = 100.0 * (lengthM - bandSpec.restLengthM) / bandSpec.restLengthM;
    // Bullet's rope links are position constraints with no force in newtons, so the tension is
    // the band's own law (Hooke, from its colour grade) applied to the rope's path length.
    load.tensionN = bandKNPerM * std::max(0.0, lengthM - bandSpec.restLengthM);
    const glm::dvec3 last = toGlm(band->m_nodes[n - 1].m_x), before = toGlm(band->m_nodes[n - 2].m_x);
    const glm::dvec3 d = before - last;
    load.lineOfPull = glm::length(d) > 1e-9 ? glm::normalize(d) : glm::dvec3(0.0);
    load.forceN = load.tensionN * load.lineOfPull;
    load.attached = handPart(bandSpec.rightHand) != nullptr;
    return load;
  }

  // --- stepping -----------------------------------------------------------------------------

  void singleStep() {
    if (ball.inWorld) ballPrev = ball.body->getWorldTransform();
    if (weight.inWorld) weightPrev = weight.body->getWorldTransform();
    if (band) bandPrev = bandPoints();
    moveHeldWeight();
    moveBandEnd();
    world->stepSimulation(static_cast<btScalar>(stepS), 0);
    ++steps;
    if (releaseGraceSteps > 0 && --releaseGraceSteps == 0) endReleaseGrace();
    if (steps % kSdfCollectEverySteps == 0) world->getWorldInfo().m_sparsesdf.GarbageCollect();
  }

  int advance(double dtS) {
    accumulatorS += std::max(0.0, dtS);
    const auto due = static_cast<std::uint64_t>(std::floor(accumulatorS / stepS));
    const int n = static_cast<int>(std::min<std::uint64_t>(due, static_cast<std::uint64_t>(settings.maxStepsPerAdvance)));
    for (int i = 0; i < n; ++i) {
      if (hasTarget) applyBody(interpolate(bodyFrom, bodyTo, static_cast<double>(i + 1) / n));
      singleStep();
      accumulatorS -= stepS;
    }
    if (due > static_cast<std::uint64_t>(n)) {
      dropped += due - static_cast<std::uint64_t>(n);
      accumulatorS = std::fmod(accumulatorS, stepS);
    }
    if (n > 0) bodyFrom = bodyTo;
    return n;
  }

  void step() {
    if (hasTarget) applyBody(bodyTo);
    bodyFrom = bodyTo;
    singleStep();
  }

  ContactScene scene() const {
    ContactScene s;
    s.toleranceM = settings.contactToleranceM;
    if (mat.inWorld) s.mat = ContactScene::Box{matCentre(), 0.5 * settings.matSizeM};
    if (ball.inWorld) s.ball = ContactScene::Sphere{toGlm(ball.body->getWorldTransform().getOrigin()), ballSpec.radiusM};
    return s;
  }
};

PhysicsWorld::PhysicsWorld(const WorldSettings& settings) : impl_(std::make_unique<Impl>(settings)) {}
PhysicsWorld::~PhysicsWorld() = default;

const WorldSettings& PhysicsWorld::settings() const { return impl_->settings; }
void PhysicsWorld::setGravity(const glm::dvec3& g) { impl_->setGravity(g); }
glm::dvec3 PhysicsWorld::gravity() const { return impl_->settings.gravityMPerS2; }

void PhysicsWorld::setBody(const Calibration& calibration) { impl_->setBody(calibration); }
void PhysicsWorld::updateBody(const TrackedFrame& frame) { impl_->updateBody(frame); }
bool PhysicsWorld::hasBody() const { return impl_->hasBody; }
const BodyDimensions& PhysicsWorld::bodyDimensions() const { return impl_->dims; }
const BodyPose& PhysicsWorld::bodyPose() const { return impl_->bodyNow; }

void PhysicsWorld::addBall(const BallSpec& spec) { impl_->addBall(spec); }
void PhysicsWorld::setBallState(const RigidState& s) {
  if (!impl_->ball.inWorld) return;
  btRigidBody& b = *impl_->ball.body;
  b.setWorldTransform(bt(Pose{s.positionM, s.orientation}));
  b.setLinearVelocity(bt(s.velocityMPerS));
  b.setAngularVelocity(bt(s.angularVelocityRadPerS));
  b.clearForces();
  impl_->ballPrev = b.getWorldTransform();
}
std::optional<RigidState> PhysicsWorld::ball() const {
  if (!impl_->ball.inWorld) return std::nullopt;
  return stateOf(*impl_->ball.body);
}

void PhysicsWorld::addBand(const BandSpec& spec) { impl_->addBand(spec); }
void PhysicsWorld::removeBand() { impl_->removeBand(); }
std::optional<BandLoad> PhysicsWorld::bandLoad() const {
  if (!impl_->band) return std::nullopt;
  return impl_->bandLoad();
}
void PhysicsWorld::setBandHandTarget(const glm::dvec3& positionM) { impl_->bandHandTargetM = positionM; }

void PhysicsWorld::addWeight(const WeightSpec& spec) { impl_->addWeight(spec); }
void PhysicsWorld::holdWeight(bool rightHand) { impl_->holdWeight(rightHand); }
void PhysicsWorld::releaseWeight() { impl_->releaseWeight(); }
std::optional<RigidState> PhysicsWorld::weight() const {
  if (!impl_->weight.inWorld) return std::nullopt;
  return stateOf(*impl_->weight.body);
}
WeightLoad PhysicsWorld::weightLoad() const {
  WeightLoad load;
  const Impl& w = *impl_;
  if (!w.weightHeld) return load;
  load.held = true;
  load.rightHand = w.weightRight;
  glm::dvec3 accel(0.0);
  if (w.heldSamples >= 3) accel = (w.heldHistoryM[2] - 2.0 * w.heldHistoryM[1] + w.heldHistoryM[0]) / (w.stepS * w.stepS);
  load.forceN = w.weightSpec.massKg * (w.settings.gravityMPerS2 - accel);
  return load;
}

int PhysicsWorld::advance(double displayDtS) { return impl_->advance(displayDtS); }
void PhysicsWorld::step() { impl_->step(); }
double PhysicsWorld::stepS() const { return impl_->stepS; }
std::uint64_t PhysicsWorld::stepCount() const { return impl_->steps; }
double PhysicsWorld::simulatedTimeS() const { return static_cast<double>(impl_->steps) * impl_->stepS; }
double PhysicsWorld::interpolationAlpha() const { return std::clamp(impl_->accumulatorS / impl_->stepS, 0.0, 1.0); }
std::uint64_t PhysicsWorld::droppedSteps() const { return impl_->dropped; }

ContactReport PhysicsWorld::contacts() const {
  if (!impl_->hasTarget) return ContactReport{};
  return computeContacts(impl_->bodyNow, impl_->dims, impl_->scene());
}

RenderData PhysicsWorld::renderData() const {
  const Impl& w = *impl_;
  const double alpha = interpolationAlpha();
  RenderData r;
  if (w.mat.inWorld) {
    const btTransform t = bt(w.matCentre());
    r.mat = RenderData::Mat{lerpTransform(t, t, 0.0), glm::vec3(w.settings.matSizeM)};
  }
  if (w.ball.inWorld) {
    r.ball = RenderData::Ball{lerpTransform(w.ballPrev, w.ball.body->getWorldTransform(), alpha),
                              static_cast<float>(w.ballSpec.radiusM)};
  }
  if (w.weight.inWorld) {
    r.weight = RenderData::Weight{lerpTransform(w.weightPrev, w.weight.body->getWorldTransform(), alpha),
                                  static_cast<float>(w.weightSpec.lengthM), static_cast<float>(w.weightSpec.radiusM)};
  }
  if (w.band) {
    RenderData::Band band;
    band.pointsM = w.bandPoints();
    if (w.bandPrev.size() == band.pointsM.size()) {
      for (std::size_t i = 0; i < band.pointsM.size(); ++i) {
        band.pointsM[i] = glm::mix(w.bandPrev[i], band.pointsM[i], static_cast<float>(alpha));
      }
    }
    band.tensionN = static_cast<float>(w.bandLoad().tensionN);
    band.grade = w.bandSpec.grade;
    r.band = std::move(band);
  }
  return r;
}

std::vector<double> PhysicsWorld::stateVector() const {
  const Impl& w = *impl_;
  std::vector<double> v;
  auto push = [&](const glm::dvec3& x) { v.insert(v.end(), {x.x, x.y, x.z}); };
  for (const Rigid* r : {&w.ball, &w.weight}) {
    if (!r->inWorld) continue;
    const RigidState s = stateOf(*r->body);
    push(s.positionM);
    v.insert(v.end(), {s.orientation.w, s.orientation.x, s.orientation.y, s.orientation.z});
    push(s.velocityMPerS);
    push(s.angularVelocityRadPerS);
  }
  if (w.band) {
    for (int i = 0; i < w.band->m_nodes.size(); ++i) {
      push(toGlm(w.band->m_nodes[i].m_x));
      push(toGlm(w.band->m_nodes[i].m_v));
    }
  }
  return v;
}

}  // namespace lumbo::physics
