"""What the Python tests share: where things are, and running the command
and the runner side by side. Every expectation is taken from the zhclaim
command at test time, never from a stored copy of its output."""
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import tempfile

SOURCE = os.environ.get("ZHCLAIM_SOURCE_DIR",
                        os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
BINARY = os.environ.get("ZHCLAIM_BINARY", os.path.join(SOURCE, "build", "zhclaim"))
CORPUS = os.path.join(SOURCE, "corpus")
PYTHON = "/usr/bin/python3"  # Debian's, with python3-distributed and pandas
TIMEOUT = 240
# Bytes every decoder refuses (a NUL first, every control byte).
BINARY_BYTES = bytes(range(256))


def env():
    e = dict(os.environ)
    e["PYTHONPATH"] = os.path.join(SOURCE, "python") + (
        os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    return e


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, timeout=kw.pop("timeout", TIMEOUT),
                          env=kw.pop("env", env()), **kw)


def cli(*args):
    return run([BINARY, "extract", "-j1"] + list(args))


def runner(*args, env_extra=None):
    e = env()
    e.update(env_extra or {})
    return run([PYTHON, "-m", "zhclaim.dask"] + list(args), env=e)


def messages(stderr):
    """The zhclaim: lines of stderr, without the summary (its timing
    differs) and without Dask's own log lines."""
    return [l for l in stderr.decode("utf-8", "replace").splitlines()
            if l.startswith("zhclaim: ") and not _is_summary(l)]


def summary(stderr):
    lines = [l for l in stderr.decode().splitlines() if _is_summary(l)]
    # Without the seconds and MB/s, which differ run to run.
    return [l.rsplit(", ", 2)[0] for l in lines]


def part_file_line(stderr):
    """(batches whose records came in a part file, batches) from the
    runner's -v line."""
    for l in stderr.decode("utf-8", "replace").splitlines():
        m = re.match(r"zhclaim: records of (\d+) of (\d+) batches came through part files$", l)
        if m:
            return int(m.group(1)), int(m.group(2))
    raise AssertionError("no part file line in: %s" % stderr.decode()[-2000:])


def _is_summary(line):
    return line.startswith("zhclaim: ") and " documents, " in line and " errors, " in line


def dump(db):
    return subprocess.run(["sqlite3", db, ".dump"], capture_output=True, check=True,
                          timeout=60).stdout


def db_pragmas(db):
    return subprocess.run(["sqlite3", db, "PRAGMA application_id; PRAGMA user_version;"],
                          capture_output=True, check=True, timeout=60).stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_tree(root):
    """A folder with what the walk must get right: nesting, sorting by
    bytes, hidden files, other extensions, .md/.text, a link loop, a
    dangling link, a FIFO named like a report, and a binary file, beside
    copies of corpus documents."""
    names = sorted(n for n in os.listdir(CORPUS) if n.endswith(".txt"))
    os.makedirs(os.path.join(root, "b", "inner"))
    os.makedirs(os.path.join(root, "A"))
    for i, n in enumerate(names[:8]):
        sub = ("b", "A", os.path.join("b", "inner"), "")[i % 4]
        shutil.copy(os.path.join(CORPUS, n), os.path.join(root, sub, n))
    shutil.copy(os.path.join(CORPUS, names[8]), os.path.join(root, "notes.md"))
    shutil.copy(os.path.join(CORPUS, names[9]), os.path.join(root, "Z.text"))
    shutil.copy(os.path.join(CORPUS, names[10]), os.path.join(root, ".hidden.txt"))
    shutil.copy(os.path.join(CORPUS, names[11]), os.path.join(root, "data.csv"))
    with open(os.path.join(root, "b", "broken.txt"), "wb") as f:
        f.write(BINARY_BYTES)
    open(os.path.join(root, "empty.txt"), "wb").close()
    os.symlink("..", os.path.join(root, "b", "up"))
    os.symlink("nowhere.txt", os.path.join(root, "dangling.txt"))
    os.mkfifo(os.path.join(root, "A", "pipe.txt"))
    return root


class TempDir:
    def __enter__(self):
        self.path = tempfile.mkdtemp(prefix="zhclaim-py-")
        return self.path

    def __exit__(self, *exc):
        shutil.rmtree(self.path, ignore_errors=True)
