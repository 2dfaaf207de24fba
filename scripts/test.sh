#!/usr/bin/env bash
# The whole test suite: static checks, then every test in a normal build and
# again under AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc)

echo "== cppcheck"
# -D_Thread_local=: cppcheck 2.10 does not parse C11's _Thread_local and
# then takes the members of a thread-local struct for unused.
cppcheck --quiet --error-exitcode=1 --inline-suppr \
  --enable=warning,style,performance,portability \
  --suppress=missingIncludeSystem -D_GNU_SOURCE -D_Thread_local= \
  -I include -I core -I core/text -I core/host -I core/records -I core/measures \
  core plugins tests/support

echo "== build and test"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== build and test with AddressSanitizer + UndefinedBehaviorSanitizer"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DZC_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"

echo "== ThreadSanitizer: the CLI and the tests that run documents in parallel (-j)"
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DZC_TSAN=ON >/dev/null
cmake --build build-tsan -j"$jobs"
TSAN_OPTIONS=halt_on_error=1 \
  ctest --test-dir build-tsan --output-on-failure -j"$jobs" -R 'cli_pool|cli_extract|cli_sqlite|cli_stream'

echo "== fuzz smoke: each libFuzzer target for 60 s (clang only)"
if command -v clang >/dev/null; then
  scripts/fuzz.sh 60
else
  echo "no clang: fuzz smoke skipped"
fi
