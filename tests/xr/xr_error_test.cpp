// XR_CHECK and XR_VK_CHECK: a failure carries the call text, the result's name and file:line.
#include "xr/xr_error.h"

#include <gtest/gtest.h>

#include <string>

namespace lumbo::xr {
namespace {

XrResult sessionLost() { return XR_ERROR_SESSION_LOST; }
VkResult deviceLost() { return VK_ERROR_DEVICE_LOST; }

std::string messageOf(void (*f)()) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

TEST(XrError, XrCheckNamesTheResult) {
  try {
    XR_CHECK(sessionLost());
    FAIL() << "XR_CHECK did not throw";
  } catch (const XrCallError& e) {
    EXPECT_EQ(e.result(), XR_ERROR_SESSION_LOST);
    const std::string what = e.what();
    EXPECT_NE(what.find("sessionLost() failed with XR_ERROR_SESSION_LOST at "), std::string::npos) << what;
    EXPECT_NE(what.find("xr_error_test.cpp:"), std::string::npos) << what;
  }
}

TEST(XrError, XrCheckPassesSuccessCodesBack) {
  EXPECT_EQ(XR_CHECK(XR_SESSION_LOSS_PENDING), XR_SESSION_LOSS_PENDING);
}

TEST(XrError, XrVkCheckNamesTheVkResult) {
  const std::string what = messageOf([] { XR_VK_CHECK(deviceLost()); });
  EXPECT_NE(what.find("deviceLost() failed with VK_ERROR_DEVICE_LOST at "), std::string::npos) << what;
  EXPECT_NE(what.find("xr_error_test.cpp:"), std::string::npos) << what;
}

TEST(XrError, XrVkCheckNumbersAResultItDoesNotKnow) {
  const std::string what = messageOf([] { XR_VK_CHECK(static_cast<VkResult>(-12345)); });
  EXPECT_NE(what.find("VkResult(-12345)"), std::string::npos) << what;
}

TEST(XrError, XrVkCheckAcceptsSuccess) { EXPECT_NO_THROW(XR_VK_CHECK(VK_SUCCESS)); }

}  // namespace
}  // namespace lumbo::xr
