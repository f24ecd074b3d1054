// `lumbo run` (a guided session on the active OpenXR runtime) and `lumbo demo` (the same on the
// simulated runtime, playing a bundled real recording: no headset, no GPU, no display needed).
// Both take the session's exercises and levels from a program and the person's history, and say
// at the end what the next session will prescribe and why.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "app/cli/clinic_options.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/shutdown_signals.h"
#include "app/headset/xr_app.h"
#include "body/clock.h"
#include "exercises/exercise.h"
#include "exercises/program.h"
#include "monitor/monitor_keys.h"
#include "monitor/monitor_server.h"
#include "store/private_file.h"
#include "store/outcomes.h"
#include "store/personal_references.h"
#include "store/program_assignments.h"
#include "store/program_history.h"
#include "store/queries.h"
#include "store/session_plan.h"

namespace lumbo::app {

namespace {

struct ProgramChoice {
  std::filesystem::path programPath;    // empty: the program assigned to the person
  std::optional<int> daysSinceLanding;  // overrides the recorded landing date
};

std::vector<Exercise> library() {
  auto lib = loadExerciseLibrary(defaultExerciseFolder());
  if (!lib) throw std::runtime_error(lib.error());
  return std::move(*lib);
}

Program program(const std::filesystem::path& path, const std::vector<Exercise>& lib) {
  auto p = loadProgram(path, &lib);
  if (!p) throw std::runtime_error(p.error());
  return std::move(*p);
}

void printPlan(const char* heading, const SessionPlan& plan) {
  std::printf("%s\n", heading);
  if (!plan.stage.empty()) std::printf("  stage %s: %s\n", plan.stage.c_str(), plan.stageReason.c_str());
  for (const Prescription& p : plan.items) {
    std::printf("  %s level %d, %d x %d%s [%s] %s\n", p.exerciseId.c_str(), p.level, p.sets, p.repetitions,
                holdAndRestWords(p.holdS, p.restS).c_str(), std::string(decisionName(p.decision)).c_str(), p.reason.c_str());
  }
}

std::string readText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The program the session follows: the file given, else the person's program in force, else the
// bundled MCT program. A file identical to the assigned version counts as that version.
Program chooseProgram(store::SessionStore& db, const XrAppOptions& options, const ProgramChoice& choice,
                      const std::vector<Exercise>& lib, double atUnixS, std::optional<std::int64_t>& versionId) {
  const auto assigned = store::programInForce(db, options.personId, atUnixS);
  if (choice.programPath.empty() && assigned) {
    auto p = store::programOf(*assigned, lib);
    if (!p) throw std::runtime_error(p.error());
    versionId = assigned->rowId;
    return std::move(*p);
  }
  const std::filesystem::path path =
      choice.programPath.empty() ? defaultProgramFolder() / "mct_low_back_pain.json" : choice.programPath;
  Program p = program(path, lib);
  if (assigned && assigned->key == p.id && assigned->content == readText(path)) versionId = assigned->rowId;
  return p;
}

// The person's stored references replace the population bands of their exercises, and their
// recordings become the ghosts. The session records which bands each exercise is scored with.
void usePersonalReferences(store::SessionStore& db, XrAppOptions& options) {
  options.personalReferences.assign(options.plan.size(), nullptr);
  for (std::size_t i = 0; i < options.plan.size(); ++i) {
    PlannedExercise& p = options.plan[i];
    auto pe = store::personalExerciseOf(db, options.personId, p.exercise);
    if (!pe) throw std::runtime_error(pe.error());
    if (*pe) {
      const std::vector<Level> levels = p.exercise.levels;
      p.exercise = std::move((*pe)->exercise);
      p.exercise.levels = levels;
    }
    const std::string source = *pe ? (*pe)->source : populationBandsSource(p.exercise);
    options.prescription.bands.push_back({p.exercise.id, source, bandsUsedJson(p.exercise, p.level, source)});
    if (!*pe) continue;
    if (options.interactive) std::printf("  %s: bands from the %s\n", p.exercise.id.c_str(), source.c_str());
    // The recording is read back through a private temporary file: the trace reader reads files.
    const std::filesystem::path tmp = std::filesystem::temp_directory_path() /
                                      ("lumbo-reference-" + std::to_string(::getpid()) + "-" + p.exercise.id + ".csv");
    if (store::writeFileAtomically(tmp, (*pe)->stored.traceText)) {
      if (auto t = readTrace(tmp)) options.personalReferences[i] = std::make_shared<const Trace>(std::move(*t));
    }
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
  }
}

// The session's plan from the program and what the person has done so far: recorded with the
// session, with the level changes it makes and their reasons.
void planFromProgram(XrAppOptions& options, const ProgramChoice& choice) {
  const std::vector<Exercise> lib = library();
  auto db = store::SessionStore::open(options.databasePath);
  if (!db) throw std::runtime_error(db.error());
  const double now = unixNowS();
  std::optional<std::int64_t> versionId;
  const Program prog = chooseProgram(*db, options, choice, lib, now, versionId);
  auto planned = store::planSessionAt(*db, options.personId, prog, lib, now, choice.daysSinceLanding);
  if (!planned) throw UsageError(planned.error());
  const SessionPlan& plan = planned->plan;
  printPlan(("today's session of " + prog.name + ":").c_str(), plan);
  for (const Prescription& p : plan.items) {
    const Exercise* exercise = findExercise(lib, p.exerciseId);
    if (!exercise) throw UsageError("no exercise '" + p.exerciseId + "' (lumbo exercises lists them)");
    options.plan.push_back(PlannedExercise{*exercise, p.level, p.sets, p.repetitions,
                                           p.holdS > 0.0 ? std::optional<double>(p.holdS) : std::nullopt, p.restS});
  }
  options.prescription = {versionId, plan.stage, planned->items, {}};
  usePersonalReferences(*db, options);
  options.openingEvents = planned->levelChanges;
  options.askPainBetweenSets = prog.painBetweenSets;
  // The program in force says how often the Oswestry index is due; the headset asks it first.
  const store::OdiDue odi = store::odiDue(*db, options.personId, now);
  options.askOdi = odi.due && odi.everyDays.has_value();
  if (options.askOdi && options.interactive) std::printf("Oswestry index due (%s): asked in the headset first\n", odi.reason.c_str());
}

// After the session: the progression rules applied to the history that now includes it.
void printNextSession(const XrAppOptions& options, const ProgramChoice& choice) {
  const std::vector<Exercise> lib = library();
  auto db = store::SessionStore::open(options.databasePath, store::OpenOptions{.create = false});
  if (!db) return;
  const double tomorrow = unixNowS() + 86400.0;
  std::optional<std::int64_t> versionId;
  const Program prog = chooseProgram(*db, options, choice, lib, tomorrow, versionId);
  auto planned = store::planSessionAt(*db, options.personId, prog, lib, tomorrow,
                                      choice.daysSinceLanding ? std::optional<int>(*choice.daysSinceLanding + 1) : std::nullopt);
  if (planned) printPlan("next session:", planned->plan);
}

// The quality levels the frames were drawn at, and how many frames were shown on time.
// `framesPaced`: the runtime presented at a display rate. A free-running runtime (the unpaced
// demo) has no deadline to meet, so its frames are not judged on time or late.
void printQuality(const XrAppResult& r, bool framesPaced) {
  std::uint64_t frames = 0, onTime = 0;
  for (const QualityUse& u : r.qualityLevels) {
    frames += u.frames;
    onTime += u.framesOnTime;
  }
  if (frames == 0) return;
  std::printf("quality %s:", std::string(render::qualityModeName(r.quality)).c_str());
  for (std::size_t i = 0; i < r.qualityLevels.size(); ++i) {
    const QualityUse& u = r.qualityLevels[i];
    std::printf("%s %s %.0f %%", i == 0 ? "" : ",", render::describe(u.level).c_str(), 100.0 * static_cast<double>(u.frames) / static_cast<double>(frames));
  }
  if (framesPaced) {
    std::printf("; %.1f %% of frames on time", 100.0 * static_cast<double>(onTime) / static_cast<double>(frames));
  } else {
    std::printf("; frames not paced to a display (lumbo demo --paced judges them)");
  }
  if (r.qualityChanges > 0) std::printf(", %d changes", r.qualityChanges);
  std::printf("\n");
}

render::QualityMode qualityOption(const Args& parsed, render::QualityMode fallback) {
  const auto name = parsed.value("--quality");
  if (!name) return fallback;
  const auto mode = render::qualityModeFromName(*name);
  if (!mode) throw UsageError("--quality expects auto, high or low, got '" + *name + "'");
  return *mode;
}

void report(const XrAppResult& r, bool framesPaced) {
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
  printQuality(r, framesPaced);
  if (!r.vulkanMessages.empty()) std::printf("Vulkan validation: %zu messages\n", r.vulkanMessages.size());
  if (r.restartOffered) std::printf("The headset's runtime was lost; everything done so far is saved. Run again to continue.\n");
  if (!r.monitorSummary.empty()) std::printf("%s\n", r.monitorSummary.c_str());
}

// --monitor [ADDR:]PORT: publish the session for viewers, with the keys of `folder`.
void monitorOption(const Args& parsed, XrAppOptions& options, const std::filesystem::path& folder) {
  const auto value = parsed.value("--monitor");
  if (!value) return;
  auto listen = monitor::parseListenAddress(*value);
  if (!listen) throw UsageError("--monitor: " + listen.error());
  options.monitorHost = listen->host;
  options.monitorPort = listen->port;
  options.monitorFolder = folder;
}

void printReportPath(const XrAppResult& r) {
  for (const auto& f : r.reportFiles) {
    if (f.extension() == ".html") std::printf("report: %s\n", f.c_str());
  }
}

void setEnv(const char* name, const std::string& value) { ::setenv(name, value.c_str(), 1); }

// --no-audio, --volume 0-100, --voice NAME (run and demo).
audio::AudioSettings audioSettings(const Args& parsed) {
  audio::AudioSettings a;
  a.enabled = !parsed.flag("--no-audio");
  if (auto volume = parsed.integer("--volume")) {
    if (*volume < 0 || *volume > 100) throw UsageError("--volume expects 0 to 100");
    a.volume = static_cast<float>(*volume) / 100.0f;
  }
  if (auto voice = parsed.value("--voice")) {
    if (voice->empty()) throw UsageError("--voice needs a voice name, e.g. en or en-us");
    a.voice.voice = *voice;
  }
  return a;
}

// Runs the session with shutdown signals ending it cleanly, prints what it did, and returns the
// exit code: 0, or 128 + the signal's number when a signal ended it (after the report is written).
int runAndReport(XrAppOptions& options, const ProgramChoice& choice) {
  const ShutdownSignals signals;
  options.shutdownSignal = &ShutdownSignals::received();
  options.signalName = &ShutdownSignals::name;
  const XrAppResult result = runXrSession(options);
  report(result, options.framesPaced);
  printNextSession(options, choice);
  printReportPath(result);
  return result.shutdownSignal != 0 ? ShutdownSignals::exitCode(result.shutdownSignal) : kExitOk;
}

}  // namespace

int runRun(std::span<const std::string> args) {
  const Args parsed(args, ArgSpec{{"--program", "--person", "--db", "--report", "--eye-size", "--pain-before", "--context",
                                   "--days-since-landing", "--volume", "--voice", "--monitor", "--quality"},
                                  {"--validate", "--gravity-free", "--no-haptics", "--desktop", "--no-audio", "--no-demonstration"}, 0, 0});
  XrAppOptions options;
  options.personId = parsed.value("--person").value_or("me");
  options.databasePath = parsed.value("--db").value_or(store::defaultDatabasePath(options.personId).string());
  options.reportDir = parsed.value("--report").value_or(
      (options.databasePath.parent_path() / (options.personId + "-report")).string());
  options.eyeSizePx = parsed.integer("--eye-size").value_or(0);
  if (options.eyeSizePx < 0) throw UsageError("--eye-size expects a positive number of pixels");
  options.quality = qualityOption(parsed, render::QualityMode::Auto);
  options.painBefore = parsed.integer("--pain-before");
  if (options.painBefore && (*options.painBefore < 0 || *options.painBefore > 10)) {
    throw UsageError("--pain-before expects 0 to 10");
  }
  options.context = parsed.value("--context").value_or("");
  options.vulkanValidation = parsed.flag("--validate");
  options.gravityFree = parsed.flag("--gravity-free");
  options.haptics = !parsed.flag("--no-haptics");
  options.demonstrate = !parsed.flag("--no-demonstration");
  options.desktopView = parsed.flag("--desktop");
  options.audio = audioSettings(parsed);
  monitorOption(parsed, options, monitor::monitorFolderFor(options.databasePath, options.personId));
  const ProgramChoice choice{parsed.value("--program").value_or(""), parsed.integer("--days-since-landing")};
  planFromProgram(options, choice);
  return runAndReport(options, choice);
}

int runDemo(std::span<const std::string> args) {
  const Args parsed(args, ArgSpec{{"--out", "--capture", "--trace", "--eye-size", "--audio-out", "--volume", "--voice", "--monitor",
                                   "--quality"},
                                  {"--validate", "--no-audio", "--force", "--paced"}, 0, 0});
  // Checked before the demo's folder is made: a usage error leaves nothing behind.
  const render::QualityMode quality = qualityOption(parsed, render::QualityMode::Auto);
  const auto eyeSize = parsed.integer("--eye-size");
  if (eyeSize && *eyeSize <= 0) throw UsageError("--eye-size expects a positive number of pixels");
  const std::filesystem::path out = std::filesystem::absolute(parsed.value("--out").value_or("lumbo-demo"));
  // The demo's folder holds a session store, a report and the haptics log: owner only.
  if (auto st = store::makePrivateDirectory(out); !st) throw std::runtime_error(st.error());
  std::filesystem::permissions(out, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
  if (auto st = store::writeFileAtomically(out / "haptics.csv", ""); !st) throw std::runtime_error(st.error());
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
  // renders, at 45 frames per recorded second. Paced, it plays in real time at 90 Hz, as a
  // headset would, so that frames can be late.
  const bool paced = parsed.flag("--paced");
  const std::filesystem::path config = out / "simxr.json";
  std::ofstream(config) << (paced ? "{\"pacing\": \"paced\", \"display_rate_hz\": 90, \"at_end\": \"exit\"}\n"
                                  : "{\"pacing\": \"free\", \"display_rate_hz\": 45, \"at_end\": \"exit\"}\n");
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
  options.framesPaced = paced;
  options.personId = "demo";
  options.databasePath = out / "demo.lumbo.sqlite";
  // Each demo is the person's first session: start from an empty history.
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(out / ("demo.lumbo.sqlite" + std::string(suffix)));
  options.reportDir = out / "report";
  // Without --quality the demo draws small eyes without MSAA: it shows the session, and nobody
  // looks through its lenses. With it, the runtime's recommended size and the mode asked.
  options.quality = quality;
  options.eyeSizePx = eyeSize.value_or(parsed.value("--quality") ? 0 : 160);
  options.msaaSamples = parsed.value("--quality") ? 4 : 1;
  options.vulkanValidation = parsed.flag("--validate");
  options.interactive = false;  // nobody in the headset to answer
  options.audio = audioSettings(parsed);
  if (auto wav = parsed.value("--audio-out")) {
    if (parsed.flag("--no-audio")) throw UsageError("--audio-out and --no-audio exclude each other");
    options.audio.wavOut = std::filesystem::absolute(*wav);
    if (!std::filesystem::is_directory(options.audio.wavOut.parent_path())) {
      throw UsageError("--audio-out: " + options.audio.wavOut.parent_path().string() + ": no such folder");
    }
    guardOutput(parsed, options.audio.wavOut, {trace, options.databasePath});
  }
  options.painBefore = 2;       // as if the person had said so before starting
  monitorOption(parsed, options, out / "monitor");
  const ProgramChoice choice{defaultProgramFolder() / "demo_deep_squat.json", std::nullopt};
  {
    // As a therapist would: the demo person is enrolled with the demo program assigned, so the
    // report shows what was prescribed against what was done.
    auto db = store::SessionStore::open(options.databasePath);
    if (!db) throw std::runtime_error(db.error());
    db->ensurePerson({options.personId, std::nullopt});
    auto a = store::assignProgram(*db, options.personId, readText(choice.programPath), choice.programPath.string(), library(),
                                  unixNowS(), unixNowS());
    if (!a) throw std::runtime_error(a.error());
  }
  std::printf("demo: playing %s on the simulated OpenXR runtime\n", trace.filename().c_str());
  planFromProgram(options, choice);
  return runAndReport(options, choice);
}

}  // namespace lumbo::app
