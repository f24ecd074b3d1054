// Thin RAII wrappers over the SQLite C API: a connection and prepared statements.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace lumbo::store {

// A failed SQL call on one of our own statements: a full disk, a locked file, a broken database.
// The message names the database file.
// It keeps SQLite's extended result code and the system errno behind it, so callers can tell a
// full disk from a damaged file (store/store_health.h words the difference).
class SqlError : public std::runtime_error {
 public:
  explicit SqlError(const std::string& what, int code = 0, int systemErrno = 0)
      : std::runtime_error(what), code_(code), systemErrno_(systemErrno) {}
  int code() const { return code_; }
  int systemErrno() const { return systemErrno_; }

 private:
  int code_ = 0;
  int systemErrno_ = 0;
};

class Statement;

class Connection {
 public:
  // Opens (or, with create, makes) the file. Throws SqlError naming the file on failure.
  static Connection open(const std::filesystem::path& path, bool create);

  Connection() = default;
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);
  // A statement prepared once per connection and reused: for the writer's hot inserts. `sql`
  // must be a string literal (its address is the key).
  Statement& cached(const char* sql);
  std::int64_t lastInsertId() const;
  // A single integer from a query such as "PRAGMA user_version".
  std::int64_t queryInt(std::string_view sql);
  std::string queryText(std::string_view sql);

  const std::filesystem::path& path() const { return path_; }
  sqlite3* handle() const { return db_; }
  [[noreturn]] void fail(std::string_view what) const;

 private:
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
  std::unique_ptr<std::map<const char*, Statement>> cache_;
};

// A prepared statement. Bind indices are 1-based (SQLite's); column indices 0-based.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bindNull(int index);
  Statement& bindBlob(int index, const void* data, int bytes);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bindNull(index);
  }

  // True while there is a row to read; false when done.
  bool step();
  // Runs a statement that returns no rows, then resets it for reuse.
  void run();
  void reset();

  bool isNull(int column) const;
  std::int64_t getInt(int column) const;
  double getDouble(int column) const;
  std::string getText(int column) const;
  std::optional<double> getOptionalDouble(int column) const;
  std::optional<std::int64_t> getOptionalInt(int column) const;
  const void* getBlob(int column, int& bytes) const;

 private:
  [[noreturn]] void fail(std::string_view what) const;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN ... COMMIT, rolled back if the scope is left without commit().
class Transaction {
 public:
  explicit Transaction(Connection& connection, bool immediate = true);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Connection& connection_;
  bool open_ = true;
};

}  // namespace lumbo::store
