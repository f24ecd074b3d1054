// The clinical commands' shared options.
#include "app/cli/clinic_options.h"

#include "body/clock.h"
#include "store/private_file.h"
#include "store/queries.h"

namespace lumbo::app {

std::filesystem::path databaseFor(const Args& parsed, const std::string& personId) {
  return parsed.value("--db").value_or(store::defaultDatabasePath(personId).string());
}

std::filesystem::path dataFolder(const Args& parsed) {
  if (auto d = parsed.value("--data-dir")) return *d;
  return store::defaultDatabasePath("x").parent_path();
}

std::optional<double> dateOption(const Args& parsed, const std::string& option, bool allowFuture) {
  const auto text = parsed.value(option);
  if (!text) return std::nullopt;
  const auto t = store::parseUtcDateTime(*text);
  if (!t) throw UsageError(option + ": '" + *text + "' is no date (want YYYY-MM-DD or YYYY-MM-DDTHH:MM, UTC)");
  if (!allowFuture && *t > unixNowS()) throw UsageError(option + ": " + *text + " is in the future");
  return t;
}

Result<store::SessionStore> openPersonStore(const std::filesystem::path& db, const std::string& personId) {
  if (!std::filesystem::exists(db)) {
    return Error{"unknown person '" + personId + "': no store at " + db.string() + " (lumbo patient add " + personId +
                 " registers them)"};
  }
  auto store = store::SessionStore::open(db, store::OpenOptions{.create = false});
  if (!store) return Error{store.error()};
  if (!store->person(personId)) {
    return Error{"unknown person '" + personId + "' in " + db.string() + " (lumbo patient add " + personId + " registers them)"};
  }
  return store;
}

Result<std::vector<Exercise>> exerciseLibrary(const Args& parsed) {
  return loadExerciseLibrary(parsed.value("--exercises-dir").value_or(defaultExerciseFolder().string()));
}

}  // namespace lumbo::app
