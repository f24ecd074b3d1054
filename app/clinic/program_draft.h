// A program being edited in the console: checked on every change by the program loader itself
// (what `lumbo program validate` runs), with the loader's field pointer turned into the name of
// the field on screen, so that nothing the loader refuses can be saved and the therapist sees
// which field to fix.
#pragma once

#include <string>
#include <vector>

#include "exercises/exercise.h"
#include "exercises/program.h"

namespace lumbo::app {

struct DraftCheck {
  bool valid = false;
  std::string text;     // the program file the draft saves as (valid or not)
  std::string pointer;  // the field at fault as a JSON pointer ("/exercises/0/repetitions")
  std::string field;    // the same in words ("Exercise 1 (deep_squat): Repetitions")
  std::string message;  // "must be between 1 and 200"
};

DraftCheck checkDraft(const Program& draft, const std::vector<Exercise>& library);

// The pointer of an exercise row ("/exercises/2" or "/stages/1/exercises/0").
std::string exercisePointer(const Program& draft, std::size_t stage, std::size_t index);
// Whether the check faults `pointer` itself (or a field below it).
bool faults(const DraftCheck& check, const std::string& pointer);

// A new program for a person with nothing to start from: the library's first exercise.
Program emptyProgram(const std::vector<Exercise>& library);

}  // namespace lumbo::app
