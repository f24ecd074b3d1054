// Small self-contained SVG charts for the report: time series, a calendar and bars. No scripts,
// no fonts or styles from outside, so the page reads offline in any browser.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lumbo::store {

struct ChartSeries {
  std::string name;
  std::vector<std::pair<double, double>> points;  // (unix seconds, value)
  bool dashed = false;
};

struct TimeChart {
  std::string title;
  std::string yLabel;
  std::optional<double> yMin, yMax;  // fixed scale (0-100 quality, 0-10 pain); else from the data
  std::vector<ChartSeries> series;
};

std::string timeChartSvg(const TimeChart& chart);

// One square per day from the first to the last day with data (whole weeks, Monday on top),
// shaded by minutes exercised. Keys are "YYYY-MM-DD".
std::string calendarSvg(const std::string& title, const std::map<std::string, double>& minutesByDay);

struct Bar {
  std::string label;  // shown on hover
  double value = 0.0;
  std::string group;  // same group, same colour
};

std::string barChartSvg(const std::string& title, const std::string& yLabel, double yMax, const std::vector<Bar>& bars);

// The palette the charts cycle through, for legends written outside the SVG.
const std::string& seriesColour(std::size_t index);

}  // namespace lumbo::store
