lumbo_bench(bench_physics SOURCES bench_physics.cpp LIBS lumbo_physics)
