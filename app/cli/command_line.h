// Parsing of a subcommand's arguments: positionals, `--option VALUE` and `--flag`.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace lumbo::app {

// A mistake in how the command was called. main() prints it with the usage and exits with 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // bad input data, failed work
inline constexpr int kExitUsage = 2;    // bad arguments

struct ArgSpec {
  std::set<std::string> valueOptions;  // e.g. "--csv" takes the next argument
  std::set<std::string> flags;         // e.g. "--gravity-free"
  std::size_t minPositional = 0;
  std::size_t maxPositional = 0;
};

class Args {
 public:
  // Throws UsageError for unknown options, missing values, a wrong number of positionals, or a
  // --person id that cannot name a file (store::checkPersonId).
  Args(std::span<const std::string> args, const ArgSpec& spec);

  const std::vector<std::string>& positional() const { return positional_; }
  std::optional<std::string> value(const std::string& option) const;
  std::string required(const std::string& option) const;
  bool flag(const std::string& name) const { return flags_.count(name) != 0; }

  // Numeric option values, with the option named in the error.
  std::optional<double> number(const std::string& option) const;
  std::optional<int> integer(const std::string& option) const;

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::string> values_;
  std::set<std::string> flags_;
};

// Throws std::runtime_error (exit 1, nothing written) unless `out` may be written: not one of
// `inputs`, not a session store, and replaced only with --force (store::checkOutput).
void guardOutput(const Args& parsed, const std::filesystem::path& out, std::initializer_list<std::filesystem::path> inputs);

}  // namespace lumbo::app
