// XR_FB_body_tracking (Quest), declared from its published definition because the OpenXR 1.0.20
// headers predate it. Only what Lumbo uses; shared by every side that speaks the extension.
#pragma once

#include <openxr/openxr.h>

extern "C" {

#ifndef XR_FB_body_tracking
#define XR_FB_body_tracking 1
XR_DEFINE_HANDLE(XrBodyTrackerFB)
#define XR_FB_body_tracking_SPEC_VERSION 1
#define XR_FB_BODY_TRACKING_EXTENSION_NAME "XR_FB_body_tracking"

inline constexpr XrObjectType XR_OBJECT_TYPE_BODY_TRACKER_FB = static_cast<XrObjectType>(1000076000);
inline constexpr XrStructureType XR_TYPE_BODY_TRACKER_CREATE_INFO_FB = static_cast<XrStructureType>(1000076001);
inline constexpr XrStructureType XR_TYPE_BODY_JOINTS_LOCATE_INFO_FB = static_cast<XrStructureType>(1000076002);
inline constexpr XrStructureType XR_TYPE_BODY_JOINT_LOCATIONS_FB = static_cast<XrStructureType>(1000076003);
inline constexpr XrStructureType XR_TYPE_SYSTEM_BODY_TRACKING_PROPERTIES_FB = static_cast<XrStructureType>(1000076004);

typedef enum XrBodyJointFB {
  XR_BODY_JOINT_ROOT_FB = 0,
  XR_BODY_JOINT_HIPS_FB = 1,
  XR_BODY_JOINT_SPINE_LOWER_FB = 2,
  XR_BODY_JOINT_SPINE_MIDDLE_FB = 3,
  XR_BODY_JOINT_SPINE_UPPER_FB = 4,
  XR_BODY_JOINT_CHEST_FB = 5,
  XR_BODY_JOINT_NECK_FB = 6,
  XR_BODY_JOINT_HEAD_FB = 7,
  XR_BODY_JOINT_COUNT_FB = 70,
  XR_BODY_JOINT_MAX_ENUM_FB = 0x7FFFFFFF
} XrBodyJointFB;

typedef enum XrBodyJointSetFB { XR_BODY_JOINT_SET_DEFAULT_FB = 0, XR_BODY_JOINT_SET_MAX_ENUM_FB = 0x7FFFFFFF } XrBodyJointSetFB;

typedef struct XrBodyJointLocationFB {
  XrSpaceLocationFlags locationFlags;
  XrPosef pose;
} XrBodyJointLocationFB;

typedef struct XrSystemBodyTrackingPropertiesFB {
  XrStructureType type;
  void* XR_MAY_ALIAS next;
  XrBool32 supportsBodyTracking;
} XrSystemBodyTrackingPropertiesFB;

typedef struct XrBodyTrackerCreateInfoFB {
  XrStructureType type;
  const void* XR_MAY_ALIAS next;
  XrBodyJointSetFB bodyJointSet;
} XrBodyTrackerCreateInfoFB;

typedef struct XrBodyJointsLocateInfoFB {
  XrStructureType type;
  const void* XR_MAY_ALIAS next;
  XrSpace baseSpace;
  XrTime time;
} XrBodyJointsLocateInfoFB;

typedef struct XrBodyJointLocationsFB {
  XrStructureType type;
  void* XR_MAY_ALIAS next;
  XrBool32 isActive;
  float confidence;
  uint32_t jointCount;
  XrBodyJointLocationFB* jointLocations;
  uint32_t skeletonChangedCount;
  XrTime time;
} XrBodyJointLocationsFB;

typedef XrResult(XRAPI_PTR* PFN_xrCreateBodyTrackerFB)(XrSession session, const XrBodyTrackerCreateInfoFB* createInfo,
                                                       XrBodyTrackerFB* bodyTracker);
typedef XrResult(XRAPI_PTR* PFN_xrDestroyBodyTrackerFB)(XrBodyTrackerFB bodyTracker);
typedef XrResult(XRAPI_PTR* PFN_xrLocateBodyJointsFB)(XrBodyTrackerFB bodyTracker,
                                                      const XrBodyJointsLocateInfoFB* locateInfo,
                                                      XrBodyJointLocationsFB* locations);
#endif

}  // extern "C"
