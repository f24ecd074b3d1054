// Move-only owners for OpenXR handles, one alias per handle kind; destroyed with the matching
// xrDestroy* call. Owners are declared in creation order so that destruction runs in reverse.
#pragma once

#include <utility>

#include "xr/xr_platform.h"

namespace lumbo::xr {

template <typename Handle, XrResult(XRAPI_PTR* Destroy)(Handle)>
class UniqueXr {
 public:
  UniqueXr() = default;
  explicit UniqueXr(Handle h) : handle_(h) {}
  UniqueXr(UniqueXr&& o) noexcept : handle_(std::exchange(o.handle_, XR_NULL_HANDLE)) {}
  UniqueXr& operator=(UniqueXr&& o) noexcept {
    if (this != &o) {
      reset();
      handle_ = std::exchange(o.handle_, XR_NULL_HANDLE);
    }
    return *this;
  }
  UniqueXr(const UniqueXr&) = delete;
  UniqueXr& operator=(const UniqueXr&) = delete;
  ~UniqueXr() { reset(); }

  Handle get() const { return handle_; }
  explicit operator bool() const { return handle_ != XR_NULL_HANDLE; }
  // For xrCreate* out parameters: releases what is held first.
  Handle* put() {
    reset();
    return &handle_;
  }
  void reset() {
    if (handle_ != XR_NULL_HANDLE) Destroy(handle_);  // errors at teardown have nowhere to go
    handle_ = XR_NULL_HANDLE;
  }

 private:
  Handle handle_ = XR_NULL_HANDLE;
};

using UniqueInstance = UniqueXr<XrInstance, xrDestroyInstance>;
using UniqueSession = UniqueXr<XrSession, xrDestroySession>;
using UniqueSpace = UniqueXr<XrSpace, xrDestroySpace>;
using UniqueActionSet = UniqueXr<XrActionSet, xrDestroyActionSet>;
using UniqueAction = UniqueXr<XrAction, xrDestroyAction>;
using UniqueSwapchain = UniqueXr<XrSwapchain, xrDestroySwapchain>;

}  // namespace lumbo::xr
