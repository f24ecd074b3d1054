lumbo_bench(bench_render SOURCES bench_render.cpp LIBS lumbo_render)
