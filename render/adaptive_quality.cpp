// The quality ladder and the controller that moves along it.
#include "render/adaptive_quality.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace lumbo::render {

std::optional<QualityMode> qualityModeFromName(std::string_view name) {
  if (name == "auto") return QualityMode::Auto;
  if (name == "high") return QualityMode::High;
  if (name == "low") return QualityMode::Low;
  return std::nullopt;
}

std::string_view qualityModeName(QualityMode mode) {
  switch (mode) {
    case QualityMode::Auto: return "auto";
    case QualityMode::High: return "high";
    case QualityMode::Low: return "low";
    case QualityMode::Fixed: return "fixed";
  }
  return "";
}

double QualityLevel::cost() const {
  return static_cast<double>(widthPx) * heightPx * (1.0 + (samples - 1) / 3.0);
}

std::string describe(const QualityLevel& level) {
  std::string s = std::to_string(level.widthPx) + "x" + std::to_string(level.heightPx);
  s += level.samples > 1 ? " " + std::to_string(level.samples) + "x MSAA" : " no MSAA";
  return s;
}

std::vector<QualityLevel> qualityLadder(std::uint32_t fullWidthPx, std::uint32_t fullHeightPx,
                                        std::uint32_t maxSamples, std::uint32_t minEyePx) {
  if (fullWidthPx == 0 || fullHeightPx == 0) throw std::invalid_argument("qualityLadder: empty full size");
  std::vector<QualityLevel> ladder;
  // Multisampling goes first: at the full size its loss is the least visible (edges only), then
  // each size step is 0.85 per side, about 28 % fewer pixels: small enough to be hard to see
  // from one level to the next, large enough to move the frame time.
  for (std::uint32_t s = std::max(1u, maxSamples); s >= 1; s /= 2) {
    ladder.push_back({fullWidthPx, fullHeightPx, s});
    if (s == 1) break;
  }
  const double shortSide = std::min(fullWidthPx, fullHeightPx);
  const double minScale = std::min(1.0, static_cast<double>(minEyePx) / shortSide);
  for (double scale = 0.85; scale >= minScale - 1e-9; scale *= 0.85) {
    // Even sizes: half-size imageRects and ImGui-free compositors both prefer them.
    auto side = [&](std::uint32_t full) {
      return std::max(2u, static_cast<std::uint32_t>(std::lround(full * scale / 2.0)) * 2u);
    };
    ladder.push_back({side(fullWidthPx), side(fullHeightPx), 1});
  }
  if (minScale < 1.0 && ladder.back().widthPx > std::lround(fullWidthPx * minScale) + 2) {
    ladder.push_back({static_cast<std::uint32_t>(std::lround(fullWidthPx * minScale)),
                      static_cast<std::uint32_t>(std::lround(fullHeightPx * minScale)), 1});
  }
  return ladder;
}

QualityController::QualityController(std::vector<QualityLevel> ladder, QualityMode mode, QualityTuning tuning)
    : ladder_(std::move(ladder)), mode_(mode), tuning_(tuning), backoff_(ladder_.size(), 0) {
  if (ladder_.empty()) throw std::invalid_argument("QualityController: empty ladder");
  if (mode_ == QualityMode::Low) {
    // Half the full size per side without multisampling: a quarter of the pixels, the level a
    // weak GPU holds without measuring first.
    const double half = 0.25 * ladder_.front().widthPx * ladder_.front().heightPx;
    std::size_t best = ladder_.size() - 1;
    for (std::size_t i = 0; i < ladder_.size(); ++i) {
      if (ladder_[i].samples == 1 && static_cast<double>(ladder_[i].widthPx) * ladder_[i].heightPx <= half * 1.01) {
        best = i;
        break;
      }
    }
    level_ = best;
  }
  recentS_.reserve(tuning_.upWindowFrames * tuning_.maxUpBackoff);
  missed_.reserve(recentS_.capacity());
}

bool QualityController::stepTo(std::size_t level) {
  level = std::min(level, ladder_.size() - 1);
  if (level == level_) return false;
  if (level > level_) {
    // Left downward soon after stepping up to it: that level does not hold here, so the next
    // try waits longer. A level held for a long window earns its back-off back.
    if (enteredUpward_ && framesAtLevel_ < tuning_.upWindowFrames * 4) {
      backoff_[level_] = std::min(backoff_[level_] + 1, static_cast<std::size_t>(std::log2(tuning_.maxUpBackoff)));
    }
  } else if (framesAtLevel_ >= tuning_.upWindowFrames * 4) {
    backoff_[level_] = 0;
  }
  enteredUpward_ = level < level_;
  level_ = level;
  recentS_.clear();
  missed_.clear();
  framesAtLevel_ = 0;
  return true;
}

bool QualityController::addMissed(std::uint32_t missedPeriods, double periodS) {
  if (mode_ != QualityMode::Auto) return false;
  (void)periodS;
  missed_.push_back(missedPeriods + std::exchange(pendingLate_, 0));
  ++framesAtLevel_;
  std::size_t sum = 0;
  const std::size_t window = std::min(missed_.size(), tuning_.upWindowFrames);
  for (std::size_t i = missed_.size() - window; i < missed_.size(); ++i) sum += missed_[i];
  // Without device times the misses are the only sign; a step down is all that can be tried.
  if (sum >= tuning_.missedToStepDown) return stepTo(level_ + 1);
  if (missed_.size() > tuning_.upWindowFrames * tuning_.maxUpBackoff) missed_.erase(missed_.begin());
  return false;
}

bool QualityController::addFrame(const QualityLevel& drawnAt, double deviceS, double periodS,
                                 std::uint32_t missedPeriods) {
  if (mode_ != QualityMode::Auto) return false;
  if (!(drawnAt == ladder_[level_])) return false;  // drawn before the last change
  if (periodS <= 0.0) periodS = 1.0 / 90.0;
  recentS_.push_back(deviceS);
  missed_.push_back(missedPeriods + std::exchange(pendingLate_, 0));
  ++framesAtLevel_;
  if (maybeStepDown(periodS)) return true;
  if (maybeStepUp(periodS)) return true;
  // Only the longest window any decision reads is kept.
  const std::size_t keep = tuning_.upWindowFrames << backoff_[level_ > 0 ? level_ - 1 : 0];
  if (recentS_.size() > keep + tuning_.upWindowFrames) {
    const std::size_t drop = recentS_.size() - keep;
    recentS_.erase(recentS_.begin(), recentS_.begin() + static_cast<std::ptrdiff_t>(drop));
    missed_.erase(missed_.begin(), missed_.begin() + static_cast<std::ptrdiff_t>(drop));
  }
  return false;
}

// The level whose cost, scaled from `deviceS` at the current level, meets the target share: at
// least one step, at most kMaxDownSteps, since fixed costs make small sizes cost more than the
// proportional estimate (and multisampling on some devices less).
std::size_t QualityController::aimedLevel(double deviceS, double periodS) const {
  constexpr std::size_t kMaxDownSteps = 6;
  // What multisampling costs differs most between devices (on the CPU driver 4x costs some 20
  // times the single-sampled frame, on a tiled GPU little): drop samples one step at a time and
  // measure, rather than trust the estimate.
  if (ladder_[level_].samples > 1) return level_ + 1;
  const double needed = tuning_.targetShare * periodS / deviceS * ladder_[level_].cost();
  std::size_t to = level_ + 1;
  while (to + 1 < ladder_.size() && to < level_ + kMaxDownSteps && ladder_[to].cost() > needed) ++to;
  return to;
}

bool QualityController::maybeStepDown(double periodS) {
  if (level_ + 1 >= ladder_.size()) return false;
  // Two frames in a row over twice the period are no noise (one can be: the cores taken by
  // other work for a moment): act at once.
  if (recentS_.size() >= 2 && std::min(recentS_.back(), recentS_[recentS_.size() - 2]) > 2.0 * periodS) {
    return stepTo(aimedLevel(std::min(recentS_.back(), recentS_[recentS_.size() - 2]), periodS));
  }
  const std::size_t n = tuning_.downWindowFrames;
  if (recentS_.size() >= n) {
    std::vector<double> last(recentS_.end() - static_cast<std::ptrdiff_t>(n), recentS_.end());
    std::nth_element(last.begin(), last.begin() + static_cast<std::ptrdiff_t>(n / 2), last.end());
    const double medianS = last[n / 2];
    if (medianS > tuning_.downShare * periodS) return stepTo(aimedLevel(medianS, periodS));
  }
  // Missed periods with a device time large enough to be the likely cause. Not in the first
  // frames at a level: their misses and device times are the previous level's backlog (frames
  // still in flight, the new targets' first use), and acting on them cascades down the ladder.
  if (framesAtLevel_ < tuning_.downWindowFrames) return false;
  const std::size_t window = std::min(missed_.size(), tuning_.upWindowFrames);
  std::size_t missed = 0;
  for (std::size_t i = missed_.size() - window; i < missed_.size(); ++i) missed += missed_[i];
  if (missed >= tuning_.missedToStepDown) {
    double sum = 0.0;
    for (std::size_t i = recentS_.size() - window; i < recentS_.size(); ++i) sum += recentS_[i];
    if (sum / static_cast<double>(window) > tuning_.missedDeviceShare * periodS) return stepTo(level_ + 1);
  }
  return false;
}

bool QualityController::maybeStepUp(double periodS) {
  if (level_ == 0) return false;
  const std::size_t window = tuning_.upWindowFrames << backoff_[level_ - 1];
  if (recentS_.size() < window) return false;
  const double scale = ladder_[level_ - 1].cost() / ladder_[level_].cost();
  const std::size_t first = recentS_.size() - window;
  // The window's 95th percentile device time must leave room at the level above: a few slow
  // frames when other work takes the cores do not stop the climb, a trend does; nor do a frame or
  // two late (as many as would step it down do).
  std::size_t missed = 0;
  for (std::size_t i = first; i < recentS_.size(); ++i) missed += missed_[i];
  if (missed >= tuning_.missedToStepDown) return false;
  std::vector<double> times(recentS_.begin() + static_cast<std::ptrdiff_t>(first), recentS_.end());
  const auto p95 = times.begin() + static_cast<std::ptrdiff_t>(times.size() * 95 / 100);
  std::nth_element(times.begin(), p95, times.end());
  if (*p95 * scale <= tuning_.upShare * periodS) return stepTo(level_ - 1);
  // The estimate scales the whole device time with the pixels, but part of it (draw setup, the
  // panels, on the CPU driver most of it at small sizes) does not shrink with the eye size, so it
  // can forbid a level that holds. Twice the window without a missed period and with the median
  // under the step-down bar earns a trial of the level above; a trial that fails steps back
  // within a few frames and doubles the wait for the next (the back-off), so a level that does
  // not hold is tried ever more rarely.
  if (missed > 0 || framesAtLevel_ < 2 * window) return false;
  const auto median = times.begin() + static_cast<std::ptrdiff_t>(times.size() / 2);
  std::nth_element(times.begin(), median, times.end());
  if (*median > tuning_.downShare * periodS) return false;
  return stepTo(level_ - 1);
}

}  // namespace lumbo::render
