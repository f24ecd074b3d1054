// The console's frame loop, top bar and tabs.
#include "app/clinic/clinic_console.h"

#include <imgui.h>

#include <cstdio>

#include "app/clinic/clinic_window.h"
#include "app/clinic/patient_page.h"
#include "app/clinic/patients_view.h"
#include "app/clinic/ui_controls.h"
#include "app/clinic/ui_script.h"
#include "app/clinic/widget_registry.h"
#include "render/png_writer.h"
#include "store/private_file.h"

namespace lumbo::app {

namespace {

// Frames drawn before a screenshot without a script: ImGui sizes tables and windows over the
// first frames.
constexpr int kSettleFrames = 4;

class Console {
 public:
  Console(ClinicOptions& options, std::vector<Exercise> library)
      : options_(options), records_(options.dataFolder, options.db, std::move(library), options.todayUnixS) {}

  void draw(ClinicWindow& window) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("Lumbo clinic", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings);
    drawTopBar(window);
    for (const auto& tab : options_.extraTabs) tab->update();
    if (ImGui::BeginTabBar("console tabs", ImGuiTabBarFlags_FittingPolicyScroll)) {
      const ImGuiTabItemFlags listFlags = selectList_ ? ImGuiTabItemFlags_SetSelected : 0;
      selectList_ = false;
      if (ui::tabItem("Patients", nullptr, listFlags)) {
        if (auto open = patients_.draw(records_)) openPatient(*open);
        ImGui::EndTabItem();
      }
      for (std::size_t i = 0; i < pages_.size();) {
        bool keep = true;
        const std::string label = pages_[i]->personId() + "##page";
        const ImGuiTabItemFlags flags = select_ == pages_[i]->personId() ? ImGuiTabItemFlags_SetSelected : 0;
        if (ui::tabItem(label.c_str(), &keep, flags)) {
          bool changed = false;
          pages_[i]->draw(records_, changed);
          if (changed) patients_.reload(records_);
          ImGui::EndTabItem();
        }
        if (!keep) {
          pages_.erase(pages_.begin() + static_cast<std::ptrdiff_t>(i));
          selectList_ = true;
        } else {
          ++i;
        }
      }
      select_.clear();
      for (const auto& tab : options_.extraTabs) {
        if (ui::tabItem(tab->label().c_str(), nullptr, tab->takeSelectRequest() ? ImGuiTabItemFlags_SetSelected : 0)) {
          tab->draw();
          ImGui::EndTabItem();
        }
      }
      ImGui::EndTabBar();
    }
    ImGui::End();
  }

 private:
  void drawTopBar(ClinicWindow& window) {
    ImGui::PushFont(themeFonts().bold);
    ui::textColoured(theme().accent, "Lumbo");
    ImGui::PopFont();
    ImGui::SameLine();
    ui::textDisabled("therapist's console");
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 150.0f);
    const bool dark = theme().kind == ThemeKind::Dark;
    if (ui::button(dark ? "Light theme" : "Dark theme", ImVec2(150, 0))) setTheme(window, dark ? ThemeKind::Light : ThemeKind::Dark);
  }

  void openPatient(const PatientEntry& entry) {
    select_ = entry.summary.patient.id;
    for (const auto& p : pages_) {
      if (p->personId() == entry.summary.patient.id) return;
    }
    pages_.push_back(std::make_unique<PatientPage>(entry));
  }

 public:
  static void setTheme(ClinicWindow& window, ThemeKind kind) {
    applyTheme(kind);
    const ImVec4& bg = theme().background;
    window.setBackground(bg.x, bg.y, bg.z);
  }

 private:
  ClinicOptions& options_;
  ClinicRecords records_;
  PatientsView patients_;
  std::vector<std::unique_ptr<PatientPage>> pages_;
  std::string select_;
  bool selectList_ = false;
};

bool saveScreenshot(const std::filesystem::path& path, const ClinicWindow& window, const std::vector<std::uint8_t>& rgba) {
  try {
    render::writePng(path.string(), window.widthPx(), window.heightPx(), rgba);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lumbo clinic: %s\n", e.what());
    return false;
  }
  std::printf("%s\n", path.c_str());
  return true;
}

}  // namespace

int runClinicConsole(ClinicOptions options, std::vector<Exercise> library) {
  std::optional<ScriptRunner> runner;
  if (options.script) {
    auto script = loadUiScript(*options.script);
    if (!script) {
      std::fprintf(stderr, "lumbo clinic: %s\n", script.error().c_str());
      return 1;
    }
    runner.emplace(std::move(script).value());
  }
  ClinicWindowOptions windowOptions;
  windowOptions.widthPx = options.widthPx;
  windowOptions.heightPx = options.heightPx;
  windowOptions.validation = options.validation;
  windowOptions.scripted = runner.has_value() || options.frames.has_value();
  ClinicWindow window(windowOptions);
  setThemeFonts({window.fonts().bold, window.fonts().heading, window.fonts().small});
  Console::setTheme(window, options.theme);
  Console console(options, std::move(library));
  window.setComposer([&options, &window](VkImage image) {
    for (const auto& tab : options.extraTabs) tab->compose(window.vulkanContext(), image);
  });
  // The tabs may hold objects of the window's device: they go before the window does.
  struct TabsFirst {
    std::vector<std::unique_ptr<ConsoleTab>>& tabs;
    ~TabsFirst() { tabs.clear(); }
  } tabsFirst{options.extraTabs};
  WidgetRegistry& registry = widgetRegistry();

  const int settle = options.screenshot && !runner && !options.frames ? kSettleFrames : -1;
  int exitCode = 0;
  int extraFrames = 1;  // after a script ends, one more frame shows its last step's effect
  for (int frame = 0;; ++frame) {
    ScriptRunner::FrameRequest request;
    if (runner && !runner->finished()) {
      auto r = runner->beforeFrame(ImGui::GetIO(), registry);
      if (!r) {
        std::fprintf(stderr, "lumbo clinic: %s\n", r.error().c_str());
        exitCode = 1;
        break;
      }
      request = *r;
    }
    if (!window.beginFrame(1.0f / 60.0f)) break;
    console.draw(window);
    bool last = (options.frames && frame + 1 >= *options.frames) || (settle >= 0 && frame + 1 >= settle);
    if (runner && runner->finished() && !options.frames) last = last || extraFrames-- <= 0;
    const bool capture = request.screenshotPath.has_value() || (last && options.screenshot);
    const std::vector<std::uint8_t> pixels = window.endFrame(capture);
    registry.beginFrame();
    if (request.screenshotPath && !saveScreenshot(*request.screenshotPath, window, pixels)) exitCode = 1;
    if (request.layoutPath) {
      if (auto st = store::writeFileAtomically(*request.layoutPath, registry.layoutJson()); !st) {
        std::fprintf(stderr, "lumbo clinic: %s\n", st.error().c_str());
        exitCode = 1;
      }
    }
    if (last) {
      if (options.screenshot && !saveScreenshot(*options.screenshot, window, pixels)) exitCode = 1;
      break;
    }
  }
  return exitCode;
}

}  // namespace lumbo::app
