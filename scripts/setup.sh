#!/usr/bin/env bash
# Set-up in one command: install what is missing, build, and extract the
# claims of corpus/ into out/claims.jsonl (with a one-line summary).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
mkdir -p out
build/zhclaim extract corpus/ -o out/claims.jsonl
echo "records: out/claims.jsonl"
