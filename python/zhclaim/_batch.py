"""The task a Dask worker runs: one batch of documents with its engine.

A separate module (not zhclaim.dask, which runs as __main__ under
`python3 -m`) so that workers import the function by name. Each worker
process opens one Engine per configuration and reuses it for every batch
(an engine is thread-safe, so the worker's threads share it).

A batch's rendered records go back to the client one of two ways. When the
client names a part folder (beside its output) and this worker can write
there, which means the two share a file system, the records are written to
a part file of their own and only its name travels back, so the records
never cross Dask's comms. Otherwise (the folder is not on this machine, it
is not writable, the disk is full) they travel back inside the result.
"""
import collections
import os
import signal
import threading
import uuid

from . import _lib
from ._engine import Engine

_engines = {}
_lock = threading.Lock()


def _engine(spec):
    with _lock:
        e = _engines.get(spec)
        if e is None:
            if not _engines:
                _lib.keep_heap()
            plugin_dirs, rules_dirs, plugins, context, verbose, options = spec
            e = Engine(list(plugin_dirs) or None, list(rules_dirs) or None, plugins,
                       context, verbose, list(options))
            _engines[spec] = e
        return e


def _maybe_die(index, moment):
    """Test hook: ZHCLAIM_TEST_DASK_KILL=MARKER:K makes the first worker to
    run batch K kill itself with SIGKILL (a crash, an OOM kill) as it
    starts the batch, MARKER:K:written once it has written the batch's part
    file; once: the marker file, created atomically, tells the retry to go
    on."""
    hook = os.environ.get("ZHCLAIM_TEST_DASK_KILL")
    if not hook:
        return
    marker, k = hook.rsplit(":", 1)
    when = "start"
    if k in ("start", "written"):
        marker, k, when = hook.rsplit(":", 2)
    if str(index) != k or when != moment:
        return
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return
    os.kill(os.getpid(), signal.SIGKILL)


class Documents:
    """A batch's documents, (path, problem, data, size) each, as one opaque
    argument of the task. On the client, Dask looks for futures inside
    every list, tuple and dict a task is given, item by item (twice); inside
    a plain object it does not. Profiled (yappi), that walk over the
    documents was the client's largest single cost on the bench; its real
    share without the profiler was too small to measure apart."""

    __slots__ = ("items",)

    def __init__(self, items):
        self.items = items


# What a batch gives the client: its documents' Outcomes in order; part,
# the (name, bytes) of the part file in the part folder holding the
# batch's records, or None when the records are the Outcomes' payloads;
# kinds, {kind: claims} over the batch (an Outcome's own kinds are {} when
# the library counted them for the whole batch).
BatchResult = collections.namedtuple("BatchResult", "outcomes part kinds")


def _part_file(part_dir, index):
    """A new part file for batch index, open for writing under its .tmp
    name: (fd, tmp path, final name), or None when this worker cannot
    create one.

    The name is new for every run of the batch (a uuid): a batch run again
    after a worker died writes a file of its own, and the client reads only
    the file named in the result it received. The file is written under a
    .tmp name and renamed when complete, so a name without .tmp is always a
    whole file."""
    name = "batch-%d-%s" % (index, uuid.uuid4().hex)
    tmp = os.path.join(part_dir, name + ".tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    except OSError:
        return None
    return fd, tmp, name


def _write_part(part_dir, index, fill):
    """A new part file of part_dir for batch index, filled by fill(fd):
    (name, what fill returned), or None when this worker cannot write it
    (part_dir is not on its machine, not writable, the disk is full); then
    nothing of it is left."""
    made = _part_file(part_dir, index)
    if made is None:
        return None
    fd, tmp, name = made
    try:
        try:
            got = fill(fd)
        finally:
            os.close(fd)
        os.rename(tmp, os.path.join(part_dir, name))
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return None
    return name, got


def write_part(part_dir, index, payloads):
    """Write payloads, one after the other, to a new part file: (name,
    bytes), or None (see _write_part())."""
    def fill(fd):
        with open(fd, "wb", buffering=1 << 20, closefd=False) as f:
            for p in payloads:
                f.write(p)
        return sum(len(p) for p in payloads)
    return _write_part(part_dir, index, fill)


def run_batch(spec, fmt, max_bytes, index, documents, part_dir=None):
    """documents: a Documents of (path, problem, data, size); data is None
    when the worker reads the file itself (a shared file system). part_dir:
    the client's part folder, or None; a database's records never go
    through one. Returns a BatchResult."""
    _maybe_die(index, "start")
    engine = _engine(spec)
    items = documents.items
    parts = part_dir if fmt != "sqlite" else None
    result = None
    if parts is not None and all(data is None for _, _, data, _ in items):
        # The worker reads the files and the records go to a part file:
        # the library does the whole batch in one call, as the command's
        # own workers would.
        result = _files_to_part(engine, parts, index, items, fmt, max_bytes)
        parts = None  # if it could not be written, a second try would fail too
    if result is None:
        result = _one_at_a_time(engine, parts, index, items, fmt, max_bytes)
    if result.part is not None:
        _maybe_die(index, "written")
    return result


def _one_at_a_time(engine, part_dir, index, items, fmt, max_bytes):
    """run_batch's way for documents the client sent, or when the library
    cannot do the batch: each document extracted and rendered by itself,
    the records then written to a part file when part_dir is given and can
    be written, else left in the Outcomes."""
    out = []
    kinds = {}
    for path, problem, data, size in items:
        o = engine.outcome(path, data, problem, fmt, max_bytes)
        if problem is not None and size:
            o = o._replace(n_bytes=size)
        for k, n in (o.kinds or {}).items():
            kinds[k] = kinds.get(k, 0) + n
        out.append(o)
    part = None
    if part_dir is not None:
        part = write_part(part_dir, index, [o.payload for o in out if o.payload])
    if part is not None:
        out = [o._replace(payload=None) for o in out]
    return BatchResult(out, part, kinds)


def _files_to_part(engine, part_dir, index, items, fmt, max_bytes):
    """run_batch's way when the library can do the batch: the documents
    the walk found a problem with fail here, as Engine.outcome() fails
    them; the others are read, extracted and written to a part file in one
    call (Engine.write_records). A BatchResult, or None when the part file
    cannot be written."""
    paths = [path for path, problem, _, _ in items if problem is None]
    done = _write_part(part_dir, index,
                       lambda fd: engine.write_records(paths, fmt, max_bytes, fd))
    if done is None:
        return None
    name, (extracted, written, kinds) = done
    extracted = iter(extracted)
    outcomes = [next(extracted) if problem is None else engine.outcome(path, None, problem)
                for path, problem, _, _ in items]
    return BatchResult(outcomes, (name, written), kinds)
