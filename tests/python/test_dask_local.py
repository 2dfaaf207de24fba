#!/usr/bin/python3
"""python3 -m zhclaim.dask on a local cluster of two worker processes gives
the bytes `zhclaim extract -j1` gives (JSON Lines, CSV) and the same
database (SQLite, compared as `sqlite3 .dump`); a failing document is named
as the command names it, the others are complete, exit 1; usage errors
exit 2."""
import json
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import zc_support as S  # noqa: E402

# Small batches, so that a corpus of a few hundred KB makes many tasks and
# the reorder buffer really reorders.
BATCH = ["--workers", "2", "--batch-bytes", "16384"]


class LocalClusterTest(unittest.TestCase):
    def same_text_output(self, fmt, paths, opts=(), runner_only=()):
        with S.TempDir() as d:
            want, got = os.path.join(d, "cli." + fmt), os.path.join(d, "dask." + fmt)
            c = S.cli("-f", fmt, "-o", want, *opts, *paths)
            r = S.runner("-f", fmt, "-o", got, *BATCH, *opts, *runner_only, *paths)
            self.assertEqual(r.returncode, c.returncode, r.stderr.decode())
            with open(want, "rb") as f1, open(got, "rb") as f2:
                w, g = f1.read(), f2.read()
            self.assertGreater(len(w), 1000)
            self.assertEqual(g, w)
            self.assertEqual(S.messages(r.stderr), S.messages(c.stderr))
            self.assertEqual(S.summary(r.stderr), S.summary(c.stderr))
            # No temporary output, no part folder left beside the output.
            self.assertFalse([n for n in os.listdir(d) if ".tmp." in n or ".parts." in n])
            return c

    def test_jsonl_corpus(self):
        self.assertEqual(self.same_text_output("jsonl", [S.CORPUS]).returncode, 0)

    def test_csv_corpus(self):
        self.assertEqual(self.same_text_output("csv", [S.CORPUS]).returncode, 0)

    def test_jsonl_ship_bytes(self):
        self.same_text_output("jsonl", [S.CORPUS], runner_only=["--ship-bytes"])

    def test_records_through_part_files_or_dask(self):
        # The workers share this file system, so by default every batch's
        # records come in a part file; --no-part-files sends them back
        # through Dask. The bytes are the same either way.
        for fmt in ("jsonl", "csv"):
            with S.TempDir() as d:
                want = os.path.join(d, "cli." + fmt)
                self.assertEqual(S.cli("-f", fmt, "-o", want, S.CORPUS).returncode, 0)
                with open(want, "rb") as f:
                    w = f.read()
                used = []
                for opt in ([], ["--no-part-files"]):
                    got = os.path.join(d, "dask." + fmt)
                    r = S.runner("-v", "-f", fmt, "-o", got, *BATCH, *opt, S.CORPUS)
                    self.assertEqual(r.returncode, 0, r.stderr.decode())
                    with open(got, "rb") as f:
                        self.assertEqual(f.read(), w)
                    used.append(S.part_file_line(r.stderr))
                    self.assertEqual(sorted(os.listdir(d)), ["cli." + fmt, "dask." + fmt])
            n = used[0][1]
            self.assertGreater(n, 5)
            self.assertEqual(used, [(n, n), (0, n)])

    def test_no_part_files_to_stdout_or_sqlite(self):
        # Part files need an output file beside them: none for stdout (and a
        # database is written row by row), so the records come through Dask.
        c = S.cli(S.CORPUS)
        r = S.runner("-v", *BATCH, S.CORPUS)
        self.assertEqual((r.returncode, c.returncode), (0, 0), r.stderr.decode())
        self.assertEqual(r.stdout, c.stdout)
        self.assertEqual(S.part_file_line(r.stderr)[0], 0)
        with S.TempDir() as d:
            r = S.runner("-v", "-o", os.path.join(d, "x.db"), *BATCH, S.CORPUS)
            self.assertEqual(r.returncode, 0, r.stderr.decode())
            self.assertEqual(S.part_file_line(r.stderr)[0], 0)
            self.assertEqual(os.listdir(d), ["x.db"])

    def test_context(self):
        self.same_text_output("jsonl", [S.CORPUS], ["--context"])

    def test_sqlite_corpus(self):
        with S.TempDir() as d:
            want, got = os.path.join(d, "cli.sqlite"), os.path.join(d, "dask.sqlite")
            c = S.cli("-o", want, S.CORPUS)
            r = S.runner("-o", got, *BATCH, S.CORPUS)
            self.assertEqual((r.returncode, c.returncode), (0, 0), r.stderr.decode())
            dump = S.dump(want)
            self.assertIn(b"INSERT INTO claims", dump)
            self.assertEqual(S.dump(got), dump)
            self.assertEqual(S.db_pragmas(got), S.db_pragmas(want))

    def test_failing_documents_named_others_complete(self):
        with S.TempDir() as d:
            tree = S.make_tree(os.path.join(d, "tree"))
            c = self.same_text_output("jsonl", [tree, os.path.join(d, "missing.txt")])
            self.assertEqual(c.returncode, 1)
            named = S.messages(c.stderr)
            # The binary file, the FIFO, the dangling link, the missing root
            # and the link loop (a note) are all named.
            for what in ("broken.txt", "pipe.txt", "dangling.txt", "missing.txt", "up"):
                self.assertTrue(any(what in m for m in named), (what, named))

    def test_failing_documents_sqlite(self):
        with S.TempDir() as d:
            tree = S.make_tree(os.path.join(d, "tree"))
            want, got = os.path.join(d, "cli.db"), os.path.join(d, "dask.db")
            c = S.cli("-o", want, tree)
            r = S.runner("-o", got, *BATCH, "--ship-bytes", tree)
            self.assertEqual((r.returncode, c.returncode), (1, 1), r.stderr.decode())
            self.assertIn(b"'failed'", S.dump(want))
            self.assertEqual(S.dump(got), S.dump(want))
            self.assertEqual(S.messages(r.stderr), S.messages(c.stderr))

    def test_include_exclude(self):
        with S.TempDir() as d:
            tree = S.make_tree(os.path.join(d, "tree"))
            self.same_text_output("csv", [tree], ["--include", "*.csv", "--include", "*.md",
                                                  "--exclude", "notes*"])
            self.same_text_output("jsonl", [tree], ["--exclude", "0*"])

    def test_report_formats_walked_as_the_command_walks(self):
        # No --include: both take the formats the library reads (HTML, PDF,
        # DOCX besides text) and nothing else; broken PDF/DOCX are named.
        with S.TempDir() as d:
            tree = os.path.join(d, "reports")
            os.mkdir(tree)
            with open(os.path.join(S.CORPUS, sorted(os.listdir(S.CORPUS))[0]), "rb") as f:
                text = f.read()
            page = ("<!doctype html><html><head><meta charset=utf-8><title>t</title></head>"
                    "<body><p>全年粮食产量比上年增长2.5%。</p><p>新建学校12所。</p>"
                    "</body></html>").encode()
            files = {"a.txt": text, "b.html": page, "c.htm": page, "d.pdf": b"not a pdf\n",
                     "e.docx": b"not a zip\n", "f.rst": text, "g.md": text}
            for name, data in files.items():
                with open(os.path.join(tree, name), "wb") as f:
                    f.write(data)
            # A real PDF (pango-view) and DOCX (pandoc): pages and boxes too.
            src = os.path.join(d, "p.txt")
            with open(src, "w", encoding="utf-8") as f:
                f.write("全年粮食产量比上年增长2.5%。\n新建学校12所，投资3.4亿元。\n")
            subprocess.run(["pango-view", "-q", "--font=WenQuanYi Micro Hei 10", "-o",
                            os.path.join(tree, "h.pdf"), src], check=True)
            subprocess.run(["pandoc", "-f", "markdown", "-t", "docx", "-o",
                            os.path.join(tree, "i.docx"), src], check=True)
            c = self.same_text_output("jsonl", [tree])
            self.assertEqual(c.returncode, 1)
            named = " ".join(S.messages(c.stderr))
            self.assertIn("d.pdf", named)
            self.assertIn("e.docx", named)
            with S.TempDir() as o:
                out = os.path.join(o, "c.jsonl")
                S.cli("-o", out, tree)
                with open(out, "rb") as f:
                    docs = {os.path.basename(json.loads(line)["doc"]) for line in f}
            self.assertEqual(docs, {"a.txt", "b.html", "c.htm", "g.md", "h.pdf", "i.docx"})
            self.same_text_output("csv", [tree])

    def test_failing_documents_csv_ship_bytes(self):
        # Outcomes without records (failures) between batches in part files.
        with S.TempDir() as d:
            tree = S.make_tree(os.path.join(d, "tree"))
            c = self.same_text_output("csv", [tree], runner_only=["--ship-bytes"])
            self.assertEqual(c.returncode, 1)

    def test_usage_errors_exit_2(self):
        for args in ([], ["-f", "xml", S.CORPUS], ["--workers", "0", S.CORPUS],
                     ["--workers", "2", "--scheduler", "tcp://127.0.0.1:1", S.CORPUS],
                     ["-f", "sqlite", S.CORPUS], ["--batch-bytes", "x", S.CORPUS]):
            r = S.runner(*args)
            self.assertEqual(r.returncode, 2, (args, r.stderr))
            self.assertIn(b"usage:", r.stderr)
            self.assertEqual(r.stdout, b"")

    def test_unwritable_output_exits_2(self):
        r = S.runner("-o", "/nonexistent/dir/out.jsonl", "--workers", "1", S.CORPUS)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"/nonexistent/dir/out.jsonl", r.stderr)


class BatchesTest(unittest.TestCase):
    """How the documents are cut: in order, about --batch-bytes each, then
    smaller towards the end so that the workers finish together."""

    def test_cut(self):
        sys.path.insert(0, os.path.join(S.SOURCE, "python"))
        from zhclaim import dask as runner
        from zhclaim._walk import Entry
        docs = [Entry("d%05d.txt" % i, None, False, 16384 + i % 7 * 1024) for i in range(6000)]
        total = sum(e.size for e in docs)
        cap = 4 << 20
        batches = runner.make_batches(docs, cap, 2)
        self.assertEqual([e for b in batches for e in b], docs)
        sizes = [sum(e.size for e in b) for b in batches]
        # Never more than one document past the cap, nor below the floor
        # but for the very last batch.
        self.assertTrue(all(n < cap + 24576 for n in sizes))
        self.assertTrue(all(n >= runner.MIN_BATCH_BYTES for n in sizes[:-1]))
        # Whole batches while much is left; then each a quarter of what is
        # left per worker, so the last ones are small.
        self.assertGreater(sizes[0], cap - 24576)
        self.assertLess(max(sizes[-5:]), runner.MIN_BATCH_BYTES + 24576)
        left = total
        for n in sizes[:-1]:
            self.assertLess(n, max(min(cap, left // 8), runner.MIN_BATCH_BYTES) + 24576)
            left -= n
        # The default: larger batches only when nothing of a batch's size
        # passes through the client (part files, workers reading the files).
        self.assertEqual(runner.default_batch_bytes("/out.parts.x", False), 16 << 20)
        self.assertEqual(runner.default_batch_bytes("/out.parts.x", True), 4 << 20)
        self.assertEqual(runner.default_batch_bytes(None, False), 4 << 20)
        # One worker: the same, a quarter of what is left.
        one = [sum(e.size for e in b) for b in runner.make_batches(docs, cap, 1)]
        self.assertLess(len(one), len(sizes))
        # No more than BATCH_DOCUMENTS a batch, however small the documents.
        tiny = [Entry("t%05d.txt" % i, None, False, 10) for i in range(5000)]
        self.assertEqual([len(b) for b in runner.make_batches(tiny, cap, 2)],
                         [runner.BATCH_DOCUMENTS, runner.BATCH_DOCUMENTS, 1000])


class PartFileTest(unittest.TestCase):
    """The worker's side, called here directly: a batch's records in a part
    file of their own, or in the result when the part folder cannot be
    written."""

    def setUp(self):
        sys.path.insert(0, os.path.join(S.SOURCE, "python"))
        from zhclaim import _batch
        self.batch = _batch
        names = sorted(n for n in os.listdir(S.CORPUS) if n.endswith(".txt"))[:6]
        items = [(os.path.join(S.CORPUS, n), None, None, 0) for n in names]
        items.insert(2, (os.path.join(S.CORPUS, "missing.txt"), "gone", None, 0))
        self.documents = _batch.Documents(items)
        self.spec = ((), (), None, False, False, ())

    def run_batch(self, part_dir, fmt="jsonl"):
        return self.batch.run_batch(self.spec, fmt, 1 << 20, 3, self.documents, part_dir)

    def test_part_file_holds_the_records(self):
        for fmt in ("jsonl", "csv"):
            inline = self.run_batch(None, fmt)
            self.assertIsNone(inline.part)
            records = b"".join(o.payload for o in inline.outcomes if o.payload)
            self.assertGreater(len(records), 1000)
            self.assertEqual(inline.outcomes[2].error, "gone")
            with S.TempDir() as d:
                r = self.run_batch(d, fmt)
                name, n = r.part
                self.assertEqual(os.listdir(d), [name])  # no .tmp left
                self.assertTrue(name.startswith("batch-3-"))
                with open(os.path.join(d, name), "rb") as f:
                    self.assertEqual(f.read(), records)
                self.assertEqual(n, len(records))
                self.assertEqual([o.payload for o in r.outcomes], [None] * 7)
                # The library did the batch in one call: each document's
                # outcome is the one made a document at a time, but its
                # claims are counted by kind for the whole batch.
                self.assertEqual([o._replace(payload=None, kinds=None) for o in inline.outcomes],
                                 [o._replace(kinds=None) for o in r.outcomes])
                self.assertEqual(r.kinds, self.kinds(inline))
                self.assertEqual([o.kinds for o in r.outcomes],
                                 [{} if o.has_result else None for o in inline.outcomes])
                # A batch run again writes a file of its own.
                again = self.run_batch(d, fmt)
                self.assertNotEqual(again.part[0], name)
                self.assertEqual(sorted(os.listdir(d)), sorted([name, again.part[0]]))

    @staticmethod
    def kinds(result):
        total = {}
        for o in result.outcomes:
            for k, n in (o.kinds or {}).items():
                total[k] = total.get(k, 0) + n
        return total

    def test_failures_in_a_part_file_batch_as_one_at_a_time(self):
        # What the library says of files it cannot read, or that are too
        # large, is what the runner says reading them itself: the
        # command's words.
        with S.TempDir() as d:
            os.mkdir(os.path.join(d, "a-folder.txt"))
            items = list(self.documents.items)
            sizes = [os.path.getsize(p) for p, problem, _, _ in items if problem is None]
            limit = sorted(sizes)[len(sizes) // 2]
            items[1:1] = [(os.path.join(d, "absent.txt"), None, None, 0),
                          (os.path.join(d, "a-folder.txt"), None, None, 0)]
            docs = self.batch.Documents(items)
            parts = os.path.join(d, "parts")
            os.mkdir(parts)
            inline = self.batch.run_batch(self.spec, "jsonl", limit, 5, docs, None)
            r = self.batch.run_batch(self.spec, "jsonl", limit, 5, docs, parts)
            self.assertIsNone(inline.part)
            self.assertIsNotNone(r.part)
            errors = [o.error for o in r.outcomes]
            self.assertEqual(errors, [o.error for o in inline.outcomes])
            self.assertEqual(errors[1], "cannot open: No such file or directory")
            self.assertEqual(errors[2], "is a directory")
            self.assertIn("gone", errors)
            too_large = [e for e in errors if e and e.startswith("larger than --max-bytes (")]
            self.assertTrue(too_large)
            self.assertEqual([o._replace(payload=None, kinds=None) for o in inline.outcomes],
                             [o._replace(kinds=None) for o in r.outcomes])
            with open(os.path.join(parts, r.part[0]), "rb") as f:
                self.assertEqual(f.read(), b"".join(o.payload for o in inline.outcomes
                                                    if o.payload))
            self.assertEqual(r.kinds, self.kinds(inline))

    def test_records_inline_when_the_folder_cannot_be_written(self):
        with S.TempDir() as d:
            for part_dir in (os.path.join(d, "not-here"), os.path.join(d, "a-file")):
                open(os.path.join(d, "a-file"), "wb").close()
                r = self.run_batch(part_dir)
                self.assertIsNone(r.part)
                self.assertEqual(r, self.run_batch(None))


if __name__ == "__main__":
    unittest.main(verbosity=2)
