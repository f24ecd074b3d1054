// One file, one name, one writer: a store is refused behind a symbolic link or a second hard
// link, and the writer's lock is taken on the database file itself, so every name of it agrees.
#pragma once

#include <filesystem>

#include "body/result.h"

namespace lumbo::store {

// Refuses a store reached through a symbolic link (its last component) or a file with more than
// one hard link. SQLite names the -wal and -shm files after the name it was given, so two names
// of one file would keep two write-ahead logs and lose commits; refusing is simpler and safer
// than guessing which name is the real one. A missing file passes.
Status checkStoreName(const std::filesystem::path& path);

// An exclusive lock (flock) on the database file itself, held while the object lives. Locks
// follow the inode, so a second writer is refused whatever name, link or folder it came by.
// flock locks are separate from SQLite's own POSIX record locks on the file, but closing any
// descriptor of the file drops those, so the lock must outlive every connection to the store
// opened after it (SessionWriter declares it before its store).
class StoreLock {
 public:
  // Creates the file (empty, 0600, folders 0700) when it is missing. Fails naming the file when
  // another process (or another writer in this one) holds the lock.
  static Result<StoreLock> take(const std::filesystem::path& path);

  StoreLock() = default;
  StoreLock(StoreLock&& other) noexcept;
  StoreLock& operator=(StoreLock&& other) noexcept;
  StoreLock(const StoreLock&) = delete;
  StoreLock& operator=(const StoreLock&) = delete;
  ~StoreLock();

 private:
  explicit StoreLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace lumbo::store
