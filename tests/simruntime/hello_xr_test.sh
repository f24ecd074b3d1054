#!/bin/sh
# Runs the Khronos sample application hello_xr on the simulated runtime, with the OpenXR core
# validation layer, until the runtime ends the session at the end of a 2 s trace.
# Usage: hello_xr_test.sh HELLO_XR MANIFEST TRACE WORKDIR
set -eu
hello=$1 manifest=$2 trace=$3 work=$4
rm -rf "$work" && mkdir -p "$work"
head -207 "$trace" > "$work/trace.csv"   # metadata, header and 2 s of samples
cat > "$work/config.json" <<JSON
{"pacing": "free", "trace": "trace.csv", "recommended_width": 64, "recommended_height": 64,
 "capture_dir": "capture", "capture_every": 30}
JSON
export XR_RUNTIME_JSON="$manifest" LUMBO_SIM_CONFIG="$work/config.json" LUMBO_SIM_LOG="$work/sim.log"
export XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation
export XR_CORE_VALIDATION_EXPORT_TYPE=text XR_CORE_VALIDATION_FILE_NAME="$work/validation.txt"
# hello_xr quits at the first byte or the end of stdin: keep it open and empty with a FIFO.
mkfifo "$work/stdin"
sleep 120 > "$work/stdin" &
holder=$!
status=0
timeout 100 "$hello" -g Vulkan2 < "$work/stdin" > "$work/hello_xr.txt" 2>&1 || status=$?
kill "$holder" 2> /dev/null || true
if [ "$status" -ne 0 ]; then
  echo "hello_xr failed ($status)"; tail -20 "$work/hello_xr.txt"; exit 1
fi
cat "$work/sim.log"
grep -q "end of trace" "$work/sim.log" || { echo "the session did not run to the trace's end"; exit 1; }
grep -Eq "summary: frames (1[5-9][0-9]|2[0-9][0-9]), .*violations 0" "$work/sim.log" || {
  echo "expected about 180 frames (2 s at 90 Hz) and no violations"; exit 1; }
if [ -s "$work/validation.txt" ] && grep -q VALID_ERROR "$work/validation.txt"; then
  echo "validation errors:"; head -20 "$work/validation.txt"; exit 1
fi
ls "$work/capture"/frame_*.png > /dev/null
echo "hello_xr ran on the simulated runtime"
