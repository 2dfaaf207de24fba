#!/usr/bin/env python3
"""Check that every record's `text` is the original bytes at its `span`.

usage: check_spans.py RECORDS.jsonl [--encoding ENC]

The document's encoding is taken from --encoding (default: UTF-8 with an
optional BOM); the span's bytes are decoded with it and compared to `text`.
"""
import json
import sys


def main():
    args = sys.argv[1:]
    enc = "utf-8"
    if "--encoding" in args:
        i = args.index("--encoding")
        enc = args[i + 1]
        del args[i:i + 2]
    bad = n = 0
    cache = {}
    for line in open(args[0], encoding="utf-8"):
        r = json.loads(line)
        raw = cache.setdefault(r["doc"], open(r["doc"], "rb").read())
        s, e = r["span"]
        got = raw[s:e].decode(enc)
        n += 1
        if got != r["text"]:
            bad += 1
            print(f"{r['doc']}: span {s}-{e} holds {got!r}, record says {r['text']!r}")
    print(f"check_spans: {n} records, {bad} with text not at span")
    sys.exit(1 if bad or n == 0 else 0)


if __name__ == "__main__":
    main()
