#!/usr/bin/env bash
# A GB18030 copy and a Big5 copy of real documents give the same claims as
# their UTF-8 twin, with spans into their own bytes. (Big5 lacks a few
# characters of the originals, so the twin is made back from the Big5 copy.)
# usage: encodings_e2e.sh ZHCLAIM SOURCE_DIR WORK_DIR
set -euo pipefail
bin=$1 src=$2 work=$3/encodings
rm -rf "$work" && mkdir -p "$work/utf8" "$work/gb18030" "$work/big5"

check() { # name encoding-for-iconv encoding-for-python folder
  local name=$1 iconv_enc=$2 py_enc=$3 dir=$4
  iconv -c -f UTF-8 -t "$iconv_enc" "$src/corpus/$name" > "$work/$dir/$name" || true
  iconv -f "$iconv_enc" -t UTF-8 "$work/$dir/$name" > "$work/utf8/$name"
  "$bin" extract -q "$work/utf8/$name" -o "$work/utf8/$name.jsonl"
  "$bin" extract -q "$work/$dir/$name" -o "$work/$dir/$name.jsonl"
  python3 "$src/tests/check_spans.py" "$work/$dir/$name.jsonl" --encoding "$py_enc"
  python3 - "$work/utf8/$name.jsonl" "$work/$dir/$name.jsonl" <<'PY'
import json, sys
def claims(p):
    return [(r["kind"], r["value"], r["unit"], r["approx"], r["text"], r.get("subject"), r.get("from"))
            for r in map(json.loads, open(p, encoding="utf-8"))]
a, b = claims(sys.argv[1]), claims(sys.argv[2])
if not a:
    sys.exit(f"{sys.argv[1]}: no claims extracted")
if a != b:
    for x, y in zip(a, b):
        if x != y:
            print("utf-8:", x, "\nother:", y)
    sys.exit(f"{sys.argv[2]}: claims differ from the UTF-8 original ({len(a)} vs {len(b)})")
print(f"{sys.argv[2]}: {len(b)} claims, same as UTF-8")
PY
}

check d02_zhouzhi_yusuan_zhixing_2023.txt GB18030 gb18030 gb18030
check 004_3e4e2bdb4cc9d573.txt GB18030 gb18030 gb18030
check d05_hk_fso_blog_linshi_bokuan_trad.txt BIG5 big5 big5
