// `lumbo store check DB` (is the file sound, how many sessions can be read) and `lumbo store
// salvage DB OUT` (every readable row of a damaged store copied into a new one).
#include <cstdio>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "store/store_health.h"

namespace lumbo::app {

namespace {

int check(const std::string& db) {
  auto report = store::checkStore(db);
  if (!report) {
    std::fprintf(stderr, "lumbo store check: %s\n", report.error().c_str());
    return kExitFailure;
  }
  if (report->sound) {
    std::printf("%s: sound, %lld sessions\n", db.c_str(), static_cast<long long>(report->sessions));
    return kExitOk;
  }
  std::printf("%s: damaged\n", db.c_str());
  for (const auto& p : report->problems) std::printf("  %s\n", p.c_str());
  if (report->sessions >= 0) std::printf("  %lld session rows still readable\n", static_cast<long long>(report->sessions));
  std::printf("%s\n", store::salvageHint(db).c_str());
  return kExitFailure;
}

int salvage(const std::string& db, const std::string& out) {
  auto report = store::salvageStore(db, out);
  if (!report) {
    std::fprintf(stderr, "lumbo store salvage: %s\n", report.error().c_str());
    return kExitFailure;
  }
  for (const auto& n : report->notes) std::printf("  %s\n", n.c_str());
  std::printf("%s: %lld sessions, %lld rows copied, %lld unreadable\n", out.c_str(),
              static_cast<long long>(report->sessionsCopied), static_cast<long long>(report->rowsCopied),
              static_cast<long long>(report->rowsLost));
  return kExitOk;
}

}  // namespace

int runStore(std::span<const std::string> args) {
  if (args.empty()) throw UsageError("store expects check DB or salvage DB OUT");
  const std::string& what = args.front();
  const Args parsed(args.subspan(1), ArgSpec{{}, {}, what == "salvage" ? 2u : 1u, what == "salvage" ? 2u : 1u});
  if (what == "check") return check(parsed.positional()[0]);
  if (what == "salvage") return salvage(parsed.positional()[0], parsed.positional()[1]);
  throw UsageError("store expects check DB or salvage DB OUT, not '" + what + "'");
}

}  // namespace lumbo::app
