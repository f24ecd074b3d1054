// Mapping a ScoreReport onto the store's records.
#include "store/scored_session.h"

#include <algorithm>
#include <cmath>

namespace lumbo::store {

RepetitionRecord repetitionRecord(const RepetitionResult& r, const std::string& exerciseId, int perSet) {
  RepetitionRecord rec;
  rec.exerciseId = exerciseId;
  rec.set = (r.number - 1) / perSet + 1;
  rec.index = (r.number - 1) % perSet + 1;
  rec.startS = r.startS;
  rec.endS = r.endS;
  if (r.scored) rec.quality = r.quality;
  rec.trackingLostS = r.lostS;
  for (const RepFault& f : r.faults) {
    rec.faults.push_back({std::string(signalName(f.signal)), f.text, f.excess, f.durationS});
  }
  return rec;
}

RecordedSession sessionFromScore(const ScoreReport& report, const Exercise& exercise, SessionInfo info,
                                 std::vector<Posture> postures, DeviceSet trackedDevices) {
  RecordedSession s;
  s.info = std::move(info);
  s.info.source = "score";
  s.durationS = report.durationS;
  s.postures = std::move(postures);
  s.trackedDevices = static_cast<std::uint16_t>(trackedDevices.to_ulong() & 0xFFFFu);
  const std::size_t levelIndex = static_cast<std::size_t>(std::max(report.level, 1) - 1);
  const Level* level = levelIndex < exercise.levels.size() ? &exercise.levels[levelIndex] : nullptr;
  const int perSet = level ? std::max(level->repetitions, 1) : std::max(static_cast<int>(report.reps.size()), 1);

  for (const RepetitionResult& r : report.reps) s.repetitions.push_back(repetitionRecord(r, report.exerciseId, perSet));
  // One set record per set reached, spanning its repetitions.
  for (std::size_t i = 0; i < s.repetitions.size();) {
    const int set = s.repetitions[i].set;
    ExerciseSetRecord x{report.exerciseId, set, report.level, perSet, s.repetitions[i].startS, s.repetitions[i].endS};
    for (; i < s.repetitions.size() && s.repetitions[i].set == set; ++i) x.endS = s.repetitions[i].endS;
    s.sets.push_back(x);
  }
  s.events.push_back({report.neutral.endS, EventKind::Calibration,
                      report.calibrationNote.empty() ? "neutral hold " + std::to_string(report.neutral.startS) + "-" +
                                                           std::to_string(report.neutral.endS) + " s"
                                                     : report.calibrationNote,
                      report.exerciseId, 0, 0});
  for (const TimeWindow& w : report.trackingLosses) {
    s.events.push_back({w.startS, EventKind::TrackingLost, "", report.exerciseId, 0, 0});
    s.events.push_back({w.endS, EventKind::TrackingRegained, "", report.exerciseId, 0, 0});
  }
  return s;
}

}  // namespace lumbo::store
