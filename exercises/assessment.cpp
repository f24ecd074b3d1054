// Assessment tests measured from calibrated posture, their findings, and the proposed program.
#include "exercises/assessment.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

#include "body/posture_analysis.h"
#include "exercises/trace_scoring.h"

namespace lumbo {

namespace {

// Clinical thresholds of the battery. Lumbar share: in a good hip hinge the hips give most of the
// bend and the lumbar spine under half (McGill; O'Sullivan's flexion pattern); pelvic drop over
// 4 deg in single-leg stance marks weak lateral hip control (Trendelenburg); 5 deg of pelvic or
// trunk rotation while lifting a limb in four-point kneeling is a rotational fault; 8 deg of
// lumbar extension at the top of a bridge is hyperextension; a thorax moving more than half as
// much as the pelvis fails the tilt dissociation.
constexpr double kLumbarShareMaxPct = 50.0;
constexpr double kPelvicDropMaxDeg = 4.0;
constexpr double kRotationMaxDeg = 5.0;
constexpr double kBridgeExtensionMaxDeg = 8.0;
constexpr double kDissociationMaxRatio = 0.5;
constexpr double kSquatLumbarFlexionMaxDeg = 45.0;
constexpr double kLateralRomMinDeg = 15.0;
constexpr double kRotationRomMinDeg = 20.0;
constexpr double kControlQualityMin = 80.0;

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

struct Extremes {
  double max = -1e300;
  double min = 1e300;
  bool any = false;
};

Extremes extremes(const std::vector<Posture>& ps, MetricId id, double afterS) {
  Extremes e;
  for (const Posture& p : ps) {
    if (p.timeS < afterS || !p[id].measured()) continue;
    e.max = std::max(e.max, p[id].value);
    e.min = std::min(e.min, p[id].value);
    e.any = true;
  }
  if (!e.any) e.max = e.min = 0.0;
  return e;
}

AssessmentFeature feature(std::string id, std::string test, double value, std::string unit, bool bad, std::string finding,
                          std::vector<std::string> targets) {
  return {std::move(id), std::move(test), value, std::move(unit), bad, std::move(finding), std::move(targets)};
}

bool startsWith(const std::string& s, std::string_view p) { return s.rfind(p, 0) == 0; }

}  // namespace

std::string assessmentTestFor(const Trace& trace) {
  const auto ex = trace.metadata.get("exercise");
  if (!ex) return "";
  const std::string e(*ex);
  if (startsWith(e, "hip_hinge") || e == "waiters_bow" || e == "forward_bending") return "forward bending";
  if (startsWith(e, "pelvic_tilt")) return "pelvic tilt dissociation";
  if (startsWith(e, "single_leg_stance")) return "single-leg stance";
  if (startsWith(e, "bridge")) return "bridge";
  if (startsWith(e, "bird_dog")) return "four-point arm and leg lift";
  if (startsWith(e, "lateral_bend")) return "lateral bending";
  if (startsWith(e, "trunk_rotation")) return "rotation";
  if (startsWith(e, "squat") || e == "deep_squat" || e == "sit_to_stand") return "squat or sit-to-stand";
  if (e == "standing_straight_leg_raise") return "active straight-leg raise";
  return "";
}

Result<TestResult> assessTrace(const Trace& trace, const std::string& source, const std::vector<Exercise>& library) {
  TestResult r;
  r.source = source;
  r.test = assessmentTestFor(trace);
  if (r.test.empty()) {
    const auto ex = trace.metadata.get("exercise");
    return Error{source + ": '" + (ex ? std::string(*ex) : std::string("no # exercise:")) + "' is no test of the assessment battery"};
  }
  AnalysisOptions options;
  if (r.test == "bridge") options.position = NeutralPosition::Supine;
  if (r.test == "four-point arm and leg lift") options.position = NeutralPosition::FourPointKneeling;
  auto analysis = analyzeTrace(trace, options);
  if (!analysis) return Error{source + ": " + analysis.error()};
  const std::vector<Posture>& ps = analysis->postures;
  const double after = analysis->neutral.endS;
  auto ext = [&](MetricId id) { return extremes(ps, id, after); };
  auto& f = r.features;

  if (r.test == "forward bending") {
    // The lumbar share at the deepest point of the bend: how much of the trunk's inclination the
    // lumbar spine supplied rather than the hips.
    double bestIncl = 0.0, share = 0.0;
    for (const Posture& p : ps) {
      const Metric& incl = p[MetricId::TrunkInclinationDeg];
      const Metric& flex = p[MetricId::LumbarFlexionDeg];
      if (p.timeS < after || !incl.measured() || !flex.measured() || incl.value <= bestIncl) continue;
      bestIncl = incl.value;
      share = bestIncl > 1.0 ? 100.0 * std::max(0.0, flex.value) / bestIncl : 0.0;
    }
    f.push_back(feature("forward_bending_deg", r.test, bestIncl, "deg", false,
                        "forward bending reaches " + fmt(bestIncl) + " deg of trunk inclination", {}));
    const bool bad = share > kLumbarShareMaxPct;
    f.push_back(feature("hip_hinge_lumbar_share_pct", r.test, share, "%", bad,
                        "lumbar flexion takes " + fmt(share) + " % of forward bending: " + (bad ? "hip hinge poor" : "hip hinge good"),
                        {"waiters_bow", "pelvic_tilt_control", "abdominal_drawing_in"}));
  } else if (r.test == "pelvic tilt dissociation") {
    const Extremes tilt = ext(MetricId::PelvicTiltDeg);
    const Extremes incl = ext(MetricId::TrunkInclinationDeg);
    const double tiltRange = tilt.max - tilt.min;
    const double ratio = tiltRange > 1.0 ? (incl.max - incl.min) / tiltRange : 1.0;
    f.push_back(feature("pelvic_tilt_range_deg", r.test, tiltRange, "deg", tiltRange < 8.0,
                        "pelvic tilt range " + fmt(tiltRange) + " deg" + (tiltRange < 8.0 ? ": the pelvis hardly moves" : ""),
                        {"pelvic_tilt_control"}));
    const bool bad = ratio > kDissociationMaxRatio;
    f.push_back(feature("tilt_dissociation_ratio_pct", r.test, 100.0 * ratio, "%", bad,
                        "the thorax moves " + fmt(100.0 * ratio) + " % as much as the pelvis: " +
                            (bad ? "lumbo-pelvic dissociation poor" : "the pelvis moves on a still thorax"),
                        {"pelvic_tilt_control", "abdominal_drawing_in"}));
  } else if (r.test == "single-leg stance") {
    const Extremes ob = ext(MetricId::PelvicObliquityDeg);
    const double drop = std::max(ob.max, -ob.min);
    const bool bad = drop > kPelvicDropMaxDeg;
    f.push_back(feature("single_leg_stance_pelvic_drop_deg", r.test, drop, "deg", bad,
                        "pelvis dropped " + fmt(drop) + " deg in single-leg stance: " +
                            (bad ? "lateral pelvic control poor" : "pelvis level"),
                        {"single_leg_stance", "side_plank", "bridge"}));
  } else if (r.test == "bridge") {
    const Extremes flex = ext(MetricId::LumbarFlexionDeg);
    const double extension = std::max(0.0, -flex.min);
    const bool bad = extension > kBridgeExtensionMaxDeg;
    f.push_back(feature("bridge_lumbar_extension_deg", r.test, extension, "deg", bad,
                        "lumbar extension " + fmt(extension) + " deg at the top of the bridge" +
                            (bad ? ": hyperextending instead of lifting with the hips" : ""),
                        {"bridge", "abdominal_drawing_in", "dead_bug"}));
  } else if (r.test == "four-point arm and leg lift") {
    const Extremes pr = ext(MetricId::PelvicRotationDeg);
    const double rot = std::max(pr.max, -pr.min);
    const bool bad = rot > kRotationMaxDeg;
    f.push_back(feature("bird_dog_pelvic_rotation_deg", r.test, rot, "deg", bad,
                        "pelvis rotated " + fmt(rot) + " deg while lifting arm and leg" +
                            (bad ? ": rotational control poor" : ""),
                        {"bird_dog", "dead_bug", "pallof_press"}));
  } else if (r.test == "lateral bending") {
    const Extremes lat = ext(MetricId::LumbarLateralDeg);
    const double rom = std::min(lat.max, -lat.min);
    const bool bad = rom < kLateralRomMinDeg;
    f.push_back(feature("lateral_bending_rom_deg", r.test, rom, "deg", bad,
                        "lateral bending " + fmt(lat.max) + " deg right, " + fmt(-lat.min) + " deg left" +
                            (bad ? ": range limited" : ""),
                        {"lateral_bending_control"}));
  } else if (r.test == "rotation") {
    const Extremes rot = ext(MetricId::LumbarRotationDeg);
    const double rom = std::min(rot.max, -rot.min);
    const bool bad = rom < kRotationRomMinDeg;
    f.push_back(feature("rotation_rom_deg", r.test, rom, "deg", bad,
                        "rotation " + fmt(rot.max) + " deg right, " + fmt(-rot.min) + " deg left" + (bad ? ": range limited" : ""),
                        {"trunk_rotation_control", "pallof_press"}));
  } else if (r.test == "squat or sit-to-stand") {
    const Extremes flex = ext(MetricId::LumbarFlexionDeg);
    const bool bad = flex.max > kSquatLumbarFlexionMaxDeg;
    f.push_back(feature("squat_lumbar_flexion_deg", r.test, flex.max, "deg", bad,
                        "lumbar flexion " + fmt(flex.max) + " deg at the bottom" + (bad ? ": the low back rounds" : ""),
                        {"waiters_bow", "sit_to_stand", "deep_squat"}));
  }
  // A control test that is also a library exercise: its alignment quality, with its main fault.
  const auto ex = trace.metadata.get("exercise");
  for (const Exercise& e : library) {
    if (!ex || e.id != *ex || e.kind != ExerciseKind::Repetitions) continue;
    auto scored = scoreTrace(trace, e, 1);
    if (!scored || scored->scoredRepetitions == 0) break;
    // Only faults that cost quality are named: a brief excursion within the scoring's grace
    // would otherwise give "quality 100 ... most often: pelvis turning".
    std::map<std::string, int> faults;
    for (const RepetitionResult& rep : scored->reps) {
      if (!rep.scored || rep.quality >= 99.5 || rep.faults.empty()) continue;
      ++faults[rep.faults.front().text.substr(0, rep.faults.front().text.find(':'))];
    }
    std::string worst;
    int most = 0;
    for (const auto& [k, n] : faults) {
      if (n > most) worst = k, most = n;
    }
    const bool bad = scored->quality < kControlQualityMin;
    f.push_back(feature(e.id + "_quality", r.test, scored->quality, "", bad,
                        e.name + " quality " + fmt(scored->quality) + " over " + std::to_string(scored->scoredRepetitions) +
                            " repetitions" +
                            (worst.empty() ? "" : "; most common fault: " + worst + " (" + std::to_string(most) + " of " +
                                                      std::to_string(scored->scoredRepetitions) + ")"),
                        {e.id}));
    if (e.id == "standing_straight_leg_raise") f.back().targets = {"standing_straight_leg_raise", "pelvic_tilt_control", "abdominal_drawing_in"};
    break;
  }
  return r;
}

Program proposeProgram(const std::vector<TestResult>& results, const std::vector<Exercise>& library) {
  Program p;
  p.id = "proposed_program";
  p.name = "Proposed from assessment";
  p.sessionsPerWeek = 3;
  std::vector<std::string> picked;
  std::vector<std::string> why;
  auto known = [&](const std::string& id) {
    return findExercise(library, id) != nullptr;
  };
  // The most specific exercise of each finding first, then the others, six at most.
  for (std::size_t rank = 0; rank < 3; ++rank) {
    for (const TestResult& t : results) {
      for (const AssessmentFeature& f : t.features) {
        if (!f.suboptimal || rank >= f.targets.size()) continue;
        const std::string& id = f.targets[rank];
        if (picked.size() < 6 && known(id) && std::find(picked.begin(), picked.end(), id) == picked.end()) picked.push_back(id);
        if (rank == 0) why.push_back(f.finding);
      }
    }
  }
  if (picked.empty()) {
    for (const char* id : {"waiters_bow", "bird_dog", "bridge"}) {
      if (known(id)) picked.push_back(id);
    }
    p.description = "No suboptimal feature found: maintenance of lumbo-pelvic control.";
  } else {
    p.description = "Aimed at: ";
    for (std::size_t i = 0; i < why.size(); ++i) p.description += (i ? "; " : "") + why[i];
    p.description += ".";
  }
  ProgramStage s;
  for (const std::string& id : picked) {
    ProgramExercise pe;
    pe.exerciseId = id;
    s.exercises.push_back(pe);
  }
  p.stages.push_back(std::move(s));
  return p;
}

std::string programJson(const Program& program) {
  using nlohmann::json;
  auto exercises = [](const std::vector<ProgramExercise>& list) {
    json a = json::array();
    for (const ProgramExercise& pe : list) {
      json e = {{"exercise", pe.exerciseId}, {"level", pe.startLevel}};
      // Zero is "the level's own"; any other value is written as it is, so that an edited
      // program that is out of range fails validation instead of being quietly dropped.
      if (pe.sets != 0) e["sets"] = pe.sets;
      if (pe.repetitions != 0) e["repetitions"] = pe.repetitions;
      if (pe.locked) e["locked"] = true;
      if (pe.maxLevel != 0) e["max_level"] = pe.maxLevel;
      if (std::isfinite(pe.maxLoadKg)) e["max_load_kg"] = pe.maxLoadKg;
      if (pe.holdS != 0.0) e["hold_s"] = pe.holdS;
      if (pe.restS != 0.0) e["rest_s"] = pe.restS;
      a.push_back(std::move(e));
    }
    return a;
  };
  const ProgressionRules& r = program.rules;
  json j = {{"id", program.id},
            {"name", program.name},
            {"description", program.description},
            {"sessions_per_week", program.sessionsPerWeek},
            {"progression",
             {{"progress_quality", r.progressQuality},
              {"progress_sessions", r.progressSessions},
              {"regress_quality", r.regressQuality},
              {"pain_rise", r.painRise},
              {"missed_days", r.missedDays}}}};
  if (program.odiEveryDays) j["odi_every_days"] = *program.odiEveryDays;
  if (program.painBetweenSets) j["pain_between_sets"] = true;
  if (program.staged) {
    json st = json::array();
    for (const ProgramStage& s : program.stages) {
      st.push_back({{"name", s.name}, {"goal", s.goal}, {"from_day", s.fromDay}, {"exercises", exercises(s.exercises)}});
    }
    j["stages"] = std::move(st);
  } else {
    j["exercises"] = exercises(program.stages.front().exercises);
  }
  if (!program.baseline.empty()) {
    json b = json::object();
    for (const auto& [k, v] : program.baseline) b[k] = v;
    j["baseline"] = std::move(b);
  }
  return j.dump(2) + "\n";
}

std::string assessmentJson(const std::vector<TestResult>& results, const Program& proposal, const Program* baseline) {
  using nlohmann::json;
  json tests = json::array();
  json findings = json::array();
  json comparison = json::array();
  for (const TestResult& t : results) {
    json fs = json::array();
    for (const AssessmentFeature& f : t.features) {
      fs.push_back({{"id", f.id}, {"test", f.test}, {"value", std::round(f.value * 10.0) / 10.0}, {"unit", f.unit},
                    {"suboptimal", f.suboptimal}, {"finding", f.finding}, {"targets", f.targets}});
      if (f.suboptimal) findings.push_back(f.finding);
      if (!baseline) continue;
      for (const auto& [k, v] : baseline->baseline) {
        if (k == f.id) comparison.push_back({{"id", k}, {"baseline", v}, {"now", std::round(f.value * 10.0) / 10.0},
                                             {"change", std::round((f.value - v) * 10.0) / 10.0}});
      }
    }
    tests.push_back({{"source", t.source}, {"test", t.test}, {"features", std::move(fs)}});
  }
  json j = {{"tests", std::move(tests)},
            {"findings", std::move(findings)},
            {"proposed_program", json::parse(programJson(proposal))}};
  if (baseline) j["baseline_comparison"] = std::move(comparison);
  return j.dump(2) + "\n";
}

}  // namespace lumbo
