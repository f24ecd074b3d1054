lumbo_bench(bench_clinic SOURCES bench_clinic.cpp LIBS lumbo_clinic)
