#!/usr/bin/env bash
# Runs every test of hedgemark. Installs what it needs first (idempotent), so it works on a
# fresh machine with only rustup's stable toolchain.
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

step "documentation examples (the README's example is the crate docs)"
cargo test --doc --locked
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked --quiet

step "all tests passed"
