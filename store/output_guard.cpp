// Output paths checked by device and inode against the inputs, and by content against stores.
#include "store/output_guard.h"

#include <sys/stat.h>

#include <cctype>
#include <cstring>
#include <fstream>
#include <optional>

namespace lumbo::store {

namespace {

bool sameFile(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

// SQLite files start with this header; a store is never a report's or an export's target.
bool isSqliteFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  char header[16] = {};
  in.read(header, sizeof header);
  return in.gcount() == sizeof header && std::memcmp(header, "SQLite format 3", 16) == 0;
}

// Why an existing `out` must never be written, whatever --force says: it is an input or a store.
std::optional<std::string> protectedFile(const std::filesystem::path& out, const struct stat& target,
                                         std::span<const std::filesystem::path> inputs) {
  for (const std::filesystem::path& input : inputs) {
    struct stat in;
    if (::stat(input.c_str(), &in) == 0 && sameFile(in, target)) {
      return out.string() + " is the input " + input.string() + ": refusing to write over it";
    }
  }
  if (S_ISREG(target.st_mode) && isSqliteFile(out)) {
    return out.string() + " is a Lumbo session store (an SQLite file): refusing to write over it";
  }
  return std::nullopt;
}

}  // namespace

Status checkOutput(const std::filesystem::path& out, const OutputCheck& check) {
  struct stat target;
  if (::stat(out.c_str(), &target) != 0) return Done{};  // nothing there yet: nothing to lose
  if (auto why = protectedFile(out, target, check.inputs)) return Error{*why};
  if (S_ISDIR(target.st_mode)) return Error{out.string() + " is a folder, not a file"};
  if (!check.force) return Error{out.string() + " exists: give --force to replace it"};
  return Done{};
}

Status checkOutputFolder(const std::filesystem::path& dir, std::string_view marker, const OutputCheck& check) {
  struct stat target;
  if (::stat(dir.c_str(), &target) != 0) return Done{};
  if (!S_ISDIR(target.st_mode)) {
    if (auto why = protectedFile(dir, target, check.inputs)) return Error{*why};
    return Error{dir.string() + " is a file, not a folder"};
  }
  const std::filesystem::path existing = dir / marker;
  if (std::filesystem::exists(existing)) return checkOutput(existing, check);
  return Done{};
}

Status checkPersonId(std::string_view id) {
  if (id.empty()) return Error{"the person id is empty"};
  if (id.size() > 64) return Error{"the person id '" + std::string(id.substr(0, 16)) + "...' is longer than 64 characters"};
  if (id.front() == '.') return Error{"the person id '" + std::string(id) + "' starts with '.'"};
  for (char c : id) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) && u < 128) && c != '-' && c != '_' && c != '.') {
      return Error{"the person id '" + std::string(id) + "' may hold only letters, digits, '-', '_' and '.'"};
    }
  }
  return Done{};
}

}  // namespace lumbo::store
