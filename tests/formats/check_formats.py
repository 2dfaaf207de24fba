#!/usr/bin/python3
"""End-to-end checks of the HTML, DOCX and PDF readers (issue 8, SPEC 8).

usage: check_formats.py ZHCLAIM SOURCE_DIR WORK_DIR

Builds the fixtures (make_fixtures.py) in WORK_DIR, then checks:
- each format's twins of the ten seed and dev reports give the (kind,
  value, unit) claims of the text twin: F1 >= 0.99 (HTML, DOCX), >= 0.97
  (PDF), printed per format;
- every HTML record's span, tags dropped and entities decoded, is its
  text; every PDF/DOCX span into `zhclaim text` output is its text; every
  PDF record has page >= 1 and a non-empty bbox, and only PDF records do;
- script/style/comments/head give nothing; a lying charset is warned about
  (naming the file) and read as the page really is;
- the two-column page reads column by column (claims in the text's order);
- bad files (truncated, encrypted, image-only PDF, DOCX that is no zip) are
  each named on stderr with the reason, exit status 1, and the good
  documents' records are those they give alone; -j2 gives the same bytes;
- CSV and SQLite carry page and bbox.
"""
import collections
import csv
import html
import io
import json
import os
import re
import sqlite3
import subprocess
import sys

Z, SRC, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
FAILS = []


def check(cond, what):
    if not cond:
        FAILS.append(what)
        print("FAIL:", what)


def extract(*args, rc=0):
    p = subprocess.run([Z, "extract", "-q", *args], capture_output=True)
    check(p.returncode == rc, "extract %s: exit %d, wanted %d: %s" %
          (args, p.returncode, rc, p.stderr.decode(errors="replace")))
    return p.stdout.decode(), p.stderr.decode()


def records(out):
    return [json.loads(ln) for ln in out.splitlines() if ln]


def key(r):
    return (r["kind"], str(r["value"]), r.get("unit"))


def stem(r):
    return os.path.splitext(os.path.basename(r["doc"]))[0]


def f1(gold, pred):
    tp = fp = fn = 0
    for doc in set(gold) | set(pred):
        a, b = gold.get(doc, collections.Counter()), pred.get(doc, collections.Counter())
        c = sum((a & b).values())
        tp += c
        fp += sum(b.values()) - c
        fn += sum(a.values()) - c
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0, tp, fp, fn


def by_doc(recs):
    d = collections.defaultdict(collections.Counter)
    for r in recs:
        d[stem(r)][key(r)] += 1
    return d


def text_layer(path):
    p = subprocess.run([Z, "text", path], capture_output=True)
    check(p.returncode == 0, "text %s: exit %d" % (path, p.returncode))
    return p.stdout


TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)


def visible(raw):
    return re.sub(r"\s+", " ", html.unescape(TAG.sub("", raw)))


def check_html_spans(recs, encoding):
    for r in recs:
        with open(r["doc"], "rb") as f:
            raw = f.read()[r["span"][0]:r["span"][1]].decode(encoding)
        check(visible(raw) == re.sub(r"\s+", " ", r["text"]),
              "%s span %s: %r is not its text %r" % (r["doc"], r["span"], raw, r["text"]))
        check("page" not in r and "bbox" not in r, "%s: an HTML record has a page" % r["doc"])


def check_layer_spans(recs, pdf):
    layers = {}
    for r in recs:
        if r["doc"] not in layers:
            layers[r["doc"]] = text_layer(r["doc"])
        got = layers[r["doc"]][r["span"][0]:r["span"][1]].decode("utf-8", errors="replace")
        check(got == r["text"], "%s span %s: layer has %r, text %r" %
              (r["doc"], r["span"], got, r["text"]))
        if pdf:
            b = r.get("bbox")
            check(r.get("page", 0) >= 1 and b and b[2] > b[0] and b[3] > b[1],
                  "%s: record without page/bbox: %s" % (r["doc"], r))
            # The page is the one the span's text stands on.
            page = layers[r["doc"]][:r["span"][0]].count(b"\f") + 1
            check(r.get("page") == page, "%s: page %s, span is on %d" % (r["doc"], r.get("page"), page))
        else:
            check("page" not in r, "%s: a DOCX record has a page" % r["doc"])


def main():
    subprocess.run(["/usr/bin/python3", os.path.join(SRC, "tests/formats/make_fixtures.py"),
                    os.path.join(SRC, "corpus"), WORK], check=True)
    tw = os.path.join(WORK, "twins")
    cases = os.path.join(WORK, "cases")
    gold = by_doc(records(extract(os.path.join(tw, "text"), "-j1")[0]))
    check(sum(sum(c.values()) for c in gold.values()) > 100, "the text twins give claims")
    want = {"html": 0.99, "docx": 0.99, "pdf": 0.97}
    for fmt, floor in want.items():
        recs = records(extract(os.path.join(tw, fmt), "-j1")[0])
        score, tp, fp, fn = f1(gold, by_doc(recs))
        print("%-4s twins: F1 %.4f (tp %d, fp %d, fn %d) over %d documents" %
              (fmt, score, tp, fp, fn, len(gold)))
        check(score >= floor, "%s F1 %.4f below %.2f" % (fmt, score, floor))
        if fmt == "html":
            check_html_spans(recs, "utf-8")
        else:
            check_layer_spans(recs, fmt == "pdf")

    out, _ = extract(os.path.join(cases, "hidden_only.html"))
    check(out == "", "script/style/comments/head gave records: %s" % out)
    honest, err = extract(os.path.join(cases, "gbk_declared.html"))
    check(err == "", "an honest GBK page warned: %s" % err)
    lying, err = extract(os.path.join(cases, "gbk_lying.html"))
    check("gbk_lying.html" in err and "contradicted" in err and "GB18030" in err,
          "no warning naming the lying page: %r" % err)
    hr, lr = records(honest), records(lying)
    check(len(hr) > 10 and [key(r) for r in hr] == [key(r) for r in lr],
          "the lying page's claims differ from the honest one's")
    check_html_spans(hr, "gb18030")
    check_html_spans(lr, "gb18030")

    base = records(extract(os.path.join(cases, "two_columns.txt"))[0])
    cols = records(extract(os.path.join(cases, "two_columns.pdf"))[0])
    check([key(r) for r in cols] == [key(r) for r in base],
          "two-column page: claims not in the text's order")
    check(len({r["bbox"][0] > 250 for r in cols}) == 2, "two-column page: claims in one column only")
    check_layer_spans(cols, True)

    out, err = extract(os.path.join(cases, "text_then_scan.pdf"))
    check("text_then_scan.pdf" in err and "page 2 has no text layer" in err,
          "the scanned page is not reported: %r" % err)
    check(len(records(out)) == len(base), "text then scan: the text page's records")

    bad = {"truncated.pdf": "truncated", "encrypted.pdf": "encrypted",
           "scan.pdf": "no text layer", "not_a_zip.docx": "not a DOCX"}
    folder = os.path.join(WORK, "mixed")
    os.makedirs(folder, exist_ok=True)
    for name in list(bad) + ["good.pdf", "gbk_declared.html"]:
        dst = os.path.join(folder, name)
        if not os.path.exists(dst):
            os.link(os.path.join(cases, name), dst)
    docx = os.path.join(tw, "docx", "d03_chaozhou_shanggui_jiangli_2020.docx")
    dst = os.path.join(folder, "d03.docx")
    if not os.path.exists(dst):
        os.link(docx, dst)
    out1, err = extract(folder, "-j1", rc=1)
    out2, _ = extract(folder, "-j2", rc=1)
    check(out1 == out2, "-j2 gives other bytes than -j1")
    for name, reason in bad.items():
        line = [ln for ln in err.splitlines() if name in ln]
        check(line and reason in line[0], "%s not named with '%s' on stderr: %r" % (name, reason, err))
    alone = ""
    for name in ("d03.docx", "gbk_declared.html", "good.pdf"):
        alone += extract(os.path.join(folder, name))[0]
    check(sorted(out1.splitlines()) == sorted(alone.splitlines()) and alone,
          "the good documents' records differ from their own runs")

    csv_out = subprocess.run([Z, "extract", "-q", "--format", "csv", os.path.join(cases, "good.pdf")],
                             capture_output=True, check=True).stdout.decode()
    rows = list(csv.reader(io.StringIO(csv_out, newline="")))
    check(rows[0][-2:] == ["page", "bbox"], "CSV header lacks page,bbox")
    check(len(rows) > 10 and all(r[-2].isdigit() and int(r[-2]) >= 1 and
                                 re.fullmatch(r"(\d+\.\d\d ){3}\d+\.\d\d", r[-1]) for r in rows[1:]),
          "CSV rows lack page and bbox")
    db = os.path.join(WORK, "good.sqlite")
    if os.path.exists(db):
        os.unlink(db)
    extract(os.path.join(cases, "good.pdf"), os.path.join(cases, "gbk_declared.html"), "-o", db)
    con = sqlite3.connect(db)
    rows = con.execute("SELECT doc, page, x0, y0, x1, y1 FROM records").fetchall()
    check(rows and all((r[1] is None) == r[0].endswith(".html") for r in rows),
          "SQLite: page NULL exactly for the HTML records")
    check(all(r[4] > r[2] and r[5] > r[3] for r in rows if r[1] is not None), "SQLite: empty boxes")
    con.close()

    if FAILS:
        print("%d check(s) failed" % len(FAILS))
        sys.exit(1)
    print("all format checks passed")


if __name__ == "__main__":
    main()
