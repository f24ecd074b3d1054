// Store names checked with lstat, and the writer lock taken with flock on the database itself.
#include "store/store_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "store/private_file.h"

namespace lumbo::store {

namespace {

Status checkLinks(const std::filesystem::path& path, const struct stat& st) {
  if (S_ISREG(st.st_mode) && st.st_nlink > 1) {
    return Error{path.string() + ": the store has " + std::to_string(st.st_nlink) +
                 " hard links; a store must have one name (remove the other links, or copy the file)"};
  }
  return Done{};
}

}  // namespace

Status checkStoreName(const std::filesystem::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return Done{};
  if (S_ISLNK(st.st_mode)) {
    std::error_code ec;
    const auto target = std::filesystem::read_symlink(path, ec);
    return Error{path.string() + ": is a symbolic link" + (ec ? std::string() : " to " + target.string()) +
                 "; give the store's own path, not a link to it"};
  }
  return checkLinks(path, st);
}

Result<StoreLock> StoreLock::take(const std::filesystem::path& path) {
  if (auto s = checkStoreName(path); !s) return Error{s.error()};
  if (auto s = makePrivateDirectory(path.has_parent_path() ? path.parent_path() : "."); !s) return Error{s.error()};
  // O_NOFOLLOW: a link put in place after the check above is refused too.
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == ELOOP) return Error{path.string() + ": is a symbolic link; give the store's own path, not a link to it"};
    return Error{path.string() + ": cannot open the store: " + std::strerror(errno)};
  }
  StoreLock lock(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0) return Error{path.string() + ": cannot read: " + std::strerror(errno)};
  if (!S_ISREG(st.st_mode)) return Error{path.string() + ": not a regular file, not a session store"};
  if (auto s = checkLinks(path, st); !s) return Error{s.error()};
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) return Error{path.string() + ": another Lumbo process is recording into this store"};
    return Error{path.string() + ": cannot lock the store: " + std::strerror(errno)};
  }
  return lock;
}

StoreLock::StoreLock(StoreLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

StoreLock& StoreLock::operator=(StoreLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

StoreLock::~StoreLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace lumbo::store
