// Neutral-hold calibration, its refusal rules, and its text file.
#include "body/calibration.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include <glm/gtc/constants.hpp>

#include "body/angles.h"

namespace lumbo {

namespace {

// Eye height is about 93.6 % of stature in adults (anthropometric tables, e.g. NASA-STD-3000).
constexpr double kEyeHeightToStature = 0.936;
// Hands further apart than this at neutral give a usable left-right axis.
constexpr double kMinHandSpanM = 0.25;
// Without gravity, a body long axis within 45 deg of the station's up (or of its floor, lying) is
// a person on the station's floor: the station frame is the neutral's.
constexpr double kStationAlignedCos = 0.7071;

const glm::dvec3 kWorldUp(0.0, 1.0, 0.0);

// Mean of unit quaternions: sign-aligned sum, normalised. Exact enough for a still hold.
glm::dquat meanOrientation(const std::vector<glm::dquat>& qs) {
  glm::dquat sum(0, 0, 0, 0);
  for (const auto& q : qs) sum += glm::dot(q, qs.front()) < 0.0 ? -q : q;
  return glm::normalize(sum);
}

// The rotation whose columns are the given orthonormal anterior, superior, right axes.
glm::dquat frameFromAxes(const glm::dvec3& anterior, const glm::dvec3& superior) {
  const glm::dvec3 x = glm::normalize(anterior);
  const glm::dvec3 y = glm::normalize(superior - glm::dot(superior, x) * x);
  const glm::dvec3 z = glm::cross(x, y);
  return glm::normalize(glm::quat_cast(glm::dmat3(x, y, z)));
}

std::string fmt(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

std::string_view neutralPositionName(NeutralPosition p) {
  switch (p) {
    case NeutralPosition::Standing: return "standing";
    case NeutralPosition::Supine: return "supine";
    case NeutralPosition::FourPointKneeling: return "four_point_kneeling";
  }
  return "standing";
}

std::optional<NeutralPosition> neutralPositionFromName(std::string_view name) {
  for (auto p : {NeutralPosition::Standing, NeutralPosition::Supine, NeutralPosition::FourPointKneeling}) {
    if (neutralPositionName(p) == name) return p;
  }
  return std::nullopt;
}

Result<Calibration> calibrate(std::span<const TrackedFrame> hold, NeutralPosition position,
                              bool gravityFree, DeviceSet use, const CalibrationLimits& limits,
                              AngleReference reference) {
  if (hold.size() < 2 || hold.back().timeS - hold.front().timeS < limits.minHoldS) {
    return Error{"calibration refused: the neutral hold is too short (at least " +
                 fmt(limits.minHoldS) + " s of samples needed)"};
  }
  Calibration cal;
  cal.position = position;
  cal.gravityFree = gravityFree;

  std::array<glm::dquat, kDeviceCount> meanQ{};
  for (Device d : kAllDevices) {
    if (!use.test(index(d))) continue;
    std::vector<glm::dvec3> ps;
    std::vector<glm::dquat> qs;
    for (const TrackedFrame& f : hold) {
      if (f.valid(d)) {
        ps.push_back(f[d].pose.positionM);
        qs.push_back(f[d].pose.orientation);
      }
    }
    const double validFraction = static_cast<double>(ps.size()) / static_cast<double>(hold.size());
    if (validFraction < limits.minValidFraction) {
      char buf[200];
      std::snprintf(buf, sizeof buf,
                    "calibration refused: %s %s during the neutral hold (%.0f %% of samples valid, "
                    "%.0f %% needed)",
                    std::string(deviceName(d)).c_str(), ps.empty() ? "missing" : "not tracked",
                    100.0 * validFraction, 100.0 * limits.minValidFraction);
      return Error{buf};
    }
    glm::dvec3 mean(0.0);
    for (const auto& p : ps) mean += p;
    mean /= static_cast<double>(ps.size());
    const glm::dquat q = meanOrientation(qs);
    // Hands and feet may shift a little while the trunk holds still; only the devices that
    // define the trunk posture must be still.
    const bool trunk = d == Device::Head || d == Device::Pelvis || d == Device::Chest || d == Device::Lumbar;
    if (trunk) {
      double maxMoveM = 0.0, maxTurnDeg = 0.0;
      for (std::size_t i = 0; i < ps.size(); ++i) {
        maxMoveM = std::max(maxMoveM, glm::length(ps[i] - mean));
        maxTurnDeg = std::max(maxTurnDeg, degrees(rotationAngleRad(glm::conjugate(q) * qs[i])));
      }
      char buf[200];
      if (maxMoveM > limits.maxMovementM) {
        std::snprintf(buf, sizeof buf,
                      "calibration refused: %s moved %.1f cm during the neutral hold (limit %.1f cm); "
                      "hold still and calibrate again",
                      std::string(deviceName(d)).c_str(), maxMoveM * 100.0, limits.maxMovementM * 100.0);
        return Error{buf};
      }
      if (maxTurnDeg > limits.maxRotationDeg) {
        std::snprintf(buf, sizeof buf,
                      "calibration refused: %s turned %.1f deg during the neutral hold (limit %.1f deg); "
                      "hold still and calibrate again",
                      std::string(deviceName(d)).c_str(), maxTurnDeg, limits.maxRotationDeg);
        return Error{buf};
      }
    }
    cal.devices.set(index(d));
    cal.neutralPositionM[index(d)] = mean;
    meanQ[index(d)] = q;
  }
  if (!cal.devices.test(index(Device::Head))) {
    return Error{"calibration refused: the headset (head) is needed for calibration"};
  }
  auto has = [&](Device d) { return cal.devices.test(index(d)); };
  auto pos = [&](Device d) { return cal.neutralPositionM[index(d)]; };
  const glm::dvec3 headForward = meanQ[index(Device::Head)] * glm::dvec3(0, 0, -1);
  const glm::dvec3 headUp = meanQ[index(Device::Head)] * glm::dvec3(0, 1, 0);

  // The lowest trunk device the setup has: it anchors the body's long axis on the floor or in
  // free fall.
  std::optional<glm::dvec3> lowPoint;
  if (has(Device::Pelvis)) lowPoint = pos(Device::Pelvis);
  else if (has(Device::Lumbar)) lowPoint = pos(Device::Lumbar);
  else if (has(Device::LFoot) && has(Device::RFoot)) lowPoint = 0.5 * (pos(Device::LFoot) + pos(Device::RFoot));

  glm::dvec3 anterior, superior;
  // Without gravity the trackers still report in the station's frame, whose up is where its
  // floor's foot restraints hold a person standing (or lying) on it. Such a person calibrates as
  // on Earth, so every metric reads as it would with gravity, world-relative angles relative to
  // the calibrated neutral in the station frame. Floating at any other angle, the body's own long
  // axis is the neutral's.
  bool stationFrame = !gravityFree;
  if (gravityFree) {
    const glm::dvec3 bodyAxis = lowPoint ? glm::normalize(pos(Device::Head) - *lowPoint) : headUp;
    const double upCos = glm::dot(bodyAxis, kWorldUp);
    stationFrame = position == NeutralPosition::Standing ? upCos > kStationAlignedCos
                                                         : std::abs(upCos) < std::sqrt(1.0 - kStationAlignedCos * kStationAlignedCos);
  }
  if (!stationFrame) {
    // No vertical: the body's own long axis (low point to head) and the head's forward.
    superior = lowPoint ? glm::normalize(pos(Device::Head) - *lowPoint) : headUp;
    anterior = headForward - glm::dot(headForward, superior) * superior;
    if (glm::length(anterior) < 1e-6) return Error{"calibration refused: cannot tell forward from the head pose"};
  } else if (position == NeutralPosition::Standing) {
    superior = kWorldUp;
    // Facing direction: with the arms by the sides (as the calibration asks), the left-to-right
    // line of the hands is square to the trunk. The head is the fallback: people often hold it
    // turned a little, which would mix flexion into lateral bending.
    glm::dvec3 facing = horizontal(headForward);
    if (has(Device::LHand) && has(Device::RHand)) {
      const glm::dvec3 span = horizontal(pos(Device::RHand) - pos(Device::LHand));
      const double spanM = glm::length(glm::dvec3(pos(Device::RHand) - pos(Device::LHand)));
      if (spanM > kMinHandSpanM && glm::length(span) > 0.5) facing = glm::cross(kWorldUp, span);
    }
    if (glm::length(facing) < 0.5) {
      return Error{"calibration refused: the headset points straight up or down; look ahead during the hold"};
    }
    anterior = facing;
  } else {
    // Lying supine faces the ceiling; four-point kneeling faces the floor. The long axis runs
    // horizontally from the pelvis (or feet) to the head.
    if (!lowPoint) {
      return Error{"calibration refused: lying and kneeling positions need a pelvis tracker (or both feet)"};
    }
    superior = horizontal(pos(Device::Head) - *lowPoint);
    if (glm::length(superior) < 0.5) {
      return Error{"calibration refused: the head is not beside the pelvis as in the " +
                   std::string(neutralPositionName(position)) + " position"};
    }
    anterior = position == NeutralPosition::Supine ? kWorldUp : -kWorldUp;
  }
  cal.neutralFrame = frameFromAxes(anterior, superior);
  cal.referenceFrame = cal.neutralFrame;
  if (reference == AngleReference::Stage && !gravityFree && position == NeutralPosition::Standing) {
    // Snap the facing direction to the nearest of the stage's four horizontal axes.
    const double headingRad = std::atan2(anterior.x, -anterior.z);
    const double quarter = glm::half_pi<double>();
    const double snapped = std::round(headingRad / quarter) * quarter;
    cal.referenceFrame = frameFromAxes(glm::dvec3(std::sin(snapped), 0.0, -std::cos(snapped)), kWorldUp);
  }
  for (Device d : kAllDevices) {
    if (has(d)) cal.mount[index(d)] = glm::normalize(glm::conjugate(meanQ[index(d)]) * cal.neutralFrame);
  }
  if (!gravityFree) {
    cal.eyeHeightM = pos(Device::Head).y;
    if (position == NeutralPosition::Standing) cal.statureM = cal.eyeHeightM / kEyeHeightToStature;
  }
  if (has(Device::Pelvis) && has(Device::Chest)) cal.pelvisToChestM = glm::length(pos(Device::Chest) - pos(Device::Pelvis));
  if (has(Device::Chest)) cal.chestToHeadM = glm::length(pos(Device::Head) - pos(Device::Chest));
  if (has(Device::Pelvis)) cal.pelvisToHeadM = glm::length(pos(Device::Head) - pos(Device::Pelvis));
  return cal;
}

namespace {
constexpr std::string_view kCalibrationMagic = "# lumbo-calibration v1";

void writeQuat(std::ostream& out, const std::string& key, const glm::dquat& q) {
  out << key << ": " << fmt(q.w) << ' ' << fmt(q.x) << ' ' << fmt(q.y) << ' ' << fmt(q.z) << '\n';
}
void writeVec(std::ostream& out, const std::string& key, const glm::dvec3& v) {
  out << key << ": " << fmt(v.x) << ' ' << fmt(v.y) << ' ' << fmt(v.z) << '\n';
}
}  // namespace

Status saveCalibration(const std::filesystem::path& path, const Calibration& c) {
  std::ostringstream out;
  out << kCalibrationMagic << '\n';
  out << "position: " << neutralPositionName(c.position) << '\n';
  out << "gravity_free: " << (c.gravityFree ? 1 : 0) << '\n';
  writeQuat(out, "neutral_frame", c.neutralFrame);
  writeQuat(out, "reference_frame", c.referenceFrame);
  out << "eye_height_m: " << fmt(c.eyeHeightM) << '\n';
  out << "stature_m: " << fmt(c.statureM) << '\n';
  out << "pelvis_to_chest_m: " << fmt(c.pelvisToChestM) << '\n';
  out << "chest_to_head_m: " << fmt(c.chestToHeadM) << '\n';
  out << "pelvis_to_head_m: " << fmt(c.pelvisToHeadM) << '\n';
  for (Device d : kAllDevices) {
    if (!c.devices.test(index(d))) continue;
    writeQuat(out, "mount." + std::string(deviceName(d)), c.mount[index(d)]);
    writeVec(out, "position." + std::string(deviceName(d)), c.neutralPositionM[index(d)]);
  }
  std::filesystem::path temp = path;
  temp += ".partial";
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    file << out.str();
    if (!file.flush()) return Error{temp.string() + ": cannot write"};
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) return Error{path.string() + ": cannot write: " + ec.message()};
  return Done{};
}

Result<Calibration> loadCalibration(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return Error{path.string() + ": cannot open"};
  std::string line;
  std::size_t lineNo = 1;
  if (!std::getline(in, line) || line != kCalibrationMagic) {
    return Error{path.string() + ":1: not a lumbo calibration file (expected '" + std::string(kCalibrationMagic) + "')"};
  }
  Calibration c;
  auto bad = [&](const std::string& key, const std::string& why) {
    return Error{path.string() + ":" + std::to_string(lineNo) + ": field '" + key + "': " + why};
  };
  auto numbers = [](const std::string& text, double* out, int n) {
    std::istringstream s(text);
    for (int i = 0; i < n; ++i) {
      if (!(s >> out[i]) || !std::isfinite(out[i])) return false;
    }
    std::string rest;
    return !(s >> rest);
  };
  bool haveFrame = false;
  bool haveReference = false;
  while (std::getline(in, line)) {
    ++lineNo;
    if (line.empty() || line[0] == '#') continue;
    const auto colon = line.find(':');
    if (colon == std::string::npos) return bad(line, "expected 'key: value'");
    const std::string key = line.substr(0, colon);
    const std::string value = line.substr(colon + 1);
    double v[4];
    if (key == "position") {
      const auto start = value.find_first_not_of(' ');
      if (start == std::string::npos) return bad(key, "expected a position name");
      std::string name = value.substr(start);
      auto p = neutralPositionFromName(name);
      if (!p) return bad(key, "unknown position '" + name + "'");
      c.position = *p;
    } else if (key == "gravity_free") {
      if (!numbers(value, v, 1)) return bad(key, "expected 0 or 1");
      c.gravityFree = v[0] != 0.0;
    } else if (key == "neutral_frame" || key == "reference_frame" || key.rfind("mount.", 0) == 0) {
      if (!numbers(value, v, 4)) return bad(key, "expected a quaternion w x y z");
      const glm::dquat q(v[0], v[1], v[2], v[3]);
      if (std::abs(glm::length(q) - 1.0) > 1e-6) return bad(key, "quaternion is not unit length");
      if (key == "neutral_frame") {
        c.neutralFrame = q;
        haveFrame = true;
        if (!haveReference) c.referenceFrame = q;
      } else if (key == "reference_frame") {
        c.referenceFrame = q;
        haveReference = true;
      } else {
        const auto d = deviceFromName(key.substr(6));
        if (!d) return bad(key, "unknown device");
        c.mount[index(*d)] = q;
        c.devices.set(index(*d));
      }
    } else if (key.rfind("position.", 0) == 0) {
      const auto d = deviceFromName(key.substr(9));
      if (!d) return bad(key, "unknown device");
      if (!numbers(value, v, 3)) return bad(key, "expected x y z");
      c.neutralPositionM[index(*d)] = glm::dvec3(v[0], v[1], v[2]);
    } else {
      double* target = key == "eye_height_m"        ? &c.eyeHeightM
                       : key == "stature_m"         ? &c.statureM
                       : key == "pelvis_to_chest_m" ? &c.pelvisToChestM
                       : key == "chest_to_head_m"   ? &c.chestToHeadM
                       : key == "pelvis_to_head_m"  ? &c.pelvisToHeadM
                                                    : nullptr;
      if (!target) return bad(key, "unknown field");
      if (!numbers(value, v, 1)) return bad(key, "expected a number");
      *target = v[0];
    }
  }
  if (!haveFrame) return Error{path.string() + ": field 'neutral_frame' is missing"};
  if (!c.devices.test(index(Device::Head))) return Error{path.string() + ": field 'mount.head' is missing"};
  return c;
}

}  // namespace lumbo
