// Shared set-up for the simulated runtime's tests: a temporary folder with a config, a trace cut
// from the bundled recordings, and environment variables pointing the runtime at them.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "body/pose_track.h"
#include "body/trace.h"
#include "tests/test_support.h"
#include "tests/simruntime/xr_test_client.h"

namespace lumbo::test {

// The first `seconds` of a bundled recording; optionally with a gap in one device.
inline Trace cutTrace(double seconds, std::optional<Device> gapDevice = std::nullopt,
                      double gapStartS = 0.0, double gapEndS = 0.0) {
  auto full = readTrace(testData("m01_s01_deep_squat_correct.csv"));
  EXPECT_TRUE(full.ok()) << (full.ok() ? "" : full.error());
  Trace t = std::move(full).value();
  const double t0 = t.samples.front().frame.timeS;
  std::erase_if(t.samples, [&](const TraceSample& s) { return s.frame.timeS - t0 > seconds + 1e-9; });
  if (gapDevice) {
    t.layout.validColumns.set(index(*gapDevice));
    for (auto& s : t.samples) {
      const double ts = s.frame.timeS - t0;
      if (ts >= gapStartS && ts <= gapEndS) s.frame[*gapDevice].valid = false;
    }
  }
  return t;
}

// The pose track of one device, times relative to the first sample.
inline std::vector<PoseSample> track(const Trace& t, Device d) {
  std::vector<PoseSample> out;
  const double t0 = t.samples.front().frame.timeS;
  for (const auto& s : t.samples) out.push_back({s.frame.timeS - t0, s.frame[d].pose, s.frame[d].valid});
  return out;
}

class SimFixture {
 public:
  // `configJson` is written as the runtime's config; "trace" in it may name "trace.csv".
  explicit SimFixture(const std::string& configJson, const Trace* trace = nullptr) {
    if (trace != nullptr) {
      auto st = writeTrace(dir.path() / "trace.csv", *trace);
      EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error());
    }
    dir.write("config.json", configJson);
    env.set("LUMBO_SIM_CONFIG", (dir.path() / "config.json").string());
    env.set("LUMBO_SIM_LOG", diagnosticsLog().string());
    env.set("LUMBO_SIM_HAPTICS", hapticsLog().string());
    for (const char* name : {"LUMBO_SIM_TRACE", "LUMBO_SIM_CAPTURE", "LUMBO_SIM_CAPTURE_EVERY",
                             "LUMBO_SIM_PACING"}) {
      env.unset(name);
    }
  }

  std::filesystem::path diagnosticsLog() const { return dir.path() / "diagnostics.log"; }
  std::filesystem::path hapticsLog() const { return dir.path() / "haptics.csv"; }
  // The core validation layer's errors reported since this fixture was made.
  std::vector<std::string> validationErrors() const { return validationErrorsSince(validationStart); }

  std::string diagnostics() const {
    std::ifstream in(diagnosticsLog());
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  ClientOptions options(bool validation, std::vector<std::string> extensions = {}) const {
    ClientOptions o;
    o.xrValidation = validation;
    o.extensions = std::move(extensions);
    return o;
  }

  TempDir dir;
  ScopedEnv env;
  std::uintmax_t validationStart = validationLogSize();
};

inline glm::dvec3 position(const XrPosef& p) { return {p.position.x, p.position.y, p.position.z}; }
inline glm::dquat orientation(const XrPosef& p) {
  return {p.orientation.w, p.orientation.x, p.orientation.y, p.orientation.z};
}

// Expects `p` to match `expected` to float precision (sign of the quaternion ignored).
inline void expectPose(const XrPosef& p, const Pose& expected, double tolM = 2e-4) {
  EXPECT_NEAR(glm::length(position(p) - expected.positionM), 0.0, tolM);
  EXPECT_NEAR(std::abs(glm::dot(orientation(p), expected.orientation)), 1.0, 1e-5);
}

inline XrSpaceLocation locate(XrSpace space, XrSpace base, XrTime t) {
  XrSpaceLocation loc{XR_TYPE_SPACE_LOCATION};
  XR_REQUIRE(xrLocateSpace(space, base, t, &loc));
  return loc;
}

constexpr XrSpaceLocationFlags kTracked =
    XR_SPACE_LOCATION_ORIENTATION_VALID_BIT | XR_SPACE_LOCATION_POSITION_VALID_BIT |
    XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT | XR_SPACE_LOCATION_POSITION_TRACKED_BIT;

}  // namespace lumbo::test
