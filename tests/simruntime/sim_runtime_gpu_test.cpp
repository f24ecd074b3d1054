// The simulated runtime with Vulkan on the CPU driver, through the real loader with the OpenXR
// core validation layer and the Vulkan validation layer: swapchains, rendering, frame capture.
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#include <stb/stb_image.h>

#include <cstring>

#include "tests/simruntime/sim_test_support.h"

// Under the asan preset: llvmpipe's JIT-compiled code keeps allocations until exit that
// LeakSanitizer cannot attribute (their frames are in no module), so leak checking is off for this
// binary. The runtime's Vulkan objects are still checked: each test destroys the device, and the
// validation layer reports any object left alive on it.
extern "C" int __lsan_is_turned_off() { return 1; }

namespace lumbo::test {
namespace {

void beginSession(XrClient& c) {
  XrSessionBeginInfo bi{XR_TYPE_SESSION_BEGIN_INFO, nullptr,
                        XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO};
  XR_REQUIRE(xrBeginSession(c.session(), &bi));
}

void focus(XrClient& c) {
  c.pollStates();
  beginSession(c);
  for (int i = 0; i < 10 && c.lastState() != XR_SESSION_STATE_FOCUSED; ++i) {
    c.frame();
    c.pollStates();
  }
  ASSERT_EQ(c.lastState(), XR_SESSION_STATE_FOCUSED);
}

struct Png {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> rgba;
  const unsigned char* at(int x, int y) const { return &rgba[(static_cast<std::size_t>(y) * width + x) * 4]; }
};

Png readPng(const std::filesystem::path& path) {
  Png p;
  int channels = 0;
  unsigned char* data = stbi_load(path.c_str(), &p.width, &p.height, &channels, 4);
  if (data == nullptr) return p;
  p.rgba.assign(data, data + static_cast<std::size_t>(p.width) * p.height * 4);
  stbi_image_free(data);
  return p;
}

TEST(SimRuntimeGpu, VulkanSessionRendersFramesWithoutValidationErrors) {
  Trace trace = cutTrace(1.0);
  SimFixture f(R"({"pacing": "free", "trace": "trace.csv", "recommended_width": 64,
                   "recommended_height": 48})", &trace);
  XrClient c(f.options(true));
  c.createInstance();
  uint32_t n = 0;
  XrViewConfigurationView views[2] = {{XR_TYPE_VIEW_CONFIGURATION_VIEW},
                                      {XR_TYPE_VIEW_CONFIGURATION_VIEW}};
  XR_REQUIRE(xrEnumerateViewConfigurationViews(c.instance(), c.system(),
                                               XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 2, &n,
                                               views));
  EXPECT_EQ(views[0].recommendedImageRectWidth, 64u);
  EXPECT_EQ(views[1].recommendedImageRectHeight, 48u);
  c.createVulkan();
  c.createSession();
  XR_REQUIRE(xrEnumerateSwapchainFormats(c.session(), 0, &n, nullptr));
  std::vector<int64_t> formats(n);
  XR_REQUIRE(xrEnumerateSwapchainFormats(c.session(), n, &n, formats.data()));
  for (VkFormat wanted : {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_R8G8B8A8_UNORM, VK_FORMAT_D32_SFLOAT}) {
    EXPECT_NE(std::find(formats.begin(), formats.end(), wanted), formats.end()) << wanted;
  }
  c.createSwapchains();
  focus(c);
  for (int i = 0; i < 20; ++i) c.frame();
  ASSERT_EQ(xrRequestExitSession(c.session()), XR_SUCCESS);
  while (c.lastState() != XR_SESSION_STATE_STOPPING) {
    c.frame();
    c.pollStates();
  }
  ASSERT_EQ(xrEndSession(c.session()), XR_SUCCESS);
  c.pollStates();
  EXPECT_EQ(c.lastState(), XR_SESSION_STATE_EXITING);
  c.destroyVulkanDevice();
  EXPECT_EQ(c.vkValidationErrors, 0);
  const auto errors = f.validationErrors();
  EXPECT_TRUE(errors.empty()) << errors.size() << " errors, first: " << errors.front();
  EXPECT_EQ(f.diagnostics().find("violation"), std::string::npos) << f.diagnostics();
}

TEST(SimRuntimeGpu, CaptureCompositesLeftEyeAndQuadLayer) {
  Trace trace = cutTrace(1.0);
  SimFixture f(R"({"pacing": "free", "trace": "trace.csv", "capture_dir": "capture",
                   "capture_every": 2})", &trace);
  XrClient c(f.options(true));
  c.eyeColours = {{{0.5f, 0, 0, 1}, {0, 1, 0, 1}}};  // left half-red (linear), right green
  c.createInstance();
  c.createVulkan();
  c.createSession();
  c.createSwapchains();
  XrSwapchain quadImage = c.createColourSwapchain(16, 16, 1);
  focus(c);
  // A 0.5 m square, 1 m straight ahead of the head, opaque blue.
  XrCompositionLayerQuad quad{XR_TYPE_COMPOSITION_LAYER_QUAD};
  quad.space = c.view();
  quad.eyeVisibility = XR_EYE_VISIBILITY_BOTH;
  quad.subImage.swapchain = quadImage;
  quad.subImage.imageRect = {{0, 0}, {16, 16}};
  quad.pose = {{0, 0, 0, 1}, {0, 0, -1}};
  quad.size = {0.5f, 0.5f};
  for (int i = 0; i < 4; ++i) {
    c.clearSwapchain(quadImage, {{0, 0, 1, 1}});
    c.frame({reinterpret_cast<const XrCompositionLayerBaseHeader*>(&quad)});
  }
  std::vector<std::filesystem::path> pngs;
  for (const auto& e : std::filesystem::directory_iterator(f.dir.path() / "capture")) {
    pngs.push_back(e.path());
  }
  std::sort(pngs.begin(), pngs.end());
  ASSERT_GE(pngs.size(), 2u);  // every second frame of five
  const Png png = readPng(pngs.back());
  ASSERT_EQ(png.width, 64);
  ASSERT_EQ(png.height, 64);
  auto expectColour = [&](int x, int y, int r, int g, int b) {
    const unsigned char* p = png.at(x, y);
    EXPECT_EQ(p[0], r) << x << "," << y;
    EXPECT_EQ(p[1], g) << x << "," << y;
    EXPECT_EQ(p[2], b) << x << "," << y;
  };
  // Corners show the left eye's projection layer (red, not the right eye's green). The UNORM
  // swapchain holds linear colour: 0.5 is stored as 128 and shown as sRGB 188.
  expectColour(1, 1, 188, 0, 0);
  expectColour(62, 62, 188, 0, 0);
  // The quad spans tan angles [-0.25, 0.25] around the head; seen from the left eye (IPD/2 to
  // the left) it sits 0.0315 to the right: pixels about 25..40 across, 24..39 down.
  expectColour(33, 32, 0, 0, 255);
  expectColour(26, 25, 0, 0, 255);
  expectColour(39, 38, 0, 0, 255);
  expectColour(23, 32, 188, 0, 0);
  expectColour(42, 32, 188, 0, 0);
  expectColour(33, 21, 188, 0, 0);
  c.destroyVulkanDevice();
  EXPECT_EQ(c.vkValidationErrors, 0);
  EXPECT_TRUE(f.validationErrors().empty()) << f.validationErrors().front();
}

// Swapchain and graphics rules; without the validation layer so the runtime itself answers.
TEST(SimRuntimeGpu, SwapchainRulesAreEnforced) {
  Trace trace = cutTrace(1.0);
  SimFixture f(R"({"pacing": "free", "trace": "trace.csv"})", &trace);
  XrClient c(f.options(false));
  c.createInstance();
  {
    // A session needs the graphics requirements queried first.
    XrSessionCreateInfo si{XR_TYPE_SESSION_CREATE_INFO, nullptr, 0, c.system()};
    XrGraphicsBindingVulkan2KHR binding{XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR};
    si.next = &binding;
    XrSession s = XR_NULL_HANDLE;
    EXPECT_EQ(xrCreateSession(c.instance(), &si, &s), XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING);
  }
  c.createVulkan();
  c.createSession();
  XrSwapchainCreateInfo ci{XR_TYPE_SWAPCHAIN_CREATE_INFO};
  ci.usageFlags = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT;
  ci.format = VK_FORMAT_R32G32B32A32_SFLOAT;
  ci.sampleCount = 1;
  ci.width = ci.height = 16;
  ci.faceCount = ci.arraySize = ci.mipCount = 1;
  XrSwapchain sc = XR_NULL_HANDLE;
  EXPECT_EQ(xrCreateSwapchain(c.session(), &ci, &sc), XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED);
  ci.format = VK_FORMAT_R8G8B8A8_UNORM;
  ASSERT_EQ(xrCreateSwapchain(c.session(), &ci, &sc), XR_SUCCESS);
  uint32_t count = 0;
  XR_REQUIRE(xrEnumerateSwapchainImages(sc, 0, &count, nullptr));
  EXPECT_EQ(count, 3u);

  XrSwapchainImageWaitInfo wi{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO, nullptr, XR_INFINITE_DURATION};
  EXPECT_EQ(xrWaitSwapchainImage(sc, &wi), XR_ERROR_CALL_ORDER_INVALID);
  EXPECT_EQ(xrReleaseSwapchainImage(sc, nullptr), XR_ERROR_CALL_ORDER_INVALID);
  uint32_t i0 = 9, i1 = 9, i2 = 9, i3 = 9;
  ASSERT_EQ(xrAcquireSwapchainImage(sc, nullptr, &i0), XR_SUCCESS);
  ASSERT_EQ(xrAcquireSwapchainImage(sc, nullptr, &i1), XR_SUCCESS);
  ASSERT_EQ(xrAcquireSwapchainImage(sc, nullptr, &i2), XR_SUCCESS);
  EXPECT_EQ((std::vector<uint32_t>{i0, i1, i2}), (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(xrAcquireSwapchainImage(sc, nullptr, &i3), XR_ERROR_CALL_ORDER_INVALID);
  ASSERT_EQ(xrWaitSwapchainImage(sc, &wi), XR_SUCCESS);
  EXPECT_EQ(xrWaitSwapchainImage(sc, &wi), XR_ERROR_CALL_ORDER_INVALID);  // one waited at a time
  ASSERT_EQ(xrReleaseSwapchainImage(sc, nullptr), XR_SUCCESS);
  EXPECT_EQ(xrReleaseSwapchainImage(sc, nullptr), XR_ERROR_CALL_ORDER_INVALID);
  for (int i = 0; i < 2; ++i) {
    ASSERT_EQ(xrWaitSwapchainImage(sc, &wi), XR_SUCCESS);
    ASSERT_EQ(xrReleaseSwapchainImage(sc, nullptr), XR_SUCCESS);
  }
  ASSERT_EQ(xrAcquireSwapchainImage(sc, nullptr, &i3), XR_SUCCESS);
  EXPECT_EQ(i3, 0u);  // round robin
  ASSERT_EQ(xrWaitSwapchainImage(sc, &wi), XR_SUCCESS);
  ASSERT_EQ(xrReleaseSwapchainImage(sc, nullptr), XR_SUCCESS);

  ci.createFlags = XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT;
  XrSwapchain fixed = XR_NULL_HANDLE;
  ASSERT_EQ(xrCreateSwapchain(c.session(), &ci, &fixed), XR_SUCCESS);
  ASSERT_EQ(xrAcquireSwapchainImage(fixed, nullptr, &i0), XR_SUCCESS);
  ASSERT_EQ(xrWaitSwapchainImage(fixed, &wi), XR_SUCCESS);
  ASSERT_EQ(xrReleaseSwapchainImage(fixed, nullptr), XR_SUCCESS);
  EXPECT_EQ(xrAcquireSwapchainImage(fixed, nullptr, &i0), XR_ERROR_CALL_ORDER_INVALID);

  // xrEndFrame checks its layers.
  ci.createFlags = 0;
  XrSwapchain unreleased = XR_NULL_HANDLE;
  ASSERT_EQ(xrCreateSwapchain(c.session(), &ci, &unreleased), XR_SUCCESS);
  c.pollStates();
  beginSession(c);
  XrFrameState fs{XR_TYPE_FRAME_STATE};
  XR_REQUIRE(xrWaitFrame(c.session(), nullptr, &fs));
  XR_REQUIRE(xrBeginFrame(c.session(), nullptr));
  XrCompositionLayerQuad quad{XR_TYPE_COMPOSITION_LAYER_QUAD};
  quad.space = c.view();
  quad.subImage = {unreleased, {{0, 0}, {16, 16}}, 0};
  quad.pose = {{0, 0, 0, 1}, {0, 0, -1}};
  quad.size = {1, 1};
  const XrCompositionLayerBaseHeader* layer = reinterpret_cast<const XrCompositionLayerBaseHeader*>(&quad);
  XrFrameEndInfo ei{XR_TYPE_FRAME_END_INFO, nullptr, fs.predictedDisplayTime,
                    XR_ENVIRONMENT_BLEND_MODE_OPAQUE, 1, &layer};
  EXPECT_EQ(xrEndFrame(c.session(), &ei), XR_ERROR_LAYER_INVALID);
  quad.subImage = {sc, {{0, 0}, {17, 16}}, 0};
  EXPECT_EQ(xrEndFrame(c.session(), &ei), XR_ERROR_SWAPCHAIN_RECT_INVALID);
  quad.subImage = {sc, {{0, 0}, {16, 16}}, 0};
  EXPECT_EQ(xrEndFrame(c.session(), &ei), XR_SUCCESS);

  xrDestroySwapchain(unreleased);
  xrDestroySwapchain(fixed);
  xrDestroySwapchain(sc);
  c.destroyVulkanDevice();
  EXPECT_EQ(c.vkValidationErrors, 0);
}

}  // namespace
}  // namespace lumbo::test
