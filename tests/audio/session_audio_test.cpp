// Whole sessions on the simulated OpenXR runtime with the coach's mix rendered on OpenAL Soft's
// loopback device: the file sounds where the session's own record says a phrase, tick or chime
// is due and is silent between them, the voice comes from the coach's side (the ghost stands on
// the person's right), no speech is synthesised inside a frame, and without a sound device the session runs silently and says so.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "app/headset/xr_app.h"
#include "app/scene/ghost_motion.h"
#include "audio/speech_synth.h"
#include "audio/wav_file.h"
#include "body/synthetic_motion.h"
#include "body/trace.h"
#include "exercises/exercise.h"
#include "store/session_store.h"
#include "tests/test_support.h"

// Under LeakSanitizer: the loader and llvmpipe keep allocations it cannot trace (as in test_headset).
extern "C" int __lsan_is_turned_off() { return 1; }

namespace lumbo::app {
namespace {

struct Repetition {
  double startS;
  double endS;
  double quality;
};

// What the session recorded, read back from its store: when calibration ended (the exercise, and
// its spoken instructions, begin then) and each repetition.
struct Record {
  double calibrationS = -1.0;
  std::vector<Repetition> repetitions;
};

class SessionAudioTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("XR_RUNTIME_JSON", LUMBO_SIMXR_MANIFEST, 1);
    ::unsetenv("LUMBO_SIM_CAPTURE");
    ::unsetenv("XR_ENABLE_API_LAYERS");
  }

  XrAppResult play(const std::filesystem::path& trace, const PlannedExercise& planned, const audio::AudioSettings& audio,
                   const std::string& name = "p01") {
    const auto config = dir_ / "sim.json";
    std::ofstream(config) << "{\"pacing\": \"free\", \"display_rate_hz\": 45}";
    ::setenv("LUMBO_SIM_TRACE", trace.c_str(), 1);
    ::setenv("LUMBO_SIM_CONFIG", config.c_str(), 1);
    ::setenv("LUMBO_SIM_HAPTICS", (dir_ / "haptics.csv").c_str(), 1);
    XrAppOptions options;
    options.plan = {planned};
    options.personId = "p01";
    options.databasePath = dir_ / (name + ".db");
    options.eyeSizePx = 48;
    options.msaaSamples = 1;
    options.quiet = true;
    options.interactive = false;
    options.painBefore = 3;
    options.audio = audio;
    return runXrSession(options);
  }

  Record record(const std::string& name = "p01") {
    Record r;
    auto s = store::SessionStore::open(dir_ / (name + ".db"), {.create = false});
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error());
    if (!s.ok()) return r;
    auto cal = s->connection().prepare("SELECT time_s FROM event WHERE kind = 'calibration' ORDER BY time_s");
    if (cal.step()) r.calibrationS = cal.getDouble(0);
    auto reps = s->connection().prepare("SELECT start_s, end_s, quality FROM repetition ORDER BY start_s");
    while (reps.step()) r.repetitions.push_back({reps.getDouble(0), reps.getDouble(1), reps.getDouble(2)});
    return r;
  }

  static PlannedExercise planned(const char* id, int repetitions) {
    auto e = loadExercise(defaultExerciseFolder() / (std::string(id) + ".json"));
    EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error());
    return PlannedExercise{e.ok() ? *e : Exercise{}, 1, 1, repetitions};
  }

  test::TempDir dir_;
};

// The loudest sample of either channel in [fromS, toS).
int peak(const audio::WavData& wav, double fromS, double toS) {
  const auto from = static_cast<std::size_t>(std::max(0.0, fromS) * wav.rateHz);
  const auto to = std::min(wav.frames(), static_cast<std::size_t>(std::max(0.0, toS) * wav.rateHz));
  int loudest = 0;
  for (std::size_t i = 2 * from; i < 2 * to; ++i) loudest = std::max(loudest, std::abs(static_cast<int>(wav.samples[i])));
  return loudest;
}

constexpr int kAudible = 300;   // of 32767: a soft tick at the set volume is well above this
constexpr int kSilent = 4;      // OpenAL's mix with nothing playing is exactly zero

TEST_F(SessionAudioTest, DemoRecordingSoundsWherePhrasesAreDueFromTheCoachsSide) {
  audio::AudioSettings settings;
  settings.wavOut = dir_ / "mix.wav";
  const std::uint64_t synthesesBefore = audio::SpeechSynth::syntheses();
  const std::uint64_t inFramesBefore = audio::SpeechSynth::synthesesInFrames();
  const XrAppResult r = play(std::filesystem::path(LUMBO_SOURCE_DIR) / "assets/demo/deep_squat_demo.csv",
                             planned("deep_squat", 10), settings);
  ASSERT_EQ(r.status, store::SessionStatus::Completed) << r.endReason;
  // Speech was made (at plan time, and "session complete" on the worker), never in a frame.
  EXPECT_GT(audio::SpeechSynth::syntheses() - synthesesBefore, 10u);
  EXPECT_EQ(audio::SpeechSynth::synthesesInFrames(), inFramesBefore);

  auto wav = audio::readWav(settings.wavOut);
  ASSERT_TRUE(wav.ok()) << wav.error();
  EXPECT_EQ(wav->channels, 2);
  const Record rec = record();
  ASSERT_EQ(rec.repetitions.size(), 10u);
  ASSERT_GT(rec.calibrationS, 0.0);
  EXPECT_GT(static_cast<double>(wav->frames()) / wav->rateHz, rec.repetitions.back().endS);

  // Due: the starting position's instruction when the session begins, the exercise's name and
  // steps when calibration ends, the tempo's first tick as each repetition leaves rest (deep
  // squat sets a tempo), the chime as a repetition with full quality ends.
  EXPECT_GT(peak(*wav, 0.0, 0.5), kAudible) << "hold instruction";
  EXPECT_GT(peak(*wav, rec.calibrationS, rec.calibrationS + 0.6), kAudible) << "exercise instructions";
  int chimes = 0;
  for (const Repetition& rep : rec.repetitions) {
    EXPECT_GT(peak(*wav, rep.startS, rep.startS + 0.1), kAudible) << "tick at " << rep.startS;
    if (rep.quality >= 100.0) {
      ++chimes;
      EXPECT_GT(peak(*wav, rep.endS, rep.endS + 0.3), kAudible) << "chime at " << rep.endS;
    }
  }
  EXPECT_GT(chimes, 0);

  // The ghost stands on the person's right: the voice is louder in the right ear.
  ASSERT_GT(GhostOptions{}.besideM, 0.0f);
  double left = 0.0;
  double right = 0.0;
  for (std::size_t i = 0; i + 1 < wav->samples.size(); i += 2) {
    left += static_cast<double>(wav->samples[i]) * wav->samples[i];
    right += static_cast<double>(wav->samples[i + 1]) * wav->samples[i + 1];
  }
  EXPECT_GT(right, 2.0 * left);

}

// Hip hinges with long rests between them: sound where each repetition's tick and count are due,
// silence between one repetition's count and the next one's start.
TEST_F(SessionAudioTest, SilentBetweenThePhrasesOfRestedRepetitions) {
  constexpr double kStillS = 30.0;   // after the hold: time for every instruction to be said
  constexpr double kRepS = 4.0;
  constexpr double kRestS = 6.0;
  constexpr int kReps = 4;
  SyntheticSpec spec;
  spec.movement = SyntheticMovement::HipHinge;
  spec.repetitions = 1;
  spec.profile = [&](double tS) {
    const double t = tS - kStillS;
    if (t < 0.0 || t >= kReps * (kRepS + kRestS)) return SyntheticPose{};
    const double inCycle = std::fmod(t, kRepS + kRestS);
    return inCycle < kRepS ? syntheticMovementPose(SyntheticMovement::HipHinge, inCycle, kRepS, 1.0) : SyntheticPose{};
  };
  // Little sensor noise: rest stays within the start threshold, so a repetition starts when the
  // movement does (some noise remains: a tracker that never moves reads as frozen).
  spec.angleNoiseDeg = 0.02;
  spec.positionNoiseM = 0.0001;
  spec.repetitionS = kStillS + kReps * (kRepS + kRestS) + 2.0;
  ASSERT_TRUE(writeTrace(dir_ / "rested.csv", generateSyntheticTrace(spec)).ok());
  audio::AudioSettings settings;
  settings.wavOut = dir_ / "rested.wav";
  const PlannedExercise bow = planned("waiters_bow", kReps);
  const XrAppResult r = play(dir_ / "rested.csv", bow, settings);
  ASSERT_EQ(r.outcomes.size(), 1u);
  auto wav = audio::readWav(settings.wavOut);
  ASSERT_TRUE(wav.ok()) << wav.error();
  const Record rec = record();
  ASSERT_EQ(rec.repetitions.size(), static_cast<std::size_t>(kReps));
  const double tempoS = bow.exercise.tempo.totalS();
  ASSERT_GT(tempoS, 0.0);
  // The record's repetition starts at its lowest point at rest, before the movement; the
  // movement itself begins where this test's trace puts it (session time is trace time: the
  // session's first frame is the trace's first sample).
  auto movementS = [&](std::size_t i) { return spec.neutralHoldS + kStillS + static_cast<double>(i) * (kRepS + kRestS); };
  for (std::size_t i = 0; i < rec.repetitions.size(); ++i) {
    const Repetition& rep = rec.repetitions[i];
    EXPECT_EQ(rep.quality, 100.0) << "a fault would bring a cue into the rest";
    ASSERT_GT(rep.endS, movementS(i));
    EXPECT_GT(peak(*wav, movementS(i), rep.endS), kAudible) << "tempo ticks from " << movementS(i);
    EXPECT_GT(peak(*wav, rep.endS, rep.endS + 0.6), kAudible) << "count at " << rep.endS;
    if (i + 1 == rec.repetitions.size()) break;
    // Nothing is due from when the count (a word, under a second), the chime and the tempo's
    // ticks (begun before the repetition ended) are over, to the next movement.
    const double quietFromS = rep.endS + std::max(1.5, tempoS) + 0.1;
    const double quietToS = movementS(i + 1) - 0.05;
    ASSERT_GT(quietToS - quietFromS, 1.5) << rep.endS << " " << movementS(i + 1);
    EXPECT_LE(peak(*wav, quietFromS, quietToS), kSilent) << "sound between " << quietFromS << " and " << quietToS;
  }
}

TEST_F(SessionAudioTest, WithoutASoundDeviceTheSessionRunsSilentlyAndSaysSo) {
  ::setenv("ALSOFT_DRIVERS", "none", 1);  // OpenAL Soft with no backend: no device at all
  auto a = audio::SessionAudio::create(std::span<const PlannedExercise>(), audio::AudioSettings{});
  ASSERT_TRUE(a.ok()) << a.error();
  EXPECT_FALSE((*a)->audible());
  EXPECT_NE((*a)->status().find("no sound device"), std::string::npos) << (*a)->status();
  EXPECT_NE((*a)->status().find("silently"), std::string::npos);
  const XrAppResult r = play(std::filesystem::path(LUMBO_SOURCE_DIR) / "assets/demo/deep_squat_demo.csv",
                             planned("deep_squat", 3), audio::AudioSettings{});
  EXPECT_EQ(r.status, store::SessionStatus::Completed);
  EXPECT_EQ(r.outcomes.at(0).repetitions.size(), 3u);
}

}  // namespace
}  // namespace lumbo::app
