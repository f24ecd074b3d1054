// GhostMotion: the reference repetition cut into phases, paced playback and placement.
#include "app/scene/ghost_motion.h"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>
#include <glm/gtc/quaternion.hpp>

#include "app/scene/avatar_scene.h"
#include "body/pose.h"
#include "exercises/trace_scoring.h"

namespace lumbo::app {

Result<GhostMotion> GhostMotion::fromReference(const Trace& reference, const Exercise& exercise,
                                               int level, const GhostOptions& options) {
  struct PhaseAt {
    double timeS;
    std::size_t phase;
  };
  std::vector<PhaseAt> phases;
  phases.reserve(reference.samples.size());
  const auto report = scoreTrace(reference, exercise, level, {},
                                 [&](const Posture&, const LimbSignals&, const Feedback& f) {
                                   phases.push_back({f.timeS, f.phase});
                                 });
  if (!report.ok()) return Error{"ghost reference: " + report.error()};
  const RepetitionResult* best = nullptr;
  for (const RepetitionResult& r : report->reps) {
    if (r.scored && (best == nullptr || r.quality > best->quality)) best = &r;
  }
  if (best == nullptr) return Error{"ghost reference: no scored repetition of " + exercise.id};

  GhostMotion ghost;
  ghost.options_ = options;
  for (const PhaseAt& p : phases) {
    if (p.timeS < best->startS || p.timeS > best->endS) continue;
    if (ghost.segments_.empty() || ghost.segments_.back().phase != p.phase) {
      if (!ghost.segments_.empty()) ghost.segments_.back().endS = p.timeS;
      ghost.segments_.push_back({p.phase, p.timeS, p.timeS});
    }
  }
  if (ghost.segments_.empty()) return Error{"ghost reference: the repetition has no frames"};
  ghost.segments_.back().endS = best->endS;
  // The demonstration is the movement itself: rest at either end of the repetition (and empty
  // stretches) would only make the ghost stand still while the person should be moving.
  auto isRest = [&](const GhostSegment& g) {
    return g.phase < exercise.phases.size() && exercise.phases[g.phase].role == PhaseRole::Rest;
  };
  std::erase_if(ghost.segments_, [](const GhostSegment& g) { return g.endS <= g.startS; });
  while (ghost.segments_.size() > 1 && isRest(ghost.segments_.front())) {
    ghost.segments_.erase(ghost.segments_.begin());
  }
  while (ghost.segments_.size() > 1 && isRest(ghost.segments_.back())) ghost.segments_.pop_back();
  if (ghost.segments_.empty()) return Error{"ghost reference: the repetition has no movement"};

  std::vector<TrackedFrame> hold;
  ghost.frames_.reserve(reference.samples.size());
  for (const TraceSample& s : reference.samples) {
    ghost.frames_.push_back(s.frame);
    if (report->neutral.contains(s.frame.timeS)) hold.push_back(s.frame);
  }
  if (hold.empty()) return Error{"ghost reference: no frames in its neutral hold"};
  // The reference's own devices: a recording need not have every tracker.
  DeviceSet use;
  for (std::size_t d = 0; d < kDeviceCount; ++d) {
    if (hold.front().devices[d].valid) use.set(d);
  }
  auto calibration = calibrate(hold, neutralPositionFor(exercise.startingPosition), false, use);
  if (!calibration.ok()) return Error{"ghost reference: " + calibration.error()};
  ghost.calibration_ = *calibration;
  ghost.referencePelvisM = glm::vec3(ghost.calibration_.neutralPositionM[index(Device::Pelvis)]);
  ghost.referenceForward = horizontal(glm::vec3(ghost.calibration_.forward()), {0.0f, 0.0f, -1.0f});

  const double repetitionS = ghost.segments_.back().endS - ghost.segments_.front().startS;
  const double prescribedS = exercise.tempo.totalS();
  ghost.rate_ = prescribedS > 0.0 && repetitionS > 0.0 ? repetitionS / prescribedS : 1.0;
  ghost.referenceTimeS_ = ghost.segments_.front().startS;
  return ghost;
}

std::size_t GhostMotion::segmentForPhase(std::size_t phase) const {
  for (std::size_t i = 0; i < segments_.size(); ++i) {
    if (segments_[i].phase == phase) return i;
  }
  return segments_.size();
}

void GhostMotion::update(const Feedback& person, double dtS) {
  if (person.repetitionCompleted) {
    segment_ = 0;
    referenceTimeS_ = segments_.front().startS;
    finishedRepetition_ = false;
    return;
  }
  const std::size_t personSegment = segmentForPhase(person.phase);
  if (finishedRepetition_) {
    // Waiting at the end; the person back at rest without a completed repetition (a discarded
    // one) also starts the next demonstration.
    if (personSegment == segments_.size() || personSegment == 0) {
      if (person.phase == 0) {
        segment_ = 0;
        referenceTimeS_ = segments_.front().startS;
        finishedRepetition_ = false;
      }
    }
    return;
  }
  if (personSegment < segments_.size() && personSegment > segment_) {
    segment_ = personSegment;
    referenceTimeS_ = segments_[segment_].startS;
  }
  referenceTimeS_ += dtS * rate_;
  while (referenceTimeS_ >= segments_[segment_].endS) {
    if (segment_ + 1 >= segments_.size()) {
      referenceTimeS_ = segments_[segment_].endS;
      finishedRepetition_ = true;
      return;
    }
    // Lead the person by at most one phase: wait at the end of the phase they are heading into.
    if (segments_[segment_ + 1].phase > person.phase + 1) {
      referenceTimeS_ = segments_[segment_].endS;
      return;
    }
    ++segment_;
  }
}

void GhostMotion::showDemonstration(double progress) {
  const double startS = segments_.front().startS;
  const double endS = segments_.back().endS;
  referenceTimeS_ = startS + std::clamp(progress, 0.0, 1.0) * (endS - startS);
  segment_ = 0;
  while (segment_ + 1 < segments_.size() && referenceTimeS_ >= segments_[segment_].endS) ++segment_;
  finishedRepetition_ = progress >= 1.0;
}

TrackedFrame GhostMotion::currentFrame() const {
  const double t = referenceTimeS_;
  const auto after = std::lower_bound(frames_.begin(), frames_.end(), t,
                                      [](const TrackedFrame& f, double time) { return f.timeS < time; });
  if (after == frames_.begin()) return frames_.front();
  if (after == frames_.end()) return frames_.back();
  const TrackedFrame& b = *after;
  const TrackedFrame& a = *(after - 1);
  const double span = b.timeS - a.timeS;
  const double w = span > 0.0 ? (t - a.timeS) / span : 0.0;
  TrackedFrame out = a;
  out.timeS = t;
  for (std::size_t d = 0; d < kDeviceCount; ++d) {
    if (a.devices[d].valid && b.devices[d].valid) {
      out.devices[d].pose = interpolate(a.devices[d].pose, b.devices[d].pose, w);
    }
  }
  return out;
}

void GhostMotion::append(render::Scene& scene, const glm::vec3& personPelvisM,
                         const glm::vec3& personForward) const {
  if (frames_.empty()) return;
  const glm::vec3 forward = horizontal(personForward, {0.0f, 0.0f, -1.0f});
  const glm::vec3 right = glm::cross(forward, glm::vec3(0.0f, 1.0f, 0.0f));
  // Turn the reference about the vertical so that its facing matches the person's, then move
  // its pelvis (horizontally; heights are the reference's own) to beside the person's.
  const float yawRad = std::atan2(-forward.x, -forward.z) -
                       std::atan2(-referenceForward.x, -referenceForward.z);
  const glm::dquat turn = glm::angleAxis(static_cast<double>(yawRad), glm::dvec3(0.0, 1.0, 0.0));
  const glm::dvec3 from(referencePelvisM.x, 0.0, referencePelvisM.z);
  const glm::dvec3 to =
      glm::dvec3(personPelvisM.x, 0.0, personPelvisM.z) + glm::dvec3(options_.besideM * right);

  TrackedFrame frame = currentFrame();
  for (DeviceState& device : frame.devices) {
    device.pose.positionM = to + turn * (device.pose.positionM - from);
    device.pose.orientation = turn * device.pose.orientation;
  }
  const std::size_t firstCapsule = scene.capsules.size();
  const std::size_t firstSphere = scene.spheres.size();
  AvatarStyle style;
  style.alpha = options_.rgba.a;
  style.colourByFeedback = false;
  appendAvatar(scene, frame, calibration_, nullptr, style);
  for (std::size_t i = firstCapsule; i < scene.capsules.size(); ++i) scene.capsules[i].rgba = options_.rgba;
  for (std::size_t i = firstSphere; i < scene.spheres.size(); ++i) scene.spheres[i].rgba = options_.rgba;
}

}  // namespace lumbo::app
