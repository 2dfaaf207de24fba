#!/usr/bin/env bash
# End to end: extract corpus/, check every span against the original bytes,
# and score against the hand-made gold with the reference scorer.
# usage: corpus_score.sh ZHCLAIM SOURCE_DIR WORK_DIR
# The scorer and the gold live in ../shared beside the clone (CI has it
# there); without them the test is skipped (exit 77, ctest's SKIP_RETURN_CODE).
set -euo pipefail
bin=$1 src=$2 work=$3
shared=$src/../shared
if [ ! -f "$shared/tools/score.py" ]; then
  echo "corpus_score: SKIPPED: $shared/tools/score.py not found (the scorer and gold" \
       "come from ../shared beside the clone)"
  exit 77
fi
out=$work/corpus_claims.jsonl
"$bin" extract "$src/corpus" -o "$out"
python3 "$src/tests/check_spans.py" "$out"
gold=(--gold "$shared/gold/seeds.jsonl" --gold "$shared/gold/dev.jsonl" --gold "$shared/gold/dev2.jsonl")
python3 "$shared/tools/score.py" "${gold[@]}" --pred "$out"
python3 "$shared/tools/score.py" "${gold[@]}" --pred "$out" --json \
  | python3 -c 'import json,sys; f=json.load(sys.stdin)["micro"]["f1"]; print(f"micro F1 {f:.3f} (must be >= 0.98)"); sys.exit(0 if f >= 0.98 else 1)'
