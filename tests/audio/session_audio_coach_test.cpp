// The coach's rules, driven by session views frame by frame (45 Hz) on the loopback device: the
// exercise's name and every step at its start, counts, a hold's countdown, the tempo's ticks, a
// chime only for a repetition in band throughout, a cue when it changes, and a therapist's
// message synthesised off the frame and said first.
#include <gtest/gtest.h>

#include <algorithm>

#include "audio/session_audio.h"
#include "audio/speech_synth.h"
#include "tests/test_support.h"

namespace lumbo::audio {
namespace {

constexpr double kFrameS = 1.0 / 45.0;

app::PlannedExercise planned(const char* id) {
  auto e = loadExercise(defaultExerciseFolder() / (std::string(id) + ".json"));
  EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error());
  return app::PlannedExercise{e.ok() ? *e : Exercise{}, 1, 1, 10};
}

std::vector<std::string> texts(const SessionAudio& a) {
  std::vector<std::string> out;
  for (const SpokenPhrase& p : a.transcript()) out.push_back(p.text);
  return out;
}

bool said(const SessionAudio& a, const std::string& text) {
  const auto t = texts(a);
  return std::find(t.begin(), t.end(), text) != t.end();
}

class Coach : public ::testing::Test {
 protected:
  std::unique_ptr<SessionAudio> open(const app::PlannedExercise& p) {
    plan_ = {p};
    AudioSettings settings;
    settings.wavOut = dir_ / "coach.wav";
    auto a = SessionAudio::create(plan_, settings);
    EXPECT_TRUE(a.ok()) << (a.ok() ? "" : a.error());
    view_.stage = app::SessionStage::Exercising;
    view_.exercise = &plan_[0];
    return a.ok() ? std::move(*a) : nullptr;
  }
  // `seconds` of frames with the view as it is (its time advancing).
  void run(SessionAudio& a, double seconds) {
    for (double t = 0.0; t < seconds; t += kFrameS) {
      view_.timeS += kFrameS;
      const SpeechSynth::FrameScope frame;
      a.update(view_, ListenerPose{}, {0.8f, 1.6f, 0.0f}, kFrameS);
      view_.feedback.repetitionCompleted = false;
    }
  }
  // A repetition of `durationS`, at the tempo's pace or slower (a faster one stops the ticks).
  void completeRepetition(SessionAudio& a, double durationS = 3.2) {
    view_.feedback.phase = 1;  // out: the repetition leaves rest
    run(a, durationS);
    view_.feedback.phase = 0;
    ++view_.feedback.repetitions;
    view_.feedback.repetitionCompleted = true;
    run(a, kFrameS);
  }

  test::TempDir dir_;
  std::vector<app::PlannedExercise> plan_;
  app::SessionView view_;
};

TEST_F(Coach, SaysTheNameAndEveryStepThenCountsWithAChimeAndTicks) {
  auto a = open(planned("deep_squat"));
  ASSERT_TRUE(a);
  ASSERT_TRUE(a->audible());
  run(*a, 20.0);
  const Exercise& e = plan_[0].exercise;
  std::vector<std::string> expected{e.name};
  expected.insert(expected.end(), e.instructions.begin(), e.instructions.end());
  EXPECT_EQ(texts(*a), expected);
  const std::uint64_t ticksBefore = a->ticksPlayed();
  completeRepetition(*a);
  run(*a, 3.0);
  EXPECT_TRUE(said(*a, "1"));
  EXPECT_EQ(a->chimesPlayed(), 1u);
  // The tempo (1.5 s down, 1.5 s up): ticks every 0.75 s and one at the end, 5 in all.
  EXPECT_EQ(a->ticksPlayed() - ticksBefore, 5u);
  // A repetition that left its band at some point: counted, no chime.
  const std::string cue = "Keep your back long";
  view_.feedback.phase = 1;
  run(*a, 0.5);
  view_.feedback.outOfBand = true;
  view_.feedback.cue = &cue;
  run(*a, 0.5);
  view_.feedback.outOfBand = false;
  view_.feedback.cue = nullptr;
  completeRepetition(*a, 2.2);
  run(*a, 3.0);
  EXPECT_TRUE(said(*a, "2"));
  EXPECT_EQ(a->chimesPlayed(), 1u);
  EXPECT_TRUE(said(*a, cue)) << "the cue, when it appeared";
  EXPECT_TRUE(a->finish().ok());
}

TEST_F(Coach, CountsDownTheLastSecondsOfAHold) {
  auto a = open(planned("standing_neutral_hold"));
  ASSERT_TRUE(a);
  run(*a, 20.0);  // the instructions
  const std::size_t before = a->transcript().size();
  view_.feedback.phase = 1;  // the hold: 10 s at level 1
  for (double heldS = 0.0; heldS < 10.0; heldS += kFrameS) {
    view_.feedback.holdS = heldS;
    run(*a, kFrameS);
  }
  std::vector<std::string> countdown;
  for (std::size_t i = before; i < a->transcript().size(); ++i) countdown.push_back(a->transcript()[i].text);
  EXPECT_EQ(countdown, (std::vector<std::string>{"5", "3", "2", "1"}));
}

TEST_F(Coach, CountsDownThePrescribedHold) {
  app::PlannedExercise p = planned("standing_neutral_hold");
  p.holdS = 6.0;  // the level's own is 10 s
  auto a = open(p);
  ASSERT_TRUE(a);
  run(*a, 20.0);
  const std::size_t before = a->transcript().size();
  view_.feedback.phase = 1;
  for (double heldS = 0.0; heldS < 6.0; heldS += kFrameS) {
    view_.feedback.holdS = heldS;
    run(*a, kFrameS);
  }
  std::vector<std::string> countdown;
  for (std::size_t i = before; i < a->transcript().size(); ++i) countdown.push_back(a->transcript()[i].text);
  // The last three seconds of 6 (a "5" is said only in holds of 8 s or more); timed by the
  // level's 10 s, these 6 s would have heard only the "5".
  EXPECT_EQ(countdown, (std::vector<std::string>{"3", "2", "1"}));
}

TEST_F(Coach, TheRestBetweenSetsIsSaidFromAPhrasePreparedWithThePlan) {
  app::PlannedExercise p = planned("deep_squat");
  p.restS = 45.0;
  auto a = open(p);
  ASSERT_TRUE(a);
  run(*a, 20.0);  // the name and the steps
  const std::uint64_t all = SpeechSynth::syntheses();
  const std::uint64_t inFrames = SpeechSynth::synthesesInFrames();
  view_.stage = app::SessionStage::Resting;
  view_.restS = 45.0;
  view_.restRemainingS = 45.0;
  view_.instruction = app::restInstruction(45.0);
  run(*a, 8.0);
  EXPECT_TRUE(said(*a, app::restInstruction(45.0)));
  EXPECT_EQ(SpeechSynth::syntheses(), all) << "nothing synthesised for the rest: it was prepared with the plan";
  EXPECT_EQ(SpeechSynth::synthesesInFrames(), inFrames);
}

TEST_F(Coach, ATherapistsMessageIsSynthesisedOffTheFrameAndSaidFirst) {
  auto a = open(planned("deep_squat"));
  ASSERT_TRUE(a);
  run(*a, 0.5);  // the name is being said; the steps wait
  const std::uint64_t inFrames = SpeechSynth::synthesesInFrames();
  const std::uint64_t all = SpeechSynth::syntheses();
  {
    const SpeechSynth::FrameScope frame;  // asked from inside a frame, as a monitor's message would be
    a->speakMessage("Lovely work, take a breath");
  }
  run(*a, 3.0);
  EXPECT_EQ(SpeechSynth::synthesesInFrames(), inFrames);
  EXPECT_EQ(SpeechSynth::syntheses(), all + 1) << "made on the worker";
  const auto t = texts(*a);
  ASSERT_GE(t.size(), 2u);
  EXPECT_EQ(t[0], plan_[0].exercise.name);
  EXPECT_EQ(t[1], "Lovely work, take a breath") << "before the waiting instructions";
}

}  // namespace
}  // namespace lumbo::audio
