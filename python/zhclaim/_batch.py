"""The task a Dask worker runs: one batch of documents with its engine.

A separate module (not zhclaim.dask, which runs as __main__ under
`python3 -m`) so that workers import the function by name. Each worker
process opens one Engine per configuration and reuses it for every batch
(an engine is thread-safe, so the worker's threads share it).
"""
import os
import signal
import threading

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


def _maybe_die(index):
    """Test hook: ZHCLAIM_TEST_DASK_KILL=MARKER:K makes the first worker to
    run batch K kill itself with SIGKILL (a crash, an OOM kill), once: the
    marker file, created atomically, tells the retry to go on."""
    hook = os.environ.get("ZHCLAIM_TEST_DASK_KILL")
    if not hook:
        return
    marker, _, k = hook.rpartition(":")
    if str(index) != k:
        return
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return
    os.kill(os.getpid(), signal.SIGKILL)


def run_batch(spec, fmt, max_bytes, index, items):
    """items: (path, problem, data, size) per document; data is None when
    the worker reads the file itself (a shared file system). Returns the
    documents' Outcomes, in order."""
    _maybe_die(index)
    engine = _engine(spec)
    out = []
    for path, problem, data, size in items:
        o = engine.outcome(path, data, problem, fmt, max_bytes)
        if problem is not None and size:
            o = o._replace(n_bytes=size)
        out.append(o)
    return out
