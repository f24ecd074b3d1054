// The simulated runtime through the real Khronos loader and the core validation layer, headless
// (XR_MND_headless): instance, state machine, spaces, trace playback, actions, trackers, loss,
// call-order errors and the config file.
#include <algorithm>
#include <cstring>

#include "tests/xr/sim_test_support.h"
#include "xr/simruntime/mndx_xdev_space.h"
#include "xr/simruntime/sim_config.h"

namespace lumbo::test {
namespace {

const std::vector<std::string> kHeadless = {XR_MND_HEADLESS_EXTENSION_NAME};
constexpr const char* kFreeConfig = R"({"pacing": "free", "trace": "trace.csv"})";

void beginSession(XrClient& c) {
  XrSessionBeginInfo bi{XR_TYPE_SESSION_BEGIN_INFO, nullptr,
                        XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO};
  XR_REQUIRE(xrBeginSession(c.session(), &bi));
}

// Begins the session and runs frames until FOCUSED; returns every state seen on the way.
std::vector<XrSessionState> focus(XrClient& c) {
  std::vector<XrSessionState> seen = c.pollStates();
  beginSession(c);
  for (int i = 0; i < 10 && c.lastState() != XR_SESSION_STATE_FOCUSED; ++i) {
    c.frame();
    for (auto s : c.pollStates()) seen.push_back(s);
  }
  return seen;
}

void expectNoValidationErrors(const SimFixture& f) {
  const auto errors = f.validationErrors();
  EXPECT_TRUE(errors.empty()) << errors.size() << " validation errors, first: " << errors.front();
}

TEST(SimRuntime, LoaderFindsRuntimeAndItsExtensions) {
  Trace trace = cutTrace(1.0);
  SimFixture f(kFreeConfig, &trace);
  ScopedEnv env;
  env.set("XR_RUNTIME_JSON", simRuntimeManifest().string());
  uint32_t n = 0;
  ASSERT_EQ(xrEnumerateInstanceExtensionProperties(nullptr, 0, &n, nullptr), XR_SUCCESS);
  std::vector<XrExtensionProperties> props(n, {XR_TYPE_EXTENSION_PROPERTIES});
  ASSERT_EQ(xrEnumerateInstanceExtensionProperties(nullptr, n, &n, props.data()), XR_SUCCESS);
  std::vector<std::string> names;
  for (const auto& p : props) names.emplace_back(p.extensionName);
  for (const char* wanted : {"XR_KHR_vulkan_enable2", "XR_MND_headless",
                             "XR_HTCX_vive_tracker_interaction", "XR_MNDX_xdev_space",
                             "XR_KHR_convert_timespec_time"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), wanted), names.end()) << wanted;
  }

  XrClient c(f.options(true, kHeadless));
  c.createInstance();
  XrInstanceProperties ip{XR_TYPE_INSTANCE_PROPERTIES};
  ASSERT_EQ(xrGetInstanceProperties(c.instance(), &ip), XR_SUCCESS);
  EXPECT_STREQ(ip.runtimeName, "Lumbo simulated runtime");
  XrSystemProperties sp{XR_TYPE_SYSTEM_PROPERTIES};
  ASSERT_EQ(xrGetSystemProperties(c.instance(), c.system(), &sp), XR_SUCCESS);
  EXPECT_TRUE(sp.trackingProperties.positionTracking);

  char text[XR_MAX_RESULT_STRING_SIZE];
  ASSERT_EQ(xrResultToString(c.instance(), XR_ERROR_SESSION_LOST, text), XR_SUCCESS);
  EXPECT_STREQ(text, "XR_ERROR_SESSION_LOST");
  char type[XR_MAX_STRUCTURE_NAME_SIZE];
  ASSERT_EQ(xrStructureTypeToString(c.instance(), XR_TYPE_FRAME_STATE, type), XR_SUCCESS);
  EXPECT_STREQ(type, "XR_TYPE_FRAME_STATE");

  const XrPath p = c.path("/user/hand/left");
  EXPECT_EQ(c.path("/user/hand/left"), p);
  char buffer[XR_MAX_PATH_LENGTH];
  uint32_t len = 0;
  ASSERT_EQ(xrPathToString(c.instance(), p, sizeof buffer, &len, buffer), XR_SUCCESS);
  EXPECT_STREQ(buffer, "/user/hand/left");
  EXPECT_EQ(len, std::strlen("/user/hand/left") + 1);

  uint32_t vn = 0;
  ASSERT_EQ(xrEnumerateViewConfigurationViews(c.instance(), c.system(),
                                              XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0, &vn,
                                              nullptr),
            XR_SUCCESS);
  EXPECT_EQ(vn, 2u);
  expectNoValidationErrors(f);
}

// Proves the validation check below can fail: the layer does log a malformed call.
TEST(SimRuntime, ValidationLayerReportsAMalformedCall) {
  Trace trace = cutTrace(1.0);
  SimFixture f(kFreeConfig, &trace);
  XrClient c(f.options(true, kHeadless));
  c.createInstance();
  XrSystemGetInfo bad{XR_TYPE_SYSTEM_PROPERTIES, nullptr, XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY};
  XrSystemId id = XR_NULL_SYSTEM_ID;
  EXPECT_TRUE(XR_FAILED(xrGetSystem(c.instance(), &bad, &id)));
  EXPECT_FALSE(f.validationErrors().empty());
}

TEST(SimRuntime, SessionGoesThroughEveryStateWithoutValidationErrors) {
  Trace trace = cutTrace(2.0);
  SimFixture f(kFreeConfig, &trace);
  XrClient c(f.options(true, kHeadless));
  c.createInstance();
  c.createSession();
  std::vector<XrSessionState> seen = focus(c);
  for (int i = 0; i < 5; ++i) c.frame();
  ASSERT_EQ(xrRequestExitSession(c.session()), XR_SUCCESS);
  for (int i = 0; i < 3 && c.lastState() != XR_SESSION_STATE_STOPPING; ++i) {
    for (auto s : c.pollStates()) seen.push_back(s);
    if (c.lastState() != XR_SESSION_STATE_STOPPING) c.frame();
  }
  ASSERT_EQ(xrEndSession(c.session()), XR_SUCCESS);
  for (auto s : c.pollStates()) seen.push_back(s);
  const std::vector<XrSessionState> expected = {
      XR_SESSION_STATE_IDLE,    XR_SESSION_STATE_READY,        XR_SESSION_STATE_SYNCHRONIZED,
      XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_FOCUSED,      XR_SESSION_STATE_VISIBLE,
      XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_STOPPING, XR_SESSION_STATE_IDLE,
      XR_SESSION_STATE_EXITING};
  EXPECT_EQ(seen, expected);
  c.destroySession();
  expectNoValidationErrors(f);
  EXPECT_EQ(f.diagnostics().find("violation"), std::string::npos) << f.diagnostics();
}

TEST(SimRuntime, EndOfTraceStopsTheSessionAfterItsDuration) {
  Trace trace = cutTrace(1.0);
  SimFixture f(R"({"pacing": "free", "trace": "trace.csv", "display_rate_hz": 60})", &trace);
  XrClient c(f.options(true, kHeadless));
  c.createInstance();
  c.createSession();
  focus(c);
  int frames = 0;
  XrTime first = 0;
  while (c.lastState() != XR_SESSION_STATE_STOPPING && frames < 1000) {
    const XrFrameState fs = c.frame();
    if (first == 0) first = fs.predictedDisplayTime;
    EXPECT_EQ(fs.predictedDisplayPeriod, 16'666'667);
    ++frames;
    c.pollStates();
  }
  // About one second of frames at 60 Hz, whatever the speed of this machine (free-running).
  EXPECT_GE(frames, 55);
  EXPECT_LE(frames, 62);
  ASSERT_EQ(xrEndSession(c.session()), XR_SUCCESS);
  auto states = c.pollStates();
  ASSERT_FALSE(states.empty());
  EXPECT_EQ(states.back(), XR_SESSION_STATE_EXITING);
  expectNoValidationErrors(f);
}

TEST(SimRuntime, SpacesAndViewsFollowTheTraceHead) {
  Trace trace = cutTrace(1.0);
  SimFixture f(R"({"pacing": "free", "trace": "trace.csv", "ipd_m": 0.07,
                   "stage_bounds_m": {"width": 2.5, "depth": 2.0},
                   "fov_deg": {"left": -40, "right": 42, "up": 41, "down": -43}})",
               &trace);
  XrClient c(f.options(true, kHeadless));
  c.createInstance();
  c.createSession();
  focus(c);
  const XrFrameState fs = c.frame();
  const auto head = track(trace, Device::Head);
  // Trace time zero is the session's start: free-running frames fall one period apart from it,
  // so the first frame showed at one period, and so on.
  const XrTime origin = c.firstDisplayTime - fs.predictedDisplayPeriod;
  for (double ts : {0.25, 0.5, 0.733}) {
    const XrTime t = origin + static_cast<XrTime>(ts * 1e9);
    auto expected = interpolatePoseAt(head, ts);
    ASSERT_TRUE(expected);
    const auto loc = locate(c.view(), c.stage(), t);
    EXPECT_EQ(loc.locationFlags, kTracked);
    expectPose(loc.pose, *expected);

    XrViewLocateInfo li{XR_TYPE_VIEW_LOCATE_INFO};
    li.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
    li.displayTime = t;
    li.space = c.stage();
    XrViewState vs{XR_TYPE_VIEW_STATE};
    std::array<XrView, 2> views{{{XR_TYPE_VIEW}, {XR_TYPE_VIEW}}};
    uint32_t n = 0;
    ASSERT_EQ(xrLocateViews(c.session(), &li, &vs, 2, &n, views.data()), XR_SUCCESS);
    EXPECT_EQ(n, 2u);
    const glm::dvec3 l = position(views[0].pose), r = position(views[1].pose);
    EXPECT_NEAR(glm::length(r - l), 0.07, 1e-4);
    EXPECT_NEAR(glm::length((l + r) * 0.5 - expected->positionM), 0.0, 2e-4);
    // The right eye is to the head's right (+x in the head frame).
    const glm::dvec3 rightInHead = glm::inverse(expected->orientation) * (r - l);
    EXPECT_GT(rightInHead.x, 0.069);
    EXPECT_NEAR(views[0].fov.angleLeft, -40.0 * M_PI / 180.0, 1e-5);
    EXPECT_NEAR(views[1].fov.angleDown, -43.0 * M_PI / 180.0, 1e-5);
  }
  // LOCAL starts at the first head position, gravity aligned.
  const auto viewInLocal = locate(c.view(), c.local(), origin);
  EXPECT_NEAR(glm::length(position(viewInLocal.pose)), 0.0, 2e-4);
  const auto localInStage = locate(c.local(), c.stage(), origin);
  const glm::dvec3 up = orientation(localInStage.pose) * glm::dvec3(0, 1, 0);
  EXPECT_NEAR(up.y, 1.0, 1e-6);

  XrExtent2Df bounds{};
  ASSERT_EQ(xrGetReferenceSpaceBoundsRect(c.session(), XR_REFERENCE_SPACE_TYPE_STAGE, &bounds),
            XR_SUCCESS);
  EXPECT_FLOAT_EQ(bounds.width, 2.5f);
  EXPECT_FLOAT_EQ(bounds.height, 2.0f);
  EXPECT_EQ(xrGetReferenceSpaceBoundsRect(c.session(), XR_REFERENCE_SPACE_TYPE_LOCAL, &bounds),
            XR_SPACE_BOUNDS_UNAVAILABLE);
  expectNoValidationErrors(f);
}

TEST(SimRuntime, LoopingTraceRepeatsPoses) {
  Trace trace = cutTrace(1.0);
  SimFixture f(R"({"pacing": "free", "trace": "trace.csv", "at_end": "loop"})", &trace);
  XrClient c(f.options(true, kHeadless));
  c.createInstance();
  c.createSession();
  focus(c);
  XrTime last = 0;
  for (int i = 0; i < 200; ++i) last = c.frame().predictedDisplayTime;  // past 2 s at 90 Hz
  for (auto s : c.pollStates()) EXPECT_NE(s, XR_SESSION_STATE_STOPPING);
  const auto a = locate(c.view(), c.stage(), last);
  const auto b = locate(c.view(), c.stage(), last - static_cast<XrTime>(1e9));
  EXPECT_EQ(a.locationFlags, kTracked);
  expectPose(a.pose, Pose{position(b.pose), orientation(b.pose)}, 1e-5);
  // And it does move within the loop, so the comparison above is not trivially true.
  const auto m = locate(c.view(), c.stage(), last - static_cast<XrTime>(0.5e9));
  EXPECT_GT(glm::length(position(m.pose) - position(a.pose)) +
                (1.0 - std::abs(glm::dot(orientation(m.pose), orientation(a.pose)))),
            1e-4);
  expectNoValidationErrors(f);
}

}  // namespace
}  // namespace lumbo::test
