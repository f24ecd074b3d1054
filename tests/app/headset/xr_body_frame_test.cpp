// The body and its furniture in captured frames of a session on the simulated runtime (lavapipe):
// sit to stand shows its chair (in the mirror, since it stands behind the person), and a deep
// squat, which has none, does not.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "app/headset/xr_app.h"
#include "app/scene/mirror_scene.h"
#include "app/scene/props_scene.h"
#include "body/calibration.h"
#include "body/trace.h"
#include "exercises/exercise.h"
#include "render/scene.h"
#include "tests/test_support.h"

#include <stb_image.h>

// Under LeakSanitizer: the Khronos loader keeps per-instance allocations and dlcloses the runtime,
// whose static data then reads as leaked; llvmpipe's JIT allocations cannot be traced either.
extern "C" int __lsan_is_turned_off() { return 1; }

namespace lumbo::app {
namespace {

constexpr int kEyePx = 512;

class XrBodyFrameTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("XR_RUNTIME_JSON", LUMBO_SIMXR_MANIFEST, 1);
    ::unsetenv("XR_ENABLE_API_LAYERS");
    ::unsetenv("LUMBO_SIM_HAPTICS");
  }
  void TearDown() override { ::unsetenv("LUMBO_SIM_CAPTURE"); }

  // `exercise` on `trace`, every 45th frame (one a second of the trace) captured.
  void play(const char* exercise, const std::filesystem::path& trace) {
    std::ofstream(dir_ / "sim.json") << "{\"pacing\": \"free\", \"display_rate_hz\": 45}";
    ::setenv("LUMBO_SIM_TRACE", trace.c_str(), 1);
    ::setenv("LUMBO_SIM_CONFIG", (dir_ / "sim.json").c_str(), 1);
    ::setenv("LUMBO_SIM_CAPTURE", (dir_ / "frames").c_str(), 1);
    ::setenv("LUMBO_SIM_CAPTURE_EVERY", "45", 1);
    std::filesystem::create_directories(dir_ / "frames");
    auto e = loadExercise(defaultExerciseFolder() / (std::string(exercise) + ".json"));
    ASSERT_TRUE(e.ok());
    XrAppOptions options;
    options.plan = {PlannedExercise{*e, 1, 1, 4}};
    options.personId = "p01";
    options.databasePath = dir_ / "p01.db";
    options.eyeSizePx = kEyePx;
    options.msaaSamples = 1;
    options.quiet = true;
    options.interactive = false;
    options.painBefore = 2;
    runXrSession(options);
  }

  // Chair-coloured pixels (warm brown through the mirror's glass) in the left eye's image of
  // frame `frameNumber`, within the box where the mirror shows the chair as the session places it
  // for the person of `trace`.
  int chairPixelsInMirror(const std::filesystem::path& trace, int frameNumber) {
    auto t = readTrace(trace);
    EXPECT_TRUE(t.ok());
    std::vector<TrackedFrame> hold;
    for (const auto& s : t->samples) {
      if (s.frame.timeS < 1.5) hold.push_back(s.frame);
    }
    const auto cal = calibrate(hold, NeutralPosition::Standing, false, t->layout.devices);
    EXPECT_TRUE(cal.ok());
    const ChairPlacement chair = chairPlacementFor(*cal);
    const MirrorPlacement mirror = mirrorPlacementFor(*cal);
    const double timeS = frameNumber / 45.0;
    std::size_t at = 0;
    while (at + 1 < t->samples.size() && t->samples[at].frame.timeS - t->samples[0].frame.timeS < timeS) ++at;
    const Pose& head = t->samples[at].frame[Device::Head].pose;
    const glm::vec3 eyeM(head.positionM + head.orientation * glm::dvec3(-0.0315, 0, 0));
    const float q = glm::radians(45.0f);
    const render::EyeView eye = render::makeEyeView(eyeM, glm::quat(head.orientation), render::Fov{-q, q, q, -q}, 0.05f, 100.0f);

    char name[32];
    std::snprintf(name, sizeof name, "frame_%06d.png", frameNumber);
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load((dir_ / "frames" / name).c_str(), &w, &h, &n, 4);
    EXPECT_NE(px, nullptr) << name;
    if (px == nullptr) return -1;
    // The image of the chair's bounding box, reflected.
    const glm::vec3 front = glm::normalize(chair.facing);
    const glm::vec3 side = glm::normalize(glm::cross(front, glm::vec3(0, 1, 0)));
    glm::ivec2 lo(w, h), hi(0, 0);
    for (float s : {-1.0f, 1.0f}) {
      for (float f : {-1.0f, 1.0f}) {
        for (float y : {0.0f, chair.seatCentreM.y + 0.42f}) {
          const glm::vec3 cornerM = glm::vec3(chair.seatCentreM.x, y, chair.seatCentreM.z) + 0.21f * s * side + 0.2f * f * front;
          const glm::vec4 clip = eye.projection * eye.view * glm::vec4(reflectAcross(mirror, cornerM), 1.0f);
          const glm::ivec2 p(static_cast<int>((clip.x / clip.w * 0.5f + 0.5f) * static_cast<float>(w)),
                             static_cast<int>((clip.y / clip.w * 0.5f + 0.5f) * static_cast<float>(h)));
          lo = glm::max(glm::min(lo, p), glm::ivec2(0));
          hi = glm::min(glm::max(hi, p), glm::ivec2(w - 1, h - 1));
        }
      }
    }
    int chairPixels = 0;
    for (int y = lo.y; y <= hi.y; ++y) {
      for (int x = lo.x; x <= hi.x; ++x) {
        const unsigned char* c = px + 4 * (y * w + x);
        // Reds above greens above blues, darker than skin: wood (the mirror's frame is far darker).
        chairPixels += c[0] > c[1] + 12 && c[1] > c[2] + 4 && c[0] > 95 && c[0] < 170 ? 1 : 0;
      }
    }
    stbi_image_free(px);
    return chairPixels;
  }

  test::TempDir dir_;
};

TEST_F(XrBodyFrameTest, SitToStandShowsItsChairAndADeepSquatDoesNot) {
  const auto sitToStand = test::testData("m05_s02_sit_to_stand_correct.csv");
  play("sit_to_stand", sitToStand);
  // At 3 s the person stands in front of the chair, calibrated.
  EXPECT_GE(chairPixelsInMirror(sitToStand, 135), 40);

  std::filesystem::remove_all(dir_ / "frames");
  std::filesystem::remove(dir_ / "p01.db");
  play("deep_squat", sitToStand);
  EXPECT_LE(chairPixelsInMirror(sitToStand, 135), 5);
}

}  // namespace
}  // namespace lumbo::app
