// `lumbo clinic`: the therapist's console. Puts the window, the records, the patient list, the
// open patients' pages and any further tabs together, runs the frame loop (driven by the person
// at the keyboard or by a UI script), and saves screenshots of what the window shows.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/clinic/clinic_records.h"
#include "app/clinic/clinic_theme.h"
#include "app/clinic/console_tab.h"

namespace lumbo::app {

struct ClinicOptions {
  std::filesystem::path dataFolder;
  std::optional<std::filesystem::path> db;
  ThemeKind theme = ThemeKind::Light;
  std::optional<std::filesystem::path> script;
  std::optional<std::filesystem::path> screenshot;  // the last frame, as PNG
  std::optional<int> frames;                        // stop after this many frames
  double todayUnixS = 0.0;
  bool validation = false;
  int widthPx = 1280;
  int heightPx = 800;
  // Further tabs of the top bar, after the patients' pages.
  std::vector<std::unique_ptr<ConsoleTab>> extraTabs;
};

// Runs the console until the window closes, the script ends (then one frame more) or the frame
// count is reached. Returns the exit code: 1 when the script fails (a control not on screen, an
// expectation not met; the message names the script's line) or a screenshot cannot be written.
int runClinicConsole(ClinicOptions options, std::vector<Exercise> library);

}  // namespace lumbo::app
