// Escaping and number formatting shared by the HTML report and the CSV exports.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lumbo::store {

std::string htmlEscape(std::string_view text);
// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
std::string csvField(std::string_view text);
std::string csvRow(const std::vector<std::string>& fields);
// Shortest round-trip-safe decimal form for data files; fixed decimals for display.
std::string number(double value);
std::string fixed(double value, int decimals);

}  // namespace lumbo::store
