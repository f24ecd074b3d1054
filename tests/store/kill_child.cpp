// Records a never-ending session through SessionWriter and reports each repetition handed over
// on stdout, so a test can kill it with SIGKILL and check what survived.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <thread>

#include "store/session_writer.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: store_kill_child DB REP_INTERVAL_MS\n");
    return 2;
  }
  auto writer = lumbo::store::SessionWriter::open(argv[1]);
  if (!writer) {
    std::fprintf(stderr, "%s\n", writer.error().c_str());
    return 1;
  }
  const int repIntervalMs = std::atoi(argv[2]);
  lumbo::store::SessionInfo info;
  info.personId = "p01";
  info.startUnixS = static_cast<double>(std::time(nullptr));
  info.painBefore = 3;
  (*writer)->beginSession(info);
  const auto start = std::chrono::steady_clock::now();
  auto nextRep = start + std::chrono::milliseconds(repIntervalMs);
  int index = 0;
  lumbo::Posture posture;
  for (int frame = 0;; ++frame) {
    const auto now = std::chrono::steady_clock::now();
    const double tS = std::chrono::duration<double>(now - start).count();
    posture.timeS = tS;
    posture[lumbo::MetricId::LumbarFlexionDeg] = {10.0 * (frame % 7), 1.0, lumbo::MetricSource::Measured};
    (*writer)->posture(posture, 0x7);
    if (now >= nextRep) {
      ++index;
      lumbo::store::RepetitionRecord rep;
      rep.exerciseId = "squat";
      rep.index = index;
      rep.startS = tS - repIntervalMs / 1000.0;
      rep.endS = tS;
      rep.quality = 50.0 + index % 50;
      rep.faults.push_back({"lumbar_flexion_deg", "keep the back neutral", 4.0, 0.3});
      (*writer)->repetition(std::move(rep));
      std::printf("rep %d\n", index);
      std::fflush(stdout);
      nextRep += std::chrono::milliseconds(repIntervalMs);
    }
    std::this_thread::sleep_until(now + std::chrono::microseconds(11111));  // about 90 Hz
  }
}
