#!/usr/bin/env bash
# The Dask runner against the command: on the bench corpus (bench/make_corpus.py,
# fixed seed), time `zhclaim extract -j2` and `python3 -m zhclaim.dask
# --workers 2` (a local cluster of two worker processes, its start-up
# included), and the runner against an already running dask-scheduler with
# two dask-workers (start-up excluded), each the best of RUNS; check that
# every output is byte-identical to the command's; print the runner's time
# over the command's (target: at most 1.25) and the client's peak RSS.
#
#   bench/run_dask_bench.sh [MEGABYTES]      (default 200)
#
# Environment: BENCH_DIR (default /tmp/zhclaim-bench), BUILD_DIR (default
# build-bench, a release build made here), RUNS (default 3), BATCH_BYTES
# (the runner's --batch-bytes; default its own).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
mb=${1:-200}
runs=${RUNS:-3}
bench_dir=${BENCH_DIR:-/tmp/zhclaim-bench}
build_dir=${BUILD_DIR:-$root/build-bench}
corpus=$bench_dir/corpus-$mb
py=/usr/bin/python3
batch=()
[ -n "${BATCH_BYTES:-}" ] && batch=(--batch-bytes "$BATCH_BYTES")

echo "== build (release) in $build_dir"
cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DZC_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" -j"$(nproc)" >/dev/null
zhclaim=$build_dir/zhclaim
export ZHCLAIM_LIBRARY=$build_dir/libzhclaim.so.0
export PYTHONPATH=$root/python${PYTHONPATH:+:$PYTHONPATH}

if [ ! -f "$corpus/.done" ]; then
  echo "== corpus: $mb MB from corpus/ into $corpus"
  rm -rf "$corpus"
  mkdir -p "$corpus"
  $py bench/make_corpus.py corpus "$corpus" "$mb" > "$corpus/.stats"
  touch "$corpus/.done"
fi
read -r ndocs nbytes < "$corpus/.stats"
echo "corpus: $ndocs documents, $nbytes bytes"
out=$(mktemp -d)
sched_pid=""; worker_pids=()
cleanup() {
  for p in "${worker_pids[@]}" $sched_pid; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT
cat "$corpus"/*/*.txt > /dev/null

now() { date +%s.%N; }
# best_of NAME CMD...: the best wall time of RUNS runs (each must exit 0 and
# write $out/NAME.jsonl identical to the command's), and for the runner the
# largest client peak RSS.
best_of() {
  local name=$1; shift
  local best="" rss=0
  for _ in $(seq "$runs"); do
    local t0 t1 s r
    t0=$(now)
    "$@" -o "$out/$name.jsonl" 2> "$out/$name.err" || { cat "$out/$name.err" >&2; exit 1; }
    t1=$(now)
    s=$(awk "BEGIN { printf \"%.3f\", $t1 - $t0 }")
    if [ "$name" != cli ]; then
      cmp -s "$out/$name.jsonl" "$out/cli.jsonl" || { echo "bench: $name output DIFFERS" >&2; exit 1; }
      r=$(sed -n 's/^client peak RSS: \([0-9]*\) KB$/\1/p' "$out/$name.err")
      [ "$r" -gt "$rss" ] && rss=$r
    fi
    echo "   $name: $s s" >&2
    if [ -z "$best" ] || awk "BEGIN { exit !($s < $best) }"; then best=$s; fi
  done
  echo "$best $rss"
}

echo "== zhclaim extract -j2 (best of $runs)"
read -r s_cli _ < <(best_of cli "$zhclaim" extract -q -j2 "$corpus")
echo "== python3 -m zhclaim.dask --workers 2 (local cluster, start-up included)"
read -r s_local rss_local < <(best_of local $py bench/dask_client.py -q --workers 2 \
                                "${batch[@]}" "$corpus")

echo "== python3 -m zhclaim.dask --scheduler (dask-scheduler + 2 dask-workers already up)"
port=$($py -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dask-scheduler --host 127.0.0.1 --port "$port" --no-dashboard >"$out/sched.log" 2>&1 &
sched_pid=$!
# The workers as the README says to start them for zhclaim: without Dask's
# stack-sampling profiler (a sixth of a worker's time on this bench).
for i in 1 2; do
  DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False dask-worker "tcp://127.0.0.1:$port" --host 127.0.0.1 --nthreads 1 --no-nanny \
    --no-dashboard --local-directory "$out/w$i" >"$out/w$i.log" 2>&1 &
  worker_pids+=($!)
done
$py -c "from distributed import Client; c = Client('tcp://127.0.0.1:$port', timeout=60); \
c.wait_for_workers(2, timeout=60); c.close()"
read -r s_sched rss_sched < <(best_of sched $py bench/dask_client.py -q \
                                --scheduler "tcp://127.0.0.1:$port" "${batch[@]}" "$corpus")

$py - "$nbytes" "$s_cli" "$s_local" "$rss_local" "$s_sched" "$rss_sched" "$(nproc)" <<'PY'
import sys
n, s_cli, s_local, r_local, s_sched, r_sched, cores = sys.argv[1:]
n = float(n); s_cli, s_local, s_sched = float(s_cli), float(s_local), float(s_sched)
mbs = lambda s: n / 1e6 / s
print("cores: %s; every output byte-identical to zhclaim extract -j1/-j2" % cores)
print("zhclaim extract -j2:          %6.1f MB/s  %6.2f s" % (mbs(s_cli), s_cli))
print("zhclaim.dask --workers 2:     %6.1f MB/s  %6.2f s  client peak RSS %6.1f MB  x%.2f"
      % (mbs(s_local), s_local, int(r_local) / 1024, s_local / s_cli))
print("zhclaim.dask --scheduler:     %6.1f MB/s  %6.2f s  client peak RSS %6.1f MB  x%.2f"
      % (mbs(s_sched), s_sched, int(r_sched) / 1024, s_sched / s_cli))
print("target: runner time <= 1.25 x extract -j2: --workers %s, --scheduler %s"
      % ("yes" if s_local <= 1.25 * s_cli else "NO", "yes" if s_sched <= 1.25 * s_cli else "NO"))
PY
