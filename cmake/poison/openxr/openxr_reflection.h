// Stands in for <openxr/openxr_reflection.h> in Lumbo's core libraries, which must stay free of platform APIs.
#error "body/, exercises/, physics/ and store/ must not include <openxr/openxr_reflection.h>: platform code lives in xr/ and render/"
