#!/usr/bin/env bash
# Run the libFuzzer targets of tests/fuzz one after the other (never two at
# once: the machine is shared), each for SECONDS (default 60), seeded from
# corpus/, rules/ and tests/fuzz/seeds. Needs clang; exits 77 without it.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# A crash input lands in build-fuzz/fuzz-artifacts/TARGET/ and ends the run
# with status 1: copy it to tests/fuzz/regressions/TARGET/ with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract normalize jsonl rules lexicon)
command -v clang >/dev/null || { echo "fuzz: no clang, skipped"; exit 77; }

CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DZC_FUZZ=ON -DZC_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" >/dev/null

seeds_of() {
  case $1 in
    extract|normalize) echo corpus ;;
    jsonl) echo tests/fuzz/seeds/jsonl ;;
    rules) echo rules/extractors ;;
    lexicon) echo rules/count ;;
  esac
}
status=0
for t in "${targets[@]}"; do
  work=build-fuzz/fuzz-corpus/$t art=build-fuzz/fuzz-artifacts/$t/
  mkdir -p "$work" "$art"
  regress=()
  [ -d tests/fuzz/regressions/$t ] && regress=(tests/fuzz/regressions/$t)
  echo "== fuzz $t for ${seconds}s"
  if ! ASAN_OPTIONS=detect_leaks=1 build-fuzz/tests/fuzz/fuzz_"$t" \
      -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$art" \
      "$work" "$(seeds_of "$t")" "${regress[@]}" >"build-fuzz/fuzz-$t.log" 2>&1; then
    echo "fuzz $t: FAILED, see build-fuzz/fuzz-$t.log and $art"
    tail -40 "build-fuzz/fuzz-$t.log"
    status=1
  else
    grep -E "stat::number_of_executed_units|cov:" "build-fuzz/fuzz-$t.log" | tail -2
  fi
done
exit $status
