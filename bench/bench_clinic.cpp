// The console's reads and its per-frame program check: the patient list over a data folder of
// stores (each opened, quick-checked and summarised, as on opening and Refresh), one patient's
// page (every figure the charts draw), and the draft check the program editor runs every frame.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include "app/clinic/clinic_records.h"
#include "app/clinic/program_draft.h"
#include "store/program_assignments.h"
#include "store/session_store.h"

namespace {

using namespace lumbo;

constexpr double kDayS = 86400.0;
constexpr double kStartUnixS = 1767225600.0;  // 2026-01-01

const std::vector<Exercise>& library() {
  static const std::vector<Exercise> lib = loadExerciseLibrary(defaultExerciseFolder()).value();
  return lib;
}

// `people` stores, each with the MCT program and three sessions a week for eight weeks of 30
// scored repetitions.
std::filesystem::path makeFolder(int people) {
  const auto folder = std::filesystem::temp_directory_path() / ("lumbo-bench-clinic-" + std::to_string(people));
  if (std::filesystem::exists(folder / "done")) return folder;
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  const auto program = loadProgram(defaultProgramFolder() / "mct_low_back_pain.json", &library()).value();
  std::ifstream in(defaultProgramFolder() / "mct_low_back_pain.json");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> quality(55.0, 98.0);
  for (int p = 0; p < people; ++p) {
    const std::string id = "p" + std::to_string(p);
    auto store = store::SessionStore::open(folder / (id + ".lumbo.sqlite")).value();
    store.ensurePerson({id, std::nullopt});
    (void)store::assignProgram(store, id, text, "bench", library(), kStartUnixS, kStartUnixS);
    for (int s = 0; s < 24; ++s) {
      store::SessionInfo info;
      info.personId = id;
      info.startUnixS = kStartUnixS + (s / 3 * 7 + s % 3 * 2) * kDayS + 36000.0;
      const auto session = store.beginSession(info);
      for (int r = 0; r < 30; ++r) {
        store::RepetitionRecord rep;
        rep.exerciseId = program.stages.front().exercises[static_cast<std::size_t>(r % 3)].exerciseId;
        rep.index = r + 1;
        rep.startS = 3.0 * r;
        rep.endS = rep.startS + 2.5;
        rep.quality = quality(rng);
        store.addRepetition(session, rep);
      }
      store.endSession(session, info.startUnixS + 120.0, store::SessionStatus::Completed, 2);
    }
  }
  std::ofstream(folder / "done") << "";
  return folder;
}

void BM_ClinicPatientList(benchmark::State& state) {
  const auto folder = makeFolder(static_cast<int>(state.range(0)));
  const app::ClinicRecords records(folder, std::nullopt, library(), kStartUnixS + 60 * kDayS);
  for (auto _ : state) {
    std::vector<std::string> problems;
    benchmark::DoNotOptimize(records.patients(problems));
  }
  state.counters["stores"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_ClinicPatientList)->Arg(1)->Arg(10)->Arg(50)->Unit(benchmark::kMillisecond);

void BM_ClinicPatientPage(benchmark::State& state) {
  const auto folder = makeFolder(10);
  const app::ClinicRecords records(folder, std::nullopt, library(), kStartUnixS + 60 * kDayS);
  std::vector<std::string> problems;
  const auto patients = records.patients(problems);
  for (auto _ : state) benchmark::DoNotOptimize(records.detail(patients.front()));
}
BENCHMARK(BM_ClinicPatientPage)->Unit(benchmark::kMillisecond);

void BM_ClinicProgramDraftCheck(benchmark::State& state) {
  const auto program = loadProgram(defaultProgramFolder() / "astronaut_reconditioning.json", &library()).value();
  for (auto _ : state) benchmark::DoNotOptimize(app::checkDraft(program, library()));
}
BENCHMARK(BM_ClinicProgramDraftCheck)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
