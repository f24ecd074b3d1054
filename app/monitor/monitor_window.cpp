// The viewer's loop: receive everything that arrived, draw the console and the scene, send the
// actions, record.
#include "app/monitor/monitor_window.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <chrono>
#include <cstdio>

#include "app/desktop/desktop_view.h"
#include "app/monitor/monitor_console.h"
#include "app/session/guided_session.h"
#include "monitor/stream_recorder.h"
#include "monitor/viewer_model.h"
#include "render/imgui_canvas.h"
#include "render/png_writer.h"
#include "render/stereo_renderer.h"

namespace lumbo::app {

namespace {

double nowS() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

struct ImGuiContextOwner {
  ImGuiContext* context = ImGui::CreateContext();
  ~ImGuiContextOwner() { ImGui::DestroyContext(context); }
};

}  // namespace

int runMonitorWindow(const MonitorWindowOptions& options) {
  DesktopViewOptions viewOptions;
  viewOptions.widthPx = 1100;
  viewOptions.heightPx = 760;
  viewOptions.validation = options.validation;
  DesktopView view(viewOptions);
  const ImGuiContextOwner imgui;
  ImGui::SetCurrentContext(imgui.context);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  const float widthPx = static_cast<float>(view.widthPx());
  const float heightPx = static_cast<float>(view.heightPx());
  io.DisplaySize = ImVec2(widthPx, heightPx);
  ImFontConfig font;
  font.SizePixels = 15.0f;
  io.Fonts->AddFontDefault(&font);
  unsigned char* pixels = nullptr;
  int w = 0;
  int h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  io.KeyMap[ImGuiKey_Backspace] = GLFW_KEY_BACKSPACE;
  io.KeyMap[ImGuiKey_Enter] = GLFW_KEY_ENTER;
  io.KeyMap[ImGuiKey_LeftArrow] = GLFW_KEY_LEFT;
  io.KeyMap[ImGuiKey_RightArrow] = GLFW_KEY_RIGHT;
  ImGui::StyleColorsDark();
  ImGui::GetStyle().Colors[ImGuiCol_WindowBg].w = 0.85f;
  render::ImGuiCanvas canvas(view.context(), {view.widthPx(), view.heightPx()});
  view.setOverlay(view.renderer().addTexture(canvas.view()));

  monitor::MonitorClient client(options.client);
  monitor::ViewerModel model;
  std::optional<monitor::StreamRecorder> recorder;
  if (!options.recordPath.empty()) recorder.emplace(options.recordPath);
  MonitorConsole console(options.library);
  render::Scene scene;
  scene.floor.lineSpacingM = 0.5f;
  bool aimed = false;
  const double startS = nowS();
  double lastS = startS;
  std::size_t step = 0;
  double stepSinceS = startS;
  bool quit = false;
  bool endedSeen = false;
  int exitCode = 0;

  for (int frame = 0; !quit && (!options.frames || frame < *options.frames); ++frame) {
    const double t = nowS();
    const double dtS = t - lastS;
    lastS = t;
    // Everything that arrived since the last frame: poses are drawn at the display's rate.
    for (int i = 0; i < 20000; ++i) {
      auto m = client.receive(i == 0 ? 15 : 0);
      if (!m) break;
      model.apply(*m);
      if (recorder) {
        if (auto st = recorder->record(*m); !st) {
          std::fprintf(stderr, "lumbo monitor: recording stopped: %s\n", st.error().c_str());
          recorder.reset();
          exitCode = 1;
        }
      }
    }
    if (std::string notice = client.takeNotice(); !notice.empty()) {
      model.note(model.state() ? model.state()->timeS : 0.0, notice);
      std::printf("lumbo monitor: %s\n", notice.c_str());
    }

    const DesktopInput input = view.takeInput();
    io.DeltaTime = static_cast<float>(std::max(dtS, 1e-4));
    io.MousePos = ImVec2(input.cursorXPx, input.cursorYPx);
    io.MouseDown[0] = input.leftDown;
    for (char32_t c : input.typed) io.AddInputCharacter(static_cast<unsigned int>(c));
    for (bool& k : io.KeysDown) k = false;
    for (int key : input.keysPressed) {
      if (key >= 0 && key < static_cast<int>(std::size(io.KeysDown))) io.KeysDown[key] = true;
    }
    ImGui::NewFrame();
    monitor::DrawnPanel drawn;
    std::vector<ConsoleAction> actions = console.drawUi(model, connectionWords(client.state()), widthPx, heightPx, &drawn);
    ImGui::Render();
    view.setCameraMouse(!console.wantsMouse());

    // Once ended, a session stays ended for the script, whatever the connection does next.
    endedSeen = endedSeen || client.state() == monitor::ConnectionState::Ended;
    // The script's next step, when its condition holds.
    if (step < options.script.size()) {
      const ScriptStep& s = options.script[step];
      const auto& st = model.state();
      const bool connected = client.state() == monitor::ConnectionState::Connected;
      bool due = false;
      switch (s.when) {
        case ScriptStep::When::Connected: due = connected && st.has_value(); break;
        case ScriptStep::When::Exercising: due = connected && st && st->stage == static_cast<int>(SessionStage::Exercising); break;
        case ScriptStep::When::Repetitions: due = connected && st && st->repetitions >= static_cast<int>(s.value); break;
        case ScriptStep::When::After: due = t - stepSinceS >= s.value; break;
        case ScriptStep::When::Ended: due = endedSeen; break;
      }
      if (due) {
        if (s.action) actions.push_back(*s.action);
        else quit = true;
        ++step;
        stepSinceS = t;
      }
    }
    for (const ConsoleAction& a : actions) {
      const std::uint64_t sent = client.send(a.kind, a.value, a.text);
      std::printf("lumbo monitor: %s\n", actionWords(a, sent != 0).c_str());
    }

    console.buildScene(scene, model, dtS);
    if (const auto& cal = model.calibration(); cal && !aimed) {
      const glm::vec3 pelvisM(cal->neutralPositionM[index(Device::Pelvis)]);
      view.camera().targetM = glm::vec3(pelvisM.x, 1.0f, pelvisM.z);
      aimed = true;
    }
    canvas.render(ImGui::GetDrawData());
    if (!view.frame(scene)) break;
    if (recorder) recorder->drawn(model.state() ? model.state()->timeS : 0.0, drawn);
  }

  if (!options.screenshotPath.empty()) {
    render::writePng(options.screenshotPath, view.widthPx(), view.heightPx(), view.screenshot());
    std::printf("%s\n", options.screenshotPath.c_str());
  }
  if (recorder) {
    if (auto st = recorder->commit(); !st) {
      std::fprintf(stderr, "lumbo monitor: %s\n", st.error().c_str());
      exitCode = 1;
    } else {
      std::printf("recorded %llu frames: %s (events and panel beside it)\n",
                  static_cast<unsigned long long>(recorder->framesWritten()), options.recordPath.c_str());
    }
  }
  std::printf("lumbo monitor: %llu frames received, %llu messages refused%s%s\n",
              static_cast<unsigned long long>(model.framesReceived()), static_cast<unsigned long long>(client.refusedMessages()),
              client.refusedMessages() ? ", the last: " : "", client.lastRefusal().c_str());
  if (client.state() == monitor::ConnectionState::Refused) {
    std::fprintf(stderr, "lumbo monitor: the session refused this viewer's key: ask for it to be authorised\n");
    exitCode = 1;
  }
  canvas.waitIdle();
  view.renderer().waitIdle();
  return exitCode;
}

}  // namespace lumbo::app
