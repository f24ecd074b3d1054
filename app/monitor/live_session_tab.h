// The clinic's "Live session" tab: the session's address and the viewer's keys in text fields, a
// Connect and Disconnect button, and the monitor console over that connection (the person's
// avatar, mirror and ghost rendered on the clinic window's device and copied into its picture,
// the panels around it), with the therapist's actions sent to the session and every control
// recorded for the clinic's UI scripts.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/clinic/console_tab.h"
#include "app/desktop/desktop_view.h"
#include "app/monitor/monitor_console.h"
#include "body/result.h"
#include "exercises/exercise.h"
#include "monitor/monitor_client.h"
#include "monitor/viewer_model.h"
#include "render/scene.h"

namespace lumbo::app {

struct LiveSessionTabOptions {
  std::string address = "127.0.0.1:7400";  // ADDR:PORT of `lumbo run --monitor`
  std::string keyPath;                     // the viewer's secret key file (lumbo monitor keygen)
  std::string serverKeyPath;               // the session's server.pub; empty: beside the key
  double poseRateHz = 0.0;                 // 0: every frame
  std::vector<Exercise> library;
  bool select = false;  // the tab is selected when the console opens
};

// The key file the fields start with: the first ~/lumbo/*.key (where the README's pairing puts
// it), else ~/lumbo/viewer.key.
std::string defaultViewerKeyPath();

class LiveSessionTab : public ConsoleTab {
 public:
  explicit LiveSessionTab(LiveSessionTabOptions options);
  ~LiveSessionTab() override;
  LiveSessionTab(const LiveSessionTab&) = delete;
  LiveSessionTab& operator=(const LiveSessionTab&) = delete;

  std::string label() const override { return "Live session"; }
  void update() override;
  void draw() override;
  bool takeSelectRequest() override;
  void compose(const render::VulkanContext& context, VkImage windowImage) override;

  // Reads the fields' address and key files and connects (a connection already open is closed
  // first). The error names the field or the file.
  Status connect();
  void disconnect();
  bool connected() const { return client_ != nullptr; }

 private:
  // Records the console's controls and texts into the clinic's widget registry.
  struct Recorder : ConsoleRecorder {
    void control(const char* label) override;
    void text(const std::string& text) override;
  };
  void note(const std::string& text);
  std::string connectionLine() const;

  LiveSessionTabOptions options_;
  std::string address_;
  std::string keyPath_;
  std::string serverKeyPath_;
  std::string problem_;  // why the last Connect failed, until the next
  std::unique_ptr<monitor::MonitorClient> client_;
  std::string watching_;  // "127.0.0.1:7400" while connected
  bool disconnectedByUser_ = false;
  monitor::ViewerModel model_;
  Recorder recorder_;
  MonitorConsole console_;
  bool select_ = false;
  // The 3D view: made on the window's device when first composed, of the console's view size.
  struct View;
  std::unique_ptr<View> view_;
  render::Scene scene_;
  OrbitCamera camera_;
  bool aimed_ = false;
  bool shownThisFrame_ = false;
  double lastDrawS_ = -1.0;
};

}  // namespace lumbo::app
