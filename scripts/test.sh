#!/usr/bin/env bash
# Runs every test of hedgemark: Rust (format, lint, unit, lexicon examples, segmentation,
# snapshots, properties, CLI, doc tests), the WebAssembly build and its size budget, the npm
# package in Node (API, offsets, CLI equality, packaging, wasm memory), a speed smoke check (a
# ratio within one run, benches/native.rs), and the page and widget in Debian's
# Chromium through Playwright. Installs what is missing first, idempotently: rustfmt/clippy, the
# wasm32 target, the pinned wasm-bindgen CLI, npm packages, Debian's chromium.
#   bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "toolchain"
if command -v rustup >/dev/null 2>&1; then
  rustup component add rustfmt clippy >/dev/null 2>&1 || true
fi
cargo --version

step "format (cargo fmt --check)"
cargo fmt --all -- --check

step "lint (cargo clippy, warnings are errors)"
cargo clippy --all-targets --locked -- -D warnings

step "unit, integration, lexicon-example, segmentation, snapshot, property and CLI tests"
cargo test --all-targets --locked

step "documentation examples (crate docs and README)"
cargo test --doc --locked
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked --quiet

step "WebAssembly build, npm package and size budget"
bash scripts/build-wasm.sh
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --locked -- -D warnings

step "the npm package in Node (node --test tests/node/)"
cargo build --release --locked --bin hedgemark
node --test tests/node/

step "speed smoke (release build): analyze vs a plain scan of the same text, a ratio within one run"
# Seconds. Fails only on a gross regression (analyze more than 200 times as slow as decoding and
# classifying every character of the same 1 MB, about 15 times now), or on a pathological input
# of 1 MB costing over 10 times as much per byte as news text (at most about 4 now); never on an
# absolute time.
cargo bench --locked --bench native -- smoke

step "Debian's chromium for the browser tests"
if [[ ! -x "${HEDGEMARK_CHROMIUM:-/usr/bin/chromium}" ]]; then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
"${HEDGEMARK_CHROMIUM:-/usr/bin/chromium}" --version

step "page and widget in Chromium (Playwright)"
npx --no-install playwright test

step "all tests passed"
