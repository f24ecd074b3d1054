// `lumbo outcome odi|pain`: outcomes entered outside sessions: the Oswestry Disability Index
// from its ten section answers, and pain on the 0-10 numeric rating scale.
#include <cstdio>

#include "app/cli/clinic_options.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "body/clock.h"
#include "store/outcomes.h"
#include "store/queries.h"

namespace lumbo::app {

int runOutcome(std::span<const std::string> args) {
  if (args.empty()) throw UsageError("outcome needs odi or pain");
  const std::string& verb = args[0];
  if (verb != "odi" && verb != "pain") throw UsageError("outcome: unknown measure '" + verb + "' (odi or pain)");
  const Args parsed(args.subspan(1), ArgSpec{{"--person", "--answers", "--nrs", "--date", "--db"}, {}, 0, 0});
  const std::string person = parsed.required("--person");
  // Everything is checked before the store is opened: a refused entry writes nothing.
  const double at = dateOption(parsed, "--date").value_or(unixNowS());
  store::OswestryRecord odi{person, at, {}};
  int nrs = 0;
  if (verb == "odi") {
    if (parsed.value("--nrs")) throw UsageError("--nrs belongs to outcome pain");
    auto answers = store::parseOdiAnswers(parsed.required("--answers"));
    if (!answers) throw UsageError(answers.error());
    odi.sections = *answers;
  } else {
    if (parsed.value("--answers")) throw UsageError("--answers belongs to outcome odi");
    const std::string text = parsed.required("--nrs");
    const auto v = parsed.integer("--nrs");
    if (!v || *v < 0 || *v > 10) throw UsageError("--nrs: '" + text + "' is not a whole number from 0 to 10");
    nrs = *v;
  }
  const std::filesystem::path db = databaseFor(parsed, person);
  auto opened = openPersonStore(db, person);
  if (!opened) {
    std::fprintf(stderr, "lumbo outcome: %s\n", opened.error().c_str());
    return kExitFailure;
  }
  if (verb == "odi") {
    opened->addOswestry(odi);
    int answered = 0;
    for (const auto& s : odi.sections) answered += s ? 1 : 0;
    std::printf("ODI %.0f %% (%d of 10 sections answered) for %s on %s\n", odi.percent().value_or(0.0), answered,
                person.c_str(), store::utcDate(at).c_str());
  } else {
    opened->addPain(store::PainRecord{person, at, nrs, "other"});
    std::printf("pain %d / 10 for %s on %s\n", nrs, person.c_str(), store::utcDate(at).c_str());
  }
  return kExitOk;
}

}  // namespace lumbo::app
