#!/usr/bin/env python3
"""Write --stdin-jsonl input for the tests: one line per *.txt in CORPUS
(doc = its path, plus an extra member), ASCII-escaped so every character
past U+007F arrives as \\uXXXX and past U+FFFF as a surrogate pair; with
BAD=1, three bad lines after the third (a lone surrogate, a blank line,
not JSON); last, a line whose text opens with an emoji.

  make_stream.py CORPUS OUT BAD
"""
import glob
import json
import sys

corpus, out_path, bad = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(out_path, "w", encoding="ascii") as out:
    for i, f in enumerate(sorted(glob.glob(corpus + "/*.txt"))):
        text = open(f, encoding="utf-8", newline="").read()
        out.write(json.dumps({"doc": f, "n": i, "text": text}) + "\n")
        if bad and i == 2:
            out.write('{"doc": "x", "text": "\\ud800"}\n')
            out.write("\n")
            out.write("not json\n")
    out.write(json.dumps({"doc": "emoji", "text": "\U0001F600 增长5.6%, 共616项"}) + "\n")
