#!/usr/bin/python3
"""`cmake --install` puts the package under the prefix, and the installed
package finds the installed libzhclaim (relative to itself, so a moved
prefix still works), with no ZHCLAIM_LIBRARY: the README's PYTHONPATH
recipe, followed literally."""
import json
import os
import shutil
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import zc_support as S  # noqa: E402

BUILD = os.environ.get("ZHCLAIM_BUILD_DIR", os.path.join(S.SOURCE, "build"))


class InstallTest(unittest.TestCase):
    def test_installed_package_in_a_moved_prefix(self):
        with S.TempDir() as d:
            first, moved = os.path.join(d, "prefix"), os.path.join(d, "moved")
            subprocess.run(["cmake", "--install", BUILD, "--prefix", first],
                           check=True, capture_output=True, timeout=120)
            shutil.move(first, moved)
            site = os.path.join(moved, "lib", "python3", "dist-packages")
            self.assertTrue(os.path.isfile(os.path.join(site, "zhclaim", "dask.py")))
            env = {k: v for k, v in os.environ.items()
                   if not k.startswith("ZHCLAIM_") and k != "PYTHONPATH"}
            env["PYTHONPATH"] = site
            doc = os.path.join(S.CORPUS, sorted(os.listdir(S.CORPUS))[0])
            code = ("import json, zhclaim\n"
                    "print(zhclaim.library_path)\n"
                    "print(json.dumps(zhclaim.Engine().extract(%r)))\n" % doc)
            r = subprocess.run([S.PYTHON, "-c", code], capture_output=True, env=env,
                               cwd=d, timeout=60)
            self.assertEqual(r.returncode, 0, r.stderr)
            lib, recs = r.stdout.decode().splitlines()
            self.assertTrue(lib.startswith(moved + "/"), lib)
            c = S.cli(doc)
            self.assertEqual(json.loads(recs), [json.loads(l) for l in c.stdout.splitlines()])
            self.assertGreater(len(json.loads(recs)), 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
