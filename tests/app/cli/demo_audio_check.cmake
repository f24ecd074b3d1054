# Runs `lumbo demo --audio-out` twice, as a user would, and checks each run says where its audio
# goes, writes a WAV larger than its header, and that the two files are byte for byte the same
# (the mix is rendered in step with the session's clock, not the wall clock).
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
foreach(run 1 2)
  execute_process(COMMAND ${EXE} demo --out ${OUT}/demo${run} --audio-out ${OUT}/session${run}.wav
    RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "lumbo demo exited with ${code}\n${out}\n${err}")
  endif()
  if(NOT out MATCHES "audio: rendering the session's mix to ")
    message(FATAL_ERROR "the demo did not say where its audio goes:\n${out}")
  endif()
  file(SIZE ${OUT}/session${run}.wav size)
  if(size LESS 1000000)
    message(FATAL_ERROR "session${run}.wav is ${size} bytes: not the mix of a whole session")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/session1.wav ${OUT}/session2.wav RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  message(FATAL_ERROR "two runs of the same demo wrote different audio")
endif()
# An existing file is replaced only with --force.
execute_process(COMMAND ${EXE} demo --out ${OUT}/demo3 --audio-out ${OUT}/session1.wav
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(code EQUAL 0 OR NOT err MATCHES "--force")
  message(FATAL_ERROR "an existing WAV was replaced without --force (exit ${code}):\n${err}")
endif()
