#!/usr/bin/env bash
# Peak memory per document: one document of each size (megabytes, default
# 10 and 50), cut from the bench corpus at a UTF-8 boundary, through
# `zhclaim extract -j1`, in threads (--in-process) and in a worker process
# (the default). The anchor is the document's own bytes: the factor is peak
# RSS over them, for the -j and --memory-budget a run may take. A 1 KB
# document gives the fixed cost (the program, ICU, the plugins) for scale.
#
#   bench/memory_bench.sh [MEGABYTES...]      (default 10 50)
#
# Environment: BENCH_DIR, BUILD_DIR as run_bench.sh. RSS is the largest of
# the process and its workers (GNU time's %M); no timing, so no need for a
# quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10 50)
bench_dir=${BENCH_DIR:-/tmp/zhclaim-bench}
build_dir=${BUILD_DIR:-$root/build-bench}
corpus=$bench_dir/corpus-200

echo "== build (release) in $build_dir"
cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DZC_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" -j2 >/dev/null
zhclaim=$build_dir/zhclaim

if [ ! -f "$corpus/.done" ]; then
  echo "== corpus: 200 MB from corpus/ into $corpus"
  rm -rf "$corpus"
  mkdir -p "$corpus"
  /usr/bin/python3 bench/make_corpus.py corpus "$corpus" 200 > "$corpus/.stats"
  touch "$corpus/.done"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The first $1 bytes of the corpus's documents end to end (as `cat
# */*.txt | head -c` gives them), less a character cut in two.
make_doc() {
  /usr/bin/python3 - "$corpus" "$1" <<'EOF'
import glob, sys
want, out = int(sys.argv[2]), bytearray()
for f in sorted(glob.glob(sys.argv[1] + "/*/*.txt")):
    out += open(f, "rb").read(want - len(out))
    if len(out) >= want:
        break
sys.stdout.buffer.write(out.decode("utf-8", "ignore").encode("utf-8"))
EOF
}

# Peak RSS in KB of one extract of $1, with the rest as extra options.
peak_kb() {
  local doc=$1 size
  shift
  size=$(stat -c %s "$doc")
  /usr/bin/time -f %M -o "$tmp/rss" "$zhclaim" extract -q -j1 \
    --max-bytes $((size + 1)) --doc-timeout 0 "$@" "$doc" -o /dev/null
  cat "$tmp/rss"
}

printf '%-10s %12s %14s %8s %14s %8s\n' doc bytes threads_MB factor worker_MB factor
row() {
  local name=$1 doc=$2 bytes t w
  bytes=$(stat -c %s "$doc")
  t=$(peak_kb "$doc" --in-process)
  w=$(peak_kb "$doc")
  # No factor for the fixed cost: over a few bytes it means nothing.
  awk -v n="$name" -v b="$bytes" -v t="$t" -v w="$w" 'BEGIN {
    if (b < 1000000)
      printf "%-10s %12d %14.1f %8s %14.1f %8s\n", n, b, t / 1024, "-", w / 1024, "-"
    else
      printf "%-10s %12d %14.1f %8.2f %14.1f %8.2f\n", n, b, t / 1024, t * 1024 / b,
             w / 1024, w * 1024 / b }'
}

make_doc 1000 > "$tmp/1k.txt"
row 1KB "$tmp/1k.txt"
for mb in "${sizes[@]}"; do
  make_doc $((mb * 1000000)) > "$tmp/$mb.txt"
  row "${mb}MB" "$tmp/$mb.txt"
done
