// Contact queries as closed-form distances between the body's capsules and the floor, mat and ball.
#include "physics/contacts.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include <glm/geometric.hpp>

namespace lumbo::physics {
namespace {

glm::dvec3 closestOnSegment(const Segment& s, const glm::dvec3& p) {
  const glm::dvec3 d = s.bM - s.aM;
  const double len2 = glm::dot(d, d);
  const double t = len2 > 0.0 ? std::clamp(glm::dot(p - s.aM, d) / len2, 0.0, 1.0) : 0.0;
  return s.aM + d * t;
}

// Distance from a point to an axis-aligned box centred at the origin; negative inside.
double pointBoxDistance(const glm::dvec3& p, const glm::dvec3& half) {
  const glm::dvec3 q = glm::abs(p) - half;
  const double outside = glm::length(glm::max(q, glm::dvec3(0.0)));
  const double inside = std::min(std::max(q.x, std::max(q.y, q.z)), 0.0);
  return outside + inside;
}

// The distance from a point moving along a segment to a convex box is convex in the segment
// parameter, so a ternary search finds its minimum.
double segmentBoxDistance(const Segment& s, const ContactScene::Box& box) {
  const Pose toBox = inverse(box.pose);
  const glm::dvec3 a = toBox.transformPoint(s.aM), b = toBox.transformPoint(s.bM);
  auto at = [&](double t) { return pointBoxDistance(a + (b - a) * t, box.halfExtentsM); };
  double lo = 0.0, hi = 1.0;
  for (int i = 0; i < 24; ++i) {  // (2/3)^24: well under a millimetre on any body part
    const double m1 = lo + (hi - lo) / 3.0, m2 = hi - (hi - lo) / 3.0;
    if (at(m1) <= at(m2)) hi = m2; else lo = m1;
  }
  return std::min({at(0.5 * (lo + hi)), at(0.0), at(1.0)});
}

std::string describeGap(double gapM) {
  if (!std::isfinite(gapM)) return "no such surface";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.2f m away", gapM);
  return buf;
}

enum class Need : std::uint8_t { OnGround, OffGround, Lifted, Supported, OnBall };

struct Requirement {
  BodyPart part;
  Need need;
};

std::vector<Requirement> requirements(StartingPosition p) {
  using B = BodyPart;
  switch (p) {
    case StartingPosition::Standing:
      return {{B::LFoot, Need::OnGround}, {B::RFoot, Need::OnGround}, {B::LHand, Need::OffGround},
              {B::RHand, Need::OffGround}, {B::LKnee, Need::OffGround}, {B::RKnee, Need::OffGround},
              {B::Pelvis, Need::OffGround}, {B::Trunk, Need::OffGround}};
    case StartingPosition::Supine:
      return {{B::Trunk, Need::OnGround}, {B::Pelvis, Need::OnGround}};
    case StartingPosition::FourPointKneeling:
      return {{B::LHand, Need::OnGround}, {B::RHand, Need::OnGround}, {B::LKnee, Need::OnGround},
              {B::RKnee, Need::OnGround}, {B::Pelvis, Need::OffGround}, {B::Trunk, Need::OffGround}};
    case StartingPosition::Bridge:
      return {{B::Trunk, Need::OnGround}, {B::Pelvis, Need::Lifted}, {B::LFoot, Need::Supported},
              {B::RFoot, Need::Supported}};
    case StartingPosition::SittingOnBall:
      return {{B::Pelvis, Need::OnBall}, {B::LFoot, Need::OnGround}, {B::RFoot, Need::OnGround}};
  }
  return {};
}

constexpr std::array<std::string_view, 5> kPositionNames = {"standing", "supine", "four_point_kneeling", "bridge",
                                                            "sitting_on_ball"};

}  // namespace

ContactReport computeContacts(const BodyPose& body, const BodyDimensions& dims, const ContactScene& scene) {
  ContactReport r;
  for (std::size_t i = 0; i < kBodyPartCount; ++i) {
    const PartState& state = body.parts[i];
    PartContact& c = r.parts[i];
    if (state.source == PartSource::Omitted) continue;
    c.present = true;
    c.derived = state.source == PartSource::Derived;
    const PartDimensions& d = dims.parts[i];
    const Segment axis = partAxis(state, d);
    c.floorClearanceM = std::min(axis.aM.y, axis.bM.y) - d.radiusM;
    if (scene.mat) c.matClearanceM = segmentBoxDistance(axis, *scene.mat) - d.radiusM;
    if (scene.ball) {
      const glm::dvec3 p = closestOnSegment(axis, scene.ball->centreM);
      c.ballClearanceM = glm::length(p - scene.ball->centreM) - d.radiusM - scene.ball->radiusM;
    }
    c.mat = c.matClearanceM < scene.toleranceM;
    // A part lying on the mat is also within reach of the floor under it; it rests on the mat.
    c.floor = c.floorClearanceM < scene.toleranceM && !(c.mat && c.matClearanceM <= c.floorClearanceM);
    c.ball = c.ballClearanceM < scene.toleranceM;
  }
  return r;
}

std::string_view startingPositionName(StartingPosition p) { return kPositionNames[static_cast<std::size_t>(p)]; }

std::optional<StartingPosition> startingPositionFromName(std::string_view name) {
  for (std::size_t i = 0; i < kPositionNames.size(); ++i) {
    if (kPositionNames[i] == name) return static_cast<StartingPosition>(i);
  }
  return std::nullopt;
}

StartCheck checkStartingPosition(const ContactReport& contacts, StartingPosition position, double pelvisLiftM) {
  StartCheck check;
  bool allTracked = true;
  for (const Requirement& req : requirements(position)) {
    const PartContact& c = contacts[req.part];
    const std::string name(bodyPartName(req.part));
    if (!c.present) {
      check.unknown.push_back(name + " not tracked");
      allTracked = false;
      continue;
    }
    allTracked = allTracked && !c.derived;
    switch (req.need) {
      case Need::OnGround:
        if (!c.onGround()) check.unmet.push_back(name + " not on the floor or mat (" + describeGap(c.groundClearanceM()) + ")");
        break;
      case Need::OffGround:
        if (c.onGround()) check.unmet.push_back(name + " should be off the floor and mat");
        break;
      case Need::Lifted:
        if (c.onGround() || c.groundClearanceM() < pelvisLiftM) {
          check.unmet.push_back(name + " not lifted (" + describeGap(c.groundClearanceM()) + ")");
        }
        break;
      case Need::Supported:
        if (!c.onGround() && !c.ball) check.unmet.push_back(name + " not on the floor, mat or ball");
        break;
      case Need::OnBall:
        if (!c.ball) check.unmet.push_back(name + " not on the ball (" + describeGap(c.ballClearanceM) + ")");
        break;
    }
  }
  check.ok = check.unmet.empty();
  check.certain = check.ok && allTracked && check.unknown.empty();
  return check;
}

}  // namespace lumbo::physics
