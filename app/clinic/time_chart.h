// Charts of a person's figures over time drawn with ImGui's draw list: dated points joined per
// series (quality per exercise, pain before and after, ODI, range of motion) or bars against a
// target (sessions done against prescribed per week), with round ticks, a grid and a legend.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace lumbo::app {

struct ChartPoint {
  double x = 0.0;  // days since 1970 for dated charts, else an index
  double y = 0.0;
  std::string label;  // drawn beside the point when not empty (a context label)
};

struct ChartSeries {
  std::string name;
  ImVec4 colour;
  std::vector<ChartPoint> points;
  bool dashed = false;  // a target or threshold rather than data
};

struct LineChart {
  std::string title;
  std::string unit;
  double yMin = 0.0, yMax = 100.0;
  bool datedX = true;  // ticks as dates
  std::vector<ChartSeries> series;
};

struct BarChart {
  std::string title;
  std::string unit;
  std::vector<std::string> categories;  // one per bar group, e.g. the week's Monday
  std::vector<double> values;
  std::vector<double> targets;          // drawn as a marker over each bar; negative: none
  ImVec4 colour;
  std::string valueName, targetName;
};

// Each draws into the next `size` of the window and records its rectangle as "chart:TITLE".
void drawLineChart(const LineChart& chart, const ImVec2& size);
void drawBarChart(const BarChart& chart, const ImVec2& size);

// Round tick values covering [lo, hi] with about `count` steps of 1, 2 or 5 times a power of ten.
std::vector<double> niceTicks(double lo, double hi, int count);

}  // namespace lumbo::app
