#!/usr/bin/env bash
# Builds the page's wasm into www/pkg, in up to four builds. The three speed builds are the
# engine without its file methods (the "core": cargo's default feature `files` off); www/engine.js
# loads the first of relaxed, SIMD, scalar that the browser runs:
#   relaxed-simd  rnn_playground_relaxed_bg.wasm  simd128 and relaxed SIMD (its matrix products
#                                                 use f32x4.relaxed_madd, a fused multiply-add
#                                                 where the CPU has one)
#   simd          rnn_playground_bg.wasm          wasm SIMD (simd128)
#   scalar        rnn_playground_scalar_bg.wasm   no SIMD
# and one build with them (default features), which engine.js loads for the file methods
# (exportWeights, importWeights, exportCheckpoint, importCheckpoint, pytorchScript): no SIMD, so
# every browser runs it, optimised for size (it never trains for long: Cargo.toml's profile
# wasm-files, wasm-opt -Oz), with its own JS glue:
#   files         files/rnn_playground_bg.wasm    and files/rnn_playground.js (engine.d.ts
#                                                 declares the API: no .d.ts of its own)
# Usage: scripts/build-wasm.sh [--add] [BUILD...]   (no BUILD: all four, in the order above)
# Each build is cargo build --lib for wasm32-unknown-unknown (its own target dir, as the
# RUSTFLAGS differ), then wasm-bindgen --target web (the CLI of the version Cargo.toml
# pins; scripts/setup.sh installs it), then binaryen's wasm-opt (the npm package, a current
# release: Debian's binaryen is too old for wasm-bindgen's output) with the wasm features
# rustc enables. No wasm-pack: a fresh machine builds without installing it.
# The speed builds share one JS glue file, checked to be identical. Without --add, the first of
# them writes the glue and the .wasm of builds not named are removed (they would not match it);
# with --add, the builds named join those already in www/pkg, and their glue must match.
# --weak-refs: a Trainer that JS forgets (never free()d) is freed when the garbage
# collector reclaims it (wasm-bindgen registers each object with a FinalizationRegistry).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

add=0
builds=()
for arg in "$@"; do
  case "$arg" in
    --add) add=1 ;;
    relaxed-simd|simd|scalar|files) builds+=("$arg") ;;
    *) echo "build-wasm: unknown argument $arg (builds: relaxed-simd, simd, scalar, files; option --add)" >&2; exit 2 ;;
  esac
done
[ "${#builds[@]}" -gt 0 ] || builds=(relaxed-simd simd scalar files)

wasm_opt=node_modules/.bin/wasm-opt
if [ ! -x "$wasm_opt" ]; then
  echo "build-wasm: $wasm_opt is missing: run npm ci (npm start and npm test do)" >&2
  exit 1
fi
want_bindgen=$(awk '/^name = "wasm-bindgen"$/ { getline; sub(/^version = "/, ""); sub(/"$/, ""); print; exit }' Cargo.lock)
have_bindgen=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_bindgen" != "$want_bindgen" ]; then
  echo "build-wasm: wasm-bindgen ${have_bindgen:-(none)} on PATH, Cargo.lock has $want_bindgen: run bash scripts/setup.sh" >&2
  exit 1
fi

target_dir="${CARGO_TARGET_DIR:-target}"
case "$target_dir" in /*) ;; *) target_dir="$PWD/$target_dir" ;; esac
out=www/pkg
mkdir -p "$out"

# -O3 (the files build: -Oz), the wasm features rustc enables, and --low-memory-unused: it lets
# wasm-opt fold a constant added to an address into the load's own offset, in the kernels'
# unrolled loops one instruction less per load once V8 compiles them. It changes only an access
# whose address computation wraps past 2^32 into the first KiB, which no valid pointer does:
# rustc places the stack first, below 1 MiB, so such an access would be a stack that has already
# overflowed, and now traps instead of writing.
# --strip-producers, --strip-target-features: sections only tools read (wasm-bindgen, before it).
wasm_opt_flags=(--strip-producers --strip-target-features --low-memory-unused --enable-bulk-memory
                --enable-mutable-globals --enable-nontrapping-float-to-int --enable-sign-ext
                --enable-reference-types --enable-multivalue)

# The file each build writes.
file_of() {
  case "$1" in
    relaxed-simd) echo rnn_playground_relaxed_bg.wasm ;;
    simd) echo rnn_playground_bg.wasm ;;
    scalar) echo rnn_playground_scalar_bg.wasm ;;
    files) echo files/rnn_playground_bg.wasm ;;
  esac
}
if [ "$add" = 0 ]; then
  for name in relaxed-simd simd scalar files; do
    case " ${builds[*]} " in *" $name "*) ;; *) rm -f "$out/$(file_of "$name")" ;; esac
  done
  # The files build's own glue goes with its wasm (a server would pair an old glue with a new wasm).
  case " ${builds[*]} " in *" files "*) ;; *) rm -f "$out/files/rnn_playground.js" ;; esac
fi

first=$((1 - add))
for name in "${builds[@]}"; do
  # The speed builds: the core (no file methods), -O3; the files build: everything, for size.
  profile=release; cargo_features=(--no-default-features); level=-O3
  case "$name" in
    relaxed-simd) dir=relaxed; features=+simd128,+relaxed-simd; opt=(--enable-simd --enable-relaxed-simd) ;;
    simd) dir=simd; features=+simd128; opt=(--enable-simd) ;;
    scalar) dir=scalar; features=-simd128; opt=() ;;
    files) dir=files; features=-simd128; opt=(); profile=wasm-files; cargo_features=(); level=-Oz ;;
  esac
  file=$(file_of "$name")
  started=$SECONDS
  echo "build-wasm: $name: cargo build (target dir $target_dir/$dir)" >&2
  # Symbols kept (strip = "debuginfo", where Cargo.toml's profiles strip them all): rustc's full
  # strip also drops the target_features section, which wasm-bindgen reads (it warned, and
  # returned multiple values through memory instead of wasm multi-value); wasm-opt below drops
  # the names section, as it does unless given -g.
  CARGO_TARGET_DIR="$target_dir/$dir" RUSTFLAGS="-C target-feature=$features" \
    CARGO_PROFILE_RELEASE_STRIP=debuginfo CARGO_PROFILE_WASM_FILES_STRIP=debuginfo \
    cargo build --lib --profile "$profile" "${cargo_features[@]}" --target wasm32-unknown-unknown
  bindgen="$target_dir/$dir/bindgen"
  rm -rf "$bindgen"
  wasm-bindgen --target web --weak-refs --out-dir "$bindgen" \
    "$target_dir/$dir/wasm32-unknown-unknown/$profile/rnn_playground.wasm"
  # wasm-bindgen types the raw exports in `InitOutput` (externref values) as `any`; `unknown`
  # says the same without switching type checking off, so the declarations have no `any`.
  perl -0pi -e 's/(export interface InitOutput \{.*?\n\})/my $b = $1; $b =~ s{\bany\b}{unknown}g; $b/se' \
    "$bindgen/rnn_playground.d.ts"
  if [ "$name" = files ]; then
    # Its own glue, next to its .wasm (written last, below); renamed into place as the .wasm is.
    mkdir -p "$out/files"
    cp "$bindgen/rnn_playground.js" "$out/files/.rnn_playground.js.tmp"
    mv "$out/files/.rnn_playground.js.tmp" "$out/files/rnn_playground.js"
  elif [ "$first" = 1 ]; then
    cp "$bindgen/rnn_playground.js" "$bindgen/rnn_playground.d.ts" "$out/"
    first=0
  elif ! cmp -s "$out/rnn_playground.js" "$bindgen/rnn_playground.js"; then
    echo "build-wasm: the $name build's JS glue differs from www/pkg/rnn_playground.js (built from other sources?)" >&2
    exit 1
  fi
  # Written beside, then renamed: a server never sends a half-written .wasm.
  tmp="$(dirname "$out/$file")/.$(basename "$file").tmp"
  "$wasm_opt" "$level" "${wasm_opt_flags[@]}" "${opt[@]}" "$bindgen/rnn_playground_bg.wasm" -o "$tmp"
  mv "$tmp" "$out/$file"
  echo "build-wasm: $name: $out/$file ($(($(wc -c < "$out/$file") / 1024)) KiB, $((SECONDS - started)) s)" >&2
done
