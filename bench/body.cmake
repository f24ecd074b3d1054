lumbo_bench(bench_trace SOURCES bench_trace.cpp LIBS lumbo_body)
lumbo_bench(bench_posture SOURCES bench_posture.cpp LIBS lumbo_body)
