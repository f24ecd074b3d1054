// For the panel tests: the exercising view that needs the most room on the session panel (the
// exercise's longest cue showing during a hold), and the lines of text the panel then wraps.
#pragma once

#include <string>
#include <vector>

#include "app/session/guided_session.h"
#include "exercises/exercise.h"

namespace lumbo::app::test {

// From its targets, ranges and driver; null when it has none.
inline const std::string* longestCue(const Exercise& e) {
  const std::string* longest = nullptr;
  auto consider = [&](const std::string& c) {
    if (!c.empty() && (!longest || c.size() > longest->size())) longest = &c;
  };
  for (const Phase& p : e.phases) {
    for (const Target& t : p.targets) consider(t.cue);
  }
  for (const RangeTarget& r : e.ranges) consider(r.cue);
  consider(e.driver.rangeCue);
  return longest;
}

// `planned` exercising, `repetitions` of its target done, in a hold, out of band with its longest cue.
inline SessionView exercisingView(const PlannedExercise& planned, int repetitions, int targetRepetitions) {
  SessionView view;
  view.stage = SessionStage::Exercising;
  view.exercise = &planned;
  view.targetRepetitions = targetRepetitions;
  view.feedback.repetitions = repetitions;
  view.feedback.holdS = 12.5;
  view.feedback.outOfBand = true;
  view.feedback.cue = longestCue(planned.exercise);
  view.instruction = view.feedback.cue ? *view.feedback.cue : planned.exercise.name;
  return view;
}

// The wrapped texts the session panel shows for it: the name, each numbered step, the cue.
inline std::vector<std::string> panelTexts(const SessionView& view) {
  const Exercise& e = view.exercise->exercise;
  std::vector<std::string> lines{e.name};
  for (std::size_t i = 0; i < e.instructions.size(); ++i) lines.push_back(std::to_string(i + 1) + ". " + e.instructions[i]);
  if (view.feedback.cue) lines.push_back(*view.feedback.cue);
  return lines;
}

}  // namespace lumbo::app::test
