#!/usr/bin/env bash
# The batch benchmark: build a corpus of at least 200 MB from corpus/ (many
# 8-24 KB documents, fixed seed), then time `zhclaim extract` at -j1 and -j2
# (MB/s, peak RSS) and, on the same bytes, OpenCC's t2s conversion alone
# for reference. Prints the figures, the ratios and the core count.
#
#   bench/run_bench.sh [MEGABYTES]      (default 200)
#
# Environment: BENCH_DIR (default /tmp/zhclaim-bench: the corpus is large
# and never belongs in the repository), BUILD_DIR (default build-bench, a
# release build made here), RUNS (default 3: each zhclaim figure is the
# best of RUNS, since a shared or virtual machine is noisy), SKIP_OPENCC=1
# to leave OpenCC out.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
mb=${1:-200}
runs=${RUNS:-3}
bench_dir=${BENCH_DIR:-/tmp/zhclaim-bench}
build_dir=${BUILD_DIR:-$root/build-bench}
corpus=$bench_dir/corpus-$mb

need() { command -v "$1" >/dev/null 2>&1; }
install_pkg() {
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  echo "bench: installing $*" >&2
  $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
[ -x /usr/bin/time ] || install_pkg time
if [ "${SKIP_OPENCC:-0}" != 1 ] && ! need opencc; then install_pkg opencc; fi

echo "== build (release) in $build_dir"
cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DZC_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" -j"$(nproc)" >/dev/null
zhclaim=$build_dir/zhclaim

if [ ! -f "$corpus/.done" ]; then
  echo "== corpus: $mb MB from corpus/ into $corpus"
  rm -rf "$corpus"
  mkdir -p "$corpus"
  python3 bench/make_corpus.py corpus "$corpus" "$mb" > "$corpus/.stats"
  touch "$corpus/.done"
fi
read -r ndocs nbytes < "$corpus/.stats"
echo "corpus: $ndocs documents, $nbytes bytes"

# Run a command under /usr/bin/time -v; prints "seconds peak_kb", or
# "failed 0" (with the command's messages on stderr) when it did not exit 0:
# a run cut short must never pass for a fast one.
timed_once() {
  local log
  log=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || true
  if ! grep -q 'Exit status: 0$' "$log"; then
    grep -v '^\s' "$log" | head -5 >&2
    grep -E 'Exit status|terminated by signal' "$log" >&2 || true
    echo "failed 0"
  else
    awk -F': ' '/Elapsed \(wall clock\)/ {
                   n = split($2, t, ":"); s = 0
                   for (i = 1; i <= n; i++) s = s * 60 + t[i]
                   secs = s }
                /Maximum resident set size/ { rss = $2 }
                END { printf "%.3f %d\n", secs, rss }' "$log"
  fi
  rm -f "$log"
}

# The best time and the largest peak RSS of RUNS runs that succeeded.
timed() {
  local best="" rss=0 s r
  for _ in $(seq "$runs"); do
    read -r s r < <(timed_once "$@")
    if [ "$s" = failed ]; then
      echo "   a run FAILED (left out)" >&2
      continue
    fi
    echo "   $s s, peak RSS $r KB" >&2
    if [ -z "$best" ] || awk "BEGIN { exit !($s < $best) }"; then best=$s; fi
    [ "$r" -gt "$rss" ] && rss=$r
  done
  [ -n "$best" ] || { echo "bench: every run of $* failed" >&2; exit 1; }
  echo "$best $rss"
}

# Warm the page cache so the first run does not pay for the disk.
cat "$corpus"/*/*.txt > /dev/null

echo "== zhclaim extract -j1 (best of $runs)"
"$zhclaim" extract -j1 "$corpus" 2>&1 >/dev/null | tail -1
read -r s1 rss1 < <(timed "$zhclaim" extract -q -j1 "$corpus")
echo "== zhclaim extract -j2 (best of $runs)"
read -r s2 rss2 < <(timed "$zhclaim" extract -q -j2 "$corpus")

opencc_line="opencc: skipped"
if [ "${SKIP_OPENCC:-0}" != 1 ]; then
  echo "== opencc -c t2s.json (the same bytes, one file)"
  big=$bench_dir/all-$mb.txt
  [ -f "$big" ] || cat "$corpus"/*/*.txt > "$big"
  read -r so rsso < <(runs=1 timed opencc -c t2s.json -i "$big" -o /dev/null)
fi

python3 - "$nbytes" "$s1" "$rss1" "$s2" "$rss2" "${so:-0}" "${rsso:-0}" "$(nproc)" <<'PY'
import sys
n, s1, r1, s2, r2, so, ro, cores = sys.argv[1:]
n = float(n); s1, s2, so = float(s1), float(s2), float(so)
mbs = lambda s: n / 1e6 / s if s > 0 else 0.0
print("cores: %s" % cores)
print("zhclaim -j1: %7.1f MB/s  %6.2f s  peak RSS %6.1f MB" % (mbs(s1), s1, int(r1) / 1024))
print("zhclaim -j2: %7.1f MB/s  %6.2f s  peak RSS %6.1f MB" % (mbs(s2), s2, int(r2) / 1024))
if so > 0:
    print("opencc t2s: %7.1f MB/s  %6.2f s  peak RSS %6.1f MB" % (mbs(so), so, int(ro) / 1024))
    print("ratio -j1 / opencc: %.1fx  (target >= 12x, issue 11)" % (so / s1))
print("ratio -j2 / -j1:    %.2fx  (target >= 1.8x on 2 cores)" % (s1 / s2))
print("targets: -j1 >= 50 MB/s: %s; peak RSS <= 64 MB: %s" % (
    "yes" if mbs(s1) >= 50 else "NO", "yes" if max(int(r1), int(r2)) <= 64 * 1024 else "NO"))
PY
