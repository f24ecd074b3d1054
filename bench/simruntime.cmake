# The simulated OpenXR runtime: free-running replay speed and paced frame timing, measured with
# the test application of tests/simruntime through the real loader.
find_package(OpenXR REQUIRED)
find_package(Vulkan REQUIRED)
lumbo_bench(bench_simruntime
  SOURCES bench_simruntime.cpp ${PROJECT_SOURCE_DIR}/tests/simruntime/xr_test_client.cpp
  LIBS lumbo_body lumbo_render OpenXR::openxr_loader Vulkan::Vulkan)
target_compile_definitions(bench_simruntime PRIVATE LUMBO_SIMXR_MANIFEST="${LUMBO_SIMXR_MANIFEST}")
target_compile_options(bench_simruntime PRIVATE -Wno-missing-field-initializers)
add_dependencies(bench_simruntime lumbo_simxr)
