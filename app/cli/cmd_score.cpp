// `lumbo score TRACE [--exercise ID] [--level N] [--json OUT] [--person ID [--db DB] [--date D]
// [--realtime]]`: scores a recorded trace against an exercise, prints a readable summary and,
// when asked, records it as a session (dated when the recording was made, with the plan of the
// program in force then) through the same writer the live app uses.
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

#include "app/cli/clinic_options.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "body/clock.h"
#include "body/trace_reader.h"
#include "exercises/personal_reference.h"
#include "exercises/program.h"
#include "exercises/trace_scoring.h"
#include "store/private_file.h"
#include "store/personal_references.h"
#include "store/program_assignments.h"
#include "store/queries.h"
#include "store/scored_session.h"
#include "store/session_plan.h"
#include "store/session_writer.h"

namespace lumbo::app {

namespace {

void printSummary(const ScoreReport& r, const Exercise& e) {
  std::printf("%s (%s), level %d\n", e.name.c_str(), e.id.c_str(), r.level);
  std::printf("neutral: %.2f-%.2f s, trace %.1f s\n", r.neutral.startS, r.neutral.endS, r.durationS);
  if (!r.calibrationNote.empty()) std::printf("note: %s\n", r.calibrationNote.c_str());
  std::printf("repetitions: %zu", r.reps.size());
  if (r.scoredRepetitions > 0) std::printf(", mean quality %.0f / 100 over %d scored", r.quality, r.scoredRepetitions);
  std::printf("\n");
  for (const RepetitionResult& rep : r.reps) {
    std::printf("  %2d  %6.2f-%6.2f s  ", rep.number, rep.startS, rep.endS);
    if (rep.scored) std::printf("quality %3.0f", rep.quality);
    else std::printf("not scored ");
    if (rep.faults.empty()) std::printf("  within every band\n");
    else std::printf("  %s\n", rep.faults.front().text.c_str());
    for (std::size_t i = 1; i < rep.faults.size() && i < 3; ++i) {
      std::printf("  %40s%s\n", "", rep.faults[i].text.c_str());
    }
  }
  if (r.trackingLostS > 0.0) {
    std::printf("tracking lost: %.2f s in %zu interval(s), not scored", r.trackingLostS, r.trackingLosses.size());
    if (r.discardedRepetitions > 0) std::printf("; %d unfinished repetition(s) dropped", r.discardedRepetitions);
    std::printf("\n");
  }
}

// --reference REF_TRACE, else (recording for a person) the person's stored reference: the
// exercise's bands replaced by the person's, and `source` says where they came from.
int applyPersonalBands(const Args& parsed, bool record, Exercise& planned, std::string& source) {
  if (auto refPath = parsed.value("--reference")) {
    const std::optional<int> reps = parsed.integer("--reference-reps");
    if (reps && *reps < 1) throw UsageError("--reference-reps must be 1 or more");
    auto refTrace = readTrace(*refPath);
    if (!refTrace) {
      std::fprintf(stderr, "lumbo score: %s\n", refTrace.error().c_str());
      return kExitFailure;
    }
    auto ref = makePersonalReference(*refTrace, planned, "reference trace " + *refPath, reps.value_or(0));
    if (!ref) {
      std::fprintf(stderr, "lumbo score: %s: %s\n", refPath->c_str(), ref.error().c_str());
      return kExitFailure;
    }
    auto ex = personalised(planned, *ref);
    if (!ex) {
      std::fprintf(stderr, "lumbo score: %s\n", ex.error().c_str());
      return kExitFailure;
    }
    const std::vector<Level> levels = planned.levels;  // the plan's prescription stays
    planned = std::move(*ex);
    planned.levels = levels;
    source = "personal " + ref->source;
    return kExitOk;
  }
  if (parsed.value("--reference-reps")) throw UsageError("--reference-reps needs --reference REF_TRACE");
  if (!record) return kExitOk;
  const std::string person = *parsed.value("--person");
  const std::filesystem::path db = databaseFor(parsed, person);
  if (!std::filesystem::exists(db)) return kExitOk;
  auto store = store::SessionStore::open(db, store::OpenOptions{.create = false});
  if (!store) {
    std::fprintf(stderr, "lumbo score: %s\n", store.error().c_str());
    return kExitFailure;
  }
  auto pe = store::personalExerciseOf(*store, person, planned);
  if (!pe) {
    std::fprintf(stderr, "lumbo score: %s\n", pe.error().c_str());
    return kExitFailure;
  }
  if (*pe) {
    const std::vector<Level> levels = planned.levels;
    planned = std::move((*pe)->exercise);
    planned.levels = levels;
    source = (*pe)->source;
  }
  return kExitOk;
}

}  // namespace

int runScore(std::span<const std::string> args) {
  const Args parsed(args, ArgSpec{{"--exercise", "--level", "--json", "--exercises-dir", "--neutral", "--signals", "--db",
                                   "--person", "--context", "--date", "--days-since-landing", "--reference", "--reference-reps"},
                                  {"--realtime", "--force", "--gravity-free"}, 1, 1});
  if (parsed.value("--db") && !parsed.value("--person")) throw UsageError("--db needs --person ID");
  if (parsed.flag("--realtime") && !parsed.value("--person")) throw UsageError("--realtime records a session: give --person ID");
  if (parsed.value("--date") && !parsed.value("--person")) throw UsageError("--date dates a recorded session: give --person ID");
  // Checked before anything is read or written: a bad date records nothing.
  const std::optional<double> date = dateOption(parsed, "--date");
  const std::string& tracePath = parsed.positional()[0];
  // Outputs are checked before anything is read or written: never the recording, the store, or
  // an existing file without --force.
  const std::optional<std::string> jsonOut = parsed.value("--json");
  const bool jsonToStdout = jsonOut && *jsonOut == "-";
  {
    const std::filesystem::path store =
        parsed.value("--person") ? databaseFor(parsed, *parsed.value("--person")) : std::filesystem::path();
    const std::filesystem::path reference = parsed.value("--reference").value_or("");
    if (jsonOut && !jsonToStdout) guardOutput(parsed, *jsonOut, {tracePath, store, reference});
    if (auto out = parsed.value("--signals")) guardOutput(parsed, *out, {tracePath, store, reference});
  }
  std::optional<int> level = parsed.integer("--level");
  if (level && *level < 1) throw UsageError("--level must be 1 or more");
  AnalysisOptions options;
  options.gravityFree = parsed.flag("--gravity-free");
  if (auto w = parsed.value("--neutral")) {
    options.neutral = parseTimeWindow(*w);
    if (!options.neutral) throw UsageError("--neutral takes A-B in seconds, e.g. 0-2");
  }

  // The recording is streamed, never held: its header now, its samples in the scoring's passes.
  const auto trace = TraceReader::open(tracePath);
  if (!trace) {
    std::fprintf(stderr, "lumbo score: %s\n", trace.error().c_str());
    return kExitFailure;
  }
  // Without --exercise, the trace's own "# exercise:" says what was recorded.
  std::string id;
  if (auto v = parsed.value("--exercise")) id = *v;
  else if (auto m = trace->metadata().get("exercise")) id = std::string(*m);
  else throw UsageError("missing --exercise ID (and the trace names no exercise)");

  const std::filesystem::path folder = parsed.value("--exercises-dir").value_or(defaultExerciseFolder().string());
  auto lib = loadExerciseLibrary(folder);
  if (!lib) {
    std::fprintf(stderr, "lumbo score: %s\n", lib.error().c_str());
    return kExitFailure;
  }
  const Exercise* found = findExercise(*lib, id);
  if (!found) {
    std::fprintf(stderr, "lumbo score: unknown exercise '%s'; 'lumbo exercises' lists them\n", id.c_str());
    return kExitUsage;
  }
  if (level && *level > static_cast<int>(found->levels.size())) {
    std::fprintf(stderr, "lumbo score: %s has %zu levels, not %d\n", id.c_str(), found->levels.size(), *level);
    return kExitUsage;
  }
  // Recording: the session follows the program in force at its date, whose plan (from the
  // sessions before it) sets the level, sets and repetitions unless --level says otherwise.
  const bool record = parsed.value("--person").has_value();
  Exercise planned = *found;
  store::SessionPrescription prescription;
  std::vector<store::EventRecord> levelChanges;
  std::string planNote;
  const double startUnixS = date.value_or(unixNowS());
  if (record) {
    const std::string person = *parsed.value("--person");
    const std::filesystem::path db = databaseFor(parsed, person);
    if (std::filesystem::exists(db)) {
      auto store = store::SessionStore::open(db, store::OpenOptions{.create = false});
      if (!store) {
        std::fprintf(stderr, "lumbo score: %s\n", store.error().c_str());
        return kExitFailure;
      }
      if (const auto assigned = store::programInForce(*store, person, startUnixS)) {
        auto program = store::programOf(*assigned, *lib);
        if (!program) {
          std::fprintf(stderr, "lumbo score: %s\n", program.error().c_str());
          return kExitFailure;
        }
        auto plan = store::planSessionAt(*store, person, *program, *lib, startUnixS, parsed.integer("--days-since-landing"));
        if (!plan) {
          std::fprintf(stderr, "lumbo score: %s\n", plan.error().c_str());
          return kExitFailure;
        }
        prescription = {assigned->rowId, plan->plan.stage, plan->items, {}};
        levelChanges = plan->levelChanges;
        planNote = "following " + assigned->key + " version " + std::to_string(assigned->version);
        bool inPlan = false;
        for (const Prescription& p : plan->plan.items) {
          if (p.exerciseId != id) continue;
          inPlan = true;
          if (!level) level = p.level;
          Level& lv = planned.levels[static_cast<std::size_t>(*level - 1)];
          lv.sets = p.sets;
          lv.repetitions = p.repetitions;
          if (p.holdS > 0.0) lv.holdS = p.holdS;
          planNote += ": " + id + " prescribed at level " + std::to_string(p.level) + ", " + std::to_string(p.sets) + " x " +
                      std::to_string(p.repetitions);
        }
        if (!inPlan) planNote += " (" + id + " is not in it)";
      }
    }
    if (planNote.empty()) planNote = "no program assigned to " + person + " on " + store::utcDate(startUnixS) + ": no plan recorded";
  }
  // The bands: a reference recording given here, else the person's stored one, else the file's.
  std::string bandsSource = populationBandsSource(planned);
  if (auto st = applyPersonalBands(parsed, record, planned, bandsSource); st != kExitOk) return st;
  const Exercise* exercise = &planned;

  // --signals CSV: every frame's signals, phase and repetition count, to see why a repetition
  // scored as it did.
  // written as the frames come, through a temporary file that becomes the output only when the
  // whole trace is scored.
  std::optional<store::PrivateFileWriter> signals;
  FrameObserver observe;
  if (auto path = parsed.value("--signals")) {
    auto opened = store::PrivateFileWriter::open(*path);
    if (!opened) {
      std::fprintf(stderr, "lumbo score: %s\n", opened.error().c_str());
      return kExitFailure;
    }
    signals.emplace(std::move(*opened));
    std::string& text = signals->text();
    text = "t_s,phase,repetitions,paused";
    for (SignalIndex s = 0; s < kSignalCount; ++s) (text += ',') += signalName(s);
    text += '\n';
    observe = [&](const Posture& p, const LimbSignals& l, const Feedback& fb) {
      std::string& out = signals->text();
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.3f", p.timeS);
      out += buf;
      (out += ',') += exercise->phases[fb.phase].name;
      (out += ',') += std::to_string(fb.repetitions);
      out += fb.paused ? ",1" : ",0";
      for (SignalIndex s = 0; s < kSignalCount; ++s) {
        const Metric& m = signalValue(p, l, s);
        out += ',';
        if (m.available()) {
          std::snprintf(buf, sizeof buf, "%.4f", m.value);
          out += buf;
        }
      }
      out += '\n';
      signals->flushIfFull();
    };
  }
  // Recording keeps the postures the session's samples are made of: one per sample period, the
  // writer's own rule, so that memory grows with the samples stored and not with every frame.
  std::vector<Posture> postures;
  if (record) {
    const double periodS = store::WriterOptions{}.samplePeriodS;
    observe = [&postures, periodS, inner = std::move(observe)](const Posture& p, const LimbSignals& l, const Feedback& fb) {
      if (postures.empty() || p.timeS - postures.back().timeS >= periodS - 1e-6) postures.push_back(p);
      if (inner) inner(p, l, fb);
    };
  }
  auto report = scoreTrace(passOverFile(tracePath), trace->metadata(), trace->layout(), *exercise, level.value_or(1),
                           options, observe);
  if (!report) {
    std::fprintf(stderr, "lumbo score: %s: %s\n", tracePath.c_str(), report.error().c_str());
    return kExitFailure;
  }
  report->bandsUsed = bandsUsedJson(*exercise, report->level, bandsSource);
  if (signals) {
    if (auto st = signals->commit(); !st) {
      std::fprintf(stderr, "lumbo score: %s\n", st.error().c_str());
      return kExitFailure;
    }
  }
  if (jsonOut) {
    const std::string json = scoreReportJson(*report);
    if (jsonToStdout) {
      std::fwrite(json.data(), 1, json.size(), stdout);
    } else if (auto st = store::writeFileAtomically(*jsonOut, json); !st) {
      std::fprintf(stderr, "lumbo score: %s\n", st.error().c_str());
      return kExitFailure;
    }
  }
  // With the JSON on standard output, what is said for people goes to standard error.
  std::FILE* const said = jsonToStdout ? stderr : stdout;
  if (!jsonToStdout) printSummary(*report, *exercise);
  if (record) {
    const std::string person = *parsed.value("--person");
    const std::filesystem::path db = databaseFor(parsed, person);
    auto writer = store::SessionWriter::open(db);
    if (!writer) {
      std::fprintf(stderr, "lumbo score: %s\n", writer.error().c_str());
      return kExitFailure;
    }
    store::SessionInfo info;
    info.personId = person;
    info.context = parsed.value("--context").value_or("");
    info.startUnixS = startUnixS;
    info.prescription = prescription;
    info.prescription.bands = {{exercise->id, bandsSource, report->bandsUsed}};
    std::fprintf(said, "%s\n", planNote.c_str());
    if (parsed.flag("--realtime")) std::fprintf(said, "recording at the trace's own pace (%.0f s)...\n", report->durationS);
    store::RecordedSession session = store::sessionFromScore(*report, *exercise, info, std::move(postures), trace->layout().devices);
    session.events.insert(session.events.begin(), levelChanges.begin(), levelChanges.end());
    std::function<void(double, double)> progress;
    if (parsed.flag("--realtime")) {
      progress = [](double doneS, double totalS) {
        std::fprintf(stderr, "\rscore: recorded %.0f of %.0f s", doneS, totalS);
      };
    }
    const Status st = store::replaySession(**writer, session, parsed.flag("--realtime"), progress);
    if (progress) std::fprintf(stderr, "\n");
    if (!st) {
      std::fprintf(stderr, "lumbo score: %s: %s\n", db.c_str(), st.error().c_str());
      return kExitFailure;
    }
    std::fprintf(said, "recorded as a session of %s on %s in %s\n", person.c_str(), store::utcDateTime(startUnixS).c_str(), db.c_str());
  }
  return kExitOk;
}

}  // namespace lumbo::app
