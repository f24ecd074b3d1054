// Owner-only folders and files, written atomically (temporary file, fsync, rename).
#include "store/private_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <utility>

namespace lumbo::store {

Status makePrivateDirectory(const std::filesystem::path& dir) {
  if (dir.empty()) return Done{};
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return Done{};
  if (dir.has_parent_path() && dir.parent_path() != dir) {
    if (auto s = makePrivateDirectory(dir.parent_path()); !s) return s;
  }
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return Error{dir.string() + ": cannot create folder: " + std::strerror(errno)};
  }
  return Done{};
}

Status writeFileAtomically(const std::filesystem::path& path, std::string_view content) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  if (auto s = makePrivateDirectory(dir); !s) return s;
  std::random_device rd;
  const std::filesystem::path temp = dir / ("." + path.filename().string() + "." + std::to_string(rd()) + ".partial");
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Error{temp.string() + ": cannot create: " + std::strerror(errno)};
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(temp.c_str());
      return Error{path.string() + ": cannot write: " + why};
    }
    written += static_cast<std::size_t>(n);
  }
  // Without the fsync a power cut after the rename could leave an empty file under the new name.
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temp.c_str());
    return Error{path.string() + ": cannot write: " + why};
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temp.c_str());
    return Error{path.string() + ": cannot rename into place: " + why};
  }
  return Done{};
}

Result<PrivateFileWriter> PrivateFileWriter::open(const std::filesystem::path& path) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  if (auto s = makePrivateDirectory(dir); !s) return Error{s.error()};
  std::random_device rd;
  std::filesystem::path temp = dir / ("." + path.filename().string() + "." + std::to_string(rd()) + ".partial");
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Error{temp.string() + ": cannot create: " + std::strerror(errno)};
  return PrivateFileWriter(path, std::move(temp), fd);
}

PrivateFileWriter::PrivateFileWriter(PrivateFileWriter&& other) noexcept
    : path_(std::move(other.path_)),
      temp_(std::move(other.temp_)),
      fd_(std::exchange(other.fd_, -1)),
      text_(std::move(other.text_)),
      error_(std::move(other.error_)) {}

PrivateFileWriter::~PrivateFileWriter() {
  if (fd_ < 0) return;
  ::close(fd_);
  ::unlink(temp_.c_str());
}

void PrivateFileWriter::flush() {
  std::size_t written = 0;
  while (error_.empty() && written < text_.size()) {
    const ssize_t n = ::write(fd_, text_.data() + written, text_.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      error_ = std::strerror(errno);
      break;
    }
    written += static_cast<std::size_t>(n);
  }
  text_.clear();
}

Status PrivateFileWriter::commit() {
  if (fd_ < 0) return Error{path_.string() + ": already committed"};
  flush();
  // As writeFileAtomically: the fsync keeps a power cut after the rename from leaving it empty.
  if (error_.empty() && ::fsync(fd_) != 0) error_ = std::strerror(errno);
  if (::close(fd_) != 0 && error_.empty()) error_ = std::strerror(errno);
  fd_ = -1;
  if (error_.empty() && ::rename(temp_.c_str(), path_.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temp_.c_str());
    return Error{path_.string() + ": cannot rename into place: " + why};
  }
  if (!error_.empty()) {
    ::unlink(temp_.c_str());
    return Error{path_.string() + ": cannot write: " + error_};
  }
  return Done{};
}

std::filesystem::path defaultDatabasePath(std::string_view personId) {
  std::filesystem::path base;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    base = std::filesystem::path(home) / ".local" / "share";
  } else {
    base = ".";
  }
  return base / "lumbo" / (std::string(personId) + ".lumbo.sqlite");
}

}  // namespace lumbo::store
