"""python3 -m zhclaim.dask: `zhclaim extract` spread over a Dask cluster.

    python3 -m zhclaim.dask PATH... -o OUT [--workers N | --scheduler tcp://HOST:PORT]
                            [--format jsonl|csv|sqlite] [--batch-bytes B] [--ship-bytes]

The paths are walked as `zhclaim extract` walks them (zhclaim.walk), the
documents cut into batches of about --batch-bytes, and each batch run by a
Dask worker, which opens one Engine per process and reuses it. Results are
written in document order through a bounded reorder buffer (at most
--window batches are submitted or waiting at once), so the output is
byte-identical to `zhclaim extract -j1` on the same paths, and the client
never holds the records of the whole run. A worker that dies costs only
time: extraction is pure, Dask runs the lost batch again, and the output is
the same.

With --workers N a local cluster of N worker processes is started; with
--scheduler the run uses a running dask-scheduler and its dask-workers.
Workers read the documents from the paths the client names, which needs a
file system they share with it; --ship-bytes has the client read each
document and send its bytes instead.

With -o FILE (JSON Lines or CSV) a worker that can write to the client's
part folder beside FILE writes each batch's records to a part file there,
which the client appends (copy_file_range) and deletes; the records then
never cross Dask's comms. Other workers, and every worker with
--no-part-files, send the records back in the result.

Exit status as the command's: 0, 1 when some document failed (each is
named on stderr), 2 for usage or a fatal error.
"""
import argparse
import concurrent.futures
import errno
import importlib.util
import os
import shutil
import sys
import tempfile
import time

from . import _batch, _engine, _walk

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2
# Batches are larger when the records come in part files: the client then
# holds only their names, whatever the size of a batch; when the records
# come back through Dask it holds up to --window batches of them.
DEFAULT_BATCH_BYTES = 4 << 20
PART_FILE_BATCH_BYTES = 16 << 20
DEFAULT_MAX_BYTES = 256 << 20  # the command's --max-bytes default
BATCH_DOCUMENTS = 2000         # and at most this many documents a batch


def _format_name(name):
    if name in ("jsonl", "json"):
        return "jsonl"
    if name == "csv":
        return "csv"
    if name in ("sqlite", "sqlite3", "db"):
        return "sqlite"
    return None


def _is_db_name(path):
    return path is not None and os.path.splitext(path)[1] in (".sqlite", ".sqlite3", ".db")


def _positive(s):
    try:
        v = int(s, 10)
    except ValueError:
        v = 0
    if v <= 0:
        raise argparse.ArgumentTypeError("wants a positive number, not '%s'" % s)
    return v


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="python3 -m zhclaim.dask",
        description="zhclaim extract on a Dask cluster: the same records, in the same "
                    "order, byte for byte.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files and folders")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="write to OUT (renamed into place when done; a .sqlite, .sqlite3 "
                        "or .db name means --format sqlite); default stdout")
    p.add_argument("-f", "--format", help="jsonl (default), csv or sqlite")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="use a running dask-scheduler (workers on a shared file system, "
                        "or --ship-bytes)")
    g.add_argument("--workers", type=_positive, metavar="N",
                   help="start a local cluster of N worker processes (default: the CPUs)")
    p.add_argument("--batch-bytes", type=_positive, metavar="B",
                   help="bytes of documents per task (default 16 MiB when the records "
                        "come in part files and the workers read the documents, else 4 MiB)")
    p.add_argument("--window", type=_positive, metavar="K",
                   help="batches submitted or waiting to be written at once "
                        "(default 2 per worker + 2): bounds the client's memory")
    p.add_argument("--ship-bytes", action="store_true",
                   help="send each document's bytes from the client (no shared file system)")
    p.add_argument("--no-part-files", action="store_true",
                   help="send the records back through Dask even when the workers could "
                        "write them beside the output (a shared file system)")
    p.add_argument("--include", action="append", metavar="GLOB",
                   help="take files whose name matches (default %s)"
                        % " ".join(_walk.DEFAULT_INCLUDE))
    p.add_argument("--exclude", action="append", metavar="GLOB",
                   help="skip files whose name matches")
    p.add_argument("--context", action="store_true",
                   help="add the normalised sentence to each record")
    p.add_argument("--max-bytes", type=_positive, default=DEFAULT_MAX_BYTES, metavar="N",
                   help="skip documents larger than N bytes (default 256 MiB)")
    p.add_argument("--plugins", metavar="a,b", help="run only these plugins")
    p.add_argument("--plugin-dir", action="append", default=[], metavar="DIR",
                   help="also load plugins from DIR (the workers' path)")
    p.add_argument("--plugin-opt", action="append", default=[], metavar="NAME.KEY=VALUE",
                   help="an option for a plugin (as zhclaim extract --plugin-opt)")
    p.add_argument("--rules-dir", action="append", default=[], metavar="DIR",
                   help="also read rules from DIR (the workers' path)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
    p.add_argument("-v", "--verbose", action="store_true", help="plugin messages too")
    a = p.parse_args(argv)
    if a.format is not None:
        a.fmt = _format_name(a.format)
        if a.fmt is None:
            p.error("unknown format '%s' (jsonl, csv or sqlite)" % a.format)
    else:
        a.fmt = "sqlite" if _is_db_name(a.output) else "jsonl"
    if a.fmt == "sqlite" and (a.output is None or a.output == "-"):
        p.error("--format sqlite needs -o FILE")
    return a


# ---- output ----

class TextSink:
    """JSON Lines or CSV to stdout, to a device as it is, or to a
    temporary file renamed into place when the run is complete.

    With parts, a file output also has a part folder beside it (part_dir,
    an absolute path; None otherwise), where workers that share the file
    system write each batch's records for splice() to append."""

    def __init__(self, path, header, parts=False):
        self.final = self.tmp = self.part_dir = None
        if path is None or path == "-":
            self.out = sys.stdout.buffer
        elif os.path.exists(path) and not os.path.isfile(path):
            self.out = open(path, "wb")
        else:
            self.final = path
            self.tmp = "%s.tmp.%d" % (path, os.getpid())
            self.out = open(self.tmp, "wb", buffering=1 << 20)
            if parts:
                try:
                    self.part_dir = tempfile.mkdtemp(
                        prefix=os.path.basename(path) + ".parts.",
                        dir=os.path.dirname(os.path.abspath(path)))
                except OSError:
                    self.part_dir = None  # the records come back through Dask
        if header:
            self.out.write(header)

    def write(self, o):
        if o.payload:
            self.out.write(o.payload)

    def splice(self, part):
        """Append the records of a part file, (name, bytes) as the worker
        reported it, and delete it. The kernel copies them
        (copy_file_range): they never pass through this process's memory."""
        name, n_bytes = part
        path = os.path.join(self.part_dir, os.path.basename(name))
        self.out.flush()
        with open(path, "rb") as src:
            size = os.fstat(src.fileno()).st_size
            if size != n_bytes:
                raise RuntimeError("part file %s: %d bytes, but the worker wrote %d"
                                   % (path, size, n_bytes))
            _copy_fd(src.fileno(), self.out.fileno(), n_bytes)
        os.unlink(path)

    def close(self, commit=True):
        if self.part_dir is not None:
            # With what a batch run twice (after a worker died) left.
            shutil.rmtree(self.part_dir, ignore_errors=True)
        try:
            self.out.flush()
        finally:
            if self.out is not sys.stdout.buffer:
                self.out.close()
        if self.final:
            if commit:
                os.rename(self.tmp, self.final)
            else:
                os.unlink(self.tmp)


def _copy_fd(src, dst, n):
    """Copy n bytes from src to dst at their offsets; in the kernel where it
    can (copy_file_range: same file system, Linux 4.5 on), else through a
    buffer."""
    while n > 0:
        try:
            k = os.copy_file_range(src, dst, n)
        except OSError as e:
            if e.errno not in (errno.EXDEV, errno.ENOSYS, errno.EOPNOTSUPP, errno.EINVAL,
                               errno.EBADF):
                raise
            break
        if k == 0:
            raise RuntimeError("a part file ended %d bytes early" % n)
        n -= k
    while n > 0:
        b = os.read(src, min(n, 1 << 20))
        if not b:
            raise RuntimeError("a part file ended %d bytes early" % n)
        _write_all(dst, b)
        n -= len(b)


def _write_all(fd, b):
    view = memoryview(b)
    while view:
        view = view[os.write(fd, view):]


class Progress:
    """The command's bar (core/cli/progress.c) on a terminal; nothing else."""

    def __init__(self, enabled, total_docs, total_bytes):
        self.out = sys.stderr if enabled and sys.stderr.isatty() else None
        self.total_docs, self.total_bytes = total_docs, total_bytes
        self.done_bytes = 0.0
        self.start = self.last = time.monotonic()
        self.drawn = False

    def step(self, docs, n_bytes):
        self.done_bytes += n_bytes
        if not self.out or (self.drawn and time.monotonic() - self.last < 0.1):
            return
        self.last = time.monotonic()
        secs = self.last - self.start
        rate = self.done_bytes / 1e6 / secs if secs > 0 else 0.0
        frac = (self.done_bytes / self.total_bytes if self.total_bytes > 0
                else docs / max(self.total_docs, 1))
        frac = min(frac, 1.0)
        bar = "#" * int(frac * 24) + "-" * (24 - int(frac * 24))
        eta = "--:--"
        if frac > 0:
            s = int(secs * (1 - frac) / frac + 0.5)
            eta = "%d:%02d:%02d" % (s // 3600, s // 60 % 60, s % 60) if s >= 3600 \
                else "%d:%02d" % (s // 60, s % 60)
        self.out.write("\r\033[K[%s] %d/%d docs  %.1f MB/s  ETA %s"
                       % (bar, docs, self.total_docs, rate, eta))
        self.out.flush()
        self.drawn = True

    def clear(self):
        if self.out and self.drawn:
            self.out.write("\r\033[K")
            self.out.flush()
            self.drawn = False


class Stats:
    def __init__(self):
        self.documents = self.claims = self.failed = 0
        self.part_files = 0  # batches whose records came in a part file
        self.bytes = 0.0
        self.kinds = {}

    def add_kinds(self, kinds):
        for k, n in kinds.items():
            self.kinds[k] = self.kinds.get(k, 0) + n

    def line(self, seconds):
        kinds = sorted(self.kinds.items(), key=lambda kv: kv[0].encode())
        s = "zhclaim: %d documents, %d claims" % (self.documents, self.claims)
        if kinds:
            s += " (" + ", ".join("%s %d" % kv for kv in kinds) + ")"
        s += ", %d errors" % self.failed
        s += ", %.2f s, %.1f MB/s" % (seconds, self.bytes / 1e6 / seconds if seconds > 0 else 0.0)
        return s


# ---- the run ----

MIN_BATCH_BYTES = 256 << 10


def make_batches(entries, batch_bytes, n_workers=1):
    """Consecutive documents, cut after about batch_bytes (or
    BATCH_DOCUMENTS documents): a list of lists of Entry. Towards the end
    the batches get smaller (a quarter of what is left per worker, down to
    MIN_BATCH_BYTES), so that the workers finish together instead of one
    running a last whole batch while the others wait."""
    remaining = sum(e.size for e in entries)
    batches, cur, size = [], [], 0
    limit = batch_bytes
    for e in entries:
        if not cur:
            limit = min(batch_bytes, max(remaining // (4 * n_workers), MIN_BATCH_BYTES))
        cur.append(e)
        size += e.size
        if size >= limit or len(cur) >= BATCH_DOCUMENTS:
            batches.append(cur)
            remaining -= size
            cur, size = [], 0
    if cur:
        batches.append(cur)
    return batches


def default_batch_bytes(part_dir, ship_bytes):
    """--batch-bytes when not given: PART_FILE_BATCH_BYTES when the records
    are to come in part files and the workers read the documents (nothing
    of a batch's size then passes through the client), else
    DEFAULT_BATCH_BYTES. On the 200 MB bench with part files, 16 MiB
    batches took 4.0 s where 4 MiB ones took 4.4 (fewer tasks: less of the
    client's, the scheduler's and the workers' time per task)."""
    if part_dir is not None and not ship_bytes:
        return PART_FILE_BATCH_BYTES
    return DEFAULT_BATCH_BYTES


def _documents(batch, ship, max_bytes):
    """What a task receives for a batch: a _batch.Documents of (path,
    problem, data, size); with ship, the bytes read here (a read failure
    travels as a problem)."""
    items = []
    for e in batch:
        if e.problem is not None or not ship:
            items.append((e.path, e.problem, None, 0))
            continue
        try:
            items.append((e.path, None, _engine.read_document(e.path, max_bytes), 0))
        except _engine.Error as err:
            items.append((e.path, _engine._without_doc(err.message, e.path), None,
                          getattr(err, "n_bytes", 0)))
    return _batch.Documents(items)


# What a local cluster's fork server imports before it forks the workers:
# Dask and the worker's side of this package, once for all of them (see
# _versions for why that module is first).
_FORK_SERVER_PRELOAD = ["zhclaim._versions", "distributed", "zhclaim._batch"]


def _start_fork_server():
    """Start the fork server of a local cluster's worker processes now,
    before this process imports Dask: the server's own import of Dask
    (0.3 s) then runs beside the client's instead of after it, when the
    cluster asks for its first worker.

    The worker processes are forked from this server instead of each
    starting a fresh interpreter (spawn): they end with os._exit instead
    of the interpreter's teardown, which made closing the cluster take
    0.2 s instead of 0.02. What the server imports is set here, before
    Dask's get_mp_context() would set its own list (every optional package
    it knows, pandas among them: 0.16 s more in this process and the
    server); _connect() tells Dask it is set."""
    import multiprocessing
    import multiprocessing.forkserver
    multiprocessing.get_context("forkserver").set_forkserver_preload(_FORK_SERVER_PRELOAD)
    multiprocessing.forkserver.ensure_running()


def _connect(args):
    import logging
    from . import _versions  # noqa: F401  (before the client reports its versions)
    from distributed import Client, LocalCluster
    if args.scheduler:
        return Client(args.scheduler, timeout=30), None
    n = args.workers or len(os.sched_getaffinity(0))
    # Dask's workers sample their threads' stacks every 10 ms for the
    # dashboard's profile, which this cluster does not serve: on the bench
    # that sampling took a sixth of each worker's time.
    import dask
    import distributed.utils
    dask.config.set({"distributed.worker.profile.enabled": False,
                     "distributed.worker.multiprocessing-method": "forkserver"})
    # run() has started the fork server with its own list: Dask must not
    # set one (a private flag; if Dask renames it, only speed is lost).
    if not getattr(distributed.utils, "_forkserver_preload_set", True):
        distributed.utils._forkserver_preload_set = True
    cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)
    return Client(cluster), cluster


def run(args):
    t0 = time.monotonic()
    if importlib.util.find_spec("distributed") is None:
        print("zhclaim: the Dask runner needs distributed (apt-get install "
              "python3-distributed)", file=sys.stderr)
        return EXIT_USAGE
    if not args.scheduler:
        _start_fork_server()
    from distributed import as_completed
    from . import _render, _sqlite

    try:
        if args.fmt == "sqlite":
            sink = _sqlite.SqliteSink(args.output)
        else:
            sink = TextSink(args.output, _render.CSV_HEADER if args.fmt == "csv" else None,
                            parts=not args.no_part_files)
    except (OSError, _sqlite.SinkError) as e:
        print("zhclaim: %s" % (e if isinstance(e, _sqlite.SinkError) else
                               "%s: cannot create: %s" % (e.filename, e.strerror)),
              file=sys.stderr)
        return EXIT_USAGE

    # Connecting, and above all starting a local cluster's worker
    # processes, is mostly waiting: the paths are walked meanwhile.
    connecting = concurrent.futures.ThreadPoolExecutor(1).submit(_connect, args)
    spec = (tuple(args.plugin_dir), tuple(args.rules_dir), args.plugins, args.context,
            args.verbose, tuple(args.plugin_opt))
    stats = Stats()
    progress = Progress(False, 0, 0)
    batches = []
    fatal = None
    client = cluster = None
    try:
        docs = []
        for e in _walk.walk(args.paths, args.include, args.exclude):
            if e.is_note:
                print("zhclaim: %s: %s" % (e.path, e.problem), file=sys.stderr)
            else:
                docs.append(e)
        records_on_tty = (args.fmt != "sqlite" and args.output in (None, "-")
                          and sys.stdout.isatty())
        progress = Progress(not args.quiet and not records_on_tty, len(docs),
                            float(sum(e.size for e in docs)))
        client, cluster = connecting.result()
        part_dir = getattr(sink, "part_dir", None)
        n_workers = max(len(client.scheduler_info().get("workers", {})), 1)
        batch_bytes = args.batch_bytes or default_batch_bytes(part_dir, args.ship_bytes)
        batches[:] = make_batches(docs, batch_bytes, n_workers)
        window = args.window or 2 * n_workers + 2
        token = "%d-%d" % (os.getpid(), int(time.time() * 1e6))
        pending = as_completed()
        index_of = {}
        done = {}
        next_submit = next_write = 0

        def submit():
            nonlocal next_submit
            while next_submit < len(batches) and next_submit - next_write < window:
                i = next_submit
                f = client.submit(_batch.run_batch, spec, args.fmt, args.max_bytes, i,
                                  _documents(batches[i], args.ship_bytes, args.max_bytes), part_dir,
                                  key="zhclaim-batch-%s-%d" % (token, i), pure=False)
                index_of[f.key] = i
                pending.add(f)
                next_submit += 1

        submit()
        for f in pending:
            i = index_of.pop(f.key)
            try:
                done[i] = f.result()
            except Exception as e:  # the cluster gave up on the batch
                raise RuntimeError("batch %d (%s ...) failed on the cluster: %s: %s"
                                   % (i, batches[i][0].path, type(e).__name__, e))
            f.release()
            while next_write in done:
                result = done.pop(next_write)
                for o in result.outcomes:
                    write_outcome(o, sink, stats, progress)
                stats.add_kinds(result.kinds)
                if result.part is not None:
                    sink.splice(result.part)
                    stats.part_files += 1
                next_write += 1
            submit()
    except (RuntimeError, OSError, _sqlite.SinkError) as e:
        fatal = str(e)
    except KeyboardInterrupt:
        fatal = "interrupted; " + ("the documents written are kept"
                                   if args.fmt == "sqlite" else "no output written")
    finally:
        progress.clear()
        if client is None:  # the run ended while connecting
            try:
                client, cluster = connecting.result()
            except Exception:
                pass
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    if fatal:
        print("zhclaim: %s" % fatal, file=sys.stderr)
    try:
        # A database keeps its complete documents; a text file is only put
        # in place when the run is complete.
        sink.close(commit=not fatal or args.fmt == "sqlite")
    except (OSError, _sqlite.SinkError) as e:
        print("zhclaim: %s" % e, file=sys.stderr)
        fatal = fatal or str(e)
    if args.verbose:
        print("zhclaim: records of %d of %d batches came through part files"
              % (stats.part_files, len(batches)), file=sys.stderr)
    if not args.quiet:
        print(stats.line(time.monotonic() - t0), file=sys.stderr)
    return EXIT_USAGE if fatal else EXIT_PARTIAL if stats.failed else EXIT_OK


def write_outcome(o, sink, stats, progress):
    stats.documents += 1
    if o.error is not None:
        stats.failed += 1
        progress.clear()
        print("zhclaim: %s: %s" % (o.doc, o.error), file=sys.stderr)
    if o.has_result:
        stats.bytes += o.n_bytes
        stats.claims += o.n_claims
    sink.write(o)
    progress.step(stats.documents, o.n_bytes)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    return run(args)


def exit_now(status):
    """End the process with status at once, as `python3 -m zhclaim.dask`
    does once main() has returned: the output is closed and the cluster
    too, and the interpreter's own teardown after Dask (its hundreds of
    modules and their objects freed one by one) would add 0.1 to 0.3 s to
    every run for nothing."""
    for f in (sys.stdout, sys.stderr):
        try:
            f.flush()
        except (OSError, ValueError):
            pass
    os._exit(status)


if __name__ == "__main__":
    exit_now(main())
