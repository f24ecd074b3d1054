// Drawing the report's charts as SVG text.
#include "store/svg_chart.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "store/queries.h"
#include "store/text_format.h"

namespace lumbo::store {

namespace {

constexpr double kWidth = 720, kHeight = 260, kLeft = 56, kRight = 150, kTop = 30, kBottom = 40;

std::string header(double width, double height, const std::string& title) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + fixed(width, 0) + "\" height=\"" + fixed(height, 0) +
         "\" viewBox=\"0 0 " + fixed(width, 0) + " " + fixed(height, 0) + "\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\">\n"
         "<title>" + htmlEscape(title) + "</title>\n<text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\">" +
         htmlEscape(title) + "</text>\n";
}

std::string text(double x, double y, const std::string& s, const char* anchor = "start") {
  return "<text x=\"" + fixed(x, 1) + "\" y=\"" + fixed(y, 1) + "\" text-anchor=\"" + anchor + "\">" + htmlEscape(s) + "</text>\n";
}

std::string noData(const std::string& title) { return header(kWidth, 60, title) + text(8, 44, "no data yet") + "</svg>\n"; }

// The axis's label written up the left edge, so it never runs into the title above the plot.
std::string yAxisLabel(const std::string& label, double plotH) {
  const double x = 14, y = kTop + plotH / 2;
  return "<text x=\"" + fixed(x, 1) + "\" y=\"" + fixed(y, 1) + "\" text-anchor=\"middle\" transform=\"rotate(-90 " + fixed(x, 1) +
         " " + fixed(y, 1) + ")\">" + htmlEscape(label) + "</text>\n";
}

// A tick step of 1, 2, 2.5 or 5 times a power of ten giving at most about five intervals: each
// tick then sits exactly at the value its label shows.
double tickStep(double range) {
  const double raw = range / 5.0;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * power >= raw - 1e-12) return m * power;
  }
  return 10.0 * power;
}

int decimalsFor(double step) {
  int d = 0;
  while (d < 3 && std::abs(step * std::pow(10.0, d) - std::round(step * std::pow(10.0, d))) > 1e-9) ++d;
  return d;
}

}  // namespace

const std::string& seriesColour(std::size_t index) {
  static const std::array<std::string, 8> kColours = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                                                      "#ff7f0e", "#17becf", "#8c564b", "#e377c2"};
  return kColours[index % kColours.size()];
}

std::string timeChartSvg(const TimeChart& chart) {
  double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
  for (const auto& s : chart.series) {
    for (const auto& [x, y] : s.points) {
      x0 = std::min(x0, x);
      x1 = std::max(x1, x);
      y0 = std::min(y0, y);
      y1 = std::max(y1, y);
    }
  }
  if (x0 > x1) return noData(chart.title);
  if (chart.yMin) y0 = *chart.yMin;
  if (chart.yMax) y1 = *chart.yMax;
  if (y1 - y0 < 1e-9) {
    y0 -= 1;
    y1 += 1;
  }
  const bool oneDay = x1 - x0 < 86400;
  if (oneDay) {  // a single day still gets a readable axis, labelled once under its points
    x0 -= 43200;
    x1 += 43200;
  }
  const double plotW = kWidth - kLeft - kRight, plotH = kHeight - kTop - kBottom;
  auto px = [&](double x) { return kLeft + (x - x0) / (x1 - x0) * plotW; };
  auto py = [&](double y) { return kTop + (1.0 - (y - y0) / (y1 - y0)) * plotH; };

  std::string svg = header(kWidth, kHeight, chart.title);
  svg += "<rect x=\"" + fixed(kLeft, 0) + "\" y=\"" + fixed(kTop, 0) + "\" width=\"" + fixed(plotW, 0) + "\" height=\"" +
         fixed(plotH, 0) + "\" fill=\"none\" stroke=\"#999\"/>\n";
  const double step = tickStep(y1 - y0);
  const int decimals = decimalsFor(step);
  // Whole multiples of the step, counted as integers so no "-0" or drift creeps into a label.
  for (int k = static_cast<int>(std::ceil(y0 / step - 1e-9)); k * step <= y1 + 1e-9; ++k) {
    const double y = static_cast<double>(k) * step + 0.0;
    svg += "<line x1=\"" + fixed(kLeft, 0) + "\" x2=\"" + fixed(kLeft + plotW, 0) + "\" y1=\"" + fixed(py(y), 1) + "\" y2=\"" +
           fixed(py(y), 1) + "\" stroke=\"#eee\"/>\n";
    svg += text(kLeft - 4, py(y) + 4, fixed(y, decimals), "end");
  }
  svg += text(kLeft + plotW / 2, kHeight - 6, "date (UTC)", "middle");
  svg += yAxisLabel(chart.yLabel, plotH);
  if (oneDay) {
    svg += text(kLeft + plotW / 2, kTop + plotH + 14, utcDate(0.5 * (x0 + x1)), "middle");
  } else {
    svg += text(kLeft, kTop + plotH + 14, utcDate(x0), "start");
    svg += text(kLeft + plotW, kTop + plotH + 14, utcDate(x1), "end");
  }
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const auto& s = chart.series[i];
    const std::string& colour = seriesColour(i);
    // Points of one day (two sessions on a date) are set side by side, 7 px apart, in time order,
    // rather than drawn over each other.
    std::map<std::int64_t, int> perDay, seen;
    for (const auto& pt : s.points) perDay[static_cast<std::int64_t>(std::floor(pt.first / 86400.0))] += 1;
    std::vector<double> xs;
    for (const auto& pt : s.points) {
      const auto day = static_cast<std::int64_t>(std::floor(pt.first / 86400.0));
      const int k = seen[day]++;
      xs.push_back(px(pt.first) + 7.0 * (k - (perDay[day] - 1) / 2.0));
    }
    std::string path;
    for (std::size_t k = 0; k < s.points.size(); ++k) path += (path.empty() ? "M" : " L") + fixed(xs[k], 1) + " " + fixed(py(s.points[k].second), 1);
    if (s.points.size() > 1) {
      svg += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\"" +
             (s.dashed ? " stroke-dasharray=\"5 3\"" : "") + "/>\n";
    }
    for (std::size_t k = 0; k < s.points.size(); ++k) {
      const auto& [x, y] = s.points[k];
      svg += "<circle cx=\"" + fixed(xs[k], 1) + "\" cy=\"" + fixed(py(y), 1) + "\" r=\"3\" fill=\"" + colour + "\"><title>" +
             htmlEscape(s.name + " " + utcDateTime(x) + ": " + fixed(y, 1)) + "</title></circle>\n";
    }
    const double ly = kTop + 12 + 16.0 * static_cast<double>(i);
    svg += "<rect x=\"" + fixed(kWidth - kRight + 10, 0) + "\" y=\"" + fixed(ly - 8, 0) + "\" width=\"10\" height=\"10\" fill=\"" + colour + "\"/>\n";
    svg += text(kWidth - kRight + 24, ly + 1, s.name);
  }
  return svg + "</svg>\n";
}

std::string calendarSvg(const std::string& title, const std::map<std::string, double>& minutesByDay) {
  if (minutesByDay.empty()) return noData(title);
  const double firstS = *parseUtcDate(minutesByDay.begin()->first);
  const double lastS = *parseUtcDate(minutesByDay.rbegin()->first);
  const auto firstDay = static_cast<std::int64_t>(firstS / 86400.0);
  const auto lastDay = static_cast<std::int64_t>(lastS / 86400.0);
  const std::int64_t monday = firstDay - ((firstDay % 7 + 7 + 3) % 7);
  const auto weeks = (lastDay - monday) / 7 + 1;
  const double cell = 14, left = 40, top = 40;
  double most = 1.0;
  for (const auto& [d, m] : minutesByDay) most = std::max(most, m);
  const double width = std::max(300.0, left + static_cast<double>(weeks) * cell + 20);
  std::string svg = header(width, top + 7 * cell + 30, title);
  const char* days[] = {"Mon", "", "Wed", "", "Fri", "", "Sun"};
  for (int d = 0; d < 7; ++d) svg += text(left - 6, top + d * cell + 10, days[d], "end");
  for (std::int64_t day = monday; day < monday + weeks * 7; ++day) {
    const auto w = (day - monday) / 7, d = (day - monday) % 7;
    const std::string date = utcDate(static_cast<double>(day) * 86400.0);
    const auto it = minutesByDay.find(date);
    std::string fill = "#eeeeee";
    std::string tip = date + ": no session";
    if (it != minutesByDay.end()) {
      const double share = std::clamp(it->second / most, 0.15, 1.0);
      const int g = static_cast<int>(std::lround(200 - 120 * share));
      fill = "rgb(30," + std::to_string(g) + ",80)";
      tip = date + ": " + fixed(it->second, 0) + " min";
    }
    svg += "<rect x=\"" + fixed(left + static_cast<double>(w) * cell, 0) + "\" y=\"" + fixed(top + static_cast<double>(d) * cell, 0) +
           "\" width=\"12\" height=\"12\" fill=\"" + fill + "\"><title>" + htmlEscape(tip) + "</title></rect>\n";
  }
  svg += text(left, top - 8, utcDate(static_cast<double>(monday) * 86400.0) + " to " + minutesByDay.rbegin()->first);
  return svg + "</svg>\n";
}

std::string barChartSvg(const std::string& title, const std::string& yLabel, double yMax, const std::vector<Bar>& bars) {
  if (bars.empty()) return noData(title);
  const double plotW = kWidth - kLeft - kRight, plotH = kHeight - kTop - kBottom;
  std::vector<std::string> groups;
  std::string svg = header(kWidth, kHeight, title);
  svg += "<rect x=\"" + fixed(kLeft, 0) + "\" y=\"" + fixed(kTop, 0) + "\" width=\"" + fixed(plotW, 0) + "\" height=\"" +
         fixed(plotH, 0) + "\" fill=\"none\" stroke=\"#999\"/>\n";
  const double tick = tickStep(yMax);
  for (int k = 0; k * tick <= yMax + 1e-9; ++k) {
    const double v = static_cast<double>(k) * tick;
    svg += text(kLeft - 4, kTop + plotH - plotH * v / yMax + 4, fixed(v, decimalsFor(tick)), "end");
  }
  svg += yAxisLabel(yLabel, plotH);
  const double step = plotW / static_cast<double>(bars.size());
  for (std::size_t i = 0; i < bars.size(); ++i) {
    auto g = std::find(groups.begin(), groups.end(), bars[i].group);
    if (g == groups.end()) g = groups.insert(groups.end(), bars[i].group);
    const auto colour = seriesColour(static_cast<std::size_t>(g - groups.begin()));
    const double h = std::clamp(bars[i].value / yMax, 0.0, 1.0) * plotH;
    svg += "<rect x=\"" + fixed(kLeft + step * static_cast<double>(i) + step * 0.1, 1) + "\" y=\"" + fixed(kTop + plotH - h, 1) +
           "\" width=\"" + fixed(step * 0.8, 1) + "\" height=\"" + fixed(h, 1) + "\" fill=\"" + colour + "\"><title>" +
           htmlEscape(bars[i].label + ": " + fixed(bars[i].value, 1)) + "</title></rect>\n";
  }
  svg += text(kLeft + plotW / 2, kHeight - 6, "repetitions in order", "middle");
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const double ly = kTop + 12 + 16.0 * static_cast<double>(i);
    svg += "<rect x=\"" + fixed(kWidth - kRight + 10, 0) + "\" y=\"" + fixed(ly - 8, 0) + "\" width=\"10\" height=\"10\" fill=\"" + seriesColour(i) + "\"/>\n";
    svg += text(kWidth - kRight + 24, ly + 1, groups[i]);
  }
  return svg + "</svg>\n";
}

}  // namespace lumbo::store
