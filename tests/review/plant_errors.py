#!/usr/bin/env python3
"""Plant errors in a prediction file, for comparing `zhclaim eval` with score.py.

usage: plant_errors.py PRED.jsonl GOLD.jsonl... --seed N > PLANTED.jsonl

Starting from real predictions, each record is, at random, kept, dropped,
duplicated, shifted (still overlapping, or clear of its span), given
another value (slightly off within the scorer's tolerance, or plainly
wrong), another kind, or other attributes (unit, approx, subject, metric,
from). Copies of gold records (optional ones included) are added as
predictions, some moved onto neighbouring spans, and records are added for
a document the gold does not know and in kinds the scorer leaves out. The
output drops the folder from `doc` (records match by base name) and is
shuffled in blocks, so the matching cannot rely on file order.
"""
import argparse
import json
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pred")
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    pred = [json.loads(l) for l in open(a.pred, encoding="utf-8") if l.strip()]
    gold = [json.loads(l) for g in a.gold for l in open(g, encoding="utf-8") if l.strip()]
    out = []
    for r in pred:
        r = dict(r)
        r["doc"] = r["doc"].rsplit("/", 1)[-1]
        x = rnd.random()
        a0, b0 = r["span"]
        if x < 0.08:
            continue  # dropped: a miss
        if x < 0.14:
            out.append(dict(r))  # duplicated: one copy is a false positive
        elif x < 0.20:
            d = rnd.randint(1, max(1, b0 - a0 - 1))
            r["span"] = [a0 + d, b0 + d]  # still overlapping
        elif x < 0.24:
            r["span"] = [b0 + 40, b0 + 44]  # clear of it
        elif x < 0.28:
            r["value"] = r["value"] * (1 + rnd.choice([4e-7, -8e-7, 3e-6, 0.01]))
        elif x < 0.31:
            r["value"] = r["value"] + rnd.choice([1, 10, -1])
        elif x < 0.34:
            r["kind"] = rnd.choice(["rate", "count", "amount", "duration"])
        elif x < 0.38:
            r["unit"] = rnd.choice(["项", "個", "%", "CNY", ""])
        elif x < 0.42:
            r["approx"] = rnd.choice(["=", "~", ">", ">="])
        elif x < 0.50:
            s = r.get("subject") or "机构"
            r["subject"] = rnd.choice([None, "", s[:1], s + "调整", "无关主体"])
            if r["subject"] is None:
                del r["subject"]
        elif x < 0.56:
            r["metric"] = rnd.choice(["同比增长", "增长", "占比", "精简率", None])
        elif x < 0.60:
            r["from"] = rnd.choice([None, 1, 162, r.get("from", 5) + 1e-8])
        out.append(r)
    for g in gold:
        if rnd.random() < 0.06 or (g.get("optional") and rnd.random() < 0.5):
            r = {k: v for k, v in g.items() if k != "optional"}
            a0, b0 = r["span"]
            if rnd.random() < 0.5:
                r["span"] = [max(0, a0 - 1), b0 + 1]
            out.append(r)
    out.append({"doc": "not_in_gold.txt", "kind": "count", "plugin": "x", "span": [0, 3],
                "text": "3个", "value": 3, "unit": "个", "approx": "="})
    out.append({"doc": pred[0]["doc"].rsplit("/", 1)[-1], "kind": "weight", "plugin": "x",
                "span": [0, 3], "text": "3吨", "value": 3, "unit": "吨", "approx": "="})
    blocks = [out[i:i + 7] for i in range(0, len(out), 7)]
    rnd.shuffle(blocks)
    for b in blocks:
        if rnd.random() < 0.3:
            b.reverse()
        for r in b:
            print(json.dumps(r, ensure_ascii=False))


if __name__ == "__main__":
    main()
