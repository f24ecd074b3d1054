// `lumbo export --db DB --person ID --format csv|json|fhir --out PATH [--deidentify]`.
#include <cstdio>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "store/export.h"
#include "store/private_file.h"
#include "store/session_store.h"

namespace lumbo::app {

int runExport(std::span<const std::string> args) {
  const Args parsed(args, ArgSpec{{"--db", "--person", "--format", "--out"}, {"--deidentify", "--force"}, 0, 0});
  const std::string person = parsed.required("--person");
  const std::string formatName = parsed.required("--format");
  const auto format = store::exportFormatFromName(formatName);
  if (!format) throw UsageError("unknown --format '" + formatName + "' (csv, json or fhir)");
  const std::filesystem::path db = parsed.value("--db").value_or(store::defaultDatabasePath(person).string());
  guardOutput(parsed, parsed.required("--out"), {db});
  auto opened = store::SessionStore::open(db, store::OpenOptions{false});
  if (!opened) {
    std::fprintf(stderr, "lumbo export: %s\n", opened.error().c_str());
    return kExitFailure;
  }
  store::ExportOptions options;
  options.personId = person;
  options.format = *format;
  options.out = parsed.required("--out");
  options.deidentify = parsed.flag("--deidentify");
  if (auto s = store::exportPerson(*opened, options); !s) {
    std::fprintf(stderr, "lumbo export: %s\n", s.error().c_str());
    return kExitFailure;
  }
  std::printf("%s\n", options.out.c_str());
  return kExitOk;
}

}  // namespace lumbo::app
