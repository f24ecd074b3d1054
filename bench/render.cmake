lumbo_bench(bench_render SOURCES bench_render.cpp LIBS lumbo_render)
lumbo_bench(bench_feedback SOURCES bench_feedback.cpp LIBS lumbo_scene)
