// `lumbo exercises [--exercises-dir DIR] [--verbose]`: lists the exercise library.
#include <cstdio>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "exercises/exercise.h"

namespace lumbo::app {

int runExercises(std::span<const std::string> args) {
  const Args parsed(args, ArgSpec{{"--exercises-dir"}, {"--verbose"}, 0, 0});
  const std::filesystem::path folder = parsed.value("--exercises-dir").value_or(defaultExerciseFolder().string());
  auto lib = loadExerciseLibrary(folder);
  if (!lib) {
    std::fprintf(stderr, "lumbo exercises: %s\n", lib.error().c_str());
    return kExitFailure;
  }
  std::printf("%-30s %-20s %-12s %-7s %s\n", "id", "starting position", "kind", "levels", "trackers");
  for (const Exercise& e : *lib) {
    std::string trackers;
    for (Device d : kAllDevices) {
      if (e.trackers.test(index(d))) trackers += std::string(trackers.empty() ? "" : ",") + std::string(deviceName(d));
    }
    std::printf("%-30s %-20.*s %-12s %-7zu %s\n", e.id.c_str(), static_cast<int>(startingPositionName(e.startingPosition).size()),
                startingPositionName(e.startingPosition).data(), e.kind == ExerciseKind::Hold ? "hold" : "repetitions",
                e.levels.size(), trackers.c_str());
    if (parsed.flag("--verbose")) {
      std::printf("    %s\n    %s\n", e.name.c_str(), e.rationale.c_str());
      for (std::size_t i = 0; i < e.levels.size(); ++i) {
        const Level& l = e.levels[i];
        std::printf("    level %zu %s: %d x %d", i + 1, l.name.c_str(), l.sets, l.repetitions);
        if (l.holdS > 0.0) std::printf(", hold %.0f s", l.holdS);
        std::printf(", tolerance x%.2f, load %s\n", l.toleranceScale, l.load.c_str());
      }
    }
  }
  std::printf("%zu exercises in %s\n", lib->size(), folder.c_str());
  return kExitOk;
}

}  // namespace lumbo::app
