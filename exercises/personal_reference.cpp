// Personal bands from a reference recording: checks, margins, safety limits, storage form.
#include "exercises/personal_reference.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include <nlohmann/json.hpp>

#include "exercises/trace_scoring.h"

namespace lumbo {

namespace {

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

nlohmann::json bound(double v) { return std::isfinite(v) ? nlohmann::json(std::round(v * 1000.0) / 1000.0) : nlohmann::json(nullptr); }

std::vector<const Target*> flatTargets(const Exercise& e, std::vector<const Phase*>* phases = nullptr) {
  std::vector<const Target*> out;
  for (const Phase& p : e.phases) {
    for (const Target& t : p.targets) {
      out.push_back(&t);
      if (phases) phases->push_back(&p);
    }
  }
  return out;
}

}  // namespace

Band safetyBand(const Exercise& exercise, const Target& target) {
  const double k = exercise.personal.safetyScale;
  return {target.band.min * k, target.band.max * k};
}

Result<PersonalReference> makePersonalReference(const Trace& reference, const Exercise& exercise,
                                                const std::string& source, int maxRepetitions) {
  auto report = scoreTrace(reference, exercise, 1);
  if (!report) return Error{"the reference cannot be scored: " + report.error()};
  std::vector<const Phase*> phases;
  const std::vector<const Target*> targets = flatTargets(exercise, &phases);
  std::vector<const RepetitionResult*> used;
  for (const RepetitionResult& r : report->reps) {
    if (!r.scored) continue;
    if (maxRepetitions > 0 && static_cast<int>(used.size()) >= maxRepetitions) break;
    used.push_back(&r);
  }
  std::vector<std::string> reasons;
  if (static_cast<int>(used.size()) < exercise.personal.minRepetitions) {
    reasons.push_back(std::to_string(used.size()) + " scored repetition(s) in the recording, " +
                      std::to_string(exercise.personal.minRepetitions) + " needed (" +
                      std::to_string(report->reps.size()) + " counted)");
  }
  PersonalReference ref;
  ref.exerciseId = exercise.id;
  ref.repetitions = static_cast<int>(used.size());
  ref.source = source + " (" + std::to_string(used.size()) + " repetitions)";
  const double inf = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const Target& t = *targets[i];
    if (isSimulatedLoad(t.signal)) {
      ref.bands.push_back(t.band);
      continue;
    }
    const Band safe = safetyBand(exercise, t);
    const std::string_view unit = signalUnit(t.signal);
    Band seen{inf, -inf};
    for (const RepetitionResult* r : used) {
      if (i >= r->targetSpans.size() || r->targetSpans[i].min > r->targetSpans[i].max) continue;
      const Band& s = r->targetSpans[i];
      seen.min = std::min(seen.min, s.min);
      seen.max = std::max(seen.max, s.max);
      if (s.max > safe.max || s.min < safe.min) {
        const bool above = s.max > safe.max;
        reasons.push_back("repetition " + std::to_string(r->number) + ": " + signalWords(t.signal) + " reached " +
                          fmt(above ? s.max : s.min) + " " + std::string(unit) + " during the " + phases[i]->name +
                          ", beyond the safety limit of " + fmt(above ? safe.max : safe.min) + " " + std::string(unit));
      }
    }
    Band b = t.band;  // a phase the reference never entered keeps the population band
    if (seen.min <= seen.max) {
      const double m = exercise.personal.margin(unit);
      // One-sided population bands stay one-sided: the person's own range bounds the side the
      // exercise watches.
      b.min = std::isfinite(t.band.min) ? std::max(seen.min - m, safe.min) : -inf;
      b.max = std::isfinite(t.band.max) ? std::min(seen.max + m, safe.max) : inf;
      // Neutral is always allowed.
      b.min = std::min(b.min, 0.0);
      b.max = std::max(b.max, 0.0);
    }
    ref.bands.push_back(b);
  }
  for (std::size_t k = 0; k < exercise.ranges.size(); ++k) {
    const RangeTarget& rt = exercise.ranges[k];
    double least = inf;
    for (const RepetitionResult* r : used) {
      if (k < r->rangePeaks.size() && std::isfinite(r->rangePeaks[k])) least = std::min(least, r->rangePeaks[k]);
    }
    const double m = exercise.personal.margin(signalUnit(rt.signal));
    ref.reaches.push_back(std::isfinite(least) ? std::max(0.0, least - m) : rt.reach);
  }
  if (!reasons.empty()) {
    std::string why = "reference refused for " + exercise.id + ":";
    for (const std::string& r : reasons) why += "\n  " + r;
    return Error{why};
  }
  return ref;
}

Result<Exercise> personalised(const Exercise& exercise, const PersonalReference& reference) {
  const std::vector<const Target*> targets = flatTargets(exercise);
  if (reference.exerciseId != exercise.id || reference.bands.size() != targets.size() ||
      reference.reaches.size() != exercise.ranges.size()) {
    return Error{"the personal reference was made for " + reference.exerciseId + " with " +
                 std::to_string(reference.bands.size()) + " bands; " + exercise.id + " has " +
                 std::to_string(targets.size()) + " now: record the reference again"};
  }
  Exercise out = exercise;
  std::size_t i = 0;
  for (Phase& p : out.phases) {
    for (Target& t : p.targets) t.band = reference.bands[i++];
  }
  for (std::size_t k = 0; k < out.ranges.size(); ++k) out.ranges[k].reach = reference.reaches[k];
  return out;
}

std::string personalReferenceJson(const PersonalReference& reference) {
  nlohmann::json bands = nlohmann::json::array();
  for (const Band& b : reference.bands) bands.push_back({bound(b.min), bound(b.max)});
  nlohmann::json reaches = nlohmann::json::array();
  for (double r : reference.reaches) reaches.push_back(bound(r));
  return nlohmann::json{{"exercise", reference.exerciseId},
                        {"source", reference.source},
                        {"repetitions", reference.repetitions},
                        {"bands", std::move(bands)},
                        {"reaches", std::move(reaches)}}
      .dump();
}

Result<PersonalReference> parsePersonalReference(const std::string& text, const Exercise& exercise,
                                                 const std::string& where) {
  const double inf = std::numeric_limits<double>::infinity();
  try {
    const nlohmann::json j = nlohmann::json::parse(text);
    PersonalReference r;
    r.exerciseId = j.at("exercise").get<std::string>();
    r.source = j.at("source").get<std::string>();
    r.repetitions = j.at("repetitions").get<int>();
    for (const auto& b : j.at("bands")) {
      r.bands.push_back({b.at(0).is_null() ? -inf : b.at(0).get<double>(), b.at(1).is_null() ? inf : b.at(1).get<double>()});
    }
    for (const auto& v : j.at("reaches")) r.reaches.push_back(v.get<double>());
    if (auto check = personalised(exercise, r); !check) return Error{where + ": " + check.error()};
    return r;
  } catch (const nlohmann::json::exception& e) {
    return Error{where + ": not a personal reference: " + e.what()};
  }
}

namespace {
std::string bandText(const Band& b, std::string_view unit) {
  char buf[96];
  const std::string u(unit);
  if (std::isfinite(b.min) && std::isfinite(b.max)) std::snprintf(buf, sizeof buf, "%.1f to %.1f %s", b.min, b.max, u.c_str());
  else if (std::isfinite(b.max)) std::snprintf(buf, sizeof buf, "up to %.1f %s", b.max, u.c_str());
  else if (std::isfinite(b.min)) std::snprintf(buf, sizeof buf, "down to %.1f %s", b.min, u.c_str());
  else std::snprintf(buf, sizeof buf, "any");
  return buf;
}
}  // namespace

std::vector<std::string> bandComparisonLines(const Exercise& population, const Exercise& personal) {
  std::vector<std::string> lines;
  char buf[256];
  for (std::size_t i = 0; i < population.phases.size(); ++i) {
    const Phase& p = population.phases[i];
    for (std::size_t k = 0; k < p.targets.size(); ++k) {
      const Target& t = p.targets[k];
      const std::string_view unit = signalUnit(t.signal);
      std::snprintf(buf, sizeof buf, "%-10s %-22s %-22s (population %s)", p.name.c_str(), std::string(signalName(t.signal)).c_str(),
                    bandText(personal.phases[i].targets[k].band, unit).c_str(), bandText(t.band, unit).c_str());
      lines.emplace_back(buf);
    }
  }
  for (std::size_t k = 0; k < population.ranges.size(); ++k) {
    const RangeTarget& r = population.ranges[k];
    std::snprintf(buf, sizeof buf, "%-10s %-22s reach %.1f %s (population %.1f)", "range", std::string(signalName(r.signal)).c_str(),
                  personal.ranges[k].reach, std::string(signalUnit(r.signal)).c_str(), r.reach);
    lines.emplace_back(buf);
  }
  return lines;
}

std::string populationBandsSource(const Exercise& exercise) { return "population bands of " + exercise.id + ".json"; }

std::string bandsUsedJson(const Exercise& exercise, int level, const std::string& source) {
  const int lv = std::clamp(level, 1, static_cast<int>(std::max<std::size_t>(1, exercise.levels.size())));
  const double scale = exercise.levels.empty() ? 1.0 : exercise.levels[static_cast<std::size_t>(lv - 1)].toleranceScale;
  nlohmann::json targets = nlohmann::json::array();
  for (const Phase& p : exercise.phases) {
    for (const Target& t : p.targets) {
      targets.push_back({{"phase", p.name},
                         {"signal", signalName(t.signal)},
                         {"min", bound(t.band.min * (isSimulatedLoad(t.signal) ? 1.0 : scale))},
                         {"max", bound(t.band.max * (isSimulatedLoad(t.signal) ? 1.0 : scale))}});
    }
  }
  nlohmann::json ranges = nlohmann::json::array();
  for (const RangeTarget& r : exercise.ranges) ranges.push_back({{"signal", signalName(r.signal)}, {"reach", bound(r.reach)}});
  return nlohmann::json{{"source", source}, {"tolerance_scale", scale}, {"targets", std::move(targets)}, {"ranges", std::move(ranges)}}
      .dump();
}

}  // namespace lumbo
