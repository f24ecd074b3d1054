// Feedback in the headset, end to end on the simulated runtime: a scripted trigger press on a
// panel button answers the pain check-in, the controllers pulse (recorded by the runtime) when a
// recorded movement leaves its band and not when haptics are off, and captured frames show the
// mirrored avatar, the ghost and the panels.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include <glm/gtx/quaternion.hpp>

#include "app/scene/avatar_scene.h"
#include "app/scene/mirror_scene.h"
#include "app/scene/ui_panels.h"
#include "body/calibration.h"
#include "app/headset/xr_app.h"
#include "body/trace.h"
#include "exercises/exercise.h"
#include "render/png_writer.h"
#include "store/session_store.h"
#include "tests/test_support.h"

#include <stb_image.h>

// Under LeakSanitizer: the Khronos loader keeps per-instance allocations and dlcloses the runtime,
// whose static data then reads as leaked; llvmpipe's JIT allocations cannot be traced either.
// Vulkan objects left alive are still caught by the validation layer at device destruction.
extern "C" int __lsan_is_turned_off() { return 1; }

namespace lumbo::app {
namespace {

class XrFeedbackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("XR_RUNTIME_JSON", LUMBO_SIMXR_MANIFEST, 1);
    ::unsetenv("XR_ENABLE_API_LAYERS");
    ::unsetenv("LUMBO_SIM_CAPTURE");
  }

  XrAppResult play(const std::filesystem::path& trace, XrAppOptions options, const std::string& extraConfig = "") {
    std::ofstream(dir_ / "sim.json") << "{\"pacing\": \"free\", \"display_rate_hz\": 45" << extraConfig << "}";
    ::setenv("LUMBO_SIM_TRACE", trace.c_str(), 1);
    ::setenv("LUMBO_SIM_CONFIG", (dir_ / "sim.json").c_str(), 1);
    ::setenv("LUMBO_SIM_HAPTICS", (dir_ / "haptics.csv").c_str(), 1);
    auto exercise = loadExercise(defaultExerciseFolder() / "deep_squat.json");
    EXPECT_TRUE(exercise.ok());
    options.plan = {PlannedExercise{*exercise, 1, 1, 10}};
    options.personId = "p01";
    options.databasePath = dir_ / "p01.db";
    options.eyeSizePx = 96;
    options.msaaSamples = 1;
    options.quiet = true;
    return runXrSession(options);
  }

  // Haptic pulses the runtime recorded: its log has an "apply" line per xrApplyHapticFeedback.
  int pulses() const {
    std::ifstream in(dir_ / "haptics.csv");
    std::string line;
    int n = 0;
    while (std::getline(in, line)) n += line.find(",apply,") != std::string::npos ? 1 : 0;
    return n;
  }

  test::TempDir dir_;
};

// The bundled recording with the right hand held still, its controller pointing at the button
// `label` as the panels lay it out for `view` in front of the person's first head pose (where
// the panels stand at the start). Written to `out`.
// With `stillFirstS` the person first stands as in the recording's first frame that long (with a
// tenth of a millimetre of sway, as a person has), e.g. while answering questions.
void writePointingAt(const char* label, const SessionView& view, const std::filesystem::path& out,
                     double stillFirstS = 0.0) {
  auto trace = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
  ASSERT_TRUE(trace.ok());
  if (stillFirstS > 0.0) {
    const auto first = trace->samples.front();
    const double periodS = trace->samples[1].frame.timeS - first.frame.timeS;
    const auto count = static_cast<std::size_t>(stillFirstS / periodS);
    for (auto& sample : trace->samples) sample.frame.timeS += static_cast<double>(count) * periodS;
    std::vector<TraceSample> still(count, first);
    for (std::size_t i = 0; i < count; ++i) {
      still[i].frame.timeS = first.frame.timeS + static_cast<double>(i) * periodS;
      for (Device d : kAllDevices) still[i].frame[d].pose.positionM.x += 1e-4 * std::sin(0.5 * static_cast<double>(i + index(d)));
    }
    trace->samples.insert(trace->samples.begin(), still.begin(), still.end());
  }
  const Pose head = trace->samples.front().frame[Device::Head].pose;
  glm::dvec3 forward = head.orientation * glm::dvec3(0, 0, -1);
  forward.y = 0.0;
  forward = glm::normalize(forward);
  UiPanels ui;
  ui.place(viewerFrameFor(NeutralPosition::Standing, glm::vec3(head.positionM), glm::vec3(forward), glm::vec3(0, 1, 0)));
  ui.update(view, {}, {}, 1.0 / 45.0);
  const auto rect = ui.buttonRectPx(label);
  ASSERT_TRUE(rect.has_value()) << label;
  const glm::vec2 centrePx(0.5f * (rect->x + rect->z), 0.5f * (rect->y + rect->w));
  const glm::dvec3 right = glm::cross(forward, glm::dvec3(0, 1, 0));
  const glm::dvec3 handM = head.positionM + 0.25 * right - glm::dvec3(0, 0.4, 0) + 0.25 * forward;
  glm::vec3 buttonM(0.0f);
  bool hitFound = false;
  for (PanelId panel : {PanelId::Session, PanelId::Controls}) {
    const glm::vec3 target = ui.canvasToWorld(panel, centrePx);
    const auto hit = ui.hitTest({glm::vec3(handM), target - glm::vec3(handM), false, true});
    if (hit && hit->panel == panel) {
      buttonM = target;
      hitFound = true;
    }
  }
  ASSERT_TRUE(hitFound);
  const glm::dvec3 aim = glm::normalize(glm::dvec3(buttonM) - handM);
  const glm::dquat pointing = glm::rotation(glm::dvec3(0, 0, -1), aim);
  for (auto& s : trace->samples) s.frame[Device::RHand] = DeviceState{Pose{handM, pointing}, true, false};
  ASSERT_TRUE(writeTrace(out, *trace).ok());
}

// The simulated runtime's scripted trigger: `presses` pulls of the right trigger, 0.3 s apart.
std::string triggerPresses(int presses) {
  std::string inputs = ", \"inputs\": [";
  for (int k = 0; k < presses; ++k) {
    char entry[160];
    std::snprintf(entry, sizeof entry,
                  "%s{\"path\": \"/user/hand/right/input/trigger/value\", \"start_s\": %.2f, \"end_s\": %.2f, \"value\": 1.0}",
                  k == 0 ? "" : ", ", 0.1 + 0.3 * k, 0.25 + 0.3 * k);
    inputs += entry;
  }
  return inputs + "]";
}

TEST_F(XrFeedbackTest, TriggerOnAPanelButtonAnswersThePainCheckIn) {
  SessionView asking;
  asking.stage = SessionStage::PainBefore;
  writePointingAt("7", asking, dir_ / "pointing.csv");
  XrAppOptions options;
  options.interactive = true;  // asks pain before in the headset
  options.demonstrate = false;  // every squat of the recording counts
  const XrAppResult r = play(dir_ / "pointing.csv", options, triggerPresses(1));
  ASSERT_EQ(r.outcomes.size(), 1u);
  EXPECT_EQ(r.outcomes[0].repetitions.size(), 10u);  // the session ran once answered
  auto store = store::SessionStore::open(dir_ / "p01.db", {.create = false});
  ASSERT_TRUE(store.ok()) << store.error();
  EXPECT_EQ(store->connection().queryInt("SELECT score FROM pain WHERE phase = 'before'"), 7);
}

TEST_F(XrFeedbackTest, OswestryIndexIsAnsweredInTheHeadsetAndStored) {
  SessionView odi;
  odi.stage = SessionStage::Odi;
  // Each ODI section's "1" stands where the pain question's "1" does: one aim answers all eleven.
  SessionView pain;
  pain.stage = SessionStage::PainBefore;
  UiPanels ui;
  ui.update(odi, {}, {}, 1.0 / 45.0);
  const auto odiRect = ui.buttonRectPx("1");
  ui.update(pain, {}, {}, 1.0 / 45.0);
  ASSERT_TRUE(odiRect.has_value());
  ASSERT_EQ(odiRect, ui.buttonRectPx("1"));
  writePointingAt("1", odi, dir_ / "pointing.csv", 4.0);
  XrAppOptions options;
  options.interactive = true;
  options.askOdi = true;
  const XrAppResult r = play(dir_ / "pointing.csv", options, triggerPresses(11));
  ASSERT_EQ(r.outcomes.size(), 1u);
  auto store = store::SessionStore::open(dir_ / "p01.db", {.create = false});
  ASSERT_TRUE(store.ok()) << store.error();
  auto& db = store->connection();
  EXPECT_EQ(db.queryInt("SELECT COUNT(*) FROM oswestry"), 1);
  EXPECT_EQ(db.queryInt("SELECT s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 FROM oswestry"), 10);
  EXPECT_EQ(db.queryInt("SELECT score FROM pain WHERE phase = 'before'"), 1);
}

TEST_F(XrFeedbackTest, ControllersPulseWhenTheMovementLeavesItsBand) {
  XrAppOptions options;
  options.interactive = false;
  options.painBefore = 2;
  play(test::testData("m01_s01_deep_squat_incorrect.csv"), options);
  const int withHaptics = pulses();
  EXPECT_GT(withHaptics, 0);

  options.haptics = false;
  std::filesystem::remove(dir_ / "p01.db");
  std::filesystem::remove(dir_ / "haptics.csv");
  play(test::testData("m01_s01_deep_squat_incorrect.csv"), options);
  EXPECT_EQ(pulses(), 0);
}

TEST_F(XrFeedbackTest, CapturedFramesShowMirrorGhostAndPanels) {
  ::setenv("LUMBO_SIM_CAPTURE", (dir_ / "frames").c_str(), 1);
  ::setenv("LUMBO_SIM_CAPTURE_EVERY", "45", 1);
  std::filesystem::create_directories(dir_ / "frames");
  XrAppOptions options;
  options.interactive = false;
  options.painBefore = 2;
  play(test::testData("m01_s01_deep_squat_correct.csv"), options);
  ::unsetenv("LUMBO_SIM_CAPTURE");

  // Frame 360 shows trace time 8 s (free-running at 45 Hz), mid-squats.
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load((dir_ / "frames" / "frame_000360.png").c_str(), &w, &h, &n, 4);
  ASSERT_NE(px, nullptr);
  auto at = [&](int x, int y) { return glm::ivec3(px[4 * (y * w + x)], px[4 * (y * w + x) + 1], px[4 * (y * w + x) + 2]); };
  int teal = 0, ghostBlue = 0, panelDark = 0, frameBrown = 0;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const glm::ivec3 c = at(x, y);
      if (c.g > c.r + 40 && c.b > c.r + 40 && std::abs(c.g - c.b) < 60 && c.r < 120) ++teal;  // avatar in band
      if (c.b > 200 && c.b > c.r + 20 && c.g > 150 && c.r > 120) ++ghostBlue;                   // the ghost
      if (c.r < 60 && c.g < 60 && c.b < 70) ++panelDark;                                           // panel background
      if (c.r > c.g + 10 && c.g > c.b + 5 && c.r < 120) ++frameBrown;                              // mirror frame
    }
  }
  EXPECT_GT(teal, 3) << "no avatar in the mirror";
  EXPECT_GT(ghostBlue, 3) << "no ghost";
  EXPECT_GT(panelDark, 50) << "no panel";
  EXPECT_GT(frameBrown, 3) << "no mirror frame";

  // Where the body is: the reflection of the lumbar spine, projected into the left eye as the
  // runtime placed it (head pose of the trace, half the 63 mm IPD to the left, 45 deg half-fov),
  // shows the avatar's in-band colour.
  auto trace = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
  ASSERT_TRUE(trace.ok());
  std::vector<TrackedFrame> hold;
  for (const auto& s : trace->samples) {
    if (s.frame.timeS < 1.5) hold.push_back(s.frame);
  }
  const auto cal = calibrate(hold, NeutralPosition::Standing, false, trace->layout.devices);
  ASSERT_TRUE(cal.ok());
  const TrackedFrame& frame = trace->samples[800].frame;  // t = 8.00 s
  ASSERT_NEAR(frame.timeS, 8.0, 1e-6);
  render::Scene body;
  appendAvatar(body, frame, *cal, nullptr);
  ASSERT_GE(body.capsules.size(), 2u);
  const render::CapsulePrimitive& lumbar = body.capsules[1];  // pelvis, then the lumbar spine
  const glm::vec3 reflected = reflectAcross(mirrorPlacementFor(*cal), 0.5f * (lumbar.aM + lumbar.bM));
  const Pose& headPose = frame[Device::Head].pose;
  const glm::vec3 eyeM(headPose.positionM + headPose.orientation * glm::dvec3(-0.0315, 0, 0));
  const float q = glm::radians(45.0f);
  const render::EyeView eye =
      render::makeEyeView(eyeM, glm::quat(headPose.orientation), render::Fov{-q, q, q, -q}, 0.05f, 100.0f);
  const glm::vec4 clip = eye.projection * eye.view * glm::vec4(reflected, 1.0f);
  const int cx = static_cast<int>((clip.x / clip.w * 0.5f + 0.5f) * static_cast<float>(w));
  const int cy = static_cast<int>((clip.y / clip.w * 0.5f + 0.5f) * static_cast<float>(h));
  ASSERT_TRUE(cx > 2 && cx < w - 3 && cy > 2 && cy < h - 3) << cx << "," << cy;
  bool avatarThere = false;
  for (int y = cy - 2; y <= cy + 2; ++y) {
    for (int x = cx - 2; x <= cx + 2; ++x) {
      const glm::ivec3 c = at(x, y);
      avatarThere = avatarThere || (c.g > c.r + 30 && c.b > c.r + 30);
    }
  }
  EXPECT_TRUE(avatarThere) << "at " << cx << "," << cy;
  // The floor elsewhere: most of the bottom rows are its grey.
  int grey = 0, bottom = 0;
  for (int y = h - h / 10; y < h; ++y) {
    for (int x = 0; x < w; ++x, ++bottom) {
      const glm::ivec3 c = at(x, y);
      grey += std::abs(c.r - c.g) < 20 && std::abs(c.g - c.b) < 30 && c.r > 60 && c.r < 200 ? 1 : 0;
    }
  }
  EXPECT_GT(grey, bottom / 2);
  stbi_image_free(px);
}

}  // namespace
}  // namespace lumbo::app
