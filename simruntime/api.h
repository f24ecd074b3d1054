// The OpenXR entry points the simulated runtime implements, as the loader sees them.
#pragma once

#include "simruntime/runtime.h"

namespace lumbo::simxr {

// runtime_core.cpp
XrResult XRAPI_CALL xrGetInstanceProcAddr(XrInstance, const char*, PFN_xrVoidFunction*);
XrResult XRAPI_CALL xrEnumerateApiLayerProperties(uint32_t, uint32_t*, XrApiLayerProperties*);
XrResult XRAPI_CALL xrEnumerateInstanceExtensionProperties(const char*, uint32_t, uint32_t*,
                                                           XrExtensionProperties*);
XrResult XRAPI_CALL xrCreateInstance(const XrInstanceCreateInfo*, XrInstance*);
XrResult XRAPI_CALL xrDestroyInstance(XrInstance);
XrResult XRAPI_CALL xrGetInstanceProperties(XrInstance, XrInstanceProperties*);
XrResult XRAPI_CALL xrPollEvent(XrInstance, XrEventDataBuffer*);
XrResult XRAPI_CALL xrResultToString(XrInstance, XrResult, char[XR_MAX_RESULT_STRING_SIZE]);
XrResult XRAPI_CALL xrStructureTypeToString(XrInstance, XrStructureType,
                                            char[XR_MAX_STRUCTURE_NAME_SIZE]);
XrResult XRAPI_CALL xrGetSystem(XrInstance, const XrSystemGetInfo*, XrSystemId*);
XrResult XRAPI_CALL xrGetSystemProperties(XrInstance, XrSystemId, XrSystemProperties*);
XrResult XRAPI_CALL xrEnumerateEnvironmentBlendModes(XrInstance, XrSystemId,
                                                     XrViewConfigurationType, uint32_t, uint32_t*,
                                                     XrEnvironmentBlendMode*);
XrResult XRAPI_CALL xrEnumerateViewConfigurations(XrInstance, XrSystemId, uint32_t, uint32_t*,
                                                  XrViewConfigurationType*);
XrResult XRAPI_CALL xrGetViewConfigurationProperties(XrInstance, XrSystemId,
                                                     XrViewConfigurationType,
                                                     XrViewConfigurationProperties*);
XrResult XRAPI_CALL xrEnumerateViewConfigurationViews(XrInstance, XrSystemId,
                                                      XrViewConfigurationType, uint32_t, uint32_t*,
                                                      XrViewConfigurationView*);
XrResult XRAPI_CALL xrStringToPath(XrInstance, const char*, XrPath*);
XrResult XRAPI_CALL xrPathToString(XrInstance, XrPath, uint32_t, uint32_t*, char*);
XrResult XRAPI_CALL xrConvertTimespecTimeToTimeKHR(XrInstance, const struct timespec*, XrTime*);
XrResult XRAPI_CALL xrConvertTimeToTimespecTimeKHR(XrInstance, XrTime, struct timespec*);

// runtime_session.cpp
XrResult XRAPI_CALL xrCreateSession(XrInstance, const XrSessionCreateInfo*, XrSession*);
XrResult XRAPI_CALL xrDestroySession(XrSession);
XrResult XRAPI_CALL xrBeginSession(XrSession, const XrSessionBeginInfo*);
XrResult XRAPI_CALL xrEndSession(XrSession);
XrResult XRAPI_CALL xrRequestExitSession(XrSession);
XrResult XRAPI_CALL xrEnumerateReferenceSpaces(XrSession, uint32_t, uint32_t*,
                                               XrReferenceSpaceType*);
XrResult XRAPI_CALL xrCreateReferenceSpace(XrSession, const XrReferenceSpaceCreateInfo*, XrSpace*);
XrResult XRAPI_CALL xrGetReferenceSpaceBoundsRect(XrSession, XrReferenceSpaceType, XrExtent2Df*);
XrResult XRAPI_CALL xrCreateActionSpace(XrSession, const XrActionSpaceCreateInfo*, XrSpace*);
XrResult XRAPI_CALL xrLocateSpace(XrSpace, XrSpace, XrTime, XrSpaceLocation*);
XrResult XRAPI_CALL xrDestroySpace(XrSpace);
XrResult XRAPI_CALL xrWaitFrame(XrSession, const XrFrameWaitInfo*, XrFrameState*);
XrResult XRAPI_CALL xrBeginFrame(XrSession, const XrFrameBeginInfo*);
XrResult XRAPI_CALL xrEndFrame(XrSession, const XrFrameEndInfo*);
XrResult XRAPI_CALL xrLocateViews(XrSession, const XrViewLocateInfo*, XrViewState*, uint32_t,
                                  uint32_t*, XrView*);

// actions.cpp
XrResult XRAPI_CALL xrCreateActionSet(XrInstance, const XrActionSetCreateInfo*, XrActionSet*);
XrResult XRAPI_CALL xrDestroyActionSet(XrActionSet);
XrResult XRAPI_CALL xrCreateAction(XrActionSet, const XrActionCreateInfo*, XrAction*);
XrResult XRAPI_CALL xrDestroyAction(XrAction);

// interaction_profiles.cpp
XrResult XRAPI_CALL xrSuggestInteractionProfileBindings(
    XrInstance, const XrInteractionProfileSuggestedBinding*);
XrResult XRAPI_CALL xrAttachSessionActionSets(XrSession, const XrSessionActionSetsAttachInfo*);
XrResult XRAPI_CALL xrGetCurrentInteractionProfile(XrSession, XrPath, XrInteractionProfileState*);
XrResult XRAPI_CALL xrEnumerateBoundSourcesForAction(XrSession,
                                                     const XrBoundSourcesForActionEnumerateInfo*,
                                                     uint32_t, uint32_t*, XrPath*);
XrResult XRAPI_CALL xrGetInputSourceLocalizedName(XrSession, const XrInputSourceLocalizedNameGetInfo*,
                                                  uint32_t, uint32_t*, char*);

// action_state.cpp
XrResult XRAPI_CALL xrSyncActions(XrSession, const XrActionsSyncInfo*);
XrResult XRAPI_CALL xrGetActionStateBoolean(XrSession, const XrActionStateGetInfo*,
                                            XrActionStateBoolean*);
XrResult XRAPI_CALL xrGetActionStateFloat(XrSession, const XrActionStateGetInfo*,
                                          XrActionStateFloat*);
XrResult XRAPI_CALL xrGetActionStateVector2f(XrSession, const XrActionStateGetInfo*,
                                             XrActionStateVector2f*);
XrResult XRAPI_CALL xrGetActionStatePose(XrSession, const XrActionStateGetInfo*,
                                         XrActionStatePose*);

// haptics.cpp
XrResult XRAPI_CALL xrApplyHapticFeedback(XrSession, const XrHapticActionInfo*,
                                          const XrHapticBaseHeader*);
XrResult XRAPI_CALL xrStopHapticFeedback(XrSession, const XrHapticActionInfo*);

// htcx_trackers.cpp
XrResult XRAPI_CALL xrEnumerateViveTrackerPathsHTCX(XrInstance, uint32_t, uint32_t*,
                                                    XrViveTrackerPathsHTCX*);

// mndx_xdev.cpp
XrResult XRAPI_CALL xrCreateXDevListMNDX(XrSession, const XrCreateXDevListInfoMNDX*,
                                         XrXDevListMNDX*);
XrResult XRAPI_CALL xrGetXDevListGenerationNumberMNDX(XrXDevListMNDX, uint64_t*);
XrResult XRAPI_CALL xrEnumerateXDevsMNDX(XrXDevListMNDX, uint32_t, uint32_t*, XrXDevIdMNDX*);
XrResult XRAPI_CALL xrGetXDevPropertiesMNDX(XrXDevListMNDX, const XrGetXDevInfoMNDX*,
                                            XrXDevPropertiesMNDX*);
XrResult XRAPI_CALL xrDestroyXDevListMNDX(XrXDevListMNDX);
XrResult XRAPI_CALL xrCreateXDevSpaceMNDX(XrSession, const XrCreateXDevSpaceInfoMNDX*, XrSpace*);

// hand_tracking.cpp
XrResult XRAPI_CALL xrCreateHandTrackerEXT(XrSession, const XrHandTrackerCreateInfoEXT*, XrHandTrackerEXT*);
XrResult XRAPI_CALL xrDestroyHandTrackerEXT(XrHandTrackerEXT);
XrResult XRAPI_CALL xrLocateHandJointsEXT(XrHandTrackerEXT, const XrHandJointsLocateInfoEXT*, XrHandJointLocationsEXT*);

// runtime_vulkan.cpp
XrResult XRAPI_CALL xrGetVulkanGraphicsRequirements2KHR(XrInstance, XrSystemId,
                                                        XrGraphicsRequirementsVulkanKHR*);
XrResult XRAPI_CALL xrCreateVulkanInstanceKHR(XrInstance, const XrVulkanInstanceCreateInfoKHR*,
                                              VkInstance*, VkResult*);
XrResult XRAPI_CALL xrCreateVulkanDeviceKHR(XrInstance, const XrVulkanDeviceCreateInfoKHR*,
                                            VkDevice*, VkResult*);
XrResult XRAPI_CALL xrGetVulkanGraphicsDevice2KHR(XrInstance, const XrVulkanGraphicsDeviceGetInfoKHR*,
                                                  VkPhysicalDevice*);
XrResult XRAPI_CALL xrEnumerateSwapchainFormats(XrSession, uint32_t, uint32_t*, int64_t*);
XrResult XRAPI_CALL xrCreateSwapchain(XrSession, const XrSwapchainCreateInfo*, XrSwapchain*);
XrResult XRAPI_CALL xrDestroySwapchain(XrSwapchain);
XrResult XRAPI_CALL xrEnumerateSwapchainImages(XrSwapchain, uint32_t, uint32_t*,
                                               XrSwapchainImageBaseHeader*);
XrResult XRAPI_CALL xrAcquireSwapchainImage(XrSwapchain, const XrSwapchainImageAcquireInfo*,
                                            uint32_t*);
XrResult XRAPI_CALL xrWaitSwapchainImage(XrSwapchain, const XrSwapchainImageWaitInfo*);
XrResult XRAPI_CALL xrReleaseSwapchainImage(XrSwapchain, const XrSwapchainImageReleaseInfo*);
// Creates the session's Vulkan side from its graphics binding; false on a bad binding.
XrResult bindVulkan(Session& s, const XrGraphicsBindingVulkanKHR& binding);

}  // namespace lumbo::simxr
