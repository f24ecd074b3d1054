// The SQLite wrappers: every failure becomes a SqlError naming the database file.
#include "store/sqlite.h"

#include <sqlite3.h>

#include <utility>

namespace lumbo::store {

Connection Connection::open(const std::filesystem::path& path, bool create) {
  Connection c;
  c.path_ = path;
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &c.db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string why = c.db_ ? sqlite3_errmsg(c.db_) : sqlite3_errstr(rc);
    throw SqlError(path.string() + ": cannot open database: " + why, c.db_ ? sqlite3_extended_errcode(c.db_) : rc,
                   c.db_ ? sqlite3_system_errno(c.db_) : 0);
  }
  sqlite3_extended_result_codes(c.db_, 1);
  // A reader may meet the writer mid-commit; waiting a little beats failing a report.
  sqlite3_busy_timeout(c.db_, 5000);
  return c;
}

Connection::Connection(Connection&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)), cache_(std::move(other.cache_)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    cache_.reset();
    if (db_) sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
    cache_ = std::move(other.cache_);
  }
  return *this;
}

Connection::~Connection() {
  cache_.reset();
  if (db_) sqlite3_close_v2(db_);
}

void Connection::fail(std::string_view what) const {
  throw SqlError(path_.string() + ": " + std::string(what) + ": " + sqlite3_errmsg(db_), sqlite3_extended_errcode(db_),
                 sqlite3_system_errno(db_));
}

void Connection::exec(std::string_view sql) {
  char* message = nullptr;
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string why = message ? message : "unknown error";
    sqlite3_free(message);
    throw SqlError(path_.string() + ": " + why, sqlite3_extended_errcode(db_), sqlite3_system_errno(db_));
  }
}

Statement Connection::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
    fail("cannot prepare '" + std::string(sql.substr(0, 60)) + "'");
  }
  return Statement(stmt);
}

Statement& Connection::cached(const char* sql) {
  if (!cache_) cache_ = std::make_unique<std::map<const char*, Statement>>();
  auto it = cache_->find(sql);
  if (it == cache_->end()) it = cache_->emplace(sql, prepare(sql)).first;
  it->second.reset();
  return it->second;
}

std::int64_t Connection::lastInsertId() const { return sqlite3_last_insert_rowid(db_); }

std::int64_t Connection::queryInt(std::string_view sql) {
  Statement s = prepare(sql);
  if (!s.step()) fail("no result for '" + std::string(sql) + "'");
  return s.getInt(0);
}

std::string Connection::queryText(std::string_view sql) {
  Statement s = prepare(sql);
  if (!s.step()) fail("no result for '" + std::string(sql) + "'");
  return s.getText(0);
}

Statement::Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_) sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

Statement::~Statement() {
  if (stmt_) sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) fail("bind");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) fail("bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  if (sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT) != SQLITE_OK) {
    fail("bind");
  }
  return *this;
}

void Statement::fail(std::string_view what) const {
  sqlite3* db = sqlite3_db_handle(stmt_);
  const char* file = sqlite3_db_filename(db, "main");
  throw SqlError(std::string(file ? file : "database") + ": " + std::string(what) + ": " + sqlite3_errmsg(db),
                 sqlite3_extended_errcode(db), sqlite3_system_errno(db));
}

Statement& Statement::bindBlob(int index, const void* data, int bytes) {
  if (sqlite3_bind_blob(stmt_, index, data, bytes, SQLITE_TRANSIENT) != SQLITE_OK) fail("bind");
  return *this;
}

Statement& Statement::bindNull(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) fail("bind");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail("step '" + std::string(sqlite3_sql(stmt_)).substr(0, 60) + "'");
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::isNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
std::int64_t Statement::getInt(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::getDouble(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::getText(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  if (!text) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<double> Statement::getOptionalDouble(int column) const {
  if (isNull(column)) return std::nullopt;
  return getDouble(column);
}

std::optional<std::int64_t> Statement::getOptionalInt(int column) const {
  if (isNull(column)) return std::nullopt;
  return getInt(column);
}

const void* Statement::getBlob(int column, int& bytes) const {
  const void* data = sqlite3_column_blob(stmt_, column);
  bytes = sqlite3_column_bytes(stmt_, column);
  return data;
}

Transaction::Transaction(Connection& connection, bool immediate) : connection_(connection) {
  connection_.exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    connection_.exec("ROLLBACK");
  } catch (...) {
    // A failed rollback leaves SQLite to roll back when the connection closes.
  }
}

void Transaction::commit() {
  connection_.exec("COMMIT");
  open_ = false;
}

}  // namespace lumbo::store
