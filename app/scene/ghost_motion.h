// The ghost: a translucent avatar performing the target movement from a reference recording of
// the exercise done well, at the prescribed tempo and kept in step with the person's phase.
#pragma once

#include <cstddef>
#include <vector>

#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

#include "body/calibration.h"
#include "body/result.h"
#include "body/trace.h"
#include "exercises/exercise.h"
#include "exercises/exercise_engine.h"
#include "render/scene.h"

namespace lumbo::app {

struct GhostOptions {
  // Light blue, translucent: reads as "the target", never as the person's own state colours.
  glm::vec4 rgba{0.55f, 0.75f, 1.0f, 0.45f};
  // Where the ghost stands relative to the person, along their right (m); 0 overlays it.
  float besideM = 0.8f;
};

// A stretch of the reference repetition spent in one of the exercise's phases.
struct GhostSegment {
  std::size_t phase = 0;
  double startS = 0.0;  // reference trace time
  double endS = 0.0;
};

class GhostMotion {
 public:
  // Scores `reference` with the exercise's engine (calibrating on its neutral hold) and keeps
  // its best-scored repetition, cut into phase segments. Fails when the reference cannot be
  // calibrated or has no scored repetition.
  static Result<GhostMotion> fromReference(const Trace& reference, const Exercise& exercise,
                                           int level = 1, const GhostOptions& options = {});

  // Advances the ghost by dtS at the prescribed tempo (the reference repetition stretched to
  // the exercise's tempo), in step with the person's feedback: it may lead by one phase and
  // waits at that phase's end; when the person is further on it jumps there; a completed
  // repetition (or the person back at rest after the ghost finished) starts it again.
  void update(const Feedback& person, double dtS);

  // The demonstration before the first set: the ghost shows its repetition on its own, `progress`
  // (0-1) of the way through it, whatever the person does. At 1 it waits at the end, and update()
  // then starts it again in step with the person.
  void showDemonstration(double progress);

  // Appends the ghost beside (or on) the person whose pelvis is at `personPelvisM`, facing
  // `personForward` (horizontal).
  void append(render::Scene& scene, const glm::vec3& personPelvisM,
              const glm::vec3& personForward) const;

  double referenceTimeS() const { return referenceTimeS_; }
  std::size_t segmentIndex() const { return segment_; }
  const std::vector<GhostSegment>& segments() const { return segments_; }
  double playbackRate() const { return rate_; }  // reference seconds per session second
  // The reference's frame at the ghost's current time, in the reference's own world.
  TrackedFrame currentFrame() const;

 private:
  GhostMotion() = default;
  std::size_t segmentForPhase(std::size_t phase) const;  // segments_.size(): none

  std::vector<TrackedFrame> frames_;  // the reference, time-ordered
  Calibration calibration_;
  std::vector<GhostSegment> segments_;
  GhostOptions options_;
  glm::vec3 referencePelvisM{0.0f};
  glm::vec3 referenceForward{0.0f, 0.0f, -1.0f};
  double rate_ = 1.0;
  std::size_t segment_ = 0;
  double referenceTimeS_ = 0.0;
  bool finishedRepetition_ = false;
};

}  // namespace lumbo::app
