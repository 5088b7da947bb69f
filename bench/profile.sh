#!/usr/bin/env bash
# Where factlint spends its time: perf profile of one run on a mixed ar+en corpus.
#   bash bench/profile.sh [MB]        (default 4; needs `perf`; run bench/run.sh once to build)
# Prints the top functions by self time (flat profile) and by inclusive time (DWARF call
# graphs; the release profile keeps line tables, so symbols resolve). Output files stay in
# $BENCH_WORK/profile.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mb=${1:-4}
work=${BENCH_WORK:-${TMPDIR:-/tmp}/factlint-bench}/profile
factlint=${FACTLINT:-${CARGO_TARGET_DIR:-$root/target}/release/factlint}
top=${BENCH_PROFILE_TOP:-40}
command -v perf >/dev/null || { echo "profile.sh: perf not found (apt-get install linux-perf)" >&2; exit 1; }
[[ -x $factlint ]] || { echo "profile.sh: no binary at $factlint (run bench/run.sh first)" >&2; exit 1; }

mkdir -p "$work"
bash "$root/bench/gen-corpus.sh" big "$work/corpus" "$mb"
cmd=("$factlint" check --format json --fail-on never "$work/corpus")

echo "## self time (perf record -F 999, no call graph)"
perf record -q -F 999 -o "$work/flat.data" -- "${cmd[@]}" >/dev/null 2>"$work/flat.err"
perf report -i "$work/flat.data" --stdio --no-children --sort symbol 2>/dev/null |
  awk -v top="$top" '!/^#/ && NF && n < top { sub(/[ \t-]+$/, ""); print; n++ }'

echo
echo "## inclusive time (perf record --call-graph dwarf)"
perf record -q -F 199 --call-graph dwarf,32768 -o "$work/graph.data" -- "${cmd[@]}" >/dev/null 2>"$work/graph.err"
perf report -i "$work/graph.data" --stdio --children --sort symbol -g none 2>/dev/null |
  awk -v top="$top" '!/^#/ && NF && n < top { sub(/[ \t-]+$/, ""); print; n++ }'
