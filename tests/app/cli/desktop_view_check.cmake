# Runs `lumbo view` under a virtual display and checks the screenshot is a PNG of the window's
# size. Usage: cmake -DEXE=lumbo -DTRACE=... -DOUT=shot.png -P desktop_view_check.cmake
file(REMOVE ${OUT})
execute_process(COMMAND xvfb-run -a -s "-screen 0 1280x1024x24" ${EXE} view ${TRACE}
  --exercise deep_squat --frames 30 --screenshot ${OUT}
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 240)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "lumbo view exited with ${code}\n${out}\n${err}")
endif()
if(NOT EXISTS ${OUT})
  message(FATAL_ERROR "no screenshot at ${OUT}")
endif()
file(READ ${OUT} header LIMIT 24 HEX)
# PNG signature, then IHDR with width 960 (0x3c0) and height 720 (0x2d0).
if(NOT header MATCHES "^89504e470d0a1a0a0000000d49484452000003c0000002d0$")
  message(FATAL_ERROR "not a 960x720 PNG: ${header}")
endif()
file(SIZE ${OUT} size)
if(size LESS 20000)
  message(FATAL_ERROR "screenshot suspiciously small (${size} bytes): an empty frame?")
endif()
