// Settings of the simulated runtime: the JSON config file (LUMBO_SIM_CONFIG) and the environment.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "body/result.h"

namespace lumbo::simxr {

// A scripted input: the component at `path` (e.g. "/user/hand/right/input/select/click") holds
// `value` (and `x`, `y` for 2D inputs) while the trace time is in [startS, endS).
struct ScriptedInput {
  std::string path;
  double startS = 0.0;
  double endS = 0.0;
  float value = 1.0f;
  float x = 0.0f;
  float y = 0.0f;
};

// A scripted hand gesture of hand tracking: `hand` ("left" or "right") makes `gesture` ("open",
// "point", "pinch", "fist") while the trace time is in [startS, endS); otherwise the hand is open.
struct ScriptedGesture {
  bool left = false;
  std::string gesture;
  double startS = 0.0;
  double endS = 0.0;
};

enum class Pacing { Paced, FreeRunning };
enum class TraceEnd { Exit, Loop };

struct SimConfig {
  double displayRateHz = 90.0;
  unsigned recommendedWidth = 1024;
  unsigned recommendedHeight = 1024;
  unsigned maxWidth = 4096;
  unsigned maxHeight = 4096;
  double ipdM = 0.063;
  // Half-angles of each eye's field of view, degrees (left and down negative).
  double fovLeftDeg = -45.0;
  double fovRightDeg = 45.0;
  double fovUpDeg = 45.0;
  double fovDownDeg = -45.0;
  Pacing pacing = Pacing::Paced;
  TraceEnd atEnd = TraceEnd::Exit;
  std::optional<double> lossAtS;
  std::string controllerProfile = "/interaction_profiles/oculus/touch_controller";
  std::vector<ScriptedInput> inputs;
  // False: the person holds no controllers (hand-tracking users, a headset on its own): the
  // trace's hand poses then drive no controller, only tracked hands when hand tracking is on.
  bool controllers = true;
  // XR_EXT_hand_tracking reports hands (wrists at the trace's hand poses) when true.
  bool handTracking = false;
  std::vector<ScriptedGesture> gestures;
  double stageWidthM = 3.0;
  double stageDepthM = 3.0;
  std::filesystem::path tracePath;
  std::filesystem::path captureDir;
  unsigned captureEvery = 1;
  std::filesystem::path hapticsLog;
  std::filesystem::path diagnosticsLog;
};

// Parses a config file; relative paths inside it are taken from the file's folder. Unknown keys
// are errors so a misspelt setting is not silently ignored.
Result<SimConfig> loadSimConfig(const std::filesystem::path& path);

// The config from LUMBO_SIM_CONFIG (or defaults), then the LUMBO_SIM_TRACE, LUMBO_SIM_CAPTURE,
// LUMBO_SIM_CAPTURE_EVERY, LUMBO_SIM_PACING, LUMBO_SIM_HAPTICS and LUMBO_SIM_LOG overrides.
Result<SimConfig> loadSimConfigFromEnvironment();

}  // namespace lumbo::simxr
