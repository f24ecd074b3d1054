// The therapist's report: one self-contained HTML page with SVG charts, and the same figures as
// CSV files beside it.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "body/result.h"
#include "store/session_store.h"

namespace lumbo::store {

struct ReportOptions {
  std::string personId;
  std::filesystem::path outDir;
  // Called before each step (1-based) so a terminal can show progress on long work.
  std::function<void(int step, int steps, std::string_view what)> progress;
  double generatedUnixS = 0.0;  // shown on the page; 0: now
};

// Writes report.html and the CSV files (each 0600, atomically) and returns their paths.
Result<std::vector<std::filesystem::path>> writeReport(SessionStore& store, const ReportOptions& options);

}  // namespace lumbo::store
