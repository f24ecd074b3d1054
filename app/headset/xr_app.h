// The XR application: an OpenXR session rendering the scene with the Vulkan renderer, the body
// sources feeding a guided session, and its records going to the store. What `lumbo run` and
// `lumbo demo` run.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/session/guided_session.h"
#include "audio/session_audio.h"
#include "render/adaptive_quality.h"
#include "store/session_records.h"

namespace lumbo::app {

struct XrAppOptions {
  std::vector<PlannedExercise> plan;
  // Per plan item, the person's own reference recording when their bands come from one: the
  // ghost shows it (empty or null: the bundled reference).
  std::vector<std::shared_ptr<const Trace>> personalReferences;
  std::string personId = "me";
  std::filesystem::path databasePath;
  std::filesystem::path reportDir;       // empty: no report
  std::string context;                   // e.g. "post-flight day 3"
  std::optional<int> painBefore;
  // auto adapts the eye size and MSAA to the measured frame time; high keeps the runtime's
  // recommended size with msaaSamples; low a quarter of its pixels without MSAA.
  render::QualityMode quality = render::QualityMode::Auto;
  int eyeSizePx = 0;                     // > 0: fixed square eyes of this size (overrides quality)
  int msaaSamples = 4;                   // the most samples any level uses
  bool vulkanValidation = false;
  bool haptics = true;                   // pulse the controllers when alignment leaves its band
  // Also show the session in a desktop window from a free camera, for a therapist watching
  // (needs a display; the panels appear there as plain boards, their text only in the headset).
  bool desktopView = false;
  // Ask pain before and after, and wait for the summary to be closed, in the headset. Off for
  // unattended runs (the demo): pain before then comes from painBefore.
  bool interactive = true;
  // The runtime presents at a display rate, so frames can be judged on time (off for a
  // free-running simulated runtime, whose clock runs as fast as frames are drawn).
  bool framesPaced = true;
  // Ask the Oswestry Disability Index in the headset before the session (interactive only); the
  // answers are stored as the person's ODI of the session's date.
  bool askOdi = false;
  // Interactive only: the ghost demonstrates each exercise before its first set; pain is asked
  // between sets when the program says so ("pain_between_sets").
  bool demonstrate = true;
  bool askPainBetweenSets = false;
  bool gravityFree = false;
  std::vector<store::EventRecord> openingEvents;  // e.g. the level changes of the prescription
  store::SessionPrescription prescription;        // recorded with the session: its plan and program version
  double startUnixS = 0.0;               // 0: now
  bool quiet = false;                    // no progress lines on stdout
  // Waits for the GPU before each frame's own work, so that the measured CPU time holds no
  // waiting (for benchmarks; it serialises CPU and GPU).
  bool isolateCpuTiming = false;
  // Set (to the signal's number) by a shutdown signal handler: the session ends as interrupted,
  // is saved and reported, as when the runtime closes it. Null: no such handler.
  const std::atomic<int>* shutdownSignal = nullptr;
  // What the signal is called in the end reason ("interrupted by SIGTERM").
  std::function<std::string(int)> signalName;
  // The coach's voice: on the sound device, off, or rendered to a WAV file.
  audio::AudioSettings audio;
  // Publish the session for live monitoring (lumbo monitor) at this address and port, with the
  // keys of this folder (monitor::monitorFolderFor). Port 0: not published.
  std::string monitorHost = "127.0.0.1";
  int monitorPort = 0;
  std::filesystem::path monitorFolder;
};

// How long the session's frames were drawn at one quality level, and how many of them were shown
// on time: on the display period after the frame before, no period missed.
struct QualityUse {
  render::QualityLevel level;
  std::uint64_t frames = 0;
  std::uint64_t framesOnTime = 0;
};

struct XrAppResult {
  store::SessionStatus status = store::SessionStatus::Interrupted;
  std::vector<ExerciseOutcome> outcomes;
  std::string bodySource;                  // what the app told the user about its body source
  std::string endReason;                   // "all exercises done", "runtime asked to exit", ...
  int shutdownSignal = 0;                  // the signal that ended the session, 0: none
  std::vector<std::filesystem::path> reportFiles;
  std::uint64_t frames = 0;
  render::QualityMode quality = render::QualityMode::Auto;
  std::vector<QualityUse> qualityLevels;  // in the order first used
  int qualityChanges = 0;
  std::vector<std::string> vulkanMessages;  // validation warnings and errors, when enabled
  bool restartOffered = false;              // the runtime was lost: the user may start again
  std::string monitorSummary;               // what live monitoring did; empty: not published
};

// One OpenXR session of the app, a frame at a time (for benchmarks and tools); runXrSession
// drives it to the end.
class XrApp {
 public:
  explicit XrApp(const XrAppOptions& options);
  ~XrApp();
  XrApp(const XrApp&) = delete;
  XrApp& operator=(const XrApp&) = delete;

  // Handles events and, while the session runs, one frame. Returns false once the session has
  // ended (done, exit requested or lost).
  bool step();
  // Ends the session cleanly and writes the report. Call once, after step() returned false.
  XrAppResult finish();

  // CPU seconds of the app's own work in the last rendered frame: input, posture, exercise,
  // logging hand-off, scene building and command recording (not xrWaitFrame, not the GPU).
  double lastFrameCpuS() const { return lastFrameCpuS_; }
  // The same span in this thread's CPU time: without the time other threads and processes held
  // the cores, or a wait inside it.
  double lastFrameThreadCpuS() const { return lastFrameThreadCpuS_; }
  std::uint64_t framesRendered() const { return framesRendered_; }
  bool exercising() const;
  // A therapist's message, spoken before anything else waiting (from any thread).
  void speakMessage(std::string message);
  // The level frames are drawn at now, and the per-level use so far.
  const render::QualityLevel& qualityLevel() const;
  const std::vector<QualityUse>& qualityUse() const;

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
  double lastFrameCpuS_ = 0.0;
  double lastFrameThreadCpuS_ = 0.0;
  std::uint64_t framesRendered_ = 0;
};

// Runs one session on the active OpenXR runtime (XR_RUNTIME_JSON or the system's) until every
// exercise is done, the runtime asks to exit, or it is lost. Records are saved as they happen;
// the session is ended cleanly in every case. Throws when no runtime or headset is available.
XrAppResult runXrSession(const XrAppOptions& options);

}  // namespace lumbo::app
