// Files only their owner can read: the store's database and every report and export.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "body/result.h"

namespace lumbo::store {

// Creates the folder (and missing parents) as 0700 if it does not exist.
Status makePrivateDirectory(const std::filesystem::path& dir);

// Writes the whole content to `path` with mode 0600 through a temporary file in the same folder
// that is fsynced and renamed over the target, so a reader sees the old file or the new one,
// never a half-written one.
Status writeFileAtomically(const std::filesystem::path& path, std::string_view content);

// The same written in pieces, for outputs too long to hold (a CSV row per sample of an hours-long
// recording): appended text is buffered and written to the temporary file as it grows; commit
// makes the file appear at `path`, and a writer destroyed without a commit leaves nothing there.
class PrivateFileWriter {
 public:
  static Result<PrivateFileWriter> open(const std::filesystem::path& path);
  PrivateFileWriter(PrivateFileWriter&& other) noexcept;
  PrivateFileWriter& operator=(PrivateFileWriter&&) = delete;
  PrivateFileWriter(const PrivateFileWriter&) = delete;
  ~PrivateFileWriter();

  // The buffer to append to; written out once it holds 64 KiB.
  std::string& text() { return text_; }
  void flushIfFull() {
    if (text_.size() >= kFlushBytes) flush();
  }
  Status commit();

 private:
  static constexpr std::size_t kFlushBytes = std::size_t{1} << 16;
  PrivateFileWriter(std::filesystem::path path, std::filesystem::path temp, int fd)
      : path_(std::move(path)), temp_(std::move(temp)), fd_(fd) {}
  void flush();

  std::filesystem::path path_;
  std::filesystem::path temp_;
  int fd_ = -1;
  std::string text_;
  std::string error_;  // the first write error, reported by commit
};

// $XDG_DATA_HOME/lumbo (or ~/.local/share/lumbo) /<person>.lumbo.sqlite: one file per profile.
std::filesystem::path defaultDatabasePath(std::string_view personId);

}  // namespace lumbo::store
