// Argument parsing shared by the subcommands.
#include "app/cli/command_line.h"

#include <charconv>
#include <stdexcept>

#include "store/output_guard.h"

namespace lumbo::app {

Args::Args(std::span<const std::string> args, const ArgSpec& spec) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() > 2 && a.rfind("--", 0) == 0) {
      std::string name = a;
      std::optional<std::string> inlineValue;
      if (const auto eq = a.find('='); eq != std::string::npos) {
        name = a.substr(0, eq);
        inlineValue = a.substr(eq + 1);
      }
      if (spec.valueOptions.count(name)) {
        if (inlineValue) {
          values_[name] = *inlineValue;
        } else if (i + 1 < args.size()) {
          values_[name] = args[++i];
        } else {
          throw UsageError("option " + name + " needs a value");
        }
      } else if (spec.flags.count(name) && !inlineValue) {
        flags_.insert(name);
      } else {
        throw UsageError("unknown option " + a);
      }
    } else {
      positional_.push_back(a);
    }
  }
  if (auto person = value("--person")) {
    if (auto st = store::checkPersonId(*person); !st) throw UsageError("--person: " + st.error());
  }
  if (positional_.size() < spec.minPositional) throw UsageError("missing arguments");
  if (positional_.size() > spec.maxPositional) {
    throw UsageError("unexpected argument '" + positional_[spec.maxPositional] + "'");
  }
}

std::optional<std::string> Args::value(const std::string& option) const {
  const auto it = values_.find(option);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Args::required(const std::string& option) const {
  auto v = value(option);
  if (!v) throw UsageError("option " + option + " is required");
  return *v;
}

std::optional<double> Args::number(const std::string& option) const {
  const auto v = value(option);
  if (!v) return std::nullopt;
  double out = 0.0;
  const auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || ptr != v->data() + v->size()) {
    throw UsageError("option " + option + " expects a number, got '" + *v + "'");
  }
  return out;
}

std::optional<int> Args::integer(const std::string& option) const {
  const auto v = value(option);
  if (!v) return std::nullopt;
  int out = 0;
  const auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || ptr != v->data() + v->size()) {
    throw UsageError("option " + option + " expects a whole number, got '" + *v + "'");
  }
  return out;
}

void guardOutput(const Args& parsed, const std::filesystem::path& out, std::initializer_list<std::filesystem::path> inputs) {
  const std::vector<std::filesystem::path> in(inputs);
  if (auto st = store::checkOutput(out, {in, parsed.flag("--force")}); !st) throw std::runtime_error(st.error());
}

}  // namespace lumbo::app
