lumbo_bench(bench_xr_app SOURCES bench_xr_app.cpp LIBS lumbo_headset)
target_compile_definitions(bench_xr_app PRIVATE LUMBO_SIMXR_MANIFEST="${LUMBO_SIMXR_MANIFEST}")
add_dependencies(bench_xr_app lumbo_simxr)
