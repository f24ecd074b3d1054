// Checked access to JSON fields for the asset loaders (exercises, programs, histories): each
// check is one line, a failure names the field as a JSON pointer, and every loader reports a bad
// file the same way.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "body/result.h"

namespace lumbo::json_fields {

using nlohmann::json;

// Thrown inside the parser only, so each check is one line; parseJson turns it into a Result.
struct FieldError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] inline void fail(const std::string& pointer, const std::string& why) {
  throw FieldError(pointer + ": " + why);
}

inline std::string typeName(const json& j) { return j.type_name(); }

inline const json& field(const json& obj, const std::string& ptr, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) fail(ptr, std::string("missing required field '") + key + "'");
  return *it;
}

inline const json* optionalField(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

inline std::string str(const json& j, const std::string& ptr) {
  if (!j.is_string()) fail(ptr, "expected a string, found " + typeName(j));
  return j.get<std::string>();
}

inline std::string nonEmptyStr(const json& j, const std::string& ptr) {
  std::string s = str(j, ptr);
  if (s.empty()) fail(ptr, "must not be empty");
  return s;
}

inline double num(const json& j, const std::string& ptr) {
  if (!j.is_number()) fail(ptr, "expected a number, found " + typeName(j));
  const double v = j.get<double>();
  if (!std::isfinite(v)) fail(ptr, "must be a finite number");
  return v;
}

inline double numIn(const json& j, const std::string& ptr, double lo, double hi) {
  const double v = num(j, ptr);
  if (v < lo || v > hi) {
    std::ostringstream os;
    os << "must be between " << lo << " and " << hi << ", found " << v;
    fail(ptr, os.str());
  }
  return v;
}

inline int integerIn(const json& j, const std::string& ptr, int lo, int hi) {
  if (!j.is_number_integer()) fail(ptr, "expected an integer, found " + typeName(j));
  const auto v = j.get<long long>();
  if (v < lo || v > hi) {
    fail(ptr, "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", found " +
                  std::to_string(v));
  }
  return static_cast<int>(v);
}

inline const json& object(const json& j, const std::string& ptr) {
  if (!j.is_object()) fail(ptr, "expected an object, found " + typeName(j));
  return j;
}

inline const json& array(const json& j, const std::string& ptr) {
  if (!j.is_array()) fail(ptr, "expected an array, found " + typeName(j));
  return j;
}

// Unknown keys are mistakes (a misspelt "hold_s" would silently be ignored otherwise).
inline void onlyKeys(const json& obj, const std::string& ptr, std::initializer_list<const char*> keys) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return it.key() == k; })) {
      fail(ptr + "/" + it.key(), "unknown field");
    }
  }
}


template <typename E, std::size_t N>
E enumeration(const json& j, const std::string& ptr, const std::array<std::pair<const char*, E>, N>& names) {
  const std::string v = str(j, ptr);
  for (const auto& [n, e] : names) {
    if (v == n) return e;
  }
  std::string allowed;
  for (const auto& [n, e] : names) allowed += std::string(allowed.empty() ? "" : ", ") + n;
  fail(ptr, "unknown value '" + v + "' (expected one of: " + allowed + ")");
}

// Parses `text` and builds a T from it with `build`, which reports bad fields by FieldError.
// Either kind of failure comes back as an Error that starts with `source` (the file's name), so
// a person knows which file to fix.
template <typename T, typename F>
Result<T> parseJson(std::string_view text, const std::string& source, F&& build) {
  json j;
  // The last key read: a number too large for a double fails inside the lexer, where the
  // library's message has no field and no file.
  std::string lastKey;
  const json::parser_callback_t track = [&lastKey](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::key && parsed.is_string()) lastKey = parsed.get<std::string>();
    return true;
  };
  try {
    j = json::parse(text.begin(), text.end(), track);
  } catch (const json::parse_error& e) {
    return Error{source + ": not valid JSON: " + e.what()};
  } catch (const json::out_of_range& e) {
    return Error{source + ": field '" + lastKey + "': number out of range (" + e.what() + ")"};
  } catch (const json::exception& e) {
    return Error{source + ": not valid JSON: " + e.what()};
  }
  try {
    return build(j);
  } catch (const FieldError& e) {
    return Error{source + ": " + e.what()};
  } catch (const json::exception& e) {
    // A check a builder missed (a value of the wrong type read with get<>()): still data, not a crash.
    return Error{source + ": " + e.what()};
  }
}

// The whole file as text, or an Error naming it.
inline Result<std::string> readTextFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path.string() + ": cannot open the file"};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace lumbo::json_fields
