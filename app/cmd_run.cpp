// `lumbo run` (a guided session on the active OpenXR runtime) and `lumbo demo` (the same on the
// simulated runtime, playing a bundled real recording: no headset, no GPU, no display needed).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/command_line.h"
#include "app/commands.h"
#include "app/xr_app.h"
#include "exercises/exercise.h"
#include "store/private_file.h"

namespace lumbo::app {

namespace {

// "deep_squat:2,bridge" -> the exercises at their levels (level 1 when not given).
std::vector<PlannedExercise> planFromList(const std::string& list) {
  std::vector<PlannedExercise> plan;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = list.find(',', start);
    const std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const std::size_t colon = item.find(':');
    const std::string id = item.substr(0, colon);
    int level = 1;
    if (colon != std::string::npos) {
      try {
        level = std::stoi(item.substr(colon + 1));
      } catch (const std::exception&) {
        throw UsageError("--exercises: bad level in '" + item + "'");
      }
    }
    auto exercise = loadExercise(defaultExerciseFolder() / (id + ".json"));
    if (!exercise) throw UsageError("--exercises: no exercise '" + id + "' (lumbo exercises lists them)");
    plan.push_back(PlannedExercise{std::move(*exercise), level, std::nullopt, std::nullopt});
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return plan;
}

void setEnv(const char* name, const std::string& value) { ::setenv(name, value.c_str(), 1); }

int report(const XrAppResult& r) {
  std::printf("session %s: %s; %llu frames\n", r.status == store::SessionStatus::Completed ? "completed" : "interrupted",
              r.endReason.c_str(), static_cast<unsigned long long>(r.frames));
  for (const ExerciseOutcome& o : r.outcomes) {
    double sum = 0.0;
    int scored = 0;
    for (const auto& rep : o.repetitions) {
      if (rep.scored) {
        sum += rep.quality;
        ++scored;
      }
    }
    std::printf("  %s level %d: %zu repetitions, quality %s, tracking lost %.1f s\n", o.exerciseId.c_str(), o.level,
                o.repetitions.size(), scored ? std::to_string(static_cast<int>(sum / scored + 0.5)).c_str() : "n/a",
                o.trackingLostS);
  }
  if (!r.vulkanMessages.empty()) std::printf("Vulkan validation: %zu messages\n", r.vulkanMessages.size());
  if (r.restartOffered) std::printf("The headset's runtime was lost; everything done so far is saved. Run again to continue.\n");
  for (const auto& f : r.reportFiles) {
    if (f.extension() == ".html") std::printf("report: %s\n", f.c_str());
  }
  return kExitOk;
}

}  // namespace

int runRun(std::span<const std::string> args) {
  const Args parsed(args, ArgSpec{{"--exercises", "--person", "--db", "--report", "--eye-size", "--pain-before", "--context"},
                                  {"--validate", "--gravity-free"}, 0, 0});
  XrAppOptions options;
  options.plan = planFromList(parsed.value("--exercises").value_or("standing_neutral_hold,waiters_bow"));
  options.personId = parsed.value("--person").value_or("me");
  options.databasePath = parsed.value("--db").value_or(store::defaultDatabasePath(options.personId).string());
  options.reportDir = parsed.value("--report").value_or("");
  options.eyeSizePx = parsed.integer("--eye-size").value_or(0);
  options.painBefore = parsed.integer("--pain-before");
  if (options.painBefore && (*options.painBefore < 0 || *options.painBefore > 10)) {
    throw UsageError("--pain-before expects 0 to 10");
  }
  options.context = parsed.value("--context").value_or("");
  options.vulkanValidation = parsed.flag("--validate");
  options.gravityFree = parsed.flag("--gravity-free");
  return report(runXrSession(options));
}

int runDemo(std::span<const std::string> args) {
  const Args parsed(args, ArgSpec{{"--out", "--capture", "--trace", "--eye-size"}, {"--validate"}, 0, 0});
  const std::filesystem::path out = std::filesystem::absolute(parsed.value("--out").value_or("lumbo-demo"));
  std::filesystem::create_directories(out);
  const std::filesystem::path trace =
      std::filesystem::absolute(parsed.value("--trace").value_or(std::string(LUMBO_SOURCE_DIR) + "/assets/demo/deep_squat_demo.csv"));
  if (!std::filesystem::exists(trace)) {
    std::fprintf(stderr, "lumbo demo: %s: no such recording\n", trace.c_str());
    return kExitFailure;
  }
  const char* manifestEnv = std::getenv("LUMBO_SIMXR_MANIFEST");
  const std::filesystem::path manifest = manifestEnv && *manifestEnv ? manifestEnv : LUMBO_SIMXR_MANIFEST;
  if (!std::filesystem::exists(manifest)) {
    std::fprintf(stderr, "lumbo demo: the simulated runtime is not built (%s); build the lumbo_simxr target\n",
                 manifest.c_str());
    return kExitFailure;
  }
  // The simulated runtime free-runs on its own clock: the recording plays as fast as the CPU
  // renders, at 45 frames per recorded second.
  const std::filesystem::path config = out / "simxr.json";
  {
    std::ofstream c(config);
    c << "{\"pacing\": \"free\", \"display_rate_hz\": 45, \"at_end\": \"exit\"}\n";
  }
  setEnv("XR_RUNTIME_JSON", manifest.string());
  setEnv("LUMBO_SIM_TRACE", trace.string());
  setEnv("LUMBO_SIM_CONFIG", config.string());
  setEnv("LUMBO_SIM_HAPTICS", (out / "haptics.csv").string());
  setEnv("LUMBO_SIM_LOG", (out / "simxr.log").string());
  if (auto capture = parsed.value("--capture")) {
    std::filesystem::create_directories(*capture);
    setEnv("LUMBO_SIM_CAPTURE", std::filesystem::absolute(*capture).string());
    setEnv("LUMBO_SIM_CAPTURE_EVERY", "45");
  }
  XrAppOptions options;
  auto plan = planFromList("deep_squat:1");
  // The bundled recording holds one set of ten squats.
  plan[0].sets = 1;
  plan[0].repetitionsPerSet = 10;
  options.plan = std::move(plan);
  options.personId = "demo";
  options.databasePath = out / "demo.lumbo.sqlite";
  std::filesystem::remove(options.databasePath);
  options.reportDir = out / "report";
  options.eyeSizePx = parsed.integer("--eye-size").value_or(160);
  options.msaaSamples = 1;
  options.vulkanValidation = parsed.flag("--validate");
  std::printf("demo: playing %s on the simulated OpenXR runtime\n", trace.filename().c_str());
  return report(runXrSession(options));
}

}  // namespace lumbo::app
