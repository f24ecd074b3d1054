lumbo_bench(bench_store SOURCES bench_store.cpp LIBS lumbo_store)
