#!/usr/bin/env python3
"""probe_score.py - score zhclaim on the probe cases (issue 9).

usage: probe_score.py ZHCLAIM CASES_DIR WORK_DIR SCORER [--errors] [--min F1]

Each tests/data/probe/*.cases file (the test kit's cases format, see
include/zhclaim/testkit.h) becomes one document, one case input a line, and
its expected records a gold file in the scorer's schema (spans found by
searching each record's text in its line, in order). zhclaim extracts the
documents with every plugin, and the reference scorer compares. The probe
is written from SPEC for genres corpus/ lacks, so its F1 measures how the
rules hold on text they were not fitted to; --min makes it a floor.
"""
import json
import os
import subprocess
import sys


def parse_cases(path):
    """[(input, [record fields])] from a cases file."""
    cases = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.startswith("> "):
                text = line[2:].replace("\\n", "\n").replace("\\\\", "\\")
                cases.append((text, []))
            elif line.strip() and not line.startswith("#"):
                if not cases:
                    sys.exit(f"{path}: record line before any case")
                fields = line.split("\t") if "\t" in line else line.split()
                cases[-1][1].append(fields)
    return cases


def record(doc, fields, line, line_off, search_from, where):
    kind, value, unit, text = fields[:4]
    approx = fields[4] if len(fields) > 4 else "="
    pos = line.find(text, search_from)
    if pos < 0:
        sys.exit(f"{where}: text {text!r} not in its case")
    start = line_off + len(line[:pos].encode())
    rec = {"doc": doc, "kind": kind, "value": float(value),
           "unit": "" if unit == '""' else unit, "approx": approx,
           "span": [start, start + len(text.encode())], "text": text}
    for extra in fields[5:]:
        key, _, val = extra.partition("=")
        if key == "from":
            rec["from"] = float(val)
        elif key == "range":
            rec["range"] = [float(v) for v in val.split(",")]
        else:
            rec[key] = val
    return rec, pos + len(text)


def main():
    args = sys.argv[1:]
    errors = "--errors" in args
    floor = None
    if "--min" in args:
        floor = float(args[args.index("--min") + 1])
        del args[args.index("--min"):args.index("--min") + 2]
    args = [a for a in args if a != "--errors"]
    zhclaim, cases_dir, work, scorer = args[:4]
    docs = os.path.join(work, "probe_docs")
    os.makedirs(docs, exist_ok=True)
    gold = []
    for name in sorted(os.listdir(cases_dir)):
        if not name.endswith(".cases"):
            continue
        doc = name[:-len(".cases")] + ".txt"
        body = b""
        for i, (text, recs) in enumerate(
                parse_cases(os.path.join(cases_dir, name))):
            off = len(body)
            at = 0
            for fields in recs:
                rec, at = record(doc, fields, text, off, at, f"{name} case {i + 1}")
                gold.append(rec)
            body += text.encode() + b"\n"
        with open(os.path.join(docs, doc), "wb") as f:
            f.write(body)
    gold_path = os.path.join(work, "probe_gold.jsonl")
    with open(gold_path, "w", encoding="utf-8") as f:
        for rec in gold:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    pred = os.path.join(work, "probe_pred.jsonl")
    subprocess.run([zhclaim, "extract", docs, "-j1", "-o", pred], check=True,
                   stderr=subprocess.DEVNULL)
    cmd = [sys.executable, scorer, "--gold", gold_path, "--pred", pred]
    if errors:
        subprocess.run(cmd + ["--docs", docs, "--errors"], check=True)
    else:
        subprocess.run(cmd, check=True)
    if floor is not None:
        out = subprocess.run(cmd + ["--json"], check=True, capture_output=True,
                             text=True).stdout
        f1 = json.loads(out)["micro"]["f1"]
        print(f"probe micro F1 {f1:.3f} (must be >= {floor})")
        sys.exit(0 if f1 >= floor else 1)


if __name__ == "__main__":
    main()
