lumbo_bench(bench_monitor SOURCES bench_monitor.cpp LIBS lumbo_monitor)
