#!/usr/bin/env bash
# npm test: every layer of tests, in order of cost.
#   1. cargo test                        native engine tests
#   2. wasm-pack test --headless --chrome  the engine and bindings inside Chromium
#   3. the page's end-to-end tests (node --test + playwright-core + Debian's chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh --browser

echo "== cargo test"
cargo test

echo "== wasm-pack test --headless --chrome"
# Debian's chromedriver, given explicitly so that wasm-pack never downloads one;
# webdriver.json (repo root) passes the flags headless Chromium needs as root.
wasm-pack test --headless --chrome --chromedriver "$(command -v chromedriver)"

echo "== build the page (www/pkg, SIMD and scalar wasm) and the deployable site (dist/)"
bash scripts/build-wasm.sh
node scripts/build-dist.mjs

echo "== end-to-end tests"
node --test --test-concurrency=1 tests/e2e/
