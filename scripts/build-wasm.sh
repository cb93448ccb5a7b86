#!/usr/bin/env bash
# Builds the WebAssembly module and its JavaScript glue into pkg/ (the npm package's generated
# part). Installs what is missing first, idempotently, on a fresh Debian machine with rustup's
# stable toolchain and Node 20:
#   - the wasm32-unknown-unknown target (rustup);
#   - the wasm-bindgen CLI of exactly the crate's version (cargo install, ~2 min once), into a
#     cache outside the checkout ($HEDGEMARK_TOOLS, default ~/.cache/hedgemark/tools) so fresh
#     clones on the same machine reuse it;
#   - node_modules (npm ci), for wasm-opt from the npm package binaryen.
#   bash scripts/build-wasm.sh        (or: npm run build)
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

# The wasm-bindgen version pinned in Cargo.toml ("=X"); the CLI must be the same.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = [^"]*"=\([0-9.]*\)".*/\1/p' Cargo.toml)
[[ -n "$WASM_BINDGEN_VERSION" ]] || { echo "no wasm-bindgen = \"=X\" pin in Cargo.toml" >&2; exit 1; }
TOOLS="${HEDGEMARK_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/hedgemark/tools}"
WASM_BINDGEN="$TOOLS/bin/wasm-bindgen"
TARGET=wasm32-unknown-unknown
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

step "toolchain: rustup target $TARGET"
if command -v rustup >/dev/null 2>&1; then
  rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET"
fi

step "wasm-bindgen CLI $WASM_BINDGEN_VERSION (in $TOOLS)"
if [[ "$("$WASM_BINDGEN" --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
  # Without --locked: a locked dependency of wasm-bindgen-cli is missing from the registry.
  cargo install --root "$TOOLS" wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi
"$WASM_BINDGEN" --version

step "node_modules (npm ci)"
# Playwright's browsers are not downloaded: the tests use Debian's chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [[ ! -f package-lock.json ]]; then
  npm install --no-audit --no-fund
elif [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json \
  || package.json -nt node_modules/.package-lock.json || ! -x node_modules/.bin/wasm-opt ]]; then
  npm ci --no-audit --no-fund
fi
node_modules/.bin/wasm-opt --version

step "cargo build (wasm32, profile wasm: release, opt-level 2, inline threshold 100, panic=abort)"
# The `wasm` profile (Cargo.toml) inherits `release` at opt-level 2 (the native CLI's release
# build, opt-level 3, is left alone). panic=abort is the target's default; a panic traps, and
# js/ turns the trap into an Error (see src/wasm.rs).
# Measured on 2026-12-05 (1 MB of German / English in Node, best of 20 calls, alternating
# builds, wasm-opt only stripping): opt-level "z" with inline threshold 140 ran 48–50 / 50–51 ms
# at 186.3 KB gzipped; opt-level 2 with threshold 75: 42.1–42.6 / 43.4 ms at 195.6 KB, 100:
# 41.4–42.3 / 42.7–43.6 ms at 196.8 KB, 140: 40.9–41.3 / 42.2–42.3 ms at 198.9 KB, 180: 40.1–40.3
# ms at 199.4 KB, LLVM's default (225) 203.2 KB, over the budget. If the module outgrows the
# budget below, lower this first.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C llvm-args=-inline-threshold=100"
cargo build --lib --profile wasm --target "$TARGET" --no-default-features --locked
RAW="$CARGO_TARGET_DIR/$TARGET/wasm/hedgemark.wasm"

if [[ -f pkg/hedgemark_bg.wasm && -f pkg/hedgemark.js && pkg/hedgemark_bg.wasm -nt "$RAW" \
  && pkg/hedgemark.js -nt scripts/build-wasm.sh && pkg/hedgemark.js -nt "$WASM_BINDGEN" ]]; then
  echo "pkg/ is up to date"
else
  step "wasm-bindgen --target web → pkg/"
  rm -rf pkg.tmp
  # --experimental-reset-state-function: __wbg_reset_state(), which js/core.js calls after a trap
  # to replace the instance.
  "$WASM_BINDGEN" --target web --out-dir pkg.tmp --no-typescript --experimental-reset-state-function "$RAW"

  step "wasm-opt: strip"
  # wasm-opt from the npm package binaryen: Debian's is too old for what rustc emits.
  # Only stripping (the function names wasm-bindgen keeps, the producers and target-features
  # sections: what only tools read), no optimisation passes: on rustc's output, -Oz --converge
  # made the module 5.5 KB larger gzipped (smaller raw, but it compresses worse) and 10 % slower
  # (1 MB of German in Node: 71.5 → 64.5 ms a call at inline threshold 75); -O1 to -O4 and -Os
  # were no faster than none.
  node_modules/.bin/wasm-opt --strip-debug --strip-producers --strip-target-features \
    --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    pkg.tmp/hedgemark_bg.wasm -o pkg.tmp/hedgemark_bg.wasm
  rm -rf pkg && mv pkg.tmp pkg
fi

size=$(stat -c %s pkg/hedgemark_bg.wasm)
gz=$(gzip -9 -c pkg/hedgemark_bg.wasm | wc -c)
printf 'pkg/hedgemark_bg.wasm: %d bytes, %d bytes gzipped (budget: 200 KB = 200000 bytes)\n' "$size" "$gz"
if ((gz > 200000)); then
  echo "the gzipped wasm is over the 200 KB budget" >&2
  exit 1
fi
