#!/usr/bin/env bash
# Builds hedgemark and runs it: the release command-line tool analyses a sample article and
# writes its hedgemark/1 JSON and an HTML report. Installs nothing beyond the Rust toolchain it
# needs (idempotent).
#   bash scripts/run.sh [FILE]      analyse FILE instead of the sample article
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked
bin=target/release/hedgemark
input=${1:-tests/articles/de-sample.txt}
[ -f "$input" ] || input=$(ls tests/articles/*.txt | head -n 1)
out=target/hedgemark-run
mkdir -p "$out"
"$bin" analyze "$input" > "$out/analysis.json"
"$bin" analyze --format html "$input" > "$out/report.html"
echo
echo "hedgemark built: $bin"
echo "analysed $input"
echo "  JSON:   $out/analysis.json"
echo "  report: $out/report.html"
python3 - "$out/analysis.json" <<'PY' 2>/dev/null || true
import json, sys
d = json.load(open(sys.argv[1]))
s = d["stats"]
print(f"  {d['language']}: {s['sentences']} sentences, {s['hedged_sentences']} hedged, {s['hedges']} hedges")
for h in d["hedges"][:12]:
    print(f"    {h['category']:15s} {h['text']!r:28s} {h['rule']}")
PY
