// The Live session tab: its form, its connection polled every frame, and the console drawn below.
#include "app/monitor/live_session_tab.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include <glm/gtc/quaternion.hpp>

#include "app/clinic/clinic_theme.h"
#include "app/clinic/ui_controls.h"
#include "monitor/monitor_keys.h"
#include "monitor/monitor_server.h"
#include "render/image_barriers.h"
#include "render/offscreen_target.h"
#include "render/one_time_commands.h"
#include "render/stereo_renderer.h"

namespace lumbo::app {

namespace {

namespace fs = std::filesystem;

// Messages taken from the connection per frame: enough for a session's burst after a stall
// without holding the console's frame for long.
constexpr int kMessagesPerFrame = 2000;

std::string home() {
  const char* h = std::getenv("HOME");
  return h ? h : "";
}

// "~/lumbo/anna.key" as a person types it.
fs::path expandHome(const std::string& path) {
  if (path == "~" || path.rfind("~/", 0) == 0) return fs::path(home() + path.substr(1));
  return fs::path(path);
}

// The renderer's target after a frame: drawn into, or (per-view with MSAA) resolved into by a copy.
constexpr render::ImageUse kRendered{VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                                     VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT,
                                     VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};

double nowS() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

}  // namespace

struct LiveSessionTab::View {
  // Members in creation order, so that destruction runs in reverse.
  VkExtent2D extentPx;
  render::OffscreenTarget target;
  render::StereoRenderer renderer;
  std::uint32_t targetIndex;
  render::OneTimeCommands copy;

  View(const render::VulkanContext& context, VkExtent2D e, const render::RendererConfig& config)
      : extentPx(e), target(context, config.colourFormat, e), renderer(context, config),
        targetIndex(renderer.addTarget(target.image())), copy(context) {}
  ~View() { renderer.waitIdle(); }
  View(const View&) = delete;
  View& operator=(const View&) = delete;
};

std::string defaultViewerKeyPath() {
  const fs::path folder = fs::path(home()) / "lumbo";
  std::vector<fs::path> keys;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".key") keys.push_back(it->path());
  }
  std::sort(keys.begin(), keys.end());
  return (keys.empty() ? folder / "viewer.key" : keys.front()).string();
}

void LiveSessionTab::Recorder::control(const char* label) { ui::record(label); }
void LiveSessionTab::Recorder::text(const std::string& text) { ui::recordLastText(text); }

LiveSessionTab::LiveSessionTab(LiveSessionTabOptions options)
    : options_(std::move(options)),
      address_(options_.address),
      keyPath_(options_.keyPath.empty() ? defaultViewerKeyPath() : options_.keyPath),
      serverKeyPath_(options_.serverKeyPath),
      console_(options_.library, ConsoleLayout::Embedded, &recorder_),
      select_(options_.select) {
  scene_.floor.lineSpacingM = 0.5f;
}

LiveSessionTab::~LiveSessionTab() = default;

bool LiveSessionTab::takeSelectRequest() { return std::exchange(select_, false); }

void LiveSessionTab::note(const std::string& text) {
  model_.note(model_.state() ? model_.state()->timeS : 0.0, text);
  std::printf("lumbo clinic: live session: %s\n", text.c_str());
  std::fflush(stdout);
}

Status LiveSessionTab::connect() {
  auto address = monitor::parseListenAddress(address_);
  if (!address || address->port <= 0) {
    return Error{"session address '" + address_ + "': " + (address ? std::string("needs a port (ADDR:PORT)") : address.error())};
  }
  const fs::path keyPath = expandHome(keyPath_);
  auto key = monitor::readSecretKeyFile(keyPath);
  if (!key) return Error{"viewer key: " + key.error()};
  const fs::path serverKeyPath = serverKeyPath_.empty() ? keyPath.parent_path() / "server.pub" : expandHome(serverKeyPath_);
  auto serverKey = monitor::readPublicKeyFile(serverKeyPath);
  if (!serverKey) return Error{"session's key: " + serverKey.error() + " (the session's server.pub)"};
  monitor::MonitorClientOptions o;
  o.host = address->host;
  o.port = address->port;
  o.key = *key;
  o.serverPublicKey = serverKey->key;
  o.poseRateHz = options_.poseRateHz;
  client_.reset();
  client_ = std::make_unique<monitor::MonitorClient>(o);
  watching_ = address->host + ":" + std::to_string(address->port);
  disconnectedByUser_ = false;
  note("watching " + watching_ + " as '" + key->name + "'");
  return Done{};
}

void LiveSessionTab::disconnect() {
  if (!client_) return;
  client_.reset();
  disconnectedByUser_ = true;
  note("disconnected from " + watching_);
}

void LiveSessionTab::update() {
  if (!client_) return;
  // Never waits: the console's frame goes on whatever the network does.
  for (int i = 0; i < kMessagesPerFrame; ++i) {
    auto m = client_->receive(0);
    if (!m) break;
    model_.apply(*m);
  }
  if (std::string notice = client_->takeNotice(); !notice.empty()) note(notice);
}

std::string LiveSessionTab::connectionLine() const {
  if (client_) return watching_ + ": " + connectionWords(client_->state());
  if (disconnectedByUser_) return "disconnected from " + watching_ + ": Connect to watch again";
  return "not connected: enter the session's address and this console's keys, then Connect";
}

void LiveSessionTab::draw() {
  const float fieldPx = 280.0f;
  ImGui::Spacing();
  if (client_) ImGui::BeginDisabled();
  ImGui::AlignTextToFramePadding();
  ui::text("Session (ADDR:PORT)");
  ImGui::SameLine();
  ui::inputText("Session address", address_, 170.0f);
  ImGui::SameLine();
  ui::text("Viewer key");
  ImGui::SameLine();
  ui::inputText("Viewer key", keyPath_, fieldPx);
  ImGui::SameLine();
  ui::text("Session's key");
  ImGui::SameLine();
  ui::inputText("Session's key", serverKeyPath_, fieldPx - 30.0f);
  if (client_) ImGui::EndDisabled();
  ImGui::SameLine();
  if (client_) {
    if (ui::button("Disconnect")) disconnect();
  } else if (ui::primaryButton("Connect")) {
    if (auto st = connect(); !st) {
      problem_ = st.error();
      std::fprintf(stderr, "lumbo clinic: live session: %s\n", problem_.c_str());
    } else {
      problem_.clear();
    }
  }
  if (serverKeyPath_.empty() && !client_) ui::textDisabled("Session's key empty: server.pub beside the viewer key");
  if (!problem_.empty()) ui::textColoured(theme().error, problem_);
  ImGui::Separator();

  const ImVec2 area = ImGui::GetContentRegionAvail();
  const std::vector<ConsoleAction> actions = console_.drawUi(model_, connectionLine(), area.x, area.y);
  for (const ConsoleAction& a : actions) {
    const bool sent = client_ && client_->send(a.kind, a.value, a.text) != 0;
    std::printf("lumbo clinic: live session: %s\n", actionWords(a, sent).c_str());
    std::fflush(stdout);
  }

  // The 3D view's rectangle turns the camera: drag to orbit, the wheel to come closer.
  const MonitorConsole::ViewRect& r = console_.viewRect();
  ImGui::SetCursorScreenPos(ImVec2(r.xPx, r.yPx));
  ImGui::InvisibleButton("##live view", ImVec2(std::max(r.widthPx, 1.0f), std::max(r.heightPx, 1.0f)));
  ui::record("3D view##live");
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsItemActive()) {
    camera_.yawRad -= 0.005f * io.MouseDelta.x;
    camera_.pitchRad = std::clamp(camera_.pitchRad + 0.005f * io.MouseDelta.y, -1.4f, 1.4f);
  }
  if (ImGui::IsItemHovered() && io.MouseWheel != 0.0f) {
    camera_.distanceM = std::clamp(camera_.distanceM * std::pow(0.9f, io.MouseWheel), 0.3f, 30.0f);
  }

  const double t = nowS();
  const double dtS = lastDrawS_ < 0.0 ? 0.0 : std::min(t - lastDrawS_, 0.1);
  lastDrawS_ = t;
  console_.buildScene(scene_, model_, dtS);
  if (const auto& cal = model_.calibration(); cal && !aimed_) {
    const glm::vec3 pelvisM(cal->neutralPositionM[index(Device::Pelvis)]);
    camera_.targetM = glm::vec3(pelvisM.x, 1.0f, pelvisM.z);
    aimed_ = true;
  }
  shownThisFrame_ = true;
}

void LiveSessionTab::compose(const render::VulkanContext& context, VkImage windowImage) {
  // Only when the tab was drawn this frame: another tab's picture is left alone.
  if (!std::exchange(shownThisFrame_, false)) return;
  const MonitorConsole::ViewRect& r = console_.viewRect();
  const VkExtent2D extentPx{static_cast<std::uint32_t>(std::max(0.0f, std::floor(r.widthPx))),
                            static_cast<std::uint32_t>(std::max(0.0f, std::floor(r.heightPx)))};
  if (extentPx.width < 16 || extentPx.height < 16 || r.xPx < 0.0f || r.yPx < 0.0f) return;
  if (!view_ || view_->extentPx.width != extentPx.width || view_->extentPx.height != extentPx.height) {
    view_.reset();
    render::RendererConfig config;
    config.colourFormat = VK_FORMAT_R8G8B8A8_SRGB;  // sRGB bytes, as the window's image holds them
    config.extentPx = extentPx;
    view_ = std::make_unique<View>(context, extentPx, config);
  }
  const float aspect = static_cast<float>(extentPx.width) / static_cast<float>(extentPx.height);
  const glm::vec3 eyeM = camera_.eyeM();
  const glm::quat orientation = glm::quatLookAtRH(glm::normalize(camera_.targetM - eyeM), glm::vec3(0.0f, 1.0f, 0.0f));
  const float halfV = 0.5f * camera_.verticalFovRad;
  const float halfH = std::atan(std::tan(halfV) * aspect);
  scene_.eyes[0] = render::makeEyeView(eyeM, orientation, render::Fov{-halfH, halfH, halfV, -halfV}, 0.05f, 200.0f);
  scene_.eyes[1] = scene_.eyes[0];
  view_->renderer.renderFrame(scene_, view_->targetIndex);

  // Byte for byte into the console's rectangle (both hold sRGB-encoded RGBA8): queued after the
  // canvas and the frame on the same queue, and done before the window shows its image.
  const VkImage source = view_->target.image();
  const VkImageSubresourceRange layer0 = render::imageLayers(0, 1);
  view_->copy.run([&](VkCommandBuffer cmd) {
    render::Barriers()
        .image(source, layer0, kRendered, render::image_use::kTransferSource)
        .image(windowImage, layer0, kRendered, render::image_use::kTransferDestination)
        .record(cmd);
    VkImageCopy region{};
    region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.dstOffset = {static_cast<std::int32_t>(std::floor(r.xPx)), static_cast<std::int32_t>(std::floor(r.yPx)), 0};
    region.extent = {extentPx.width, extentPx.height, 1};
    vkCmdCopyImage(cmd, source, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, windowImage, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    render::Barriers()
        .image(source, layer0, render::image_use::kTransferSource, render::image_use::kColourAttachment)
        .image(windowImage, layer0, render::image_use::kTransferDestination, kRendered)
        .record(cmd);
  });
}

}  // namespace lumbo::app
