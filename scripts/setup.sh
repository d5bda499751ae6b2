#!/usr/bin/env bash
# Installs what building and testing need, only where it is missing (safe to run again):
#   the wasm32 target, wasm-bindgen-cli 0.2.130 (the version Cargo.toml pins; building needs
#   only it), node_modules (npm ci). With --browser also Debian's chromium and chromium-driver
#   (apt-get, as root) for the browser tests; with --wasm-pack also wasm-pack, which runs the
#   Rust tests in Chromium (wasm-pack test; npm test).
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
want_browser=0
want_wasm_pack=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    --wasm-pack) want_wasm_pack=1 ;;
    *) echo "setup: unknown option $arg" >&2; exit 2 ;;
  esac
done

say() { echo "setup: $*"; }

export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found. Install Rust with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "setup: node and npm not found. Install Node.js 20 or newer, then run this again." >&2
  exit 1
fi

if command -v rustup >/dev/null 2>&1; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
else
  say "rustup not found; assuming the wasm32-unknown-unknown target is installed"
fi

if [ "$want_wasm_pack" = 1 ] && ! command -v wasm-pack >/dev/null 2>&1; then
  say "installing wasm-pack (cargo install, a few minutes)"
  cargo install wasm-pack --locked
fi

# scripts/build-wasm.sh runs it; wasm-pack test runs its wasm-bindgen-test-runner (wasm-pack
# would download wasm-bindgen unless the matching version is on PATH).
# (--locked does not build for wasm-bindgen-cli 0.2.130, so it is left out here.)
if ! command -v wasm-bindgen >/dev/null 2>&1 \
   || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ] \
   || ! command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (cargo install, a few minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# npm ci only when node_modules does not hold what package-lock.json names (npm's record of
# what it installed, node_modules/.package-lock.json, says which versions it has): not on file
# dates, which a fresh checkout or a second work tree sharing node_modules makes newer, and
# npm ci empties node_modules first.
if ! node -e '
  const fs = require("fs");
  const read = (f) => JSON.parse(fs.readFileSync(f, "utf8")).packages;
  const want = read("package-lock.json");
  const have = read("node_modules/.package-lock.json");
  const same = Object.entries(want).every(([k, p]) => !k || p.optional || have[k]?.version === p.version)
    && Object.keys(have).every((k) => want[k]?.version === have[k].version);
  process.exit(same ? 0 : 1);
' 2>/dev/null; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

if [ "$want_browser" = 1 ]; then
  if [ ! -x /usr/bin/chromium ] || ! command -v chromedriver >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "installing chromium and chromium-driver (apt-get)"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update
      apt-get install -y chromium chromium-driver
    else
      echo "setup: the browser tests need Debian's chromium and chromium-driver" \
           "(/usr/bin/chromium, chromedriver on PATH): sudo apt-get install chromium chromium-driver" >&2
      exit 1
    fi
  fi
fi
say "ready"
