#!/usr/bin/python3
"""python3 -m zhclaim.dask against a real dask-scheduler and two real
dask-worker processes on 127.0.0.1 (random free ports, started and stopped
here, every wait bounded): the output is the bytes of `zhclaim extract
-j1`, and still is when one worker is killed with SIGKILL mid-run."""
import os
import signal
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import zc_support as S  # noqa: E402

START_SECONDS = 60


class Cluster:
    """dask-scheduler plus n dask-worker processes (no nanny: a worker
    killed stays dead, so its batch must be run again by the other)."""

    def __init__(self, n_workers=2, worker_env=None):
        self.port = S.free_port()
        self.address = "tcp://127.0.0.1:%d" % self.port
        self.log_dir = S.TempDir()
        logs = self.log_dir.__enter__()
        self.procs = []
        self.sched = self._start(["dask-scheduler", "--host", "127.0.0.1", "--port",
                                  str(self.port), "--no-dashboard"],
                                 os.path.join(logs, "scheduler.log"), S.env())
        env = S.env()
        env.update(worker_env or {})
        self.workers = [
            self._start(["dask-worker", self.address, "--host", "127.0.0.1", "--nthreads", "1",
                         "--no-nanny", "--no-dashboard", "--death-timeout", "60",
                         "--local-directory", os.path.join(logs, "w%d" % i)],
                        os.path.join(logs, "worker%d.log" % i), env)
            for i in range(n_workers)]
        self._wait_for_workers(n_workers)

    def _start(self, cmd, log, env):
        f = open(log, "wb")
        p = subprocess.Popen(cmd, stdout=f, stderr=subprocess.STDOUT, env=env)
        f.close()
        self.procs.append(p)
        return p

    def _wait_for_workers(self, n):
        code = ("from distributed import Client\n"
                "c = Client(%r, timeout=%d)\n"
                "c.wait_for_workers(%d, timeout=%d)\n"
                "print(len(c.scheduler_info()['workers']))\n"
                "c.close()\n" % (self.address, START_SECONDS, n, START_SECONDS))
        r = S.run([S.PYTHON, "-c", code], timeout=2 * START_SECONDS + 30)
        if r.returncode != 0 or r.stdout.strip() != str(n).encode():
            self.stop()
            raise RuntimeError("the cluster did not start: %s" % r.stderr.decode()[-2000:])

    def stop(self):
        for p in reversed(self.procs):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 20
        for p in self.procs:
            try:
                p.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=10)
        self.log_dir.__exit__(None, None, None)


def compare(test, cluster, fmt, paths, runner_only=()):
    with S.TempDir() as d:
        want, got = os.path.join(d, "cli." + fmt), os.path.join(d, "dask." + fmt)
        c = S.cli("-f", fmt, "-o", want, *paths)
        r = S.runner("-f", fmt, "-o", got, "--scheduler", cluster.address,
                     "--batch-bytes", "8192", *runner_only, *paths)
        test.assertEqual(r.returncode, c.returncode, r.stderr.decode()[-3000:])
        if fmt == "sqlite":
            test.assertEqual(S.dump(got), S.dump(want))
        else:
            with open(want, "rb") as f1, open(got, "rb") as f2:
                w = f1.read()
                test.assertGreater(len(w), 1000)
                test.assertEqual(f2.read(), w)
        test.assertEqual(S.messages(r.stderr), S.messages(c.stderr))
        test.assertEqual(S.summary(r.stderr), S.summary(c.stderr))
        # The part folder is gone, with any part file of a batch run twice.
        test.assertEqual(sorted(os.listdir(d)), sorted(["cli." + fmt, "dask." + fmt]))
        return r


class SchedulerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cluster = Cluster(2)

    @classmethod
    def tearDownClass(cls):
        cls.cluster.stop()

    def test_jsonl(self):
        compare(self, self.cluster, "jsonl", [S.CORPUS])

    def test_csv_ship_bytes(self):
        compare(self, self.cluster, "csv", [S.CORPUS], ["--ship-bytes"])

    def test_no_shared_file_system(self):
        # As on a cluster without one: documents sent by the client, records
        # sent back through Dask.
        compare(self, self.cluster, "jsonl", [S.CORPUS], ["--ship-bytes", "--no-part-files"])

    def test_sqlite(self):
        compare(self, self.cluster, "sqlite", [S.CORPUS])

    def test_failing_document(self):
        with S.TempDir() as d:
            r = compare(self, self.cluster, "jsonl", [S.make_tree(os.path.join(d, "t"))])
            self.assertEqual(r.returncode, 1)
            self.assertTrue(any("broken.txt" in m for m in S.messages(r.stderr)))


class WorkerKilledTest(unittest.TestCase):
    """The first worker to take batch 5 kills itself with SIGKILL (the test
    hook in zhclaim._batch), once: as it starts the batch, or once it has
    written the batch's part file (which the client must then never read)."""

    def killed(self, when, fmt):
        with S.TempDir() as d:
            marker = os.path.join(d, "killed")
            cluster = Cluster(2, {"ZHCLAIM_TEST_DASK_KILL": marker + ":5" + when})
            try:
                r = compare(self, cluster, fmt, [S.CORPUS])
                self.assertTrue(os.path.exists(marker), "the kill hook never fired")
                codes = [w.poll() for w in cluster.workers]
                self.assertIn(-signal.SIGKILL, codes)  # one worker really died
                self.assertIn(None, codes)             # and the other did the rest
                return r
            finally:
                cluster.stop()

    def test_output_unchanged_when_a_worker_dies(self):
        self.killed("", "jsonl")

    def test_output_unchanged_when_a_worker_dies_after_writing_its_part(self):
        self.killed(":written", "csv")


if __name__ == "__main__":
    unittest.main(verbosity=2)
