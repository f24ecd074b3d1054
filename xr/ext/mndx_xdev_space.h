// XR_MNDX_xdev_space (Monado's extension exposing every tracked device as a space), declared from
// its published definition because the OpenXR 1.0.20 headers predate it. The client (xr/) and the
// simulated runtime (simruntime/) share this one copy so the two sides cannot drift apart.
#pragma once

#include <openxr/openxr.h>

#include <cstdint>

extern "C" {

#ifndef XR_MNDX_xdev_space
#define XR_MNDX_xdev_space 1
XR_DEFINE_HANDLE(XrXDevListMNDX)
typedef uint64_t XrXDevIdMNDX;
#define XR_MNDX_xdev_space_SPEC_VERSION 1
#define XR_MNDX_XDEV_SPACE_EXTENSION_NAME "XR_MNDX_xdev_space"

inline constexpr XrObjectType XR_OBJECT_TYPE_XDEV_LIST_MNDX = static_cast<XrObjectType>(1000444000);
inline constexpr XrStructureType XR_TYPE_SYSTEM_XDEV_SPACE_PROPERTIES_MNDX =
    static_cast<XrStructureType>(1000444001);
inline constexpr XrStructureType XR_TYPE_CREATE_XDEV_LIST_INFO_MNDX =
    static_cast<XrStructureType>(1000444002);
inline constexpr XrStructureType XR_TYPE_GET_XDEV_INFO_MNDX = static_cast<XrStructureType>(1000444003);
inline constexpr XrStructureType XR_TYPE_XDEV_PROPERTIES_MNDX =
    static_cast<XrStructureType>(1000444004);
inline constexpr XrStructureType XR_TYPE_CREATE_XDEV_SPACE_INFO_MNDX =
    static_cast<XrStructureType>(1000444005);

typedef struct XrSystemXDevSpacePropertiesMNDX {
  XrStructureType type;
  void* XR_MAY_ALIAS next;
  XrBool32 supportsXDevSpace;
} XrSystemXDevSpacePropertiesMNDX;

typedef struct XrCreateXDevListInfoMNDX {
  XrStructureType type;
  const void* XR_MAY_ALIAS next;
} XrCreateXDevListInfoMNDX;

typedef struct XrGetXDevInfoMNDX {
  XrStructureType type;
  const void* XR_MAY_ALIAS next;
  XrXDevIdMNDX id;
} XrGetXDevInfoMNDX;

typedef struct XrXDevPropertiesMNDX {
  XrStructureType type;
  void* XR_MAY_ALIAS next;
  char name[256];
  char serial[256];
  XrBool32 canCreateSpace;
} XrXDevPropertiesMNDX;

typedef struct XrCreateXDevSpaceInfoMNDX {
  XrStructureType type;
  const void* XR_MAY_ALIAS next;
  XrXDevListMNDX xdevList;
  XrXDevIdMNDX id;
  XrPosef offset;
} XrCreateXDevSpaceInfoMNDX;

typedef XrResult(XRAPI_PTR* PFN_xrCreateXDevListMNDX)(XrSession session,
                                                      const XrCreateXDevListInfoMNDX* info,
                                                      XrXDevListMNDX* xdevList);
typedef XrResult(XRAPI_PTR* PFN_xrGetXDevListGenerationNumberMNDX)(XrXDevListMNDX xdevList,
                                                                   uint64_t* outGeneration);
typedef XrResult(XRAPI_PTR* PFN_xrEnumerateXDevsMNDX)(XrXDevListMNDX xdevList,
                                                      uint32_t xdevCapacityInput,
                                                      uint32_t* xdevCountOutput,
                                                      XrXDevIdMNDX* xdevs);
typedef XrResult(XRAPI_PTR* PFN_xrGetXDevPropertiesMNDX)(XrXDevListMNDX xdevList,
                                                         const XrGetXDevInfoMNDX* info,
                                                         XrXDevPropertiesMNDX* properties);
typedef XrResult(XRAPI_PTR* PFN_xrDestroyXDevListMNDX)(XrXDevListMNDX xdevList);
typedef XrResult(XRAPI_PTR* PFN_xrCreateXDevSpaceMNDX)(XrSession session,
                                                       const XrCreateXDevSpaceInfoMNDX* createInfo,
                                                       XrSpace* space);
#endif

}  // extern "C"
