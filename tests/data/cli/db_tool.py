#!/usr/bin/env python3
"""Helpers the CLI tests run (the test programs do not link SQLite).
(Spans of --stdin-jsonl records: tests/check_spans.py --texts.)

  db_tool.py dump DB            every document and claim, canonical, no ids
  db_tool.py same DB JSONL      exit 0 when the records view equals the JSON Lines
  db_tool.py check DB           integrity_check and foreign_key_check pass
  db_tool.py pty CMD...         run CMD with stderr on a pseudo-terminal, print it
"""
import json
import os
import sqlite3
import subprocess
import sys


def dump(db):
    con = sqlite3.connect(db)
    for row in con.execute(
            "SELECT path, bytes, encoding, sha256, status, error, claim_count"
            " FROM documents ORDER BY path"):
        print("D", json.dumps(row, ensure_ascii=False))
    for row in con.execute("SELECT * FROM records ORDER BY doc, start_byte, end_byte, kind, plugin"):
        print("C", json.dumps(row, ensure_ascii=False))


def num(v):
    return None if v is None else float(v)


def same(db, jsonl):
    con = sqlite3.connect(db)
    rows = list(con.execute("SELECT * FROM records"))
    recs = [json.loads(line) for line in open(jsonl, encoding="utf-8")]
    if len(rows) != len(recs):
        sys.exit("%d claims in the database, %d records in the JSON Lines" % (len(rows), len(recs)))
    for row, r in zip(rows, recs):
        rng = r.get("range", [None, None])
        want = (r["doc"], r["kind"], r["plugin"], r["span"][0], r["span"][1], r["text"],
                num(r["value"]), r["unit"], r["approx"], num(rng[0]), num(rng[1]),
                r.get("subject"), r.get("metric"), num(r.get("from")), r.get("sentence"))
        got = row[:6] + (num(row[6]),) + row[7:9] + (num(row[9]), num(row[10])) + row[11:13] \
            + (num(row[13]), row[14])
        if got != want:
            sys.exit("differs:\n  db    %r\n  jsonl %r" % (got, want))
    total = con.execute("SELECT sum(claim_count) FROM documents").fetchone()[0] or 0
    if total != len(recs):
        sys.exit("documents.claim_count sums to %d, not %d" % (total, len(recs)))


def check(db):
    con = sqlite3.connect(db)
    ok = con.execute("PRAGMA integrity_check").fetchone()[0]
    con.execute("PRAGMA foreign_keys = ON")
    bad = con.execute("PRAGMA foreign_key_check").fetchall()
    if ok != "ok" or bad:
        sys.exit("integrity %s, foreign keys %r" % (ok, bad))
    print(con.execute("SELECT count(*) FROM documents").fetchone()[0])


def pty_run(cmd):
    import pty
    master, slave = pty.openpty()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    p.wait()
    sys.stdout.write(out.decode("utf-8", "replace"))
    sys.exit(p.returncode)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "dump":
        dump(*args)
    elif cmd == "same":
        same(*args)
    elif cmd == "check":
        check(*args)
    elif cmd == "pty":
        pty_run(args)
    else:
        sys.exit("unknown command " + cmd)
