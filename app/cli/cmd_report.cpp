// `lumbo report --db DB --person ID --out DIR`: the HTML report with charts and its CSV files.
#include <cstdio>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "store/output_guard.h"
#include "store/private_file.h"
#include "store/report.h"
#include "store/session_store.h"

namespace lumbo::app {

int runReport(std::span<const std::string> args) {
  const Args parsed(args, ArgSpec{{"--db", "--person", "--out"}, {"--force"}, 0, 0});
  const std::string person = parsed.required("--person");
  const std::string out = parsed.required("--out");
  const std::filesystem::path db = parsed.value("--db").value_or(store::defaultDatabasePath(person).string());
  const std::vector<std::filesystem::path> inputs{db};
  if (auto st = store::checkOutputFolder(out, "report.html", {inputs, parsed.flag("--force")}); !st) {
    std::fprintf(stderr, "lumbo report: %s\n", st.error().c_str());
    return kExitFailure;
  }
  auto opened = store::SessionStore::open(db, store::OpenOptions{false});
  if (!opened) {
    std::fprintf(stderr, "lumbo report: %s\n", opened.error().c_str());
    return kExitFailure;
  }
  store::ReportOptions options;
  options.personId = person;
  options.outDir = out;
  options.progress = [](int step, int steps, std::string_view what) {
    std::fprintf(stderr, "report: [%d/%d] %.*s\n", step, steps, static_cast<int>(what.size()), what.data());
  };
  auto written = store::writeReport(*opened, options);
  if (!written) {
    std::fprintf(stderr, "lumbo report: %s\n", written.error().c_str());
    return kExitFailure;
  }
  for (const auto& path : *written) std::printf("%s\n", path.c_str());
  return kExitOk;
}

}  // namespace lumbo::app
