#!/usr/bin/env python3
"""Compare two score summaries (`zhclaim eval --json`, `score.py --json`).

usage: compare_scores.py OURS.json THEIRS.json LABEL

Every figure must agree: counts exactly, ratios to the third decimal, and
null where the other is null. Prints the figures compared and exits 1 on
the first list of disagreements.
"""
import json
import sys


def walk(a, b, path, bad, n):
    if isinstance(b, dict):
        if not isinstance(a, dict) or set(a) != set(b):
            bad.append(f"{path}: keys {sorted(a) if isinstance(a, dict) else a} vs {sorted(b)}")
            return
        for k in b:
            walk(a[k], b[k], f"{path}.{k}", bad, n)
    elif isinstance(b, list):
        if not isinstance(a, list) or len(a) != len(b):
            bad.append(f"{path}: {a} vs {b}")
            return
        for i, (x, y) in enumerate(zip(a, b)):
            walk(x, y, f"{path}[{i}]", bad, n)
    elif b is None or a is None:
        n[0] += 1
        if a is not b:
            bad.append(f"{path}: {a} vs {b}")
    elif isinstance(b, int) and not isinstance(b, bool):
        n[0] += 1
        if a != b:
            bad.append(f"{path}: {a} vs {b}")
    else:
        n[0] += 1
        if f"{a:.3f}" != f"{b:.3f}":
            bad.append(f"{path}: {a:.3f} vs {b:.3f}")


def main():
    ours = json.load(open(sys.argv[1]))
    theirs = json.load(open(sys.argv[2]))
    bad, n = [], [0]
    walk(ours, theirs, "", bad, n)
    m = theirs["micro"]
    print(f"{sys.argv[3]}: {n[0]} figures compared; micro P {m['p']:.3f} R {m['r']:.3f} "
          f"F1 {m['f1']:.3f} (gold {m['gold']}, pred {m['pred']}, tp {m['tp']}): "
          + ("agree" if not bad else f"{len(bad)} DISAGREE"))
    for b in bad:
        print("  " + b)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
