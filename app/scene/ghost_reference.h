// The reference movement each exercise's ghost is cut from: a bundled recording of the exercise
// done well (assets/reference/<id>.csv, real motion capture) or, where no recording exists,
// synthetic motion of one well-done repetition at the level's hold times and the exercise's tempo.
#pragma once

#include <filesystem>

#include "body/result.h"
#include "body/trace.h"
#include "exercises/exercise.h"

namespace lumbo::app {

// The folder of the bundled reference recordings (beside the exercise library).
std::filesystem::path referenceFolder();

// Fails only when the exercise has neither a recording nor a synthetic movement, or its
// recording cannot be read. Reads a file or generates a whole trace: call it when the plan is made.
Result<Trace> ghostReference(const Exercise& exercise, int level);

}  // namespace lumbo::app
