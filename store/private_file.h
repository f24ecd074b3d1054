// Files only their owner can read: the store's database and every report and export.
#pragma once

#include <filesystem>
#include <string_view>

#include "body/result.h"

namespace lumbo::store {

// Creates the folder (and missing parents) as 0700 if it does not exist.
Status makePrivateDirectory(const std::filesystem::path& dir);

// Writes the whole content to `path` with mode 0600 through a temporary file in the same folder
// that is fsynced and renamed over the target, so a reader sees the old file or the new one,
// never a half-written one.
Status writeFileAtomically(const std::filesystem::path& path, std::string_view content);

// $XDG_DATA_HOME/lumbo (or ~/.local/share/lumbo) /<person>.lumbo.sqlite: one file per profile.
std::filesystem::path defaultDatabasePath(std::string_view personId);

}  // namespace lumbo::store
