#!/usr/bin/env bash
# factlint performance measurement. Run from anywhere: `bash bench/run.sh`.
#
# Builds the release binary, generates deterministic corpora from tests/corpus/xquad-{ar,en}
# (into $BENCH_WORK, never into the repository: the text is CC BY-SA 4.0), and prints three tables:
#   1. throughput per corpus (mixed ar+en files of ~BENCH_FILE_KB, and many small files), with
#      ripgrep on the same files and a comparable pattern set as the floor;
#   2. scaling at 1x, 2x, 4x, 8x of BENCH_SCALE_BASE MB (time should grow linearly);
#   3. thread scaling, RAYON_NUM_THREADS=1 vs 2 (or BENCH_THREADS).
# Every figure is the median of BENCH_RUNS runs (wall-clock seconds from /usr/bin/time); peak RSS
# is the largest maximum resident set size seen over those runs.
#
# Settings (environment):
#   BENCH_SIZES="10"          total MB of each mixed ar+en corpus (e.g. "10 100"; "" = skip)
#   BENCH_FILE_KB=256         size of each mixed file
#   BENCH_SMALL_FILES=1000    number of small files (0 = skip; e.g. 20000)
#   BENCH_SMALL_KB=5          size of each small file
#   BENCH_SCALE_BASE=2.5      MB of the 1x scaling step (0 = skip scaling)
#   BENCH_THREADS="1 2"       RAYON_NUM_THREADS values for the thread table ("" = skip)
#   BENCH_RUNS=3              runs per measurement (median reported)
#   BENCH_WORK=${TMPDIR:-/tmp}/factlint-bench   corpora and outputs
#   BENCH_SKIP_BUILD=1        use the existing binary (FACTLINT=path to choose one)
#   CARGO_TARGET_DIR          as for cargo (default: target/ in the repository)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

sizes=${BENCH_SIZES-10}
file_kb=${BENCH_FILE_KB:-256}
small_files=${BENCH_SMALL_FILES:-1000}
small_kb=${BENCH_SMALL_KB:-5}
scale_base=${BENCH_SCALE_BASE:-2.5}
threads=${BENCH_THREADS-1 2}
runs=${BENCH_RUNS:-3}
work=${BENCH_WORK:-${TMPDIR:-/tmp}/factlint-bench}
target_dir=${CARGO_TARGET_DIR:-$root/target}

log() { printf '%s\n' "$*" >&2; }

# ---------------------------------------------------------------- tools
need_apt=()
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
[[ -x /usr/bin/time ]] || need_apt+=(time)
if ((${#need_apt[@]} > 0)); then
  log "installing ${need_apt[*]} (apt-get)"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get install -y "${need_apt[@]}" >&2 ||
    { "${sudo_cmd[@]}" apt-get update >&2 && "${sudo_cmd[@]}" apt-get install -y "${need_apt[@]}" >&2; }
fi

if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
  log "building release binary (CARGO_TARGET_DIR=$target_dir)"
  CARGO_TARGET_DIR=$target_dir cargo build --release --quiet >&2
fi
factlint=${FACTLINT:-$target_dir/release/factlint}
[[ -x $factlint ]] || { log "no binary at $factlint"; exit 1; }

pattern=$(bash "$root/bench/rg-pattern.sh")
# The same pattern with ASCII word boundaries: Unicode \b makes ripgrep leave its DFA on non-ASCII
# text (about 100x slower here), so this is the real floor for "find the candidates".
pattern_ascii=${pattern//\\b/(?-u:\\b)}
mkdir -p "$work"

# ---------------------------------------------------------------- measuring
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure OUT_PREFIX CMD...: run CMD $runs times (stdout to OUT_PREFIX.out, stderr to OUT_PREFIX.err);
# sets $secs (median wall-clock seconds), $cpu_secs (median user+system CPU seconds) and $rss_mb (largest peak RSS, MiB). Fails if CMD fails.
measure() {
  local prefix=$1 i t m
  shift
  local -a times=() rsss=() cpus=()
  local u k
  for ((i = 0; i < runs; i++)); do
    if ! /usr/bin/time -f '%e %M %U %S' -o "$prefix.time" "$@" >"$prefix.out" 2>"$prefix.err"; then
      log "command failed: $*"
      tail -n 20 "$prefix.err" >&2
      exit 1
    fi
    read -r t m u k <"$prefix.time"
    times+=("$t")
    rsss+=("$m")
    cpus+=("$(awk -v u="$u" -v k="$k" 'BEGIN { print u + k }')")
  done
  secs=$(median "${times[@]}")
  cpu_secs=$(median "${cpus[@]}")
  rss_mb=$(printf '%s\n' "${rsss[@]}" | sort -n | tail -n 1 | awk '{ printf "%.0f", $1 / 1024 }')
}

# corpus_stats DIR: sets $mb (MiB of .txt) and $nfiles.
corpus_stats() {
  local bytes
  bytes=$(find "$1" -type f -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  nfiles=$(find "$1" -type f -name '*.txt' | wc -l)
  mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
}

div() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { if (b > 0) printf f, a / b; else printf "inf" }'; }

run_factlint() { # DIR PREFIX [env...]
  local dir=$1 prefix=$2
  shift 2
  measure "$prefix" env "$@" "$factlint" check --format json --fail-on never "$dir"
}

# Warm the page cache so the first timed run is not a cold read.
warm() { find "$1" -type f -name '*.txt' -exec cat {} + >/dev/null; }

# ---------------------------------------------------------------- header
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo "# factlint benchmark"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- machine: ${cpu:-unknown CPU}, $(nproc) cores, $(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr)"
echo "- factlint: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?') (release), $($factlint --version 2>/dev/null || true)"
echo "- ripgrep: $(rg --version | sed -n 1p)"
echo "- command: \`factlint check --format json --fail-on never DIR\` vs \`rg -c -e PATTERN DIR\`, PATTERN with Unicode \\b as specified and with ASCII \`(?-u:\\b)\` (years + $(printf '%s' "$pattern" | tr '|' '\n' | tail -n +3 | wc -l) month names from rules/calendar.toml)"
echo "- median of $runs runs; peak RSS = largest max RSS over the runs"
mkdir -p "$work/startup"
printf 'Born on 4 July 1826.\n' >"$work/startup/one.txt"
run_factlint "$work/startup" "$work/run-startup"
echo "- fixed cost (engine set-up, one 20-byte file): $secs s, peak RSS $rss_mb MB"
echo

# ---------------------------------------------------------------- 1. throughput vs rg
echo "## Throughput"
echo
echo "| corpus | input MB | files | factlint s | MB/s | files/s | peak RSS MB | rg s | factlint/rg | rg ASCII-\\b s | factlint/rg ASCII-\\b |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
corpora=()
for s in $sizes; do corpora+=("mixed:$s"); done
((small_files > 0)) && corpora+=("small:$small_files")
for c in "${corpora[@]}"; do
  kind=${c%%:*} n=${c#*:}
  if [[ $kind == mixed ]]; then
    dir=$work/mixed-${n}mb label="mixed ar+en, ${file_kb} KB files"
    bash "$root/bench/gen-corpus.sh" big "$dir" "$n" "$file_kb"
  else
    dir=$work/small-$n label="small files, ~${small_kb} KB"
    bash "$root/bench/gen-corpus.sh" small "$dir" "$n" "$small_kb"
  fi
  corpus_stats "$dir"
  warm "$dir"
  log "factlint on $dir ($mb MB, $nfiles files)"
  run_factlint "$dir" "$work/run-$kind-$n"
  f_secs=$secs f_rss=$rss_mb
  log "rg on $dir"
  measure "$work/rg-$kind-$n" rg -c -e "$pattern" "$dir"
  r_secs=$secs
  measure "$work/rga-$kind-$n" rg -c -e "$pattern_ascii" "$dir"
  a_secs=$secs
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$mb" "$nfiles" "$f_secs" \
    "$(div "$mb" "$f_secs")" "$(div "$nfiles" "$f_secs" %.0f)" "$f_rss" "$r_secs" "$(div "$f_secs" "$r_secs" %.1f)" \
    "$a_secs" "$(div "$f_secs" "$a_secs" %.0f)"
  rm -rf -- "$dir"
done
echo

# ---------------------------------------------------------------- 2. scaling
if [[ $scale_base != 0 ]]; then
  echo "## Scaling (mixed ar+en, ${file_kb} KB files)"
  echo
  echo "| step | input MB | files | factlint s | MB/s | s / (1x s) | peak RSS MB |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  base_secs=
  for k in 1 2 4 8; do
    n=$(awk -v b="$scale_base" -v k="$k" 'BEGIN { print b * k }')
    dir=$work/scale-${k}x
    bash "$root/bench/gen-corpus.sh" big "$dir" "$n" "$file_kb"
    corpus_stats "$dir"
    warm "$dir"
    log "scaling ${k}x: $mb MB"
    run_factlint "$dir" "$work/run-scale-$k"
    base_secs=${base_secs:-$secs}
    printf '| %sx | %s | %s | %s | %s | %s | %s |\n' "$k" "$mb" "$nfiles" "$secs" "$(div "$mb" "$secs")" \
      "$(div "$secs" "$base_secs")" "$rss_mb"
  done
  echo
fi

# ---------------------------------------------------------------- 3. threads
if [[ -n $threads ]]; then
  tmb=$(awk -v b="$scale_base" 'BEGIN { print (b > 0 ? b : 1) * 4 }')
  dir=$work/threads
  bash "$root/bench/gen-corpus.sh" big "$dir" "$tmb" "$file_kb"
  corpus_stats "$dir"
  warm "$dir"
  echo "## Threads (mixed ar+en, $mb MB, $nfiles files)"
  echo
  echo "| RAYON_NUM_THREADS | factlint s | CPU s (user+sys) | MB/s | MB/s per thread | speed-up |"
  echo "|---:|---:|---:|---:|---:|---:|"
  one_secs=
  for t in $threads; do
    log "threads=$t"
    run_factlint "$dir" "$work/run-threads-$t" RAYON_NUM_THREADS="$t"
    one_secs=${one_secs:-$secs}
    mbs=$(div "$mb" "$secs")
    printf '| %s | %s | %s | %s | %s | %s |\n' "$t" "$secs" "$cpu_secs" "$mbs" "$(div "$mbs" "$t")" "$(div "$one_secs" "$secs")"
  done
  echo
fi
for d in "$work"/scale-*x "$work/threads"; do rm -rf -- "$d"; done
