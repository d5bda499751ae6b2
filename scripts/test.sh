#!/usr/bin/env bash
# npm test: every layer of tests, in order of cost.
#   1. cargo test                        native engine tests
#   2. wasm-pack test --headless --chrome  the engine and bindings inside Chromium (SIMD build,
#      then the engine's tests, fixture parity included, again as the relaxed-SIMD and the
#      scalar builds)
#   3. in Node: the page's DOM-free session (www/session.js), the wasm loaded there; every entry of
#      package.json's exports imported with no DOM; the Custom Elements Manifest up to date
#   4. the TypeScript declarations type-check a use of the API and of the tag in React, Vue and
#      Svelte (and reject misuses)
#   5. the page's end-to-end tests (node --test + playwright-core + Debian's chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh --browser --wasm-pack

echo "== cargo test"
cargo test

echo "== wasm-pack test --headless --chrome"
# Debian's chromedriver, given explicitly so that wasm-pack never downloads one;
# webdriver.json (repo root) passes the flags headless Chromium needs as root.
wasm-pack test --headless --chrome --chromedriver "$(command -v chromedriver)"

echo "== the engine's browser tests again, built with relaxed SIMD (the build Chromium loads)"
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}/relaxed" RUSTFLAGS="-C target-feature=+simd128,+relaxed-simd" \
  wasm-pack test --headless --chrome --chromedriver "$(command -v chromedriver)" --test web_engine

echo "== the engine's browser tests again, built without wasm SIMD (the scalar fallback)"
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}/scalar" RUSTFLAGS="-C target-feature=-simd128" \
  wasm-pack test --headless --chrome --chromedriver "$(command -v chromedriver)" --test web_engine

echo "== build the page (www/pkg: relaxed-SIMD, SIMD, scalar and files wasm) and the deployable site (dist/)"
bash scripts/build-wasm.sh
node scripts/build-dist.mjs

# A test file that hangs fails, named, after 20 minutes instead of holding the run (the slowest,
# tests/e2e/package.test.mjs, takes a few minutes; node --test's limit applies to each file as a
# whole). Node 20.11 and later; an older Node runs without the limit.
test_timeout=
if node --test-timeout=1 -e '' 2>/dev/null; then test_timeout=--test-timeout=1200000; fi

echo "== in Node: the page's DOM-free session, the package's exports, the manifest (node --test tests/node/)"
node --test $test_timeout tests/node/

echo "== the TypeScript declarations (tsc --strict on tests/types/)"
npx tsc -p tests/types/tsconfig.json

echo "== end-to-end tests"
node --test --test-concurrency=1 $test_timeout tests/e2e/
