#!/usr/bin/env python3
"""Build a benchmark corpus from the documents in corpus/.

Every paragraph (a line of at least 20 bytes) of the seed documents goes
into a pool; each benchmark document is a run of paragraphs drawn from it
with a fixed seed, 8 to 24 KB long, so the text is real report prose and
the corpus is the same on every machine. Documents go 500 to a folder.

  make_corpus.py SEED_DIR OUT_DIR MEGABYTES [SEED]

Prints the number of documents and bytes written.
"""
import os
import random
import sys

seed_dir, out_dir, megabytes = sys.argv[1], sys.argv[2], float(sys.argv[3])
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 20240611)

paragraphs = []
for name in sorted(os.listdir(seed_dir)):
    if name.endswith(".txt"):
        with open(os.path.join(seed_dir, name), "rb") as f:
            paragraphs += [p.strip() + b"\n" for p in f.read().split(b"\n")
                           if len(p.strip()) >= 20]
if not paragraphs:
    sys.exit("make_corpus: no paragraphs in " + seed_dir)

target = int(megabytes * 1e6)
total = docs = 0
while total < target:
    folder = os.path.join(out_dir, "%03d" % (docs // 500))
    if docs % 500 == 0:
        os.makedirs(folder, exist_ok=True)
    size = rng.randint(8 * 1024, 24 * 1024)
    parts, n = [], 0
    while n < size:
        p = rng.choice(paragraphs)
        parts.append(p)
        n += len(p)
    body = b"".join(parts)
    with open(os.path.join(folder, "doc%06d.txt" % docs), "wb") as f:
        f.write(body)
    total += len(body)
    docs += 1
print(docs, total)
