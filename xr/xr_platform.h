// The one place that includes OpenXR with its Vulkan platform types, so every xr/ file sees the
// same definitions.
#pragma once

#include <vulkan/vulkan.h>

#define XR_USE_GRAPHICS_API_VULKAN
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>
