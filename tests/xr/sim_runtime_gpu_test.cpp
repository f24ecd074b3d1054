// The simulated runtime with Vulkan on the CPU driver: swapchains, rendering and frame capture.
#include "tests/xr/sim_test_support.h"

namespace lumbo::test {
namespace {

TEST(SimRuntimeGpu, Placeholder) { SUCCEED(); }

}  // namespace
}  // namespace lumbo::test
