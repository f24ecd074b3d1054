# Shared compile settings for Lumbo's own targets, and the layering rule of the architecture.

add_library(lumbo_warnings INTERFACE)
# -Wrestrict is off: GCC 12 reports false overlaps inside std::string concatenation (GCC bug 105329).
target_compile_options(lumbo_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wno-restrict -Werror)

if(LUMBO_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
  # With sanitizer instrumentation GCC 12 reports uninitialised members inside libstdc++'s own
  # <regex> and <functional>; the sanitizers themselves check those paths at run time.
  target_compile_options(lumbo_warnings INTERFACE -Wno-maybe-uninitialized)
endif()

# Core libraries (body, exercises, physics, store) are plain C++: they must not see OpenXR or
# Vulkan. The poison folder shadows those headers with ones that stop the compile, and it is
# searched before the system folders, so an accidental include fails the build at once.
set(LUMBO_POISON_DIR ${CMAKE_CURRENT_LIST_DIR}/poison)

# lumbo_core_library(NAME SOURCES...): a core library with warnings and the platform poison.
function(lumbo_core_library name)
  add_library(${name} STATIC ${ARGN})
  target_include_directories(${name} BEFORE PRIVATE ${LUMBO_POISON_DIR})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PRIVATE lumbo_warnings)
endfunction()

# lumbo_layer_interface(NAME): a layer with no compiled code yet; it still carries its links so
# the dependency table holds from the start.
function(lumbo_layer_interface name)
  add_library(${name} INTERFACE)
  target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR})
endfunction()

# lumbo_platform_library(NAME SOURCES...): an edge library that may use OpenXR and Vulkan.
function(lumbo_platform_library name)
  add_library(${name} STATIC ${ARGN})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PRIVATE lumbo_warnings)
endfunction()
