// Reads the simulated runtime's JSON config and applies the environment overrides.
#include "simruntime/device/sim_config.h"

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "simruntime/device/hand_model.h"

namespace lumbo::simxr {
namespace {

using nlohmann::json;

struct Reader {
  const std::filesystem::path& file;
  std::string error;

  bool fail(const std::string& field, const std::string& what) {
    if (error.empty()) error = file.string() + ": field '" + field + "': " + what;
    return false;
  }
  bool number(const json& j, const char* key, double& out, double minValue, double maxValue) {
    if (!j.contains(key)) return true;
    const json& v = j.at(key);
    if (!v.is_number()) return fail(key, "expected a number");
    const double d = v.get<double>();
    if (d < minValue || d > maxValue) {
      return fail(key, "out of range [" + std::to_string(minValue) + ", " +
                           std::to_string(maxValue) + "]");
    }
    out = d;
    return true;
  }
  bool count(const json& j, const char* key, unsigned& out, unsigned minValue, unsigned maxValue) {
    double d = out;
    if (!number(j, key, d, minValue, maxValue)) return false;
    if (d != static_cast<double>(static_cast<unsigned>(d))) return fail(key, "expected an integer");
    out = static_cast<unsigned>(d);
    return true;
  }
  bool flag(const json& j, const char* key, bool& out) {
    if (!j.contains(key)) return true;
    if (!j.at(key).is_boolean()) return fail(key, "expected true or false");
    out = j.at(key).get<bool>();
    return true;
  }
  bool text(const json& j, const char* key, std::string& out) {
    if (!j.contains(key)) return true;
    if (!j.at(key).is_string()) return fail(key, "expected a string");
    out = j.at(key).get<std::string>();
    return true;
  }
  bool path(const json& j, const char* key, std::filesystem::path& out) {
    std::string s;
    if (!text(j, key, s)) return false;
    if (s.empty()) return true;
    std::filesystem::path p(s);
    out = p.is_absolute() ? p : file.parent_path() / p;
    return true;
  }
};

}  // namespace

Result<SimConfig> loadSimConfig(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return Error{path.string() + ": cannot open the config file"};
  json j;
  // The last key read names the field of a number too large for a double, which the library's
  // message does not.
  std::string lastKey;
  const json::parser_callback_t track = [&lastKey](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::key && parsed.is_string()) lastKey = parsed.get<std::string>();
    return true;
  };
  try {
    j = json::parse(in, track);
  } catch (const json::parse_error& e) {
    return Error{path.string() + ": not valid JSON: " + e.what()};
  } catch (const json::out_of_range& e) {
    return Error{path.string() + ": field '" + lastKey + "': number out of range (" + e.what() + ")"};
  } catch (const json::exception& e) {
    return Error{path.string() + ": not valid JSON: " + e.what()};
  }
  if (!j.is_object()) return Error{path.string() + ": expected a JSON object"};

  static const std::set<std::string> kKnown = {
      "display_rate_hz", "recommended_width", "recommended_height", "max_width", "max_height",
      "ipd_m", "fov_deg", "pacing", "at_end", "loss_at_s", "controller_profile", "inputs",
      "stage_bounds_m", "trace", "capture_dir", "capture_every", "haptics_log",
      "diagnostics_log", "controllers", "hand_tracking", "hand_gestures"};
  for (const auto& [key, value] : j.items()) {
    if (!kKnown.contains(key)) return Error{path.string() + ": field '" + key + "': unknown key"};
  }

  SimConfig c;
  Reader r{path, {}};
  double lossS = 0.0;
  bool ok = r.number(j, "display_rate_hz", c.displayRateHz, 1.0, 1000.0) &&
            r.count(j, "recommended_width", c.recommendedWidth, 1, 16384) &&
            r.count(j, "recommended_height", c.recommendedHeight, 1, 16384) &&
            r.count(j, "max_width", c.maxWidth, 1, 16384) &&
            r.count(j, "max_height", c.maxHeight, 1, 16384) &&
            r.number(j, "ipd_m", c.ipdM, 0.0, 0.2) &&
            r.count(j, "capture_every", c.captureEvery, 1, 1000000) &&
            r.text(j, "controller_profile", c.controllerProfile) &&
            r.path(j, "trace", c.tracePath) && r.path(j, "capture_dir", c.captureDir) &&
            r.path(j, "haptics_log", c.hapticsLog) &&
            r.path(j, "diagnostics_log", c.diagnosticsLog) &&
            r.number(j, "loss_at_s", lossS, 0.0, 1e9) && r.flag(j, "controllers", c.controllers) &&
            r.flag(j, "hand_tracking", c.handTracking);
  if (ok && j.contains("loss_at_s")) c.lossAtS = lossS;
  if (ok && j.contains("pacing")) {
    std::string s;
    ok = r.text(j, "pacing", s);
    if (ok && s == "paced") c.pacing = Pacing::Paced;
    else if (ok && s == "free") c.pacing = Pacing::FreeRunning;
    else if (ok) ok = r.fail("pacing", "expected \"paced\" or \"free\"");
  }
  if (ok && j.contains("at_end")) {
    std::string s;
    ok = r.text(j, "at_end", s);
    if (ok && s == "exit") c.atEnd = TraceEnd::Exit;
    else if (ok && s == "loop") c.atEnd = TraceEnd::Loop;
    else if (ok) ok = r.fail("at_end", "expected \"exit\" or \"loop\"");
  }
  if (ok && j.contains("fov_deg")) {
    const json& f = j.at("fov_deg");
    if (!f.is_object()) {
      ok = r.fail("fov_deg", "expected an object with left, right, up, down");
    } else {
      ok = r.number(f, "left", c.fovLeftDeg, -89.0, 89.0) &&
           r.number(f, "right", c.fovRightDeg, -89.0, 89.0) &&
           r.number(f, "up", c.fovUpDeg, -89.0, 89.0) &&
           r.number(f, "down", c.fovDownDeg, -89.0, 89.0);
      if (ok && (c.fovLeftDeg >= c.fovRightDeg || c.fovDownDeg >= c.fovUpDeg)) {
        ok = r.fail("fov_deg", "left must be below right and down below up");
      }
    }
  }
  if (ok && j.contains("stage_bounds_m")) {
    const json& b = j.at("stage_bounds_m");
    ok = b.is_object() ? (r.number(b, "width", c.stageWidthM, 0.1, 100.0) &&
                          r.number(b, "depth", c.stageDepthM, 0.1, 100.0))
                       : r.fail("stage_bounds_m", "expected an object with width and depth");
  }
  if (ok && j.contains("inputs")) {
    const json& list = j.at("inputs");
    if (!list.is_array()) ok = r.fail("inputs", "expected an array");
    for (std::size_t i = 0; ok && i < list.size(); ++i) {
      const json& e = list[i];
      const std::string where = "inputs[" + std::to_string(i) + "]";
      if (!e.is_object() || !e.contains("path") || !e.contains("start_s") || !e.contains("end_s")) {
        ok = r.fail(where, "expected an object with path, start_s and end_s");
        break;
      }
      ScriptedInput s;
      double v = 1.0, x = 0.0, y = 0.0;
      ok = r.text(e, "path", s.path) && r.number(e, "start_s", s.startS, 0.0, 1e9) &&
           r.number(e, "end_s", s.endS, 0.0, 1e9) && r.number(e, "value", v, -1.0, 1.0) &&
           r.number(e, "x", x, -1.0, 1.0) && r.number(e, "y", y, -1.0, 1.0);
      if (ok && s.endS <= s.startS) ok = r.fail(where, "end_s must be after start_s");
      if (ok && (s.path.empty() || s.path[0] != '/')) ok = r.fail(where, "path must start with /");
      s.value = static_cast<float>(v);
      s.x = static_cast<float>(x);
      s.y = static_cast<float>(y);
      c.inputs.push_back(s);
    }
  }
  if (ok && j.contains("hand_gestures")) {
    const json& list = j.at("hand_gestures");
    if (!list.is_array()) ok = r.fail("hand_gestures", "expected an array");
    for (std::size_t i = 0; ok && i < list.size(); ++i) {
      const json& e = list[i];
      const std::string where = "hand_gestures[" + std::to_string(i) + "]";
      if (!e.is_object() || !e.contains("hand") || !e.contains("gesture") || !e.contains("start_s") ||
          !e.contains("end_s")) {
        ok = r.fail(where, "expected an object with hand, gesture, start_s and end_s");
        break;
      }
      ScriptedGesture g;
      std::string hand;
      ok = r.text(e, "hand", hand) && r.text(e, "gesture", g.gesture) && r.number(e, "start_s", g.startS, 0.0, 1e9) &&
           r.number(e, "end_s", g.endS, 0.0, 1e9);
      if (ok && hand != "left" && hand != "right") ok = r.fail(where + ".hand", "expected \"left\" or \"right\"");
      if (ok && !handGestureFromName(g.gesture)) {
        ok = r.fail(where + ".gesture", "expected \"open\", \"point\", \"pinch\" or \"fist\"");
      }
      if (ok && g.endS <= g.startS) ok = r.fail(where, "end_s must be after start_s");
      g.left = hand == "left";
      c.gestures.push_back(g);
    }
  }
  if (!ok) return Error{r.error};
  return c;
}

Result<SimConfig> loadSimConfigFromEnvironment() {
  SimConfig c;
  if (const char* p = std::getenv("LUMBO_SIM_CONFIG"); p && *p) {
    auto loaded = loadSimConfig(p);
    if (!loaded) return loaded;
    c = std::move(loaded).value();
  }
  auto env = [](const char* name) -> std::string {
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
  };
  if (auto v = env("LUMBO_SIM_TRACE"); !v.empty()) c.tracePath = v;
  if (auto v = env("LUMBO_SIM_CAPTURE"); !v.empty()) c.captureDir = v;
  if (auto v = env("LUMBO_SIM_HAPTICS"); !v.empty()) c.hapticsLog = v;
  if (auto v = env("LUMBO_SIM_LOG"); !v.empty()) c.diagnosticsLog = v;
  if (auto v = env("LUMBO_SIM_CAPTURE_EVERY"); !v.empty()) {
    const long n = std::strtol(v.c_str(), nullptr, 10);
    if (n < 1) return Error{"LUMBO_SIM_CAPTURE_EVERY: expected a positive integer, got '" + v + "'"};
    c.captureEvery = static_cast<unsigned>(n);
  }
  if (auto v = env("LUMBO_SIM_PACING"); !v.empty()) {
    if (v == "paced") c.pacing = Pacing::Paced;
    else if (v == "free") c.pacing = Pacing::FreeRunning;
    else return Error{"LUMBO_SIM_PACING: expected paced or free, got '" + v + "'"};
  }
  return c;
}

}  // namespace lumbo::simxr
