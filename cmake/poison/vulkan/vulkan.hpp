// Stands in for <vulkan/vulkan.hpp> in Lumbo's core libraries, which must stay free of platform APIs.
#error "body/, exercises/, physics/ and store/ must not include <vulkan/vulkan.hpp>: platform code lives in xr/ and render/"
