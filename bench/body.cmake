lumbo_bench(bench_trace SOURCES bench_trace.cpp LIBS lumbo_body)
