// One-shot command submission on the application's queue, for layout changes and read-backs.
#pragma once

#include <functional>

#include "simruntime/runtime.h"

namespace lumbo::simxr {

// Records with `record`, submits on the session's queue and waits for it to finish.
VkResult submitOnce(Session& s, const std::function<void(VkCommandBuffer)>& record);
uint32_t findMemoryType(VkPhysicalDevice pd, uint32_t typeBits, VkMemoryPropertyFlags wanted);

}  // namespace lumbo::simxr
