// The Live session tab: its form, its connection polled every frame, and the console drawn below.
#include "app/monitor/live_session_tab.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "app/clinic/clinic_theme.h"
#include "app/clinic/ui_controls.h"
#include "monitor/monitor_keys.h"
#include "monitor/monitor_server.h"

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

}  // namespace

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
      select_(options_.select) {}

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
}

}  // namespace lumbo::app
