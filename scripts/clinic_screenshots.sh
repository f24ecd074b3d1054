#!/usr/bin/env bash
# Makes the README's screenshots of the therapist's console: a data folder filled by the README's
# own workflow commands (bundled recordings), then `lumbo clinic` driven by docs/clinic_tour.txt
# under a virtual display, which saves each view into docs/images/.
# Usage: scripts/clinic_screenshots.sh [build/release/lumbo]
set -euo pipefail
cd "$(dirname "$0")/.."
lumbo="${1:-build/release/lumbo}"
# A fixed folder, so the pictures (which show it) come out the same each time.
data="${TMPDIR:-/tmp}/lumbo-clinic-tour"
rm -rf "$data"
mkdir -m 700 "$data"
trap 'rm -rf "$data"' EXIT
db() { echo "--db $data/$1.lumbo.sqlite"; }
d=tests/data
"$lumbo" patient add p01 --name "Ada Example" --landing-date 2026-01-20 --notes "ISS increment 74" $(db p01) >/dev/null
"$lumbo" assess $d/m01_s01_deep_squat_correct.csv $d/m05_s02_sit_to_stand_correct.csv --person p01 --context pre-flight \
  --date 2026-01-05 $(db p01) >/dev/null
"$lumbo" program assign assets/programs/demo_deep_squat.json --person p01 --date 2026-01-05 $(db p01) >/dev/null
"$lumbo" outcome odi --person p01 --answers 3,2,2,3,2,2,1,2,3,2 --date 2026-01-05 $(db p01) >/dev/null
"$lumbo" score $d/m01_s01_deep_squat_correct.csv --person p01 --date 2026-01-06T09:30 --context pre-flight $(db p01) >/dev/null
"$lumbo" score $d/m01_s01_deep_squat_correct.csv --person p01 --date 2026-01-08 --context pre-flight $(db p01) >/dev/null
"$lumbo" outcome pain --person p01 --nrs 1 --date 2026-01-08 $(db p01) >/dev/null
"$lumbo" score $d/m01_s01_deep_squat_incorrect.csv --person p01 --date 2026-01-27 --context post-flight $(db p01) >/dev/null
"$lumbo" outcome pain --person p01 --nrs 4 --date 2026-01-27 $(db p01) >/dev/null
"$lumbo" outcome odi --person p01 --answers 1,1,-,2,1,1,0,1,2,1 --date 2026-01-27 $(db p01) >/dev/null
"$lumbo" assess $d/m01_s01_deep_squat_incorrect.csv --person p01 --context post-flight --date 2026-01-28 $(db p01) >/dev/null
"$lumbo" patient add p02 --name "Ben Sample" $(db p02) >/dev/null
"$lumbo" program assign assets/programs/mct_low_back_pain.json --person p02 --date 2026-01-19 $(db p02) >/dev/null
"$lumbo" score $d/m05_s02_sit_to_stand_correct.csv --exercise sit_to_stand --person p02 --date 2026-01-26 $(db p02) >/dev/null || true
"$lumbo" patient add p03 --name "Cleo Test" $(db p03) >/dev/null
display=()
if [ -z "${DISPLAY:-}" ]; then display=(xvfb-run -a -s "-screen 0 1280x800x24"); fi
"${display[@]}" "$lumbo" clinic --data-dir "$data" --date 2026-02-02 --script docs/clinic_tour.txt
"${display[@]}" "$lumbo" clinic --data-dir "$data" --date 2026-02-02 --theme dark --script docs/clinic_tour_dark.txt
# The Live session tab: the demo published on a loopback port and watched from the console, with
# a viewer key paired as the README's Live monitoring says.
live="${TMPDIR:-/tmp}/lumbo-clinic-live"
rm -rf "$live"
mkdir -m 700 "$live"
trap 'rm -rf "$data" "$live"' EXIT
"$lumbo" monitor keygen --out "$live/anna.key" >/dev/null
"$lumbo" monitor authorize "$live/anna.pub" --dir "$live/demo/monitor" >/dev/null
port=27400
"${display[@]}" "$lumbo" clinic --data-dir "$data" --date 2026-02-02 --monitor "127.0.0.1:$port" --key "$live/anna.key" \
  --server-key "$live/demo/monitor/server.pub" --script docs/clinic_live_tour.txt &
console=$!
sleep 3  # the console is up before the session starts, as a therapist's would be
"$lumbo" demo --out "$live/demo" --monitor "$port" >/dev/null
wait "$console"
