// Swing-twist and anatomical (Cardan) angle decompositions, with their sign conventions.
#pragma once

#include <glm/gtc/quaternion.hpp>
#include <glm/mat3x3.hpp>

namespace lumbo {

// Splits q into swing * twist, where twist is the rotation about `axis` (unit, in the frame q
// rotates from) and swing rotates `axis` to where q sends it along the shortest arc.
struct SwingTwist {
  glm::dquat swing;
  glm::dquat twist;
};
SwingTwist swingTwist(const glm::dquat& q, const glm::dvec3& axis);

// Signed angle of a rotation about `axis` (radians, right-hand rule), from its twist part.
double twistAngleRad(const glm::dquat& q, const glm::dvec3& axis);

// Anatomical segment frame used everywhere in Lumbo (after ISB recommendations, Wu et al. 2002/
// 2005): x anterior (forward), y superior (up the body), z to the person's right.
//
// Joint angles of a distal segment relative to a proximal one use the Cardan sequence Z-X'-Y''
// (flexion axis first, then the floating anteroposterior axis, then the long axis):
//   R_rel = Rz(a) * Rx(b) * Ry(c), with R_rel = R_proximal^T * R_distal.
// Right-hand rotations about those axes mean:
//   +a about +z (right): the distal segment tips backward  -> extension;   flexion   = -a
//   +b about +x (forward): the top tips to the right       -> right bend;  lateral   = +b
//   +c about +y (up): the front turns to the left          -> left turn;   rotation  = -c
// AnatomicalAngles applies those signs: flexion +, right lateral bending +, right rotation +.
struct AnatomicalAngles {
  double flexionDeg = 0.0;
  double lateralDeg = 0.0;
  double rotationDeg = 0.0;
};

// The raw Cardan angles (radians) of R = Rz(a) * Rx(b) * Ry(c). b is in [-pi/2, pi/2]; at the
// gimbal lock b = +-pi/2 the split between a and c is arbitrary and c is set to 0.
struct CardanZXY {
  double aRad = 0.0;
  double bRad = 0.0;
  double cRad = 0.0;
};
CardanZXY cardanZXY(const glm::dmat3& r);
glm::dmat3 fromCardanZXY(const CardanZXY& angles);

// Angles of `distal` relative to `proximal`, both given as rotations from an anatomical segment
// frame (x anterior, y superior, z right) to the same world frame.
AnatomicalAngles anatomicalAngles(const glm::dquat& proximal, const glm::dquat& distal);

// The rotation whose anatomical angles relative to the identity are the given ones.
glm::dquat fromAnatomicalAngles(const AnatomicalAngles& angles);

double degrees(double rad);
double radians(double deg);

}  // namespace lumbo
