// Which body parts touch the floor, the mat or the ball, and whether that makes a starting position.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "physics/body_shape.h"

namespace lumbo::physics {

enum class Surface : std::uint8_t { Floor, Mat, Ball };

// The static and moving things a body part can rest on. The floor is the plane y = 0.
struct ContactScene {
  struct Box {
    Pose pose;                  // centre of the box
    glm::dvec3 halfExtentsM{0.0};
  };
  struct Sphere {
    glm::dvec3 centreM{0.0};
    double radiusM = 0.0;
  };
  std::optional<Box> mat;
  std::optional<Sphere> ball;
  // Tracker noise, soft tissue and shapes approximated by capsules: a part this close counts as
  // touching.
  double toleranceM = 0.03;
};

inline constexpr double kNoSurface = std::numeric_limits<double>::infinity();

struct PartContact {
  bool present = false;  // false: the part is omitted this frame, nothing is known
  bool derived = false;  // the part's pose was derived, not tracked
  bool floor = false;    // on the floor itself (not on the mat)
  bool mat = false;
  bool ball = false;
  // Gap between the part and each surface (negative: overlapping); kNoSurface when absent.
  double floorClearanceM = kNoSurface;
  double matClearanceM = kNoSurface;
  double ballClearanceM = kNoSurface;

  bool onGround() const { return floor || mat; }
  bool touches(Surface s) const { return s == Surface::Floor ? floor : s == Surface::Mat ? mat : ball; }
  double groundClearanceM() const { return std::min(floorClearanceM, matClearanceM); }
};

struct ContactReport {
  std::array<PartContact, kBodyPartCount> parts{};
  const PartContact& operator[](BodyPart p) const { return parts[index(p)]; }
};

ContactReport computeContacts(const BodyPose& body, const BodyDimensions& dims, const ContactScene& scene);

enum class StartingPosition : std::uint8_t {
  Standing,           // both feet down; hands, knees, pelvis and trunk off the ground
  Supine,             // back and pelvis down
  FourPointKneeling,  // both hands and both knees down; trunk and pelvis off the ground
  Bridge,             // upper back down, pelvis lifted, both feet on the ground or the ball
  SittingOnBall,      // pelvis on the ball, both feet down
};
std::string_view startingPositionName(StartingPosition p);
std::optional<StartingPosition> startingPositionFromName(std::string_view name);

struct StartCheck {
  bool ok = false;                  // no requirement is known to be unmet
  bool certain = false;             // ok, and every part checked was tracked (none derived or omitted)
  std::vector<std::string> unmet;   // "left_knee not on the floor or mat (0.17 m above)"
  std::vector<std::string> unknown; // requirements on omitted parts
};

// `pelvisLiftM`: the least gap under the pelvis that counts as lifted in a bridge.
StartCheck checkStartingPosition(const ContactReport& contacts, StartingPosition position, double pelvisLiftM = 0.05);

}  // namespace lumbo::physics
