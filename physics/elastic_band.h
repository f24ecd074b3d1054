// Elastic exercise bands: colour grades, their stiffness, and the load a band puts on the hand.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <glm/vec3.hpp>

namespace lumbo::physics {

// Resistance grades in the common colour order, lightest first.
enum class BandGrade : std::uint8_t { Yellow, Red, Green, Blue, Black };

std::string_view bandGradeName(BandGrade g);  // "yellow", ...
std::optional<BandGrade> bandGradeFromName(std::string_view name);

// Pull at 100 % elongation (the band stretched to twice its rest length), in newtons: the
// figure band makers publish per colour (about 1.3, 1.7, 2.1, 2.6 and 3.3 kgf). Bands are close
// to linear up to about 200 % elongation, so the stiffness is this force over the rest length.
double bandForceAt100PctN(BandGrade g);
double bandStiffnessNPerM(BandGrade g, double restLengthM);

struct BandSpec {
  BandGrade grade = BandGrade::Red;
  double restLengthM = 1.0;
  int segments = 32;          // soft-body rope links; the rope has segments + 1 nodes
  double massKg = 0.06;
  glm::dvec3 anchorM{0.0, 1.0, -1.0};  // door anchor, wall bar or the other hand
  bool rightHand = true;       // which hand holds the free end
};

// The band's pull on the hand: the external load of a banded exercise (Pallof press, chops).
struct BandLoad {
  double tensionN = 0.0;              // 0 while slack
  glm::dvec3 lineOfPull{0.0};         // unit vector from the hand along the band's last link
  glm::dvec3 forceN{0.0};             // tensionN * lineOfPull, acting on the hand
  double lengthM = 0.0;               // the band's length along its path (sag and wrapping included)
  double elongationPct = 0.0;         // (length - rest) / rest, percent; negative while slack
  bool attached = false;              // false: no hand pose, the free end stays where it was
};

}  // namespace lumbo::physics
