// Test helper: a synthetic trace in a starting position, its calibration, and frames from it.
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "body/calibration.h"
#include "body/synthetic_motion.h"

namespace lumbo::physics::test {

inline DeviceSet allDevices() { return DeviceSet().set(); }

inline DeviceSet defaultDevices() { return SyntheticSpec{}.devices; }

struct SyntheticBody {
  Trace trace;
  Calibration calibration;

  // The sample nearest to time t.
  const TrackedFrame& frameAt(double tS) const {
    const double rate = trace.samples.size() > 1 ? 1.0 / (trace.samples[1].frame.timeS - trace.samples[0].frame.timeS) : 100.0;
    auto i = static_cast<std::size_t>(tS * rate + 0.5);
    if (i >= trace.samples.size()) i = trace.samples.size() - 1;
    return trace.samples[i].frame;
  }
};

// Calibrates on the generator's neutral hold (the first two seconds).
inline SyntheticBody makeSyntheticBody(SyntheticMovement movement, DeviceSet devices, double headingDeg = 0.0,
                                       int repetitions = 1) {
  SyntheticSpec spec;
  spec.movement = movement;
  spec.devices = devices;
  spec.headingDeg = headingDeg;
  spec.repetitions = repetitions;
  SyntheticBody body;
  body.trace = generateSyntheticTrace(spec);
  std::vector<TrackedFrame> hold;
  for (const auto& s : body.trace.samples) {
    if (s.frame.timeS < spec.neutralHoldS) hold.push_back(s.frame);
  }
  auto cal = calibrate(hold, syntheticMovementPosition(movement), false, devices);
  EXPECT_TRUE(cal.ok()) << (cal.ok() ? std::string() : cal.error());
  if (cal.ok()) body.calibration = *cal;
  return body;
}

}  // namespace lumbo::physics::test
