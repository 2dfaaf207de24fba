#!/usr/bin/env python3
"""Check that every record's `text` is the original bytes at its `span`.

usage: check_spans.py RECORDS.jsonl [--encoding ENC]
       check_spans.py RECORDS.jsonl --texts INPUT.jsonl

The document's bytes are read from the file its `doc` names, and decoded
with --encoding (default: UTF-8 with an optional BOM). With --texts, they
are instead the `text` of the INPUT.jsonl line whose `doc` is the record's
(as `zhclaim extract --stdin-jsonl` read them), as UTF-8; lines that are
not such an object are ignored. Prints the number of records checked;
exits 1 when a text is not at its span or there was no record.
"""
import json
import sys


def option(args, name):
    if name not in args:
        return None
    i = args.index(name)
    value = args[i + 1]
    del args[i:i + 2]
    return value


def stream_texts(path):
    texts = {}
    for line in open(path, encoding="utf-8"):
        try:
            o = json.loads(line)
            texts[o["doc"]] = o["text"].encode("utf-8")
        except (ValueError, KeyError, TypeError, AttributeError):
            pass
    return texts


def main():
    args = sys.argv[1:]
    enc = option(args, "--encoding") or "utf-8"
    texts_path = option(args, "--texts")
    cache = stream_texts(texts_path) if texts_path else {}
    bad = n = 0
    for line in open(args[0], encoding="utf-8"):
        r = json.loads(line)
        if texts_path:
            raw = cache.get(r["doc"])
            if raw is None:
                sys.exit(f"check_spans: {r['doc']}: no such doc in {texts_path}")
        else:
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
