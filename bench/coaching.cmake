lumbo_bench(bench_coaching SOURCES bench_coaching.cpp LIBS lumbo_scene)
