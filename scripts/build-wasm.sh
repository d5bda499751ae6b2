#!/usr/bin/env bash
# Builds the page's wasm into www/pkg twice: with wasm SIMD (simd128, set for the wasm
# target in .cargo/config.toml) as rnn_playground_bg.wasm, and without it as
# rnn_playground_scalar_bg.wasm for browsers that lack SIMD; www/wasm.js picks one.
# Both builds share one JS glue file, which is checked to be identical.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

target_dir="${CARGO_TARGET_DIR:-target}"
case "$target_dir" in /*) ;; *) target_dir="$PWD/$target_dir" ;; esac
scalar_out="$target_dir/pkg-scalar"

wasm-pack build --target web --out-dir www/pkg --release
CARGO_TARGET_DIR="$target_dir/scalar" RUSTFLAGS="-C target-feature=-simd128" \
  wasm-pack build --target web --out-dir "$scalar_out" --release

if ! cmp -s www/pkg/rnn_playground.js "$scalar_out/rnn_playground.js"; then
  echo "build-wasm: the SIMD and scalar builds produced different JS glue" >&2
  exit 1
fi
cp "$scalar_out/rnn_playground_bg.wasm" www/pkg/rnn_playground_scalar_bg.wasm
echo "build-wasm: www/pkg holds rnn_playground_bg.wasm (simd128) and rnn_playground_scalar_bg.wasm"
