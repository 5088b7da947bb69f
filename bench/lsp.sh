#!/usr/bin/env bash
# `factlint lsp` as an editor sees it: time from didOpen of the Arabic sample to its
# diagnostics (cold and warm), memory over 1,000 edits, and a 50 MB document. Run from anywhere:
# `bash bench/lsp.sh`. Settings (environment): LSP_BENCH_OPENS=20, LSP_BENCH_EDITS=1000,
# BENCH_SKIP_BUILD=1 (use the existing binary), CARGO_TARGET_DIR as for cargo.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  cargo build --release --quiet
  cargo build --release --quiet --example lsp_bench
fi
"$target/release/examples/lsp_bench" "$target/release/factlint"
