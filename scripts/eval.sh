#!/usr/bin/env bash
# Measures hedgemark on ../shared/eval (the founding article and the development corpora) with
# the release CLI and ../shared/eval/score.py, and prints every figure.
#   bash scripts/eval.sh            all corpora
#   bash scripts/eval.sh gold hedge-de-news   only these (gold = the founding article)
#   SHOW_ERRORS=1 bash scripts/eval.sh gold   with misses and false alarms
# Those texts are for measurement only: nothing from them goes into the project.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${HEDGEMARK_SHARED:-../shared}
[ -d "$shared/eval" ] || { echo "eval: $shared/eval not found (set HEDGEMARK_SHARED)" >&2; exit 2; }
cargo build --release --quiet --bin hedgemark
bin=${CARGO_TARGET_DIR:-target}/release/hedgemark
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
want=("$@"); [ ${#want[@]} -gt 0 ] || want=(gold hedge-de-news hedge-en-wikipedia hedge-en-reviews attr-de-news attr-en-news)
errs=(); [ -n "${SHOW_ERRORS:-}" ] && errs=(--show-errors)
for c in "${want[@]}"; do
  echo "== $c"
  if [ "$c" = gold ]; then
    for g in "$shared"/eval/gold/*.json; do
      name=$(basename "$g" .json)
      lang=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("language","auto"))' "$g")
      "$bin" analyze --lang "$lang" "$shared/eval/gold/$name.txt" > "$tmp/$name.json"
    done
    python3 "$shared/eval/score.py" --gold-dir "$shared/eval/gold" --pred-dir "$tmp" "${errs[@]}"
  else
    start=$(date +%s.%N)
    "$bin" analyze --jsonl "$shared/eval/dev/$c.jsonl" > "$tmp/$c.jsonl"
    end=$(date +%s.%N)
    python3 "$shared/eval/score.py" --gold-jsonl "$shared/eval/dev/$c.jsonl" --pred-jsonl "$tmp/$c.jsonl" "${errs[@]}"
    python3 -c "import sys; print(\"analyze time %.2f s\" % (float(sys.argv[2]) - float(sys.argv[1])))" "$start" "$end"
  fi
done
