#!/usr/bin/env bash
# The cost of running documents in worker processes: `zhclaim extract` at
# -j1 and -j2, each in worker processes (the default) and in threads of one
# process (--in-process, the anchor: how every release before worker
# processes ran), on the corpus run_bench.sh builds. Runs alternate between
# the two modes so that a busy shared machine slows both alike; each figure
# is the best of RUNS. Also checks the two modes give the same bytes.
#
#   bench/isolation_bench.sh [MEGABYTES]      (default 200)
#
# Environment: BENCH_DIR, BUILD_DIR as run_bench.sh; RUNS (default 5).
# Target: worker processes at most 5% slower than threads.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
mb=${1:-200}
runs=${RUNS:-5}
bench_dir=${BENCH_DIR:-/tmp/zhclaim-bench}
build_dir=${BUILD_DIR:-$root/build-bench}
corpus=$bench_dir/corpus-$mb

echo "== build (release) in $build_dir"
cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DZC_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" -j2 >/dev/null
zhclaim=$build_dir/zhclaim

if [ ! -f "$corpus/.done" ]; then
  echo "== corpus: $mb MB from corpus/ into $corpus"
  rm -rf "$corpus"
  mkdir -p "$corpus"
  /usr/bin/python3 bench/make_corpus.py corpus "$corpus" "$mb" > "$corpus/.stats"
  touch "$corpus/.done"
fi
read -r ndocs nbytes < "$corpus/.stats"
echo "corpus: $ndocs documents, $nbytes bytes"
cat "$corpus"/*/*.txt > /dev/null

# Seconds of one run (wall clock), its output to /dev/null; fails loudly.
once() {
  local t0 t1
  t0=$(date +%s.%N)
  "$zhclaim" extract -q "$@" "$corpus" > /dev/null
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}

echo "== same bytes in both modes (-j2)"
cmp <("$zhclaim" extract -q -j2 "$corpus") <("$zhclaim" extract -q -j2 --in-process "$corpus")
echo "identical"

for j in 1 2; do
  best_t="" best_p=""
  for r in $(seq "$runs"); do
    t=$(once -j"$j" --in-process)
    p=$(once -j"$j")
    echo "   -j$j run $r: threads $t s, processes $p s" >&2
    if [ -z "$best_t" ] || [ "$(echo "$t < $best_t" | bc)" = 1 ]; then best_t=$t; fi
    if [ -z "$best_p" ] || [ "$(echo "$p < $best_p" | bc)" = 1 ]; then best_p=$p; fi
  done
  /usr/bin/python3 - "$j" "$nbytes" "$best_t" "$best_p" <<'PY'
import sys
j, n, t, p = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
over = (p / t - 1) * 100
print("-j%s threads (--in-process): %6.2f s %7.1f MB/s | worker processes: %6.2f s %7.1f MB/s"
      " | overhead %+.1f%% (target <= 5%%): %s" % (j, t, n / 1e6 / t, p, n / 1e6 / p, over,
                                               "yes" if over <= 5 else "NO"))
PY
done
