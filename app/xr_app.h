// The XR application: an OpenXR session rendering the scene with the Vulkan renderer, the body
// sources feeding a guided session, and its records going to the store. What `lumbo run` and
// `lumbo demo` run.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/guided_session.h"
#include "store/session_records.h"

namespace lumbo::app {

struct XrAppOptions {
  std::vector<PlannedExercise> plan;
  std::string personId = "me";
  std::filesystem::path databasePath;
  std::filesystem::path reportDir;       // empty: no report
  std::string context;                   // e.g. "post-flight day 3"
  std::optional<int> painBefore;
  int eyeSizePx = 0;                     // 0: the runtime's recommendation
  int msaaSamples = 4;
  bool vulkanValidation = false;
  bool gravityFree = false;
  double startUnixS = 0.0;               // 0: now
  bool quiet = false;                    // no progress lines on stdout
};

struct XrAppResult {
  store::SessionStatus status = store::SessionStatus::Interrupted;
  std::vector<ExerciseOutcome> outcomes;
  std::string bodySource;                  // what the app told the user about its body source
  std::string endReason;                   // "all exercises done", "runtime asked to exit", ...
  std::vector<std::filesystem::path> reportFiles;
  std::uint64_t frames = 0;
  std::vector<std::string> vulkanMessages;  // validation warnings and errors, when enabled
  bool restartOffered = false;              // the runtime was lost: the user may start again
};

// Runs one session on the active OpenXR runtime (XR_RUNTIME_JSON or the system's) until every
// exercise is done, the runtime asks to exit, or it is lost. Records are saved as they happen;
// the session is ended cleanly in every case. Throws when no runtime or headset is available.
XrAppResult runXrSession(const XrAppOptions& options);

}  // namespace lumbo::app
