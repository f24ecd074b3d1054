// `lumbo compare --person ID --before PERIOD --after PERIOD`: the change in each range-of-motion,
// quality, pain and ODI figure between two periods (context labels such as "pre-flight", or date
// ranges), as text or JSON.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/cli/clinic_options.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "store/private_file.h"
#include "store/queries.h"

namespace lumbo::app {

int runCompare(std::span<const std::string> args) {
  const Args parsed(args, ArgSpec{{"--person", "--before", "--after", "--db", "--json"}, {"--force"}, 0, 0});
  const std::string person = parsed.required("--person");
  auto before = store::Period::parse(parsed.required("--before"));
  if (!before) throw UsageError("--before: " + before.error());
  auto after = store::Period::parse(parsed.required("--after"));
  if (!after) throw UsageError("--after: " + after.error());
  auto opened = openPersonStore(databaseFor(parsed, person), person);
  if (!opened) {
    std::fprintf(stderr, "lumbo compare: %s\n", opened.error().c_str());
    return kExitFailure;
  }
  const std::vector<store::Comparison> rows = store::Queries(*opened).compare(person, *before, *after);
  auto mean = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
  nlohmann::json measures = nlohmann::json::array();
  for (const auto& c : rows) {
    measures.push_back({{"measure", c.measure},
                        {"unit", c.unit},
                        {"before", {{"count", c.countBefore}, {"mean", mean(c.meanBefore)}}},
                        {"after", {{"count", c.countAfter}, {"mean", mean(c.meanAfter)}}},
                        {"change", mean(c.change())}});
  }
  if (auto out = parsed.value("--json")) {
    if (*out != "-") guardOutput(parsed, *out, {databaseFor(parsed, person)});
    const std::string text =
        nlohmann::json{{"person", person}, {"before", before->label}, {"after", after->label}, {"measures", measures}}.dump(2) + "\n";
    if (*out == "-") {
      std::fwrite(text.data(), 1, text.size(), stdout);
      return kExitOk;
    }
    if (auto st = store::writeFileAtomically(*out, text); !st) {
      std::fprintf(stderr, "lumbo compare: %s\n", st.error().c_str());
      return kExitFailure;
    }
  }
  std::printf("%s: %s -> %s\n", person.c_str(), before->label.c_str(), after->label.c_str());
  if (rows.empty()) std::printf("nothing recorded in either period\n");
  for (const auto& c : rows) {
    auto cell = [](const std::optional<double>& v, int n) {
      char buf[48];
      if (!v) return std::string("-");
      std::snprintf(buf, sizeof buf, "%.1f (n=%d)", *v, n);
      return std::string(buf);
    };
    char change[32] = "-";
    if (c.change()) std::snprintf(change, sizeof change, "%+.1f", *c.change());
    std::printf("  %-40s %-6s %16s %16s %8s\n", c.measure.c_str(), c.unit.c_str(), cell(c.meanBefore, c.countBefore).c_str(),
                cell(c.meanAfter, c.countAfter).c_str(), change);
  }
  return kExitOk;
}

}  // namespace lumbo::app
