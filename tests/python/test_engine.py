#!/usr/bin/python3
"""zhclaim.Engine against the zhclaim command: the same records on all of
corpus/, the same errors, the same text; thread safety; to_dataframe."""
import collections
import concurrent.futures
import json
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import zc_support as S  # noqa: E402

sys.path.insert(0, os.path.join(S.SOURCE, "python"))
import zhclaim  # noqa: E402


def cli_records(paths, *opts):
    r = S.cli(*opts, *paths)
    assert r.returncode == 0, r.stderr
    by_doc = collections.OrderedDict()
    for line in r.stdout.splitlines():
        rec = json.loads(line)
        by_doc.setdefault(rec["doc"], []).append(rec)
    return by_doc


def corpus_files():
    return [e.path for e in zhclaim.walk([S.CORPUS]) if e.problem is None]


class EngineTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.engine = zhclaim.Engine()

    @classmethod
    def tearDownClass(cls):
        cls.engine.close()

    def test_records_equal_cli_on_corpus(self):
        files = corpus_files()
        self.assertGreater(len(files), 10)
        expected = cli_records([S.CORPUS])
        total = 0
        for path in files:
            got = self.engine.extract(path)
            self.assertEqual(got, expected.get(path, []), path)
            total += len(got)
        self.assertEqual(total, sum(len(v) for v in expected.values()))
        self.assertGreater(total, 100)

    def test_context_records_equal_cli(self):
        expected = cli_records([S.CORPUS], "--context")
        with zhclaim.Engine(context=True) as e:
            for path in corpus_files():
                got = e.extract(path)
                self.assertEqual(got, expected.get(path, []), path)
                self.assertTrue(all("sentence" in r for r in got))

    def test_only_some_plugins(self):
        expected = cli_records([S.CORPUS], "--plugins", "rate,count")
        with zhclaim.Engine(plugins=["rate", "count"]) as e:
            for path in corpus_files():
                self.assertEqual(e.extract(path), expected.get(path, []), path)
            self.assertEqual(sorted(p["name"] for p in e.plugins()), ["count", "rate"])

    def test_extract_bytes_names_the_document(self):
        path = corpus_files()[0]
        with open(path, "rb") as f:
            data = f.read()
        recs = self.engine.extract_bytes("other/name.txt", data)
        self.assertEqual(recs, [dict(r, doc="other/name.txt") for r in self.engine.extract(path)])

    def test_values_keep_their_exact_decimal(self):
        recs = [r for p in corpus_files() for r in self.engine.extract(p)]
        frac = [r["value"] for r in recs if isinstance(r["value"], float)]
        self.assertTrue(frac)
        for v in frac:
            self.assertEqual(float(v.exact), v)
            self.assertIn(".", v.exact)

    def test_decode_error_is_the_cli_message(self):
        with S.TempDir() as d:
            bad = os.path.join(d, "broken.txt")
            with open(bad, "wb") as f:
                f.write(S.BINARY_BYTES)
            with self.assertRaises(zhclaim.Error) as cm:
                self.engine.extract(bad)
            r = S.cli(bad)
            self.assertEqual(r.returncode, 1)
            self.assertEqual(S.messages(r.stderr), ["zhclaim: " + cm.exception.message])
            self.assertEqual(cm.exception.status_name, "decode error")
            self.assertTrue(cm.exception.message.startswith(bad + ": "))

    def test_missing_file_is_the_cli_message(self):
        missing = os.path.join(S.CORPUS, "no-such-report.txt")
        with self.assertRaises(zhclaim.Error) as cm:
            self.engine.extract(missing)
        self.assertEqual(cm.exception.status_name, "i/o error")
        r = S.cli(missing)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(S.messages(r.stderr), ["zhclaim: " + cm.exception.message])
        self.assertIn("No such file or directory", cm.exception.message)

    def test_extract_bytes_error_status(self):
        with self.assertRaises(zhclaim.Error) as cm:
            self.engine.extract_bytes("mem.txt", S.BINARY_BYTES)
        self.assertEqual(cm.exception.status, 3)  # ZC_ERR_DECODE
        self.assertEqual(str(cm.exception), cm.exception.message)
        self.assertTrue(cm.exception.message.startswith("mem.txt: "))

    def test_normalize_equals_cli(self):
        path = corpus_files()[3]
        r = subprocess.run([S.BINARY, "normalize", path], capture_output=True, check=True,
                           timeout=60)
        self.assertEqual(self.engine.normalize(path).encode(), r.stdout)

    def test_plugins_listed_as_the_cli_lists_them(self):
        r = subprocess.run([S.BINARY, "plugins"], capture_output=True, check=True, timeout=60)
        listed = r.stdout.decode()
        plugins = self.engine.plugins()
        self.assertGreaterEqual(len(plugins), 5)
        for p in plugins:
            self.assertIn("%s %s (ABI %d.%d)" % (p["name"], p["version"], *p["abi"]), listed)
            self.assertIn("file: " + p["file"], listed)

    def test_closed_engine_refuses(self):
        e = zhclaim.Engine()
        e.close()
        e.close()  # twice is fine
        with self.assertRaises(ValueError):
            e.extract(corpus_files()[0])

    def test_threads_share_one_engine(self):
        files = corpus_files() * 4
        serial = [self.engine.extract(p) for p in files]
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            threaded = list(pool.map(self.engine.extract, files))
        self.assertEqual(threaded, serial)

    def test_to_dataframe(self):
        try:
            import pandas  # noqa: F401
        except ImportError:
            self.fail("python3-pandas is a test dependency (scripts/install-deps.sh)")
        recs = [r for p in corpus_files() for r in self.engine.extract(p)]
        df = zhclaim.to_dataframe(recs)
        self.assertEqual(len(df), len(recs))
        self.assertEqual(str(df["start_byte"].dtype), "int64")
        self.assertEqual(str(df["end_byte"].dtype), "int64")
        self.assertEqual(str(df["value"].dtype), "float64")
        self.assertEqual(list(df["start_byte"]), [r["span"][0] for r in recs])
        self.assertEqual(list(df["value_exact"]), [str(r["value"].exact) for r in recs])
        with_range = [i for i, r in enumerate(recs) if "range" in r]
        if with_range:
            self.assertEqual(df["range_low"][with_range[0]], recs[with_range[0]]["range"][0])


if __name__ == "__main__":
    unittest.main(verbosity=2)
