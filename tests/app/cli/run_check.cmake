# Runs `lumbo run` with a program on the simulated runtime (as with a headset, the runtime comes
# from XR_RUNTIME_JSON) twice: the second session's plan must come from the first one's history.
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
file(WRITE ${OUT}/sim.json "{\"pacing\": \"free\", \"display_rate_hz\": 45, \"recommended_width\": 96, \"recommended_height\": 96}")
set(ENV{XR_RUNTIME_JSON} ${MANIFEST})
set(ENV{LUMBO_SIM_TRACE} ${TRACE})
set(ENV{LUMBO_SIM_CONFIG} ${OUT}/sim.json)
foreach(run 1 2)
  execute_process(COMMAND ${EXE} run --program ${PROGRAM} --person p05 --db ${OUT}/p05.db
    --report ${OUT}/report --pain-before 3 --no-demonstration
    RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "lumbo run exited with ${code}\n${out}\n${err}")
  endif()
  if(NOT out MATCHES "deep_squat level 1: 10 repetitions")
    message(FATAL_ERROR "run ${run}: the recording's ten squats were not counted:\n${out}")
  endif()
  if(NOT out MATCHES "next session:\n  deep_squat level 1")
    message(FATAL_ERROR "run ${run}: no next-session prescription:\n${out}")
  endif()
  if(NOT EXISTS ${OUT}/report/report.html)
    message(FATAL_ERROR "run ${run}: no report")
  endif()
endforeach()
# After two good sessions the rules count them: "2 sessions" of the 3 needed to progress.
if(NOT out MATCHES "quality [0-9]+, [0-9]+ in the last")
  message(FATAL_ERROR "the second plan does not use the first session's quality:\n${out}")
endif()
