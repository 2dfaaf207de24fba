#!/usr/bin/env bash
# zhclaim eval against the reference scorer, ../shared/tools/score.py:
# every figure equal to the third decimal on corpus/ (records extracted
# first, and extracted by eval itself), and on prediction files with
# errors planted by plant_errors.py; the --errors lines equal too.
# usage: eval_vs_score.sh ZHCLAIM SOURCE_DIR WORK_DIR
set -euo pipefail
bin=$1 src=$2 work=$3/eval_vs_score
py=/usr/bin/python3
shared=$src/../shared
here=$src/tests/review
if [ ! -f "$shared/tools/score.py" ]; then
  echo "eval_vs_score: SKIPPED: $shared/tools/score.py not found"
  exit 77
fi
rm -rf "$work"; mkdir -p "$work"
golds=("$shared/gold/seeds.jsonl" "$shared/gold/dev.jsonl" "$shared/gold/dev2.jsonl")
g=(); for f in "${golds[@]}"; do g+=(--gold "$f"); done
score() { "$py" "$shared/tools/score.py" "${g[@]}" --pred "$@"; }

# corpus/: extract, then both score the same file.
"$bin" extract "$src/corpus" -j1 -q -o "$work/corpus.jsonl"
"$bin" eval "${g[@]}" "$work/corpus.jsonl" --json > "$work/ours.json"
score "$work/corpus.jsonl" --json > "$work/theirs.json"
"$py" "$here/compare_scores.py" "$work/ours.json" "$work/theirs.json" "corpus"
# The table, as printed, is the same text.
"$bin" eval "${g[@]}" "$work/corpus.jsonl" > "$work/ours.txt"
score "$work/corpus.jsonl" > "$work/theirs.txt"
diff "$work/ours.txt" "$work/theirs.txt"
cat "$work/ours.txt"
# eval extracting corpus/ itself gives the same figures.
"$bin" eval "${g[@]}" "$src/corpus" --json > "$work/ours_dir.json"
"$py" "$here/compare_scores.py" "$work/ours_dir.json" "$work/theirs.json" "corpus (eval extracting)"
# --errors: the same lines as score.py --errors. Without the documents at
# hand (doc cut to its base name, run elsewhere) neither prints context,
# so the lines compare byte for byte; with them, ours carry "left[text]right".
"$py" -c 'import json,sys
for l in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(l); r["doc"] = r["doc"].rsplit("/", 1)[-1]; print(json.dumps(r, ensure_ascii=False))' \
  "$work/corpus.jsonl" > "$work/corpus_base.jsonl"
(cd "$work" && "$bin" eval "${g[@]}" corpus_base.jsonl --errors > ours_err.txt)
(cd "$work" && score corpus_base.jsonl --errors > theirs_err.txt)
diff "$work/ours_err.txt" "$work/theirs_err.txt"
n_err=$(grep -cE '^(FN|FP|ATTR) ' "$work/ours_err.txt")
"$bin" eval "${g[@]}" "$work/corpus.jsonl" --errors | grep -E '^(FN|FP|ATTR) ' > "$work/ours_ctx.txt"
n_ctx=$(grep -cE "'[^']*' .*\\[.*\\]" "$work/ours_ctx.txt" || true)
echo "corpus --errors: $n_err lines, identical to score.py's; $n_ctx of $(wc -l < "$work/ours_ctx.txt") with context"
[ "$n_err" -gt 0 ] && [ "$n_ctx" -eq "$n_err" ]

# Planted errors: drops, shifts, other values, kinds and attributes.
cd "$work"
for seed in 1 2 3 4 5 6 7 8; do
  "$py" "$here/plant_errors.py" "$work/corpus.jsonl" "${golds[@]}" --seed $seed > planted.jsonl
  "$bin" eval "${g[@]}" planted.jsonl --json > ours.json
  score planted.jsonl --json > theirs.json
  "$py" "$here/compare_scores.py" ours.json theirs.json "planted seed $seed"
  "$bin" eval "${g[@]}" planted.jsonl --errors > ours_err.txt
  score planted.jsonl --errors > theirs_err.txt
  diff ours_err.txt theirs_err.txt > /dev/null || { echo "planted seed $seed: --errors differ"; diff ours_err.txt theirs_err.txt | head; exit 1; }
done
echo "planted: --errors lines identical to score.py's for 8 seeds"

# Bad input is named, with the line, and stops the run (exit 2).
printf '{"doc":"a.txt","span":[1,2],"kind":"count","value":5}\n{"doc":"a.txt","span":[1,2],"kind":"count","value":5,}\n' > bad.jsonl
set +e
"$bin" eval "${g[@]}" bad.jsonl > /dev/null 2> bad.err; rc=$?
set -e
grep -q 'bad.jsonl:2: column' bad.err && [ $rc -eq 2 ] || { echo "bad line: rc $rc, $(cat bad.err)"; exit 1; }
set +e
"$bin" eval --gold missing_gold.jsonl bad.jsonl > /dev/null 2> bad.err; rc=$?
set -e
grep -q 'missing_gold.jsonl' bad.err && [ $rc -eq 2 ] || { echo "missing gold: rc $rc"; exit 1; }
echo "bad input: named with its line, exit 2"
