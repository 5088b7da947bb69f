#!/usr/bin/env bash
# Deterministic benchmark corpus from the XQuAD development corpus (tests/corpus/xquad-{ar,en}).
#
#   bash bench/gen-corpus.sh big   OUT_DIR TOTAL_MB [FILE_KB]   # mixed ar+en files of ~FILE_KB (default 256)
#   bash bench/gen-corpus.sh small OUT_DIR NFILES   [FILE_KB]   # many small files of ~FILE_KB (default 5)
#
# Articles are taken in a fixed order (ar 00, en 00, ar 02, en 02, …) and cut only at article
# (big) or paragraph (small) boundaries, so every file is valid UTF-8 and the output is
# byte-for-byte the same on every run and machine. The text is CC BY-SA 4.0 (see
# tests/corpus/README.md): write it to a temporary or target directory, never commit it.
set -euo pipefail

kind=${1:?usage: gen-corpus.sh big|small OUT_DIR SIZE [FILE_KB]}
out=${2:?OUT_DIR}
size=${3:?SIZE}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Article list: ar/en pairs in name order (LC_ALL=C sort: the same on every machine).
articles=()
while IFS= read -r name; do
  for lang in ar en; do
    f="$root/tests/corpus/xquad-$lang/$name"
    [[ -f $f ]] && articles+=("$f")
  done
done < <(cd "$root/tests/corpus/xquad-en" && ls -1 -- *.txt | LC_ALL=C sort)
((${#articles[@]} > 0)) || { echo "gen-corpus: no articles under tests/corpus" >&2; exit 1; }

rm -rf -- "$out"
mkdir -p -- "$out"

case $kind in
big)
  file_kb=${4:-256}
  # awk, byte semantics (LC_ALL=C): read every article whole, then write files of >= FILE_KB,
  # cycling through the articles; file i starts at article (7*i mod n) so files differ.
  LC_ALL=C awk -v out="$out" -v total_mb="$size" -v target=$((file_kb * 1024)) '
    BEGIN { total = int(total_mb * 1048576) }
    FNR == 1 { n++ }
    { art[n] = art[n] $0 "\n" }
    END {
      written = 0; i = 0
      while (written < total) {
        name = sprintf("%s/mixed-%05d.txt", out, i)
        bytes = 0; k = (7 * i) % n
        while (bytes < target && written + bytes < total) {
          if (bytes > 0) { printf "\n" > name; bytes++ }
          printf "%s", art[k + 1] > name
          bytes += length(art[k + 1]); k = (k + 1) % n
        }
        close(name); written += bytes; i++
      }
    }' "${articles[@]}"
  ;;
small)
  file_kb=${4:-5}
  # Paragraphs (blank-line separated) of all articles in order; each file takes consecutive
  # paragraphs until it has >= FILE_KB. 1000 files per sub-directory.
  LC_ALL=C awk -v out="$out" -v nfiles="$size" -v target=$((file_kb * 1024)) '
    BEGIN { RS = ""; n = 0 }
    { par[n++] = $0 "\n" }
    END {
      k = 0
      for (i = 0; i < nfiles; i++) {
        dir = sprintf("%s/d%03d", out, int(i / 1000))
        if (i % 1000 == 0) system("mkdir -p \"" dir "\"")
        name = sprintf("%s/small-%05d.txt", dir, i)
        bytes = 0
        while (bytes < target) {
          if (bytes > 0) { printf "\n" > name; bytes++ }
          printf "%s", par[k] > name
          bytes += length(par[k]); k = (k + 1) % n
        }
        close(name)
      }
    }' "${articles[@]}"
  ;;
*)
  echo "gen-corpus: unknown kind '$kind' (big|small)" >&2
  exit 2
  ;;
esac
