lumbo_bench(bench_audio SOURCES bench_audio.cpp LIBS lumbo_audio)
