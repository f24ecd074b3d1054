// A session with nothing in the hands, end to end on the simulated runtime: with no controllers
// (the runtime's headset alone) the pain check-in is answered by resting the head's gaze on a
// button, and a glance shorter than the dwell presses nothing; with hand tracking a fingertip's
// poke or a pinch aimed from the shoulder answers it; the body-source sentence names only what is
// really tracked.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include <glm/gtx/quaternion.hpp>

#include "app/headset/xr_app.h"
#include "app/scene/ui_panels.h"
#include "body/trace.h"
#include "exercises/exercise.h"
#include "simruntime/device/hand_model.h"
#include "store/session_store.h"
#include "tests/test_support.h"

// Under LeakSanitizer: the Khronos loader keeps per-instance allocations and dlcloses the runtime,
// whose static data then reads as leaked; llvmpipe's JIT allocations cannot be traced either.
extern "C" int __lsan_is_turned_off() { return 1; }

namespace lumbo::app {
namespace {

class XrHandsFreeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("XR_RUNTIME_JSON", LUMBO_SIMXR_MANIFEST, 1);
    ::unsetenv("XR_ENABLE_API_LAYERS");
    ::unsetenv("LUMBO_SIM_CAPTURE");
    ::unsetenv("LUMBO_SIM_HAPTICS");
  }

  // An interactive session (pain asked in the headset) of deep squats on `trace`.
  XrAppResult play(const std::filesystem::path& trace, const std::string& extraConfig) {
    std::ofstream(dir_ / "sim.json") << "{\"pacing\": \"free\", \"display_rate_hz\": 45" << extraConfig << "}";
    ::setenv("LUMBO_SIM_TRACE", trace.c_str(), 1);
    ::setenv("LUMBO_SIM_CONFIG", (dir_ / "sim.json").c_str(), 1);
    auto exercise = loadExercise(defaultExerciseFolder() / "deep_squat.json");
    EXPECT_TRUE(exercise.ok());
    XrAppOptions options;
    options.plan = {PlannedExercise{*exercise, 1, 1, 10}};
    options.personId = "p01";
    options.databasePath = dir_ / "p01.db";
    options.eyeSizePx = 64;
    options.msaaSamples = 1;
    options.quiet = true;
    options.interactive = true;
    return runXrSession(options);
  }

  std::optional<std::int64_t> painBefore() {
    auto store = store::SessionStore::open(dir_ / "p01.db", {.create = false});
    EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error());
    if (!store.ok() || store->connection().queryInt("SELECT COUNT(*) FROM pain WHERE phase = 'before'") == 0) return std::nullopt;
    return store->connection().queryInt("SELECT score FROM pain WHERE phase = 'before'");
  }

  test::TempDir dir_;
};

// The recording with `stillS` seconds of standing first (as its first frame, with a tenth of a
// millimetre of sway); `during(timeS, frame)` may change each still frame.
template <typename F>
void writeWithStillStart(double stillS, const std::filesystem::path& out, F during) {
  auto trace = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
  ASSERT_TRUE(trace.ok());
  const auto first = trace->samples.front();
  const double periodS = trace->samples[1].frame.timeS - first.frame.timeS;
  const auto count = static_cast<std::size_t>(stillS / periodS);
  for (auto& sample : trace->samples) sample.frame.timeS += static_cast<double>(count) * periodS;
  std::vector<TraceSample> still(count, first);
  for (std::size_t i = 0; i < count; ++i) {
    TrackedFrame& f = still[i].frame;
    f.timeS = first.frame.timeS + static_cast<double>(i) * periodS;
    for (Device d : kAllDevices) f[d].pose.positionM.x += 1e-4 * std::sin(0.5 * static_cast<double>(i + index(d)));
    during(f.timeS - first.frame.timeS, f);
  }
  trace->samples.insert(trace->samples.begin(), still.begin(), still.end());
  ASSERT_TRUE(writeTrace(out, *trace).ok());
}

// Where the pain question's button `label` is in the world, as the panels stand in front of the
// recording's first head pose at the start of a session.
struct ButtonTarget {
  glm::dvec3 centreM{0.0};
  glm::dvec3 towardsPersonN{0.0};  // the panel's normal on the person's side
  Pose head;
};
ButtonTarget painButton(const char* label) {
  auto trace = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
  EXPECT_TRUE(trace.ok());
  const Pose head = trace->samples.front().frame[Device::Head].pose;
  glm::dvec3 forward = head.orientation * glm::dvec3(0, 0, -1);
  forward.y = 0.0;
  forward = glm::normalize(forward);
  UiPanels ui;
  ui.place(viewerFrameFor(NeutralPosition::Standing, glm::vec3(head.positionM), glm::vec3(forward), glm::vec3(0, 1, 0)));
  SessionView asking;
  asking.stage = SessionStage::PainBefore;
  ui.update(asking, {}, {}, 1.0 / 45.0);
  const auto rect = ui.buttonRectPx(label);
  EXPECT_TRUE(rect.has_value()) << label;
  const glm::vec2 centrePx(0.5f * (rect->x + rect->z), 0.5f * (rect->y + rect->w));
  ButtonTarget t;
  t.centreM = glm::dvec3(ui.canvasToWorld(PanelId::Controls, centrePx));
  const render::TexturedQuad& q = ui.quad(PanelId::Controls);
  glm::dvec3 n = glm::normalize(glm::dvec3(glm::cross(q.halfWidthM, q.halfHeightM)));
  if (glm::dot(head.positionM - t.centreM, n) < 0.0) n = -n;
  t.towardsPersonN = n;
  t.head = head;
  return t;
}

// The head turned (from where it stands) to look straight at `targetM`.
Pose lookingAt(const Pose& head, const glm::dvec3& targetM) {
  return Pose{head.positionM, glm::rotation(glm::dvec3(0, 0, -1), glm::normalize(targetM - head.positionM))};
}

constexpr const char* kNoControllers = ", \"controllers\": false";

TEST_F(XrHandsFreeTest, GazeDwellOnAButtonAnswersThePainCheckInWithoutControllers) {
  const ButtonTarget seven = painButton("7");
  // Straight ahead for 0.6 s (the panels are placed), at "7" for 2.4 s, then ahead again.
  writeWithStillStart(6.0, dir_ / "gaze.csv", [&](double t, TrackedFrame& f) {
    if (t >= 0.6 && t < 3.0) f[Device::Head].pose = lookingAt(f[Device::Head].pose, seven.centreM);
  });
  const XrAppResult r = play(dir_ / "gaze.csv", kNoControllers);
  EXPECT_EQ(painBefore(), 7);
  ASSERT_EQ(r.outcomes.size(), 1u);
  EXPECT_GE(r.outcomes[0].repetitions.size(), 8u);  // the session went on once answered
  // No hands at all: the sentence says so and names no controller.
  EXPECT_NE(r.bodySource.find("hands: none tracked"), std::string::npos) << r.bodySource;
  EXPECT_EQ(r.bodySource.find("controller"), std::string::npos) << r.bodySource;
}

TEST_F(XrHandsFreeTest, AGlanceShorterThanTheDwellPressesNothing) {
  const ButtonTarget seven = painButton("7");
  // At "7" for 1.0 s, then ahead: the session waits, unanswered, until the recording ends.
  writeWithStillStart(4.0, dir_ / "glance.csv", [&](double t, TrackedFrame& f) {
    if (t >= 0.6 && t < 1.6) f[Device::Head].pose = lookingAt(f[Device::Head].pose, seven.centreM);
  });
  const XrAppResult r = play(dir_ / "glance.csv", kNoControllers);
  EXPECT_EQ(painBefore(), std::nullopt);
  for (const auto& o : r.outcomes) EXPECT_TRUE(o.repetitions.empty());
}

TEST_F(XrHandsFreeTest, APokeWithATrackedHandAnswersThePainCheckIn) {
  const ButtonTarget seven = painButton("7");
  // The right index finger points at the panel: its tip 8 cm in front of "7", then pushed 1 cm
  // through it for 0.3 s, then back; the wrist follows from the simulated hand's shape.
  const simxr::HandJointOffsets hand = simxr::handJointOffsets(simxr::HandGesture::Point, false);
  const glm::dvec3 tipInWrist = hand.positionM[simxr::kIndexTipJoint];
  const glm::dquat fingersAtPanel = glm::rotation(glm::dvec3(0, 0, -1), -seven.towardsPersonN);
  writeWithStillStart(6.0, dir_ / "poke.csv", [&](double t, TrackedFrame& f) {
    const double depthM = t >= 1.4 && t < 1.7 ? -0.01 : 0.08;
    const glm::dvec3 tipM = seven.centreM + depthM * seven.towardsPersonN;
    if (t >= 0.6 && t < 2.5) f[Device::RHand] = DeviceState{Pose{tipM - fingersAtPanel * tipInWrist, fingersAtPanel}, true, false};
  });
  const XrAppResult r = play(dir_ / "poke.csv",
                             std::string(kNoControllers) + ", \"hand_tracking\": true, \"hand_gestures\": "
                             "[{\"hand\": \"right\", \"gesture\": \"point\", \"start_s\": 0.0, \"end_s\": 1000.0}]");
  EXPECT_EQ(painBefore(), 7);
  EXPECT_NE(r.bodySource.find("tracked hands (XR_EXT_hand_tracking)"), std::string::npos) << r.bodySource;
}

TEST_F(XrHandsFreeTest, APinchAimedFromTheShoulderAnswersThePainCheckIn) {
  const ButtonTarget seven = painButton("7");
  // The right hand held out on the line from the right shoulder (as the pointer places it: 18 cm
  // below the eyes and 17 cm to the side) to "7", fingers along it, pinching for 0.3 s.
  const Pose& head = seven.head;
  const glm::dvec3 shoulderM = head.positionM + glm::dvec3(0, -0.18, 0) + 0.17 * (head.orientation * glm::dvec3(1, 0, 0));
  const glm::dvec3 aim = glm::normalize(seven.centreM - shoulderM);
  const glm::dvec3 knuckleM = shoulderM + 0.45 * aim;
  const glm::dquat fingersAlong = glm::rotation(glm::dvec3(0, 0, -1), aim);
  const glm::dvec3 knuckleInWrist = simxr::handJointOffsets(simxr::HandGesture::Open, false).positionM[7];
  writeWithStillStart(6.0, dir_ / "pinch.csv", [&](double t, TrackedFrame& f) {
    if (t >= 0.6 && t < 2.5) f[Device::RHand] = DeviceState{Pose{knuckleM - fingersAlong * knuckleInWrist, fingersAlong}, true, false};
  });
  const XrAppResult r = play(dir_ / "pinch.csv",
                             std::string(kNoControllers) + ", \"hand_tracking\": true, \"hand_gestures\": "
                             "[{\"hand\": \"right\", \"gesture\": \"pinch\", \"start_s\": 1.4, \"end_s\": 1.7}]");
  EXPECT_EQ(painBefore(), 7);
  EXPECT_NE(r.bodySource.find("tracked hands"), std::string::npos) << r.bodySource;
}

TEST_F(XrHandsFreeTest, TheBodySourceSentenceNamesOnlyTrackedDevices) {
  auto trace = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
  ASSERT_TRUE(trace.ok());
  // The right foot's tracker is listed by the runtime but never tracks.
  ASSERT_TRUE(trace->layout.devices.test(index(Device::RFoot)));
  for (auto& s : trace->samples) s.frame[Device::RFoot].valid = false;
  ASSERT_TRUE(writeTrace(dir_ / "no_rfoot.csv", *trace).ok());
  const XrAppResult r = play(dir_ / "no_rfoot.csv", kNoControllers);
  EXPECT_NE(r.bodySource.find("pelvis"), std::string::npos) << r.bodySource;
  EXPECT_NE(r.bodySource.find("lfoot"), std::string::npos) << r.bodySource;
  EXPECT_EQ(r.bodySource.find("rfoot"), std::string::npos) << r.bodySource;
  EXPECT_EQ(r.bodySource.find("controller"), std::string::npos) << r.bodySource;
}

}  // namespace
}  // namespace lumbo::app
