# The wrong argument that used to destroy data, each now refused with the file named and a
# non-zero exit, the target left as it was; and what is still allowed: --force, --json -.
# usage: cmake -DEXE=lumbo -DTRACE=file.csv -DOUT=dir -P output_guard_check.cmake
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
file(COPY ${TRACE} DESTINATION ${OUT})
get_filename_component(name ${TRACE} NAME)
set(rec ${OUT}/${name})
set(db ${OUT}/p.sqlite)
file(SHA256 ${rec} recBefore)

function(expect_refused what pattern)
  execute_process(COMMAND ${EXE} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc EQUAL 0)
    message(FATAL_ERROR "${what}: exit 0, expected a refusal\n${out}${err}")
  endif()
  if(NOT err MATCHES "${pattern}")
    message(FATAL_ERROR "${what}: stderr does not say '${pattern}':\n${err}")
  endif()
endfunction()

function(expect_ok what)
  execute_process(COMMAND ${EXE} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what}: exit ${rc}\n${out}${err}")
  endif()
  set(lastOut "${out}" PARENT_SCOPE)
  set(lastErr "${err}" PARENT_SCOPE)
endfunction()

# A store with one session, recorded through --json - (which used to record nothing).
expect_ok("score --json - --person" score ${rec} --exercise deep_squat --json - --person p --db ${db})
if(NOT lastOut MATCHES "^{")
  message(FATAL_ERROR "score --json - printed more than the JSON on stdout:\n${lastOut}")
endif()
if(NOT lastErr MATCHES "recorded as a session of p")
  message(FATAL_ERROR "score --json - --person did not record: ${lastErr}")
endif()
file(SHA256 ${db} dbBefore)

expect_refused("export onto the store" "is the input .*p.sqlite"
  export --person p --db ${db} --format csv --out ${db})
expect_refused("analyze onto its recording" "is the input"
  analyze ${rec} --csv ${rec})
expect_refused("score --json onto its recording" "is the input"
  score ${rec} --exercise deep_squat --json ${rec})
expect_refused("score --signals onto its recording" "is the input"
  score ${rec} --exercise deep_squat --signals ${rec})
file(COPY_FILE ${db} ${OUT}/other.sqlite)  # another person's store, say
expect_refused("export onto another store, even with --force" "session store"
  export --person p --db ${db} --format json --out ${OUT}/other.sqlite --force)
file(SHA256 ${rec} recAfter)
file(SHA256 ${db} dbAfter)
if(NOT recAfter STREQUAL recBefore OR NOT dbAfter STREQUAL dbBefore)
  message(FATAL_ERROR "a refused command changed the recording or the store")
endif()

# An existing output is replaced only with --force; outputs are the owner's alone.
expect_ok("first export" export --person p --db ${db} --format csv --out ${OUT}/p.csv)
expect_refused("export over an export" "exists: give --force" export --person p --db ${db} --format csv --out ${OUT}/p.csv)
expect_ok("export --force" export --person p --db ${db} --format csv --out ${OUT}/p.csv --force)
expect_ok("report" report --person p --db ${db} --out ${OUT}/report)
expect_refused("report over a report" "exists: give --force" report --person p --db ${db} --out ${OUT}/report)
expect_ok("report --force" report --person p --db ${db} --out ${OUT}/report --force)
expect_ok("analyze" analyze ${rec} --csv ${OUT}/metrics.csv)
expect_ok("score --signals" score ${rec} --exercise deep_squat --signals ${OUT}/signals.csv --json ${OUT}/score.json)
execute_process(COMMAND stat -c %a ${OUT}/p.csv ${OUT}/metrics.csv ${OUT}/signals.csv ${OUT}/score.json
  ${OUT}/report/report.html OUTPUT_VARIABLE modes)
string(REGEX REPLACE "\n" ";" modes "${modes}")
foreach(m ${modes})
  if(NOT m STREQUAL "600")
    message(FATAL_ERROR "an output with patient data is mode ${m}, not 600: ${modes}")
  endif()
endforeach()

# Person ids name files: no way out of the data folder, no hidden or nested files.
foreach(bad "../../escaped" "a/b" ".hidden" "a b")
  expect_refused("--person '${bad}'" "person id" score ${rec} --exercise deep_squat --person "${bad}" --db ${OUT}/x.sqlite)
endforeach()
if(EXISTS ${OUT}/x.sqlite)
  message(FATAL_ERROR "a refused person id created a store")
endif()
