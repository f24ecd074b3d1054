// Chooses the per-eye render size and multisampling of headset frames from their measured device
// time and the display period, with hysteresis: quick to step down when frames run late, slow
// and wary to step back up, so that the frame rate holds on whatever GPU the person has.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lumbo::render {

// auto: adapt; high: always the full size with the most samples; low: a fixed cheap level.
enum class QualityMode { Auto, High, Low, Fixed };

std::optional<QualityMode> qualityModeFromName(std::string_view name);  // auto, high, low
std::string_view qualityModeName(QualityMode mode);

struct QualityLevel {
  std::uint32_t widthPx = 0;  // per eye
  std::uint32_t heightPx = 0;
  std::uint32_t samples = 1;  // MSAA samples per pixel

  // Relative device cost: shaded samples, each extra sample costing about a third of a pixel
  // (colour and depth writes, not shading) on the CPU driver and on tiled GPUs alike.
  double cost() const;
  bool operator==(const QualityLevel&) const = default;
};

// "1024x1024 4x MSAA", "512x512 no MSAA".
std::string describe(const QualityLevel& level);

// The levels auto may use, best first: the full size with `maxSamples`, then fewer samples, then
// smaller sizes down to `minEyePx` on the shorter side (never above the full size).
std::vector<QualityLevel> qualityLadder(std::uint32_t fullWidthPx, std::uint32_t fullHeightPx,
                                        std::uint32_t maxSamples, std::uint32_t minEyePx = 96);

struct QualityTuning {
  // Shares of the display period a frame's device time is held to. Above downShare (median of a
  // short window) the level steps down; it steps up only when the 95th percentile of a long
  // window, scaled by the next level's cost, would stay under upShare (and fewer than
  // missedToStepDown of its frames were late). The gap is the hysteresis.
  double downShare = 0.85;
  double targetShare = 0.7;  // where a step down aims
  double upShare = 0.6;
  std::size_t downWindowFrames = 5;
  std::size_t upWindowFrames = 90;  // one second at 90 Hz
  // A level left downward soon after it was entered is tried again only after a longer wait:
  // the up window doubles for it each time, up to this factor.
  std::size_t maxUpBackoff = 16;
  // Missed display periods among the last up window's frames that step the level down, when the
  // device time is a large enough share of the period to be the likely cause.
  std::size_t missedToStepDown = 3;
  double missedDeviceShare = 0.5;
};

class QualityController {
 public:
  // `start` indexes the ladder: auto starts at the best level and steps down when it must.
  QualityController(std::vector<QualityLevel> ladder, QualityMode mode, QualityTuning tuning = {});

  // One finished frame: the device time it took at the level it was drawn at (ignored when that
  // is not the current level: frames in flight across a change), the display period, and how
  // many display periods were missed before it was shown. Returns true when the level changed.
  bool addFrame(const QualityLevel& drawnAt, double deviceS, double periodS, std::uint32_t missedPeriods);
  // A frame whose device time is unknown (no timestamps): only its missed periods count.
  bool addMissed(std::uint32_t missedPeriods, double periodS);
  // A frame submitted after its display time: counted with the missed periods of the next frame.
  void addLate() { ++pendingLate_; }

  QualityMode mode() const { return mode_; }
  std::size_t levelIndex() const { return level_; }
  const QualityLevel& level() const { return ladder_[level_]; }
  const std::vector<QualityLevel>& ladder() const { return ladder_; }

 private:
  bool stepTo(std::size_t level);
  bool maybeStepDown(double periodS);
  std::size_t aimedLevel(double deviceS, double periodS) const;
  bool maybeStepUp(double periodS);

  std::vector<QualityLevel> ladder_;
  QualityMode mode_;
  QualityTuning tuning_;
  std::size_t level_ = 0;
  std::vector<double> recentS_;        // device times at the current level, newest last
  std::vector<std::uint32_t> missed_;  // missed periods of the same frames
  std::vector<std::size_t> backoff_;   // per level: how many times the up window is doubled
  std::size_t framesAtLevel_ = 0;
  std::uint32_t pendingLate_ = 0;
  bool enteredUpward_ = false;
};

}  // namespace lumbo::render
