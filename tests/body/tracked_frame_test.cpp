// The tracked-device mask a frame hands to the session store.
#include <gtest/gtest.h>

#include "body/tracked_frame.h"

namespace lumbo {
namespace {

TEST(TrackedFrame, MaskHasOneBitPerValidDevice) {
  TrackedFrame frame;
  EXPECT_EQ(frame.trackedMask(), 0u);
  frame[Device::Head].valid = true;
  frame[Device::Pelvis].valid = true;
  frame[Device::RShoulder].valid = true;
  EXPECT_EQ(frame.trackedMask(), (1u << index(Device::Head)) | (1u << index(Device::Pelvis)) |
                                     (1u << index(Device::RShoulder)));
}

}  // namespace
}  // namespace lumbo
