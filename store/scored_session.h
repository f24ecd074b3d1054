// The bridge from the exercise engine to the store: a scored recording becomes a RecordedSession
// that replaySession() hands to a SessionWriter, exactly as the live app's records arrive.
#pragma once

#include <vector>

#include "body/posture.h"
#include "exercises/exercise.h"
#include "exercises/trace_scoring.h"
#include "store/session_writer.h"

namespace lumbo::store {

// One engine repetition as the store keeps it: numbered into sets of `perSet` repetitions.
RepetitionRecord repetitionRecord(const RepetitionResult& rep, const std::string& exerciseId, int perSet);

// `info` says whose session it is and when it started; its source becomes "score". Repetitions
// are numbered into sets of the level's size; unscored repetitions keep an empty quality. The
// neutral hold becomes a calibration event and each tracking loss a lost/regained pair.
// `postures` (one per frame, e.g. from analyzeTrace) become the 10 Hz samples; may be empty.
RecordedSession sessionFromScore(const ScoreReport& report, const Exercise& exercise, SessionInfo info,
                                 std::vector<Posture> postures, DeviceSet trackedDevices);

// How `lumbo score TRACE --exercise ID --db DB --person ID [--realtime]` records: score, then
// replaySession(*writer, sessionFromScore(...), realtime).

}  // namespace lumbo::store
