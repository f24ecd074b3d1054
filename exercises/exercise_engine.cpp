// The exercise state machine, live feedback and per-repetition alignment scoring.
#include "exercises/exercise_engine.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace lumbo {

namespace {

// A deviation shorter than this costs proportionally less: a one-frame spike is noise, a
// deviation held for a third of a second is a movement pattern.
constexpr double kFullWeightS = 0.3;
// Frame gaps beyond this (a stalled source) are not counted as time in any state.
constexpr double kMaxFrameGapS = 0.25;
// A hold released sooner than this was not an attempt.
constexpr double kMinHoldAttemptS = 1.0;
// A session that starts this many start excursions above where the driver then comes to rest
// began in the middle of a repetition; a smaller settling is just the person getting ready.
constexpr double kUnderwayDropFactor = 1.5;
// The driver moving a whole start excursion within this time is a jump in the data, not a movement.
constexpr double kJumpS = 0.02;

double excessBeyond(const Band& b, double v) {
  if (v > b.max) return v - b.max;
  if (v < b.min) return b.min - v;
  return 0.0;
}

std::string formatValue(double v, std::string_view unit) {
  char buf[32];
  if (unit == "m") std::snprintf(buf, sizeof buf, "%.2f m", v);
  else if (unit == "%") std::snprintf(buf, sizeof buf, "%.0f %%", v);
  else if (unit == "N") std::snprintf(buf, sizeof buf, "%.1f N", v);
  else std::snprintf(buf, sizeof buf, "%.0f deg", v);
  return buf;
}

// The side a signal left its band on, for a fault whose words do not say it.
std::string_view sideWords(SignalIndex s, bool above) {
  const std::string_view n = signalName(s);
  if (n == "lumbar_flexion_deg") return above ? "into flexion" : "into extension";
  if (n == "lumbar_lateral_deg" || n == "lumbar_rotation_deg" || n == "pelvic_rotation_deg") {
    return above ? "to the right" : "to the left";
  }
  if (n == "pelvic_tilt_deg") return above ? "anteriorly" : "posteriorly";
  if (n == "pelvic_obliquity_deg") return above ? "with the right side lower" : "with the left side lower";
  if (n == "trunk_inclination_deg") return above ? "forward" : "backward";
  if (n == "pelvis_depth_pct") return above ? "down" : "up";
  if (n.ends_with("_m")) return above ? "up" : "down";
  return above ? "above" : "below";
}

std::string formatSeconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", s);
  return buf;
}

}  // namespace

double minFaultExcess(SignalIndex s) {
  const std::string_view unit = signalUnit(s);
  if (unit == "m") return 0.01;
  if (unit == "N") return 2.0;
  return 1.0;  // deg and %
}

ExerciseEngine::ExerciseEngine(const Exercise& exercise, int level) : exercise_(&exercise) {
  levelNumber_ = std::clamp(level, 1, static_cast<int>(std::max<std::size_t>(1, exercise.levels.size())));
  if (!exercise.levels.empty()) level_ = exercise.levels[static_cast<std::size_t>(levelNumber_ - 1)];
  for (std::size_t i = 0; i < exercise.phases.size(); ++i) {
    const Phase& p = exercise.phases[i];
    firstTarget_.push_back(bands_.size());
    for (const Target& t : p.targets) {
      const double scale = isSimulatedLoad(t.signal) ? 1.0 : level_.toleranceScale;
      bands_.push_back({t.band.min * scale, t.band.max * scale});
      if (!isSimulatedLoad(t.signal)) required_.push_back(t.signal);
    }
    switch (p.role) {
      case PhaseRole::Rest: restPhase_ = i; break;
      case PhaseRole::Out: outPhase_ = i; break;
      case PhaseRole::Hold: holdPhase_ = i; hasHold_ = true; break;
      case PhaseRole::Back: backPhase_ = i; break;
    }
  }
  firstTarget_.push_back(bands_.size());
  for (const RangeTarget& r : exercise.ranges) required_.push_back(r.signal);
  rangePeak_.assign(exercise.ranges.size(), -std::numeric_limits<double>::infinity());
  std::sort(required_.begin(), required_.end());
  required_.erase(std::unique(required_.begin(), required_.end()), required_.end());
  acc_.resize(bands_.size());
  spans_.assign(bands_.size(), Band{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()});
  feedback_.phase = restPhase_;
}

bool ExerciseEngine::targetsTracked(const Posture& posture, const LimbSignals& limbs) const {
  const double minConf = exercise_->minConfidence;
  for (SignalIndex s : required_) {
    const Metric& m = signalValue(posture, limbs, s);
    if (!m.measured() || m.confidence < minConf) return false;
  }
  return true;
}

bool ExerciseEngine::driverTracked(const Posture& posture, const LimbSignals& limbs, double& driver) const {
  const double minConf = exercise_->minConfidence;
  auto ok = [&](const Metric& m) { return m.measured() && m.confidence >= minConf; };
  const Driver& d = exercise_->driver;
  if (d.signals.empty()) {
    driver = 0.0;
    return true;
  }
  bool any = false;
  double best = 0.0;
  for (SignalIndex s : d.signals) {
    const Metric& m = signalValue(posture, limbs, s);
    if (!ok(m)) continue;
    const double e = d.mode == DriverMode::Increase ? m.value : d.mode == DriverMode::Decrease ? -m.value : std::abs(m.value);
    best = any ? std::max(best, e) : e;
    any = true;
  }
  driver = best;
  return any;
}

void ExerciseEngine::enterPhase(std::size_t phase, double timeS) {
  (void)timeS;
  feedback_.phase = phase;
}

void ExerciseEngine::resetRepetition(double timeS) {
  std::fill(acc_.begin(), acc_.end(), Accumulator{});
  std::fill(rangePeak_.begin(), rangePeak_.end(), -std::numeric_limits<double>::infinity());
  std::fill(spans_.begin(), spans_.end(),
            Band{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()});
  repStartS_ = timeS;
  holdS_ = 0.0;
  repUnscored_ = false;
  repLostS_ = 0.0;
  repFault_ = TrackingFault::None;
}

void ExerciseEngine::accumulate(const Posture& posture, const LimbSignals& limbs, double dtS) {
  const std::size_t phase = feedback_.phase;
  const Phase& p = exercise_->phases[phase];
  if (phase != restPhase_) {
    for (std::size_t k = 0; k < rangePeak_.size(); ++k) {
      rangePeak_[k] = std::max(rangePeak_[k], signalValue(posture, limbs, exercise_->ranges[k].signal).value);
    }
  }
  double worstCost = 0.0;
  feedback_.outOfBand = false;
  for (std::size_t k = 0; k < p.targets.size(); ++k) {
    const std::size_t i = firstTarget_[phase] + k;
    const Metric& m = signalValue(posture, limbs, p.targets[k].signal);
    if (isSimulatedLoad(p.targets[k].signal) && !m.measured()) continue;
    const double v = m.value;
    spans_[i].min = std::min(spans_[i].min, v);
    spans_[i].max = std::max(spans_[i].max, v);
    const double ex = excessBeyond(bands_[i], v);
    if (ex <= 0.0) continue;
    Accumulator& a = acc_[i];
    if (ex > a.peakExcess) {
      a.peakExcess = ex;
      a.peakValue = v;
    }
    a.timeOutS += dtS;
    const double cost = ex * p.targets[k].pointsPerUnit;
    if (cost > worstCost) {
      worstCost = cost;
      feedback_.outOfBand = true;
      feedback_.signal = p.targets[k].signal;
      feedback_.value = v;
      feedback_.excess = ex;
      feedback_.cue = &p.targets[k].cue;
      feedback_.fault = v < bands_[i].min && !p.targets[k].faultBelow.empty() ? &p.targets[k].faultBelow : &p.targets[k].fault;
    }
  }
  if (!feedback_.outOfBand) {
    feedback_.cue = nullptr;
    feedback_.fault = nullptr;
  }
}

void ExerciseEngine::completeRepetition(double timeS) {
  RepetitionResult r;
  r.number = static_cast<int>(reps_.size()) + 1;
  r.startS = repStartS_;
  r.endS = timeS;
  r.excursion = peak_ - restRef_;
  r.holdS = holdS_;
  r.lostS = repLostS_;
  r.trackingFault = repFault_;
  r.targetSpans = spans_;
  r.rangePeaks = rangePeak_;
  if (repUnscored_) {
    r.scored = false;
    r.quality = 0.0;
    RepFault f;
    f.excess = repLostS_;
    f.durationS = repLostS_;
    const TrackingFault cause = repFault_ == TrackingFault::None ? TrackingFault::Lost : repFault_;
    f.text = "not scored: " + std::string(trackingFaultWords(cause)) + " for " + formatSeconds(repLostS_) +
             " during the repetition";
    f.cue = "Stay where the trackers can see you";
    r.faults.push_back(std::move(f));
    reps_.push_back(std::move(r));
    feedback_.repetitionCompleted = true;
    feedback_.repetitions = static_cast<int>(reps_.size());
    feedback_.set = std::min(level_.sets, feedback_.repetitions / std::max(1, level_.repetitions) + 1);
    return;
  }
  double lost = 0.0;
  for (std::size_t phase = 0; phase < exercise_->phases.size(); ++phase) {
    const Phase& p = exercise_->phases[phase];
    for (std::size_t k = 0; k < p.targets.size(); ++k) {
      const std::size_t i = firstTarget_[phase] + k;
      const Accumulator& a = acc_[i];
      const Target& t = p.targets[k];
      if (a.peakExcess < minFaultExcess(t.signal) || a.timeOutS < kMinFaultDurationS) continue;
      RepFault f;
      f.signal = t.signal;
      f.phase = p.name;
      f.excess = a.peakExcess;
      f.durationS = a.timeOutS;
      f.points = t.pointsPerUnit * a.peakExcess * std::min(1.0, a.timeOutS / kFullWeightS);
      f.cue = t.cue;
      const std::string_view unit = signalUnit(t.signal);
      const bool above = a.peakValue > bands_[i].max;
      const double limit = above ? bands_[i].max : bands_[i].min;
      // The fault's own words name the side when the file gives words for it; otherwise the
      // side is said after the limit. Limits read as sizes: "3 deg past the 8 deg limit".
      const bool wordsSaySide = above || !t.faultBelow.empty();
      const std::string& words = !above && !t.faultBelow.empty() ? t.faultBelow : t.fault;
      f.text = words + ": " + formatValue(a.peakExcess, unit) + " past " +
               (limit == 0.0 ? std::string("neutral") : "the " + formatValue(std::abs(limit), unit) + " limit") +
               (wordsSaySide ? std::string() : " " + std::string(sideWords(t.signal, above))) + " during the " + p.name +
               " (" + formatSeconds(a.timeOutS) + ")";
      r.faults.push_back(std::move(f));
    }
  }
  const Driver& d = exercise_->driver;
  if (d.rangePointsPerUnit > 0.0 && !d.signals.empty() &&
      d.targetExcursion - r.excursion >= minFaultExcess(d.signals.front())) {
    RepFault f;
    f.signal = d.signals.front();
    f.excess = d.targetExcursion - r.excursion;
    f.points = d.rangePointsPerUnit * f.excess;
    f.cue = d.rangeCue;
    const std::string_view unit = signalUnit(f.signal);
    f.text = d.rangeFault + ": moved " + formatValue(r.excursion, unit) + " of the " +
             formatValue(d.targetExcursion, unit) + " target";
    r.faults.push_back(std::move(f));
  }
  for (std::size_t k = 0; k < rangePeak_.size(); ++k) {
    const RangeTarget& rt = exercise_->ranges[k];
    // Never measured outside rest (a repetition driven by another signal): nothing to judge.
    if (!std::isfinite(rangePeak_[k]) || rt.reach - rangePeak_[k] < minFaultExcess(rt.signal)) continue;
    RepFault f;
    f.signal = rt.signal;
    f.excess = rt.reach - rangePeak_[k];
    f.points = rt.pointsPerUnit * f.excess;
    f.cue = rt.cue;
    const std::string_view unit = signalUnit(rt.signal);
    f.text = rt.fault + ": " + signalWords(rt.signal) + " reached " + formatValue(rangePeak_[k], unit) + " of the " +
             formatValue(rt.reach, unit) + " target";
    r.faults.push_back(std::move(f));
  }
  const Phase* hold = hasHold_ ? &exercise_->phases[holdPhase_] : nullptr;
  if (hold && holdTargetS(*hold) - holdS_ >= kMinFaultDurationS) {
    RepFault f;
    f.phase = hold->name;
    f.excess = holdTargetS(*hold) - holdS_;
    f.points = exercise_->holdShortPointsPerS * f.excess;
    f.cue = "Stay there a little longer";
    f.text = "hold too short: held " + formatSeconds(holdS_) + " of " + formatSeconds(holdTargetS(*hold)) +
             " in the " + hold->name;
    r.faults.push_back(std::move(f));
  }
  const double tempoS = exercise_->tempo.totalS();
  if (tempoS > 0.0 && exercise_->rushedPointsPerS > 0.0 && 0.5 * tempoS - (r.endS - r.startS) >= kMinFaultDurationS) {
    RepFault f;
    f.excess = 0.5 * tempoS - (r.endS - r.startS);
    f.points = exercise_->rushedPointsPerS * f.excess;
    f.cue = "Slow down and control the movement";
    f.text = "rushed: " + formatSeconds(r.endS - r.startS) + " for a " + formatSeconds(tempoS) + " tempo";
    r.faults.push_back(std::move(f));
  }
  for (const RepFault& f : r.faults) lost += f.points;
  r.quality = std::clamp(100.0 - lost, 0.0, 100.0);
  std::stable_sort(r.faults.begin(), r.faults.end(), [](const RepFault& a, const RepFault& b) { return a.points > b.points; });
  reps_.push_back(std::move(r));
  feedback_.repetitionCompleted = true;
  feedback_.repetitions = static_cast<int>(reps_.size());
  feedback_.set = std::min(level_.sets, feedback_.repetitions / std::max(1, level_.repetitions) + 1);
}

void ExerciseEngine::countUnderwayRepetition(double timeS) {
  // Its start was never seen, so nothing about its alignment is known: counted, not scored.
  RepetitionResult r;
  r.number = static_cast<int>(reps_.size()) + 1;
  r.startS = repStartS_;
  r.endS = timeS;
  r.scored = false;
  r.quality = 0.0;
  RepFault f;
  f.text = "not scored: already under way when the session started";
  f.cue = "Start each set standing still in your starting position";
  r.faults.push_back(std::move(f));
  reps_.push_back(std::move(r));
  feedback_.repetitionCompleted = true;
  feedback_.repetitions = static_cast<int>(reps_.size());
  feedback_.set = std::min(level_.sets, feedback_.repetitions / std::max(1, level_.repetitions) + 1);
}

void ExerciseEngine::startPause(double timeS) {
  // The repetition in progress is dropped: it was interrupted too long to know what happened.
  if (feedback_.phase != restPhase_) {
    ++discarded_;
    feedback_.repetitionDiscarded = true;
  }
  // At rest, where rest was is remembered: a person who comes back into view already out of it
  // moved while unseen, and that repetition is counted unscored rather than lost.
  keptRestRefSet_ = feedback_.phase == restPhase_ && restRefSet_ && !awaitingReturn_;
  keptRestRef_ = restRef_;
  enterPhase(restPhase_, timeS);
  restRefSet_ = false;
  awaitingReturn_ = false;
  resetRepetition(timeS);
}

const Feedback& ExerciseEngine::update(const Posture& posture, const LimbSignals& limbs) {
  const double t = posture.timeS;
  const double dt = started_ ? std::clamp(t - lastTimeS_, 0.0, kMaxFrameGapS) : 0.0;
  started_ = true;
  lastTimeS_ = t;
  feedback_.timeS = t;
  feedback_.repetitionCompleted = false;
  feedback_.repetitionDiscarded = false;

  double d = 0.0;
  const bool driverOk = driverTracked(posture, limbs, d);
  const bool targetsOk = driverOk && targetsTracked(posture, limbs);
  if (!targetsOk) {
    // Tracking lost: nothing is scored from here until it returns.
    if (!paused_) {
      paused_ = true;
      losses_.push_back({t, t});
      pausedSinceS_ = t;
      pauseFault_ = TrackingFault::None;
      keptRestRefSet_ = false;
    } else {
      trackingLostS_ += dt;
      if (feedback_.phase != restPhase_ || awaitingReturn_) repLostS_ += dt;
    }
    losses_.back().endS = t;
    if (static_cast<int>(posture.trackingFault) > static_cast<int>(pauseFault_)) pauseFault_ = posture.trackingFault;
    repUnscored_ = repUnscored_ || feedback_.phase != restPhase_;
    if (feedback_.phase != restPhase_ && static_cast<int>(posture.trackingFault) > static_cast<int>(repFault_)) {
      repFault_ = posture.trackingFault;
    }
    feedback_.paused = true;
    feedback_.outOfBand = false;
    feedback_.cue = nullptr;
    feedback_.fault = nullptr;
    if (!driverOk) {
      // Without the driver the phase cannot move: wait, and give up the repetition if the gap
      // grows too long to be sure what happened in it.
      if (t - pausedSinceS_ > kMaxResumeGapS && (feedback_.phase != restPhase_ || restRefSet_)) startPause(t);
      return feedback_;
    }
  } else if (paused_) {
    trackingLostS_ += dt;
    if (feedback_.phase != restPhase_) repLostS_ += dt;
    losses_.back().endS = t;
    paused_ = false;
    if (keptRestRefSet_ && feedback_.phase == restPhase_ && exercise_->kind == ExerciseKind::Repetitions &&
        d > keptRestRef_ + exercise_->driver.startExcursion) {
      restRef_ = keptRestRef_;
      restRefSet_ = true;
      resetRepetition(pausedSinceS_);
      peak_ = d;
      anyRepetitionStarted_ = true;
      enterPhase(outPhase_, t);
      repUnscored_ = true;
      repLostS_ = t - pausedSinceS_;
      repFault_ = pauseFault_;
    }
    keptRestRefSet_ = false;
  }
  if (targetsOk) feedback_.paused = false;

  const Driver& drv = exercise_->driver;
  const bool noDriver = drv.signals.empty();
  const std::size_t phase = feedback_.phase;
  struct RememberDriver {
    double& slot;
    double value;
    ~RememberDriver() { slot = value; }
  } rememberDriver{lastDriver_, d};

  if (phase == restPhase_) {
    if (!firstDriverSet_) {
      firstDriver_ = d;
      firstDriverSet_ = true;
    } else if (!anyRepetitionStarted_ && std::abs(d - lastDriver_) > drv.startExcursion * std::max(dt, 0.01) / kJumpS) {
      // Faster than any body moves: the recording was cut and spliced, and its first frames
      // are no posture of this session to come back from.
      anyRepetitionStarted_ = true;
    } else if (!anyRepetitionStarted_ && exercise_->kind == ExerciseKind::Repetitions &&
               d < firstDriver_ - kUnderwayDropFactor * drv.startExcursion) {
      // The driver fell well below where the session began before any repetition started: the
      // session began out of the rest position, on the way back from a repetition.
      anyRepetitionStarted_ = true;
      countUnderwayRepetition(t);
    }
    if (awaitingReturn_) {
      // Hold completed: the next one starts only after the person lets go.
      if (d < peak_ - drv.returnFraction * (peak_ - restRef_)) {
        awaitingReturn_ = false;
        restRefSet_ = false;
      }
    }
    if (!restRefSet_ || d < restRef_) {
      // A new low point: the repetition starts from here.
      restRef_ = d;
      restRefSet_ = true;
      if (!awaitingReturn_) resetRepetition(t);
    }
    if (targetsOk) accumulate(posture, limbs, dt);
    if (!awaitingReturn_) {
      if (exercise_->kind == ExerciseKind::Hold) {
        if (noDriver || d > restRef_ + drv.startExcursion) {
          peak_ = d;
          resetRepetition(t);
          enterPhase(holdPhase_, t);
        }
      } else if (d > restRef_ + drv.startExcursion) {
        peak_ = d;
        anyRepetitionStarted_ = true;
        enterPhase(outPhase_, t);
      }
    }
  } else if (phase == outPhase_) {
    peak_ = std::max(peak_, d);
    if (targetsOk) accumulate(posture, limbs, dt);
    const double back = std::max(drv.startExcursion, drv.reverseFraction * (peak_ - restRef_));
    if (hasHold_ && d >= restRef_ + drv.targetExcursion) {
      enterPhase(holdPhase_, t);
    } else if (d < peak_ - back) {
      enterPhase(backPhase_, t);
    }
  } else if (phase == holdPhase_) {
    peak_ = std::max(peak_, d);
    holdS_ += dt;
    feedback_.holdS = holdS_;
    if (targetsOk) accumulate(posture, limbs, dt);
    const double target = holdTargetS(exercise_->phases[holdPhase_]);
    if (exercise_->kind == ExerciseKind::Hold) {
      const bool released = !noDriver && d < peak_ - drv.returnFraction * (peak_ - restRef_);
      if (holdS_ >= target || released) {
        if (holdS_ >= target || holdS_ >= kMinHoldAttemptS) completeRepetition(t);
        enterPhase(restPhase_, t);
        awaitingReturn_ = !noDriver && !released;
        restRefSet_ = awaitingReturn_;
        if (!awaitingReturn_) resetRepetition(t);
        feedback_.holdS = 0.0;
      }
    } else {
      const double back = std::max(drv.startExcursion, drv.reverseFraction * (peak_ - restRef_));
      if (d < peak_ - back) enterPhase(backPhase_, t);
    }
  } else {  // back
    if (targetsOk) accumulate(posture, limbs, dt);
    if (d < peak_ - drv.returnFraction * (peak_ - restRef_)) {
      completeRepetition(t);
      enterPhase(restPhase_, t);
      restRefSet_ = false;
      feedback_.holdS = 0.0;
    } else if (d > peak_) {
      // Went out again before coming back far enough: still the same repetition.
      peak_ = d;
      enterPhase(hasHold_ && d >= restRef_ + drv.targetExcursion ? holdPhase_ : outPhase_, t);
    }
  }
  return feedback_;
}

void ExerciseEngine::finish(double timeS) {
  if (paused_ && !losses_.empty()) {
    trackingLostS_ += std::clamp(timeS - lastTimeS_, 0.0, kMaxFrameGapS);
    losses_.back().endS = timeS;
  }
}

}  // namespace lumbo
