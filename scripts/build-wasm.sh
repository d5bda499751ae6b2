#!/usr/bin/env bash
# Builds the page's wasm into www/pkg three times: with wasm SIMD (simd128, set for the wasm
# target in .cargo/config.toml) as rnn_playground_bg.wasm; with relaxed SIMD as well as
# rnn_playground_relaxed_bg.wasm (its matrix products use f32x4.relaxed_madd, a fused
# multiply-add where the CPU has one); and without SIMD as rnn_playground_scalar_bg.wasm.
# www/engine.js loads the first of relaxed, SIMD, scalar that the browser runs.
# The builds share one JS glue file, which is checked to be identical. Each .wasm is then
# optimised by binaryen's wasm-opt (the npm package, a current release: Debian's binaryen
# is too old for wasm-bindgen's output), with the wasm features rustc enables.
# --weak-refs: a Trainer that JS forgets (never free()d) is freed when the garbage
# collector reclaims it (wasm-bindgen registers each object with a FinalizationRegistry).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

if [ ! -x node_modules/.bin/wasm-opt ]; then
  echo "build-wasm: node_modules/.bin/wasm-opt is missing: run npm ci (npm start and npm test do)" >&2
  exit 1
fi

target_dir="${CARGO_TARGET_DIR:-target}"
case "$target_dir" in /*) ;; *) target_dir="$PWD/$target_dir" ;; esac
scalar_out="$target_dir/pkg-scalar"
relaxed_out="$target_dir/pkg-relaxed"

wasm-pack build --target web --out-dir www/pkg --release --weak-refs
CARGO_TARGET_DIR="$target_dir/scalar" RUSTFLAGS="-C target-feature=-simd128" \
  wasm-pack build --target web --out-dir "$scalar_out" --release --weak-refs
CARGO_TARGET_DIR="$target_dir/relaxed" RUSTFLAGS="-C target-feature=+simd128,+relaxed-simd" \
  wasm-pack build --target web --out-dir "$relaxed_out" --release --weak-refs

# wasm-bindgen types the raw exports in `InitOutput` (externref values) as `any`; `unknown`
# says the same without switching type checking off, so the declarations have no `any`.
perl -0pi -e 's/(export interface InitOutput \{.*?\n\})/my $b = $1; $b =~ s{\bany\b}{unknown}g; $b/se' www/pkg/rnn_playground.d.ts

for other in "$scalar_out" "$relaxed_out"; do
  if ! cmp -s www/pkg/rnn_playground.js "$other/rnn_playground.js"; then
    echo "build-wasm: the SIMD build and $other produced different JS glue" >&2
    exit 1
  fi
done

# wasm-pack's www/pkg/.gitignore ('*') would keep the built files out of `npm pack`; the
# repository's own .gitignore already keeps www/pkg out of git.
rm -f www/pkg/.gitignore

# -O3, the wasm features rustc enables, and --low-memory-unused: it lets wasm-opt fold a
# constant added to an address into the load's own offset, in the kernels' unrolled loops one
# instruction less per load once V8 compiles them. It changes only an access whose address computation wraps past 2^32 into the
# first KiB, which no valid pointer does: rustc places the stack first, below 1 MiB, so such
# an access would be a stack that has already overflowed, and now traps instead of writing.
wasm_opt_flags=(-O3 --low-memory-unused --enable-bulk-memory --enable-mutable-globals
                --enable-nontrapping-float-to-int --enable-sign-ext --enable-reference-types --enable-multivalue)
wasm_opt=node_modules/.bin/wasm-opt
"$wasm_opt" "${wasm_opt_flags[@]}" --enable-simd www/pkg/rnn_playground_bg.wasm -o www/pkg/rnn_playground_bg.wasm
"$wasm_opt" "${wasm_opt_flags[@]}" --enable-simd --enable-relaxed-simd "$relaxed_out/rnn_playground_bg.wasm" \
  -o www/pkg/rnn_playground_relaxed_bg.wasm
"$wasm_opt" "${wasm_opt_flags[@]}" "$scalar_out/rnn_playground_bg.wasm" -o www/pkg/rnn_playground_scalar_bg.wasm
echo "build-wasm: www/pkg holds rnn_playground_bg.wasm (simd128), rnn_playground_relaxed_bg.wasm (relaxed SIMD)" \
  "and rnn_playground_scalar_bg.wasm"
