// The simulated runtime through the real Khronos loader and the core validation layer, headless
// (XR_MND_headless): instance, state machine, spaces, trace playback, actions, trackers, loss,
// call-order errors and the config file.
#include <algorithm>
#include <chrono>
#include <cstring>

#include "tests/simruntime/sim_test_support.h"
#include "simruntime/device/hand_model.h"
#include "xr/ext/mndx_xdev_space.h"
#include "simruntime/device/sim_config.h"

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
                             "XR_KHR_convert_timespec_time", "XR_EXT_hand_tracking"}) {
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


struct Actions {
  XrActionSet set = XR_NULL_HANDLE;
  XrAction select = XR_NULL_HANDLE;   // boolean
  XrAction trigger = XR_NULL_HANDLE;  // float
  XrAction stick = XR_NULL_HANDLE;    // vector2
  XrAction grip = XR_NULL_HANDLE;     // pose
  XrAction buzz = XR_NULL_HANDLE;     // vibration
  XrPath left = XR_NULL_PATH;
  XrPath right = XR_NULL_PATH;
};

XrAction makeAction(XrActionSet set, const char* name, XrActionType type,
                    const std::vector<XrPath>& subactions) {
  XrActionCreateInfo ci{XR_TYPE_ACTION_CREATE_INFO};
  std::strcpy(ci.actionName, name);
  std::strcpy(ci.localizedActionName, name);
  ci.actionType = type;
  ci.countSubactionPaths = static_cast<uint32_t>(subactions.size());
  ci.subactionPaths = subactions.data();
  XrAction a = XR_NULL_HANDLE;
  XR_REQUIRE(xrCreateAction(set, &ci, &a));
  return a;
}

void suggest(XrClient& c, const std::string& profile,
             const std::vector<std::pair<XrAction, std::string>>& bindings) {
  std::vector<XrActionSuggestedBinding> list;
  for (const auto& [a, p] : bindings) list.push_back({a, c.path(p)});
  XrInteractionProfileSuggestedBinding sb{XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING};
  sb.interactionProfile = c.path(profile);
  sb.countSuggestedBindings = static_cast<uint32_t>(list.size());
  sb.suggestedBindings = list.data();
  XR_REQUIRE(xrSuggestInteractionProfileBindings(c.instance(), &sb));
}

Actions makeActions(XrClient& c) {
  Actions a;
  XrActionSetCreateInfo si{XR_TYPE_ACTION_SET_CREATE_INFO};
  std::strcpy(si.actionSetName, "gameplay");
  std::strcpy(si.localizedActionSetName, "Gameplay");
  XR_REQUIRE(xrCreateActionSet(c.instance(), &si, &a.set));
  a.left = c.path("/user/hand/left");
  a.right = c.path("/user/hand/right");
  a.select = makeAction(a.set, "select", XR_ACTION_TYPE_BOOLEAN_INPUT, {a.left, a.right});
  a.trigger = makeAction(a.set, "trigger", XR_ACTION_TYPE_FLOAT_INPUT, {a.left, a.right});
  a.stick = makeAction(a.set, "stick", XR_ACTION_TYPE_VECTOR2F_INPUT, {a.left, a.right});
  a.grip = makeAction(a.set, "grip", XR_ACTION_TYPE_POSE_INPUT, {a.left, a.right});
  a.buzz = makeAction(a.set, "buzz", XR_ACTION_TYPE_VIBRATION_OUTPUT, {a.left, a.right});
  suggest(c, "/interaction_profiles/khr/simple_controller",
          {{a.select, "/user/hand/left/input/select/click"},
           {a.select, "/user/hand/right/input/select/click"},
           {a.grip, "/user/hand/left/input/grip/pose"},
           {a.grip, "/user/hand/right/input/grip/pose"},
           {a.buzz, "/user/hand/right/output/haptic"}});
  suggest(c, "/interaction_profiles/oculus/touch_controller",
          {{a.select, "/user/hand/left/input/trigger/value"},
           {a.select, "/user/hand/right/input/trigger/value"},
           {a.trigger, "/user/hand/left/input/trigger/value"},
           {a.trigger, "/user/hand/right/input/trigger/value"},
           {a.stick, "/user/hand/left/input/thumbstick"},
           {a.grip, "/user/hand/left/input/grip/pose"},
           {a.grip, "/user/hand/right/input/grip/pose"},
           {a.buzz, "/user/hand/left/output/haptic"},
           {a.buzz, "/user/hand/right/output/haptic"}});
  suggest(c, "/interaction_profiles/htc/vive_controller",
          {{a.select, "/user/hand/right/input/trigger/click"},
           {a.grip, "/user/hand/right/input/grip/pose"}});
  return a;
}

void attach(XrClient& c, XrActionSet set) {
  XrSessionActionSetsAttachInfo ai{XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO};
  ai.countActionSets = 1;
  ai.actionSets = &set;
  XR_REQUIRE(xrAttachSessionActionSets(c.session(), &ai));
}

void sync(XrClient& c, XrActionSet set) {
  XrActiveActionSet active{set, XR_NULL_PATH};
  XrActionsSyncInfo si{XR_TYPE_ACTIONS_SYNC_INFO};
  si.countActiveActionSets = 1;
  si.activeActionSets = &active;
  XR_REQUIRE(xrSyncActions(c.session(), &si));
}

XrActionStateFloat floatState(XrClient& c, XrAction a, XrPath sub) {
  XrActionStateGetInfo gi{XR_TYPE_ACTION_STATE_GET_INFO, nullptr, a, sub};
  XrActionStateFloat st{XR_TYPE_ACTION_STATE_FLOAT};
  XR_REQUIRE(xrGetActionStateFloat(c.session(), &gi, &st));
  return st;
}

XrActionStateBoolean boolState(XrClient& c, XrAction a, XrPath sub) {
  XrActionStateGetInfo gi{XR_TYPE_ACTION_STATE_GET_INFO, nullptr, a, sub};
  XrActionStateBoolean st{XR_TYPE_ACTION_STATE_BOOLEAN};
  XR_REQUIRE(xrGetActionStateBoolean(c.session(), &gi, &st));
  return st;
}

XrSpace actionSpace(XrClient& c, XrAction a, XrPath sub) {
  XrActionSpaceCreateInfo ci{XR_TYPE_ACTION_SPACE_CREATE_INFO};
  ci.action = a;
  ci.subactionPath = sub;
  ci.poseInActionSpace = {{0, 0, 0, 1}, {0, 0, 0}};
  XrSpace s = XR_NULL_HANDLE;
  XR_REQUIRE(xrCreateActionSpace(c.session(), &ci, &s));
  return s;
}

std::string pathText(XrClient& c, XrPath p) {
  char buffer[XR_MAX_PATH_LENGTH] = {};
  uint32_t n = 0;
  XR_REQUIRE(xrPathToString(c.instance(), p, sizeof buffer, &n, buffer));
  return buffer;
}

TEST(SimRuntime, ScriptedInputDrivesActionsAndHapticsAreLogged) {
  Trace trace = cutTrace(2.0, Device::RHand, 1.2, 1.4);
  SimFixture f(R"({"pacing": "free", "trace": "trace.csv", "display_rate_hz": 50,
    "inputs": [
      {"path": "/user/hand/right/input/trigger/value", "start_s": 0.5, "end_s": 1.0, "value": 0.8},
      {"path": "/user/hand/left/input/thumbstick", "start_s": 0.2, "end_s": 0.4, "x": 0.5, "y": -0.25}
    ]})",
               &trace);
  XrClient c(f.options(true, kHeadless));
  c.createInstance();
  c.createSession();
  Actions a = makeActions(c);
  attach(c, a.set);
  focus(c);
  XrInteractionProfileState ps{XR_TYPE_INTERACTION_PROFILE_STATE};
  ASSERT_EQ(xrGetCurrentInteractionProfile(c.session(), a.right, &ps), XR_SUCCESS);
  EXPECT_EQ(pathText(c, ps.interactionProfile), "/interaction_profiles/oculus/touch_controller");
  bool sawProfileEvent = false;
  for (const auto& e : c.events) {
    sawProfileEvent |= e.type == XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED;
  }
  EXPECT_TRUE(sawProfileEvent);

  XrSpace rightGrip = actionSpace(c, a.grip, a.right);
  const auto rhand = track(trace, Device::RHand);
  const XrTime period = 20'000'000;
  const XrTime origin = c.firstDisplayTime - period;
  int pressedFrames = 0, stickFrames = 0, changes = 0, checkedPoses = 0, untracked = 0;
  bool buzzed = false;
  for (int i = 0; i < 90; ++i) {
    const XrFrameState fs = c.frame();
    sync(c, a.set);
    const double ts = static_cast<double>(fs.predictedDisplayTime - origin) * 1e-9;
    const bool inPress = ts >= 0.5 + 1e-6 && ts < 1.0 - 1e-6;
    const bool nearEdge = std::abs(ts - 0.5) < 1e-6 || std::abs(ts - 1.0) < 1e-6;
    const auto trig = floatState(c, a.trigger, a.right);
    const auto sel = boolState(c, a.select, a.right);
    EXPECT_TRUE(trig.isActive);
    if (!nearEdge) {
      EXPECT_FLOAT_EQ(trig.currentState, inPress ? 0.8f : 0.0f) << "t=" << ts;
      EXPECT_EQ(sel.currentState, inPress ? XR_TRUE : XR_FALSE) << "t=" << ts;
    }
    pressedFrames += sel.currentState ? 1 : 0;
    changes += sel.changedSinceLastSync ? 1 : 0;
    EXPECT_FALSE(boolState(c, a.select, a.left).currentState);
    // The combined state (no subaction path) sees the right hand too.
    EXPECT_EQ(boolState(c, a.select, XR_NULL_PATH).currentState, sel.currentState);

    XrActionStateGetInfo gi{XR_TYPE_ACTION_STATE_GET_INFO, nullptr, a.stick, a.left};
    XrActionStateVector2f v{XR_TYPE_ACTION_STATE_VECTOR2F};
    XR_REQUIRE(xrGetActionStateVector2f(c.session(), &gi, &v));
    if (v.currentState.x != 0.0f) {
      ++stickFrames;
      EXPECT_FLOAT_EQ(v.currentState.x, 0.5f);
      EXPECT_FLOAT_EQ(v.currentState.y, -0.25f);
    }

    const auto loc = locate(rightGrip, c.stage(), fs.predictedDisplayTime);
    auto expected = interpolatePoseAt(rhand, ts);
    if (expected) {
      EXPECT_EQ(loc.locationFlags, kTracked);
      expectPose(loc.pose, *expected);
      ++checkedPoses;
    } else {
      EXPECT_EQ(loc.locationFlags, 0u) << "t=" << ts;
      ++untracked;
    }
    if (i == 40) {
      XrHapticVibration vib{XR_TYPE_HAPTIC_VIBRATION};
      vib.duration = 30'000'000;
      vib.frequency = XR_FREQUENCY_UNSPECIFIED;
      vib.amplitude = 0.5f;
      XrHapticActionInfo hi{XR_TYPE_HAPTIC_ACTION_INFO, nullptr, a.buzz, a.right};
      XR_REQUIRE(xrApplyHapticFeedback(c.session(), &hi,
                                       reinterpret_cast<const XrHapticBaseHeader*>(&vib)));
      XR_REQUIRE(xrStopHapticFeedback(c.session(), &hi));
      buzzed = true;
    }
  }
  EXPECT_TRUE(buzzed);
  EXPECT_NEAR(pressedFrames, 25, 1);  // 0.5 s at 50 Hz
  EXPECT_NEAR(stickFrames, 10, 1);
  EXPECT_EQ(changes, 2);  // pressed, then released
  EXPECT_GT(checkedPoses, 60);
  EXPECT_NEAR(untracked, 10, 2);  // the 0.2 s gap

  std::ifstream in(f.hapticsLog());
  std::string header, apply, stop;
  std::getline(in, header);
  std::getline(in, apply);
  std::getline(in, stop);
  EXPECT_EQ(header, "time_s,event,source,duration_ns,frequency_hz,amplitude");
  EXPECT_NE(apply.find(",apply,/user/hand/right/output/haptic,30000000,0,0.5"), std::string::npos)
      << apply;
  EXPECT_NE(stop.find(",stop,/user/hand/right/output/haptic,0,0,0"), std::string::npos) << stop;
  xrDestroySpace(rightGrip);
  EXPECT_TRUE(f.validationErrors().empty()) << f.validationErrors().front();
}

TEST(SimRuntime, ViveTrackersFollowTheTraceBodyDevices) {
  Trace trace = cutTrace(1.0);
  SimFixture f(R"({"pacing": "free", "trace": "trace.csv"})", &trace);
  XrClient c(f.options(true, {XR_MND_HEADLESS_EXTENSION_NAME,
                              XR_HTCX_VIVE_TRACKER_INTERACTION_EXTENSION_NAME}));
  c.createInstance();
  c.createSession();
  c.pollStates();
  std::vector<std::string> connectedRoles;
  for (const auto& e : c.events) {
    if (e.type != XR_TYPE_EVENT_DATA_VIVE_TRACKER_CONNECTED_HTCX) continue;
    const auto& ev = reinterpret_cast<const XrEventDataViveTrackerConnectedHTCX&>(e);
    connectedRoles.push_back(pathText(c, ev.paths->rolePath));
  }
  std::sort(connectedRoles.begin(), connectedRoles.end());
  const std::vector<std::string> expected = {
      "/user/vive_tracker_htcx/role/chest", "/user/vive_tracker_htcx/role/left_foot",
      "/user/vive_tracker_htcx/role/right_foot", "/user/vive_tracker_htcx/role/waist"};
  EXPECT_EQ(connectedRoles, expected);

  auto enumerate = c.proc<PFN_xrEnumerateViveTrackerPathsHTCX>("xrEnumerateViveTrackerPathsHTCX");
  uint32_t n = 0;
  XR_REQUIRE(enumerate(c.instance(), 0, &n, nullptr));
  EXPECT_EQ(n, 4u);

  XrActionSetCreateInfo si{XR_TYPE_ACTION_SET_CREATE_INFO};
  std::strcpy(si.actionSetName, "body");
  std::strcpy(si.localizedActionSetName, "Body");
  XrActionSet set = XR_NULL_HANDLE;
  XR_REQUIRE(xrCreateActionSet(c.instance(), &si, &set));
  const XrPath waist = c.path("/user/vive_tracker_htcx/role/waist");
  const XrPath lfoot = c.path("/user/vive_tracker_htcx/role/left_foot");
  XrAction pose = makeAction(set, "tracker_pose", XR_ACTION_TYPE_POSE_INPUT, {waist, lfoot});
  suggest(c, "/interaction_profiles/htc/vive_tracker_htcx",
          {{pose, "/user/vive_tracker_htcx/role/waist/input/grip/pose"},
           {pose, "/user/vive_tracker_htcx/role/left_foot/input/grip/pose"}});
  attach(c, set);
  focus(c);
  XrInteractionProfileState ps{XR_TYPE_INTERACTION_PROFILE_STATE};
  XR_REQUIRE(xrGetCurrentInteractionProfile(c.session(), waist, &ps));
  EXPECT_EQ(pathText(c, ps.interactionProfile), "/interaction_profiles/htc/vive_tracker_htcx");
  XrSpace waistSpace = actionSpace(c, pose, waist);
  XrSpace footSpace = actionSpace(c, pose, lfoot);
  const XrFrameState fs = c.frame();
  sync(c, set);
  XrActionStateGetInfo gi{XR_TYPE_ACTION_STATE_GET_INFO, nullptr, pose, waist};
  XrActionStatePose st{XR_TYPE_ACTION_STATE_POSE};
  XR_REQUIRE(xrGetActionStatePose(c.session(), &gi, &st));
  EXPECT_TRUE(st.isActive);
  const XrTime origin = c.firstDisplayTime - fs.predictedDisplayPeriod;
  const double ts = static_cast<double>(fs.predictedDisplayTime - origin) * 1e-9;
  expectPose(locate(waistSpace, c.stage(), fs.predictedDisplayTime).pose,
             *interpolatePoseAt(track(trace, Device::Pelvis), ts));
  expectPose(locate(footSpace, c.stage(), fs.predictedDisplayTime).pose,
             *interpolatePoseAt(track(trace, Device::LFoot), ts));
  xrDestroySpace(footSpace);
  xrDestroySpace(waistSpace);
  xrDestroyActionSet(set);
  EXPECT_TRUE(f.validationErrors().empty()) << f.validationErrors().front();
}

// The 1.0.20 validation layer predates XR_MNDX_xdev_space, so this test runs without it.
TEST(SimRuntime, XDevSpacesExposeEveryTracedDevice) {
  Trace trace = cutTrace(1.0);
  SimFixture f(R"({"pacing": "free", "trace": "trace.csv"})", &trace);
  XrClient c(f.options(false, {XR_MND_HEADLESS_EXTENSION_NAME, XR_MNDX_XDEV_SPACE_EXTENSION_NAME}));
  c.createInstance();
  XrSystemXDevSpacePropertiesMNDX xp{XR_TYPE_SYSTEM_XDEV_SPACE_PROPERTIES_MNDX};
  XrSystemProperties sp{XR_TYPE_SYSTEM_PROPERTIES, &xp};
  XR_REQUIRE(xrGetSystemProperties(c.instance(), c.system(), &sp));
  EXPECT_TRUE(xp.supportsXDevSpace);
  c.createSession();
  auto createList = c.proc<PFN_xrCreateXDevListMNDX>("xrCreateXDevListMNDX");
  auto enumerate = c.proc<PFN_xrEnumerateXDevsMNDX>("xrEnumerateXDevsMNDX");
  auto properties = c.proc<PFN_xrGetXDevPropertiesMNDX>("xrGetXDevPropertiesMNDX");
  auto createSpace = c.proc<PFN_xrCreateXDevSpaceMNDX>("xrCreateXDevSpaceMNDX");
  auto destroyList = c.proc<PFN_xrDestroyXDevListMNDX>("xrDestroyXDevListMNDX");
  XrCreateXDevListInfoMNDX li{XR_TYPE_CREATE_XDEV_LIST_INFO_MNDX, nullptr};
  XrXDevListMNDX list = XR_NULL_HANDLE;
  XR_REQUIRE(createList(c.session(), &li, &list));
  uint32_t n = 0;
  XR_REQUIRE(enumerate(list, 0, &n, nullptr));
  std::vector<XrXDevIdMNDX> ids(n);
  XR_REQUIRE(enumerate(list, n, &n, ids.data()));
  EXPECT_EQ(n, trace.layout.devices.count());
  XrXDevIdMNDX pelvis = 0;
  for (auto id : ids) {
    XrGetXDevInfoMNDX gi{XR_TYPE_GET_XDEV_INFO_MNDX, nullptr, id};
    XrXDevPropertiesMNDX props{XR_TYPE_XDEV_PROPERTIES_MNDX};
    XR_REQUIRE(properties(list, &gi, &props));
    EXPECT_TRUE(props.canCreateSpace);
    if (std::string(props.serial) == "lumbo-pelvis") pelvis = id;
  }
  ASSERT_NE(pelvis, 0u);
  XrCreateXDevSpaceInfoMNDX si{XR_TYPE_CREATE_XDEV_SPACE_INFO_MNDX, nullptr, list, pelvis,
                               {{0, 0, 0, 1}, {0, 0, 0}}};
  XrSpace space = XR_NULL_HANDLE;
  XR_REQUIRE(createSpace(c.session(), &si, &space));
  focus(c);
  const XrFrameState fs = c.frame();
  const double ts =
      static_cast<double>(fs.predictedDisplayTime - (c.firstDisplayTime - fs.predictedDisplayPeriod)) *
      1e-9;
  expectPose(locate(space, c.stage(), fs.predictedDisplayTime).pose,
             *interpolatePoseAt(track(trace, Device::Pelvis), ts));
  XR_REQUIRE(destroyList(list));
  xrDestroySpace(space);
}

TEST(SimRuntime, SimulatedLossEndsTheSessionAndANewOneCanStart) {
  Trace trace = cutTrace(2.0);
  SimFixture f(R"({"pacing": "free", "trace": "trace.csv", "loss_at_s": 0.3})", &trace);
  XrClient c(f.options(true, kHeadless));
  c.createInstance();
  c.createSession();
  focus(c);
  XrResult r = XR_SUCCESS;
  int frames = 0;
  XrFrameState fs{XR_TYPE_FRAME_STATE};
  while (frames < 100) {
    r = xrWaitFrame(c.session(), nullptr, &fs);
    if (r != XR_SUCCESS) break;
    XR_REQUIRE(xrBeginFrame(c.session(), nullptr));
    XrFrameEndInfo ei{XR_TYPE_FRAME_END_INFO};
    ei.displayTime = fs.predictedDisplayTime;
    ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
    XR_REQUIRE(xrEndFrame(c.session(), &ei));
    ++frames;
  }
  EXPECT_EQ(r, XR_SESSION_LOSS_PENDING);
  EXPECT_NEAR(frames, 26, 2);  // 0.3 s at 90 Hz, less the frame focus() ran
  auto states = c.pollStates();
  ASSERT_FALSE(states.empty());
  EXPECT_EQ(states.back(), XR_SESSION_STATE_LOSS_PENDING);
  EXPECT_EQ(xrBeginFrame(c.session(), nullptr), XR_ERROR_SESSION_LOST);
  c.destroySession();
  c.createSession();
  EXPECT_EQ(c.pollStates(),
            (std::vector<XrSessionState>{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY}));
  focus(c);
  EXPECT_EQ(c.lastState(), XR_SESSION_STATE_FOCUSED);
  EXPECT_NE(f.diagnostics().find("simulated session loss"), std::string::npos);
  EXPECT_TRUE(f.validationErrors().empty()) << f.validationErrors().front();
}

// Wrong call orders, answered as the specification requires and logged. Without the validation
// layer, so that the runtime itself is what answers.
TEST(SimRuntime, WrongCallOrdersGetTheSpecifiedErrors) {
  Trace trace = cutTrace(1.0);
  SimFixture f(kFreeConfig, &trace);
  XrClient c(f.options(false, kHeadless));
  c.createInstance();
  c.createSession();
  c.pollStates();
  XrFrameState fs{XR_TYPE_FRAME_STATE};
  EXPECT_EQ(xrWaitFrame(c.session(), nullptr, &fs), XR_ERROR_SESSION_NOT_RUNNING);
  EXPECT_EQ(xrEndSession(c.session()), XR_ERROR_SESSION_NOT_RUNNING);
  EXPECT_EQ(xrRequestExitSession(c.session()), XR_ERROR_SESSION_NOT_RUNNING);
  XrSessionBeginInfo bi{XR_TYPE_SESSION_BEGIN_INFO, nullptr, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_MONO};
  EXPECT_EQ(xrBeginSession(c.session(), &bi), XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED);
  beginSession(c);
  bi.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  EXPECT_EQ(xrBeginSession(c.session(), &bi), XR_ERROR_SESSION_RUNNING);

  EXPECT_EQ(xrBeginFrame(c.session(), nullptr), XR_ERROR_CALL_ORDER_INVALID);
  XrFrameEndInfo ei{XR_TYPE_FRAME_END_INFO};
  ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  ei.displayTime = 1;
  EXPECT_EQ(xrEndFrame(c.session(), &ei), XR_ERROR_CALL_ORDER_INVALID);
  ASSERT_EQ(xrWaitFrame(c.session(), nullptr, &fs), XR_SUCCESS);
  ASSERT_EQ(xrBeginFrame(c.session(), nullptr), XR_SUCCESS);
  ASSERT_EQ(xrWaitFrame(c.session(), nullptr, &fs), XR_SUCCESS);
  EXPECT_EQ(xrBeginFrame(c.session(), nullptr), XR_FRAME_DISCARDED);
  ei.displayTime = fs.predictedDisplayTime;
  ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_ADDITIVE;
  EXPECT_EQ(xrEndFrame(c.session(), &ei), XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED);
  ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  ei.displayTime = 0;
  EXPECT_EQ(xrEndFrame(c.session(), &ei), XR_ERROR_TIME_INVALID);
  ei.displayTime = fs.predictedDisplayTime;
  ASSERT_EQ(xrEndFrame(c.session(), &ei), XR_SUCCESS);
  c.pollStates();
  ASSERT_EQ(c.lastState(), XR_SESSION_STATE_FOCUSED);
  EXPECT_EQ(xrEndSession(c.session()), XR_ERROR_SESSION_NOT_STOPPING);

  // Actions.
  Actions a = makeActions(c);
  XrActiveActionSet active{a.set, XR_NULL_PATH};
  XrActionsSyncInfo si{XR_TYPE_ACTIONS_SYNC_INFO};
  si.countActiveActionSets = 1;
  si.activeActionSets = &active;
  EXPECT_EQ(xrSyncActions(c.session(), &si), XR_ERROR_ACTIONSET_NOT_ATTACHED);
  XrActionStateGetInfo gi{XR_TYPE_ACTION_STATE_GET_INFO, nullptr, a.trigger, XR_NULL_PATH};
  XrActionStateFloat fst{XR_TYPE_ACTION_STATE_FLOAT};
  EXPECT_EQ(xrGetActionStateFloat(c.session(), &gi, &fst), XR_ERROR_ACTIONSET_NOT_ATTACHED);
  XrActionSuggestedBinding bad{a.select, c.path("/user/hand/left/input/nonsense/click")};
  XrInteractionProfileSuggestedBinding sb{XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING};
  sb.interactionProfile = c.path("/interaction_profiles/khr/simple_controller");
  sb.countSuggestedBindings = 1;
  sb.suggestedBindings = &bad;
  EXPECT_EQ(xrSuggestInteractionProfileBindings(c.instance(), &sb), XR_ERROR_PATH_UNSUPPORTED);
  sb.interactionProfile = c.path("/interaction_profiles/lumbo/made_up");
  EXPECT_EQ(xrSuggestInteractionProfileBindings(c.instance(), &sb), XR_ERROR_PATH_UNSUPPORTED);
  XrPath p = XR_NULL_PATH;
  EXPECT_EQ(xrStringToPath(c.instance(), "/user/Hand//left", &p), XR_ERROR_PATH_FORMAT_INVALID);
  XrActionSetCreateInfo dup{XR_TYPE_ACTION_SET_CREATE_INFO};
  std::strcpy(dup.actionSetName, "gameplay");
  std::strcpy(dup.localizedActionSetName, "Another");
  XrActionSet other = XR_NULL_HANDLE;
  EXPECT_EQ(xrCreateActionSet(c.instance(), &dup, &other), XR_ERROR_NAME_DUPLICATED);

  attach(c, a.set);
  XrSessionActionSetsAttachInfo ai{XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO, nullptr, 1, &a.set};
  EXPECT_EQ(xrAttachSessionActionSets(c.session(), &ai), XR_ERROR_ACTIONSETS_ALREADY_ATTACHED);
  XrActionSuggestedBinding good{a.select, c.path("/user/hand/left/input/select/click")};
  sb.interactionProfile = c.path("/interaction_profiles/khr/simple_controller");
  sb.suggestedBindings = &good;
  EXPECT_EQ(xrSuggestInteractionProfileBindings(c.instance(), &sb),
            XR_ERROR_ACTIONSETS_ALREADY_ATTACHED);
  EXPECT_EQ(xrGetActionStateFloat(c.session(), &gi, &fst), XR_SUCCESS);
  gi.action = a.select;
  EXPECT_EQ(xrGetActionStateFloat(c.session(), &gi, &fst), XR_ERROR_ACTION_TYPE_MISMATCH);
  gi.subactionPath = c.path("/user/head");
  EXPECT_EQ(xrGetActionStateBoolean(c.session(), &gi,
                                    std::array<XrActionStateBoolean, 1>{{{XR_TYPE_ACTION_STATE_BOOLEAN}}}.data()),
            XR_ERROR_PATH_UNSUPPORTED);

  // A destroyed handle is no longer valid.
  XrSpace s = actionSpace(c, a.grip, a.left);
  ASSERT_EQ(xrDestroySpace(s), XR_SUCCESS);
  XrSpaceLocation loc{XR_TYPE_SPACE_LOCATION};
  EXPECT_EQ(xrLocateSpace(s, c.stage(), fs.predictedDisplayTime, &loc), XR_ERROR_HANDLE_INVALID);
  EXPECT_EQ(xrDestroySpace(s), XR_ERROR_HANDLE_INVALID);

  // Every spec violation above was logged.
  const std::string log = f.diagnostics();
  for (const char* expected :
       {"xrWaitFrame: XR_ERROR_SESSION_NOT_RUNNING", "xrBeginFrame: XR_ERROR_CALL_ORDER_INVALID",
        "xrEndFrame: XR_ERROR_CALL_ORDER_INVALID", "xrEndSession: XR_ERROR_SESSION_NOT_STOPPING",
        "xrSyncActions: XR_ERROR_ACTIONSET_NOT_ATTACHED",
        "xrAttachSessionActionSets: XR_ERROR_ACTIONSETS_ALREADY_ATTACHED",
        "xrGetActionStateFloat: XR_ERROR_ACTION_TYPE_MISMATCH"}) {
    EXPECT_NE(log.find(expected), std::string::npos) << expected << "\n" << log;
  }
}

// Paced frames keep the display rate: the mean interval between xrWaitFrame returns over a
// third of a second stays within 1 ms of the period, and display times are one period apart.
TEST(SimRuntime, PacedFramesKeepTheDisplayRate) {
  Trace trace = cutTrace(2.0);
  SimFixture f(R"({"pacing": "paced", "trace": "trace.csv", "display_rate_hz": 90})", &trace);
  XrClient c(f.options(true, kHeadless));
  c.createInstance();
  c.createSession();
  focus(c);
  constexpr int kFrames = 30;
  XrTime previousDisplay = c.frame().predictedDisplayTime;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kFrames; ++i) {
    const XrFrameState fs = c.frame();
    EXPECT_EQ(fs.predictedDisplayTime - previousDisplay, 11'111'111) << i;
    previousDisplay = fs.predictedDisplayTime;
  }
  const double elapsedMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  EXPECT_NEAR(elapsedMs / kFrames, 1000.0 / 90.0, 1.0);
  EXPECT_TRUE(f.validationErrors().empty()) << f.validationErrors().front();
}

TEST(SimRuntime, AFullEventQueueReportsLostEvents) {
  Trace trace = cutTrace(1.0);
  SimFixture f(kFreeConfig, &trace);
  XrClient c(f.options(false, {XR_MND_HEADLESS_EXTENSION_NAME,
                               XR_HTCX_VIVE_TRACKER_INTERACTION_EXTENSION_NAME}));
  c.createInstance();
  // Each session announces the trace's four trackers; the application never polls.
  for (int i = 0; i < 300; ++i) {
    c.createSession();
    c.destroySession();
  }
  XrEventDataBuffer e{XR_TYPE_EVENT_DATA_BUFFER};
  ASSERT_EQ(xrPollEvent(c.instance(), &e), XR_SUCCESS);
  ASSERT_EQ(e.type, XR_TYPE_EVENT_DATA_EVENTS_LOST);
  const uint32_t lost = reinterpret_cast<const XrEventDataEventsLost&>(e).lostEventCount;
  uint32_t kept = 0;
  for (;;) {
    e = {XR_TYPE_EVENT_DATA_BUFFER};
    if (xrPollEvent(c.instance(), &e) != XR_SUCCESS) break;
    EXPECT_EQ(e.type, XR_TYPE_EVENT_DATA_VIVE_TRACKER_CONNECTED_HTCX);
    ++kept;
  }
  // The queue holds at most 1024; every tracker event was either kept or counted as lost
  // (the count also covers state events of sessions destroyed since, hence >=).
  EXPECT_LE(kept, 1024u);
  EXPECT_GT(kept, 1000u);
  EXPECT_GE(kept + lost, 300u * 4u);
}

TEST(SimRuntime, SessionWithoutGraphicsNeedsHeadless) {
  Trace trace = cutTrace(1.0);
  SimFixture f(kFreeConfig, &trace);
  XrClient c(f.options(false));
  c.createInstance();
  XrSessionCreateInfo si{XR_TYPE_SESSION_CREATE_INFO, nullptr, 0, c.system()};
  XrSession s = XR_NULL_HANDLE;
  EXPECT_EQ(xrCreateSession(c.instance(), &si, &s), XR_ERROR_GRAPHICS_DEVICE_INVALID);
}

TEST(SimRuntime, BadConfigFailsInstanceCreationNamingTheField) {
  SimFixture f(R"({"pacing": "free", "display_rate_hz": -5})");
  ClientOptions o = f.options(false, kHeadless);
  XrClient c(o);
  EXPECT_THROW(c.createInstance(), CallError);

  auto bad = simxr::loadSimConfig(f.dir.path() / "config.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("config.json"), std::string::npos);
  EXPECT_NE(bad.error().find("display_rate_hz"), std::string::npos);

  auto unknown = simxr::loadSimConfig(f.dir.write("u.json", R"({"ipd": 0.06})"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().find("'ipd': unknown key"), std::string::npos) << unknown.error();

  auto input = simxr::loadSimConfig(f.dir.write(
      "i.json", R"({"inputs": [{"path": "/user/hand/left/input/select/click", "start_s": 2, "end_s": 1}]})"));
  ASSERT_FALSE(input.ok());
  EXPECT_NE(input.error().find("inputs[0]"), std::string::npos) << input.error();

  auto good = simxr::loadSimConfig(f.dir.write(
      "g.json", R"({"display_rate_hz": 72, "pacing": "paced", "at_end": "loop", "trace": "t.csv",
                    "recommended_width": 640, "capture_every": 10})"));
  ASSERT_TRUE(good.ok()) << good.error();
  EXPECT_DOUBLE_EQ(good->displayRateHz, 72.0);
  EXPECT_EQ(good->atEnd, simxr::TraceEnd::Loop);
  EXPECT_EQ(good->recommendedWidth, 640u);
  EXPECT_EQ(good->captureEvery, 10u);
  EXPECT_EQ(good->tracePath, f.dir.path() / "t.csv");
}

TEST(SimRuntime, HandsFreeConfigNamesItsFields) {
  TempDir dir;
  auto good = simxr::loadSimConfig(dir.write("h.json", R"({"controllers": false, "hand_tracking": true,
      "hand_gestures": [{"hand": "left", "gesture": "pinch", "start_s": 1, "end_s": 2}]})"));
  ASSERT_TRUE(good.ok()) << good.error();
  EXPECT_FALSE(good->controllers);
  EXPECT_TRUE(good->handTracking);
  ASSERT_EQ(good->gestures.size(), 1u);
  EXPECT_TRUE(good->gestures[0].left);
  EXPECT_EQ(good->gestures[0].gesture, "pinch");
  auto defaults = simxr::loadSimConfig(dir.write("d.json", "{}"));
  ASSERT_TRUE(defaults.ok());
  EXPECT_TRUE(defaults->controllers);
  EXPECT_FALSE(defaults->handTracking);

  auto flag = simxr::loadSimConfig(dir.write("f.json", R"({"controllers": "no"})"));
  ASSERT_FALSE(flag.ok());
  EXPECT_NE(flag.error().find("'controllers': expected true or false"), std::string::npos) << flag.error();
  auto gesture = simxr::loadSimConfig(dir.write(
      "g.json", R"({"hand_gestures": [{"hand": "right", "gesture": "wave", "start_s": 0, "end_s": 1}]})"));
  ASSERT_FALSE(gesture.ok());
  EXPECT_NE(gesture.error().find("hand_gestures[0].gesture"), std::string::npos) << gesture.error();
  auto hand = simxr::loadSimConfig(dir.write(
      "w.json", R"({"hand_gestures": [{"hand": "middle", "gesture": "point", "start_s": 0, "end_s": 1}]})"));
  ASSERT_FALSE(hand.ok());
  EXPECT_NE(hand.error().find("hand_gestures[0].hand"), std::string::npos) << hand.error();
}

TEST(SimRuntime, HandModelPointsPinchesAndMirrors) {
  using simxr::HandGesture;
  const auto point = simxr::handJointOffsets(HandGesture::Point, false);
  const auto pinch = simxr::handJointOffsets(HandGesture::Pinch, false);
  const auto left = simxr::handJointOffsets(HandGesture::Point, true);
  const glm::dvec3 indexTip = point.positionM[simxr::kIndexTipJoint];
  // Pointing: the index finger straight ahead of the wrist (-z), the middle finger curled back.
  EXPECT_LT(indexTip.z, -0.14);
  EXPECT_NEAR(indexTip.y, 0.0, 1e-9);
  EXPECT_GT(point.positionM[15].z, indexTip.z + 0.05);  // middle tip
  // Pinching: thumb and index tips meet.
  EXPECT_LT(glm::length(pinch.positionM[simxr::kThumbTipJoint] - pinch.positionM[simxr::kIndexTipJoint]), 1e-9);
  EXPECT_GT(glm::length(point.positionM[simxr::kThumbTipJoint] - indexTip), 0.04);
  // A left hand is the right mirrored across the wrist's x; the thumb is on the midline side.
  EXPECT_DOUBLE_EQ(left.positionM[simxr::kIndexTipJoint].x, -indexTip.x);
  EXPECT_LT(point.positionM[simxr::kThumbTipJoint].x, 0.0);
  EXPECT_EQ(point.positionM[simxr::kWristJoint], glm::dvec3(0.0));
}

}  // namespace
}  // namespace lumbo::test
