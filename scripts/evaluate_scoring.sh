#!/usr/bin/env bash
# Scores every trace of a folder with `lumbo score` and reports repetition-count accuracy and, per
# movement, how well per-repetition quality separates correct from incorrect executions (AUC).
# usage: scripts/evaluate_scoring.sh [DATA_DIR] [LUMBO] [LEVEL]
#   DATA_DIR  folder of traces named mNN_sNN_<exercise>_<correct|incorrect>.csv, each with
#             "# exercise:" and "# repetitions:" (default /work/shared/data/uiprmd)
#   LUMBO     the lumbo executable (default build/release/lumbo)
#   LEVEL     exercise level to score at (default 1)
set -euo pipefail
data=${1:-/work/shared/data/uiprmd}
lumbo=${2:-build/release/lumbo}
level=${3:-1}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for f in "$data"/*.csv; do
  name=$(basename "$f" .csv)
  if ! "$lumbo" score "$f" --level "$level" --json "$out/$name.json" > /dev/null 2> "$out/$name.err"; then
    echo "$name: lumbo score failed: $(cat "$out/$name.err")" >&2
  fi
done
python3 - "$data" "$out" <<'PY'
import json, os, re, sys
data, out = sys.argv[1], sys.argv[2]
def auc(pos, neg):
    # Probability that an incorrect repetition scores lower than a correct one (ties count half).
    if not pos or not neg: return float('nan')
    s = sum(1.0 if p < n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    return s / (len(pos) * len(neg))
exact = total = 0
moves = {}
for name in sorted(os.listdir(data)):
    m = re.match(r'(m\d+)_s\d+_(.+)_(correct|incorrect)\.csv$', name)
    if not m: continue
    expected = None
    with open(os.path.join(data, name)) as fh:
        for line in fh:
            if not line.startswith('#'): break
            if line.startswith('# repetitions:'): expected = int(line.split(':', 1)[1])
    path = os.path.join(out, name[:-4] + '.json')
    got = None
    if os.path.exists(path):
        r = json.load(open(path))
        got = r['repetitions']
        mv = moves.setdefault(m.group(1) + ' ' + m.group(2), {'correct': [], 'incorrect': [], 'files': 0, 'exact': 0})
        mv[m.group(3)] += [rep['quality'] for rep in r['reps'] if rep['quality'] is not None]
        mv['files'] += 1
        mv['exact'] += got == expected
    total += 1
    exact += got == expected
    flag = '' if got == expected else '   <- expected %s' % expected
    print('%-52s reps %s%s' % (name, got, flag))
print()
print('| movement | files with exact count | AUC correct vs incorrect | mean quality correct | mean quality incorrect |')
print('|---|---|---|---|---|')
aucs = []
for k, v in sorted(moves.items()):
    a = auc(v['incorrect'], v['correct']); aucs.append(a)
    mean = lambda x: sum(x) / len(x) if x else float('nan')
    print('| %s | %d / %d | %.3f | %.1f | %.1f |' % (k, v['exact'], v['files'], a, mean(v['correct']), mean(v['incorrect'])))
print()
print('repetition count exact: %d / %d files (%.1f %%)' % (exact, total, 100.0 * exact / max(1, total)))
print('AUC mean over movements: %.3f, lowest %.3f' % (sum(aucs) / len(aucs), min(aucs)))
PY
