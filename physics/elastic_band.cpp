// Band colour grades and their stiffness.
#include "physics/elastic_band.h"

#include <array>

namespace lumbo::physics {
namespace {

constexpr double kGravityMPerS2 = 9.80665;

struct GradeInfo {
  std::string_view name;
  double forceAt100PctKgf;
};

constexpr std::array<GradeInfo, 5> kGrades = {{
    {"yellow", 1.3},
    {"red", 1.7},
    {"green", 2.1},
    {"blue", 2.6},
    {"black", 3.3},
}};

}  // namespace

std::string_view bandGradeName(BandGrade g) { return kGrades[static_cast<std::size_t>(g)].name; }

std::optional<BandGrade> bandGradeFromName(std::string_view name) {
  for (std::size_t i = 0; i < kGrades.size(); ++i) {
    if (kGrades[i].name == name) return static_cast<BandGrade>(i);
  }
  return std::nullopt;
}

double bandForceAt100PctN(BandGrade g) { return kGrades[static_cast<std::size_t>(g)].forceAt100PctKgf * kGravityMPerS2; }

double bandStiffnessNPerM(BandGrade g, double restLengthM) { return bandForceAt100PctN(g) / restLengthM; }

}  // namespace lumbo::physics
