// Drawing the console's charts: frame, grid, ticks, series and legend.
#include "app/clinic/time_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/clinic/clinic_theme.h"
#include "app/clinic/ui_controls.h"
#include "store/queries.h"

namespace lumbo::app {

namespace {

constexpr float kLeftPx = 52.0f, kRightPx = 16.0f, kTopPx = 34.0f, kBottomPx = 30.0f;

std::string tickText(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, std::fabs(v - std::round(v)) < 1e-9 ? "%.0f" : "%.1f", v);
  return buf;
}

// A date tick as "Jan 05" (days since 1970).
std::string dayText(double day) {
  const std::string iso = store::utcDate(day * 86400.0);
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const int month = std::stoi(iso.substr(5, 2));
  return std::string(kMonths[std::clamp(month, 1, 12) - 1]) + " " + iso.substr(8, 2);
}

struct Frame {
  ImVec2 min, max;       // whole chart
  ImVec2 plotMin, plotMax;
};

Frame beginChart(const std::string& title, const std::string& unit, const ImVec2& size) {
  const Theme& t = theme();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  Frame f;
  f.min = ImGui::GetCursorScreenPos();
  const float width = size.x > 0 ? size.x : ImGui::GetContentRegionAvail().x;
  f.max = ImVec2(f.min.x + width, f.min.y + size.y);
  dl->AddRectFilled(f.min, f.max, toU32(t.panel), 6.0f);
  dl->AddRect(f.min, f.max, toU32(ImGui::GetStyleColorVec4(ImGuiCol_Border)), 6.0f);
  f.plotMin = ImVec2(f.min.x + kLeftPx, f.min.y + kTopPx);
  f.plotMax = ImVec2(f.max.x - kRightPx, f.max.y - kBottomPx);
  const std::string heading = unit.empty() ? title : title + "  (" + unit + ")";
  dl->AddText(ImVec2(f.min.x + 12, f.min.y + 8), toU32(t.text), heading.c_str());
  ImGui::Dummy(ImVec2(width, size.y));
  ui::record(("chart:" + title).c_str());
  return f;
}

void yAxis(const Frame& f, double lo, double hi) {
  const Theme& t = theme();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (double v : niceTicks(lo, hi, 4)) {
    const float y = f.plotMax.y - static_cast<float>((v - lo) / (hi - lo)) * (f.plotMax.y - f.plotMin.y);
    dl->AddLine(ImVec2(f.plotMin.x, y), ImVec2(f.plotMax.x, y), toU32(t.grid));
    const std::string s = tickText(v);
    const ImVec2 ts = ImGui::CalcTextSize(s.c_str());
    dl->AddText(ImVec2(f.plotMin.x - ts.x - 8, y - ts.y / 2), toU32(t.mutedText), s.c_str());
  }
  dl->AddLine(ImVec2(f.plotMin.x, f.plotMax.y), ImVec2(f.plotMax.x, f.plotMax.y), toU32(t.axis));
}

void emptyNote(const Frame& f, const char* what) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 ts = ImGui::CalcTextSize(what);
  dl->AddText(ImVec2(0.5f * (f.plotMin.x + f.plotMax.x - ts.x), 0.5f * (f.plotMin.y + f.plotMax.y - ts.y)),
              toU32(theme().mutedText), what);
}

}  // namespace

std::vector<double> niceTicks(double lo, double hi, int count) {
  std::vector<double> out;
  if (!(hi > lo) || count < 1) return out;
  const double raw = (hi - lo) / count;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * power;
    if (step >= raw) break;
  }
  for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step) out.push_back(std::fabs(v) < 1e-12 ? 0.0 : v);
  return out;
}

void drawLineChart(const LineChart& chart, const ImVec2& size) {
  const Theme& t = theme();
  const Frame f = beginChart(chart.title, chart.unit, size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  yAxis(f, chart.yMin, chart.yMax);
  double xLo = 1e300, xHi = -1e300;
  for (const ChartSeries& s : chart.series) {
    for (const ChartPoint& p : s.points) {
      xLo = std::min(xLo, p.x);
      xHi = std::max(xHi, p.x);
    }
  }
  if (xLo > xHi) {
    emptyNote(f, "nothing recorded yet");
    return;
  }
  // A little room either side so the first and last points are not on the frame.
  const double pad = std::max(1.0, 0.04 * (xHi - xLo));
  xLo -= pad;
  xHi += pad;
  auto px = [&](double x) { return f.plotMin.x + static_cast<float>((x - xLo) / (xHi - xLo)) * (f.plotMax.x - f.plotMin.x); };
  auto py = [&](double y) {
    const double c = std::clamp(y, chart.yMin, chart.yMax);
    return f.plotMax.y - static_cast<float>((c - chart.yMin) / (chart.yMax - chart.yMin)) * (f.plotMax.y - f.plotMin.y);
  };
  const int xTicks = std::max(2, static_cast<int>((f.plotMax.x - f.plotMin.x) / 110.0f));
  for (double x : niceTicks(xLo, xHi, xTicks)) {
    const std::string s = chart.datedX ? dayText(x) : tickText(x);
    const ImVec2 ts = ImGui::CalcTextSize(s.c_str());
    dl->AddLine(ImVec2(px(x), f.plotMax.y), ImVec2(px(x), f.plotMax.y + 4), toU32(t.axis));
    dl->AddText(ImVec2(px(x) - ts.x / 2, f.plotMax.y + 6), toU32(t.mutedText), s.c_str());
  }
  // Room for a point's dot on the top and bottom lines.
  dl->PushClipRect(ImVec2(f.plotMin.x, f.plotMin.y - 6), ImVec2(f.plotMax.x + 6, f.plotMax.y + 6), true);
  for (const ChartSeries& s : chart.series) {
    const ImU32 c = toU32(s.colour);
    for (std::size_t i = 1; i < s.points.size(); ++i) {
      const ImVec2 a(px(s.points[i - 1].x), py(s.points[i - 1].y));
      const ImVec2 b(px(s.points[i].x), py(s.points[i].y));
      if (s.dashed) {
        const float len = std::hypot(b.x - a.x, b.y - a.y);
        for (float d = 0; d < len; d += 10.0f) {
          const float e = std::min(len, d + 5.0f);
          dl->AddLine(ImVec2(a.x + (b.x - a.x) * d / len, a.y + (b.y - a.y) * d / len),
                      ImVec2(a.x + (b.x - a.x) * e / len, a.y + (b.y - a.y) * e / len), c, 2.0f);
        }
      } else {
        dl->AddLine(a, b, c, 2.5f);
      }
    }
    if (!s.dashed) {
      for (std::size_t i = 0; i < s.points.size(); ++i) {
        const ChartPoint& p = s.points[i];
        dl->AddCircleFilled(ImVec2(px(p.x), py(p.y)), 4.5f, c);
        // A context label once per run of points that share it and a day, inside the plot.
        if (p.label.empty() || (i > 0 && s.points[i - 1].label == p.label && s.points[i - 1].x == p.x)) continue;
        const float w = ImGui::CalcTextSize(p.label.c_str()).x;
        const float x = px(p.x) + 6 + w > f.plotMax.x ? px(p.x) - 6 - w : px(p.x) + 6;
        dl->AddText(ImVec2(x, py(p.y) - 18), toU32(t.mutedText), p.label.c_str());
      }
    }
  }
  dl->PopClipRect();
  // Legend, right-aligned in the title row.
  float x = f.max.x - 12;
  for (auto it = chart.series.rbegin(); it != chart.series.rend(); ++it) {
    const ImVec2 ts = ImGui::CalcTextSize(it->name.c_str());
    x -= ts.x;
    dl->AddText(ImVec2(x, f.min.y + 8), toU32(t.mutedText), it->name.c_str());
    x -= 18;
    dl->AddRectFilled(ImVec2(x, f.min.y + 12), ImVec2(x + 12, f.min.y + 22), toU32(it->colour), 2.0f);
    x -= 16;
  }
}

void drawBarChart(const BarChart& chart, const ImVec2& size) {
  const Theme& t = theme();
  const Frame f = beginChart(chart.title, chart.unit, size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  double hi = 1.0;
  for (double v : chart.values) hi = std::max(hi, v);
  for (double v : chart.targets) hi = std::max(hi, v);
  const auto ticks = niceTicks(0.0, hi, 4);
  if (!ticks.empty() && ticks.back() < hi) hi = ticks.back() + (ticks.size() > 1 ? ticks[1] - ticks[0] : 1.0);
  else if (!ticks.empty()) hi = ticks.back();
  yAxis(f, 0.0, hi);
  if (chart.categories.empty()) {
    emptyNote(f, "no weeks yet");
    return;
  }
  const float slot = (f.plotMax.x - f.plotMin.x) / static_cast<float>(chart.categories.size());
  const float barW = std::min(46.0f, slot * 0.6f);
  auto py = [&](double y) { return f.plotMax.y - static_cast<float>(y / hi) * (f.plotMax.y - f.plotMin.y); };
  const int labelEvery = std::max(1, static_cast<int>(std::ceil(70.0f / slot)));
  for (std::size_t i = 0; i < chart.categories.size(); ++i) {
    const float cx = f.plotMin.x + slot * (static_cast<float>(i) + 0.5f);
    if (i < chart.values.size() && chart.values[i] > 0) {
      dl->AddRectFilled(ImVec2(cx - barW / 2, py(chart.values[i])), ImVec2(cx + barW / 2, f.plotMax.y), toU32(chart.colour), 3.0f);
    }
    if (i < chart.targets.size() && chart.targets[i] >= 0) {
      const float y = py(chart.targets[i]);
      dl->AddLine(ImVec2(cx - barW / 2 - 6, y), ImVec2(cx + barW / 2 + 6, y), toU32(t.mutedText), 3.0f);
    }
    if (static_cast<int>(i) % labelEvery == 0) {
      const ImVec2 ts = ImGui::CalcTextSize(chart.categories[i].c_str());
      dl->AddText(ImVec2(cx - ts.x / 2, f.plotMax.y + 6), toU32(t.mutedText), chart.categories[i].c_str());
    }
  }
  // Legend: the bar colour for done, the line for prescribed.
  float x = f.max.x - 12;
  const ImVec2 tt = ImGui::CalcTextSize(chart.targetName.c_str());
  x -= tt.x;
  dl->AddText(ImVec2(x, f.min.y + 8), toU32(t.mutedText), chart.targetName.c_str());
  x -= 24;
  dl->AddLine(ImVec2(x, f.min.y + 17), ImVec2(x + 18, f.min.y + 17), toU32(t.mutedText), 3.0f);
  x -= 16;
  const ImVec2 vt = ImGui::CalcTextSize(chart.valueName.c_str());
  x -= vt.x;
  dl->AddText(ImVec2(x, f.min.y + 8), toU32(t.mutedText), chart.valueName.c_str());
  x -= 18;
  dl->AddRectFilled(ImVec2(x, f.min.y + 12), ImVec2(x + 12, f.min.y + 22), toU32(chart.colour), 2.0f);
}

}  // namespace lumbo::app
