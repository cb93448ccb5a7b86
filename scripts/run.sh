#!/usr/bin/env bash
# Builds everything and serves the page: the release command-line tool, the WebAssembly module,
# the npm package (pkg/ + js/), then the paste page and the widget example on
# http://127.0.0.1:PORT/www/ (PORT defaults to 8080). Installs what is missing first, idempotently
# (wasm32 target, pinned wasm-bindgen CLI, npm packages).
#   bash scripts/run.sh              build and serve on 127.0.0.1:8080
#   PORT=9000 bash scripts/run.sh    another port
#   bash scripts/run.sh --no-serve   build only
set -euo pipefail
cd "$(dirname "$0")/.."

printf '\n== command-line tool (cargo build --release)\n'
cargo build --release --locked
bin=target/release/hedgemark
sample=tests/articles/de-trinkwasser.txt
mkdir -p target/hedgemark-run
"$bin" analyze "$sample" > target/hedgemark-run/analysis.json
"$bin" analyze --format html "$sample" > target/hedgemark-run/report.html
echo "$bin analyze $sample -> target/hedgemark-run/{analysis.json,report.html}"

bash scripts/build-wasm.sh

if [[ "${1:-}" == "--no-serve" ]]; then
  exit 0
fi
printf '\n== serving (Ctrl-C stops)\n'
echo "paste page:     http://127.0.0.1:${PORT:-8080}/www/"
echo "widget example: http://127.0.0.1:${PORT:-8080}/www/widget.html"
exec node scripts/serve.mjs --port "${PORT:-8080}"
