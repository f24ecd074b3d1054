// Options the clinical commands share: which database holds a person, dates given on the command
// line (checked: a recording cannot come from the future), and opening a person's store without
// creating anything for an unknown one.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "app/cli/command_line.h"
#include "body/result.h"
#include "exercises/exercise.h"
#include "store/session_store.h"

namespace lumbo::app {

// --db DB, else the person's own file in the data folder.
std::filesystem::path databaseFor(const Args& parsed, const std::string& personId);

// The data folder: --data-dir DIR, else where defaultDatabasePath puts every person's file.
std::filesystem::path dataFolder(const Args& parsed);

// `option` (e.g. "--date") as YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC). Throws UsageError naming the
// option when it is unparsable, or when it is in the future and `allowFuture` is false.
std::optional<double> dateOption(const Args& parsed, const std::string& option, bool allowFuture = false);

// Opens an existing store and checks that the person is in it; the error names the file or says
// how to register the person. Never creates a file.
Result<store::SessionStore> openPersonStore(const std::filesystem::path& db, const std::string& personId);

// The exercise library: --exercises-dir DIR, else the bundled one.
Result<std::vector<Exercise>> exerciseLibrary(const Args& parsed);

}  // namespace lumbo::app
