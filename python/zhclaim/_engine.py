"""zhclaim.Engine: the library's engine, owned by a Python object."""
import collections
import ctypes
import hashlib
import os
import stat
import threading

from . import _lib, _render


class Error(Exception):
    """A failure of the library or of reading a document.

    status is the zc_status_t number, status_name its name ("decode error"),
    message the text the zhclaim command prints after "zhclaim: " (it names
    the document). records, when not None, holds the claims that were still
    found (a plugin failed; the others' claims are kept, as the command
    keeps them)."""

    def __init__(self, status, message, records=None):
        super().__init__(message)
        self.status = status
        self.status_name = _lib.zc_status_name(status).decode()
        self.message = message
        self.records = records


def _check(status, err):
    if status != _lib.ZC_OK:
        raise Error(status, err.message.decode("utf-8", "replace"))


def _strerror(e):
    return os.strerror(e.errno) if e.errno else str(e)


def read_document(path, max_bytes=None):
    """The bytes of a file, read as the command reads it (core/text/decode.c:
    non-blocking open, so a FIFO fails instead of hanging; only regular
    files). Errors raise Error with the command's wording."""
    shown = os.fsdecode(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError as e:
        raise Error(_lib.ZC_ERR_IO, "%s: cannot open: %s" % (shown, _strerror(e)))
    try:
        try:
            st = os.fstat(fd)
        except OSError as e:
            raise Error(_lib.ZC_ERR_IO, "%s: cannot stat: %s" % (shown, _strerror(e)))
        if stat.S_ISDIR(st.st_mode):
            raise Error(_lib.ZC_ERR_IO, "%s: is a directory" % shown)
        if not stat.S_ISREG(st.st_mode):
            raise Error(_lib.ZC_ERR_IO, "%s: not a regular file" % shown)
        if max_bytes is not None and st.st_size > max_bytes:
            e = Error(_lib.ZC_ERR_LIMIT, "%s: larger than --max-bytes (%d > %d bytes)"
                      % (shown, st.st_size, max_bytes))
            e.n_bytes = st.st_size  # the command records the size it saw
            raise e
        chunks = []
        total = 0
        while True:
            try:
                b = os.read(fd, max(st.st_size + 1 - total, 1 << 16))
            except InterruptedError:
                continue
            except OSError as e:
                raise Error(_lib.ZC_ERR_IO, "%s: cannot read: %s" % (shown, _strerror(e)))
            if not b:
                break
            chunks.append(b)
            total += len(b)
            if max_bytes is not None and total > max_bytes:
                raise Error(_lib.ZC_ERR_LIMIT,
                            "%s: larger than --max-bytes (grew past %d bytes while read)"
                            % (shown, max_bytes))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _dirs(dirs):
    if not dirs:
        return None, 0
    if isinstance(dirs, (str, bytes, os.PathLike)):
        dirs = [dirs]
    arr = (ctypes.c_char_p * len(dirs))(*[os.fsencode(d) for d in dirs])
    return arr, len(dirs)


# What one document gives the runner's writer (see dask.py): the fields of
# the command's zc_doc_outcome_t, with the records already rendered.
Outcome = collections.namedtuple(
    "Outcome", "doc error n_bytes encoding sha256 payload kinds n_claims has_result")


class Engine:
    """An engine with its plugins loaded.

        with zhclaim.Engine() as engine:
            for record in engine.extract("report.txt"):
                ...

    plugin_dirs / rules_dirs: folders tried before the built-in ones (as
    --plugin-dir / --rules-dir); plugins: names to run ("rate,count" or a
    list), None for all; context: add the normalised sentence to each
    record (--context); plugin_options: "NAME.KEY=VALUE" strings or a
    {"NAME.KEY": VALUE} dict (as --plugin-opt); verbose: plugin messages too. One engine may serve
    several threads at once; close() (or leaving the with block) frees it,
    and must not race an extraction."""

    def __init__(self, plugin_dirs=None, rules_dirs=None, plugins=None, context=False,
                 verbose=False, plugin_options=None):
        self._handle = None
        cfg = _lib.EngineConfig()
        _lib.zc_engine_config_init(ctypes.byref(cfg), ctypes.sizeof(cfg))
        # Kept alive as long as the config is read (zc_engine_open copies).
        self._keep = []
        pd, npd = _dirs(plugin_dirs)
        rd, nrd = _dirs(rules_dirs)
        if pd is not None:
            cfg.plugin_dirs, cfg.n_plugin_dirs = pd, npd
            self._keep.append(pd)
        if rd is not None:
            cfg.rules_dirs, cfg.n_rules_dirs = rd, nrd
            self._keep.append(rd)
        if plugins is not None:
            if not isinstance(plugins, str):
                plugins = ",".join(plugins)
            cfg.only_plugins = plugins.encode()
        if plugin_options:
            if isinstance(plugin_options, dict):
                plugin_options = ["%s=%s" % kv for kv in plugin_options.items()]
            opts = (ctypes.c_char_p * len(plugin_options))(
                *[o.encode() for o in plugin_options])
            cfg.plugin_options, cfg.n_plugin_options = opts, len(plugin_options)
            self._keep.append(opts)
        cfg.with_sentence = 1 if context else 0
        cfg.log_level = _lib.ZC_LOG_DEBUG if verbose else _lib.ZC_LOG_WARN
        handle = ctypes.c_void_p()
        err = _lib.Error()
        _check(_lib.zc_engine_open(ctypes.byref(cfg), ctypes.byref(handle),
                                   ctypes.byref(err)), err)
        self._handle = handle
        self._lock = threading.Lock()

    # ---- lifetime ----

    def close(self):
        h, self._handle = self._handle, None
        if h is not None:
            _lib.zc_engine_close(h)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def _h(self):
        if self._handle is None:
            raise ValueError("zhclaim.Engine is closed")
        return self._handle

    # ---- the library's calls ----

    def _extract(self, doc, data):
        """The raw result (POINTER(Result)); the caller frees it."""
        res = ctypes.POINTER(_lib.Result)()
        err = _lib.Error()
        _check(_lib.zc_engine_extract(self._h(), os.fsencode(doc), data, len(data),
                                      ctypes.byref(res), ctypes.byref(err)), err)
        return res

    @staticmethod
    def _failures(res, doc):
        """The command's message for plugins that failed, or None."""
        r = res.contents
        if not r.n_failures:
            return None
        names = ", ".join("%s (%s)" % (r.failures[i].plugin.decode(),
                                       _lib.zc_status_name(r.failures[i].status).decode())
                          for i in range(r.n_failures))
        return "plugin failed: " + names

    def extract_bytes(self, doc, data):
        """The records of a document given as bytes; doc names it in the
        records and in errors. Spans index data."""
        if isinstance(data, str):
            data = data.encode()
        res = self._extract(doc, bytes(data))
        try:
            recs = _render.records(res)
            failed = self._failures(res, doc)
            if failed:
                raise Error(7, "%s: %s" % (os.fsdecode(doc), failed), recs)
            return recs
        finally:
            _lib.zc_result_free(res)

    def extract(self, path):
        """The records of a file, each a dict equal to json.loads of the
        zhclaim command's JSON Lines record; doc is path as given. Errors
        carry the message the command prints for the same path."""
        try:
            os.stat(path)
        except OSError as e:
            # What the command's walk says of a path it cannot stat.
            raise Error(_lib.ZC_ERR_IO, "%s: %s" % (os.fsdecode(path), _strerror(e)))
        return self.extract_bytes(path, read_document(path))

    def normalize(self, path):
        """The normalised text plugins see (zhclaim normalize PATH)."""
        data = read_document(path)
        text = ctypes.c_void_p()
        n = ctypes.c_size_t()
        err = _lib.Error()
        _check(_lib.zc_normalize(self._h(), os.fsencode(path), data, len(data),
                                 ctypes.byref(text), ctypes.byref(n), ctypes.byref(err)), err)
        try:
            return ctypes.string_at(text, n.value).decode("utf-8", "surrogateescape")
        finally:
            _lib.libc_free(text)

    def plugins(self):
        """The plugins loaded, as `zhclaim plugins` lists them."""
        out = []
        h = self._h()
        for i in range(_lib.zc_engine_plugin_count(h)):
            p = _lib.zc_engine_plugin(h, i).contents
            kinds = []
            k = 0
            while p.kinds and p.kinds[k] is not None:
                kinds.append(p.kinds[k].decode())
                k += 1
            options = []
            k = 0
            while p.options and p.options[k].name is not None:
                o = p.options[k]
                options.append({"name": o.name.decode(),
                                "default": o.default_value.decode() if o.default_value else None,
                                "doc": o.doc.decode() if o.doc else None})
                k += 1
            out.append({"name": p.name.decode(), "version": p.version.decode(),
                        "description": p.description.decode() if p.description else "",
                        "kinds": kinds, "file": p.file.decode() if p.file else None,
                        "abi": (p.abi_major, p.abi_minor), "options": options})
        return out

    # ---- the runner's task ----

    def outcome(self, doc, data=None, problem=None, fmt="jsonl", max_bytes=None):
        """One document as the command's doc_task.c handles it: read (unless
        data is given), fingerprint (sqlite), extract, render for fmt. A
        failure is an Outcome with error set, never an exception."""
        shown = os.fsdecode(doc)
        if problem is not None:
            return Outcome(shown, problem, 0, None, None, None, None, 0, False)
        n_bytes = 0
        sha = None
        try:
            if data is None:
                data = read_document(doc, max_bytes)
            elif max_bytes is not None and len(data) > max_bytes:
                n_bytes = len(data)
                raise Error(_lib.ZC_ERR_LIMIT, "%s: larger than --max-bytes (%d > %d bytes)"
                            % (shown, len(data), max_bytes))
            n_bytes = len(data)
            if fmt == "sqlite":
                sha = hashlib.sha256(data).hexdigest()
            res = self._extract(doc, data)
        except Error as e:
            n_bytes = n_bytes or getattr(e, "n_bytes", 0)
            return Outcome(shown, _without_doc(e.message, shown), n_bytes, None, sha,
                           None, None, 0, False)
        try:
            r = res.contents
            kinds = _kind_counts(r)
            if fmt == "jsonl":
                payload = _render.render_jsonl(res)
            elif fmt == "csv":
                payload = _render.render_csv(res)
            else:
                payload = _render.sqlite_rows(res)
            return Outcome(shown, self._failures(res, doc), n_bytes,
                           r.encoding.decode(), sha, payload, kinds, r.n_claims, True)
        finally:
            _lib.zc_result_free(res)


    def write_records(self, docs, fmt, max_bytes, fd):
        """Read, extract and render the files named in docs (paths, as
        the walk gives them) in one call of the library
        (zc_records_extract_files), appending their records in fmt
        ("jsonl" or "csv") to the descriptor fd. Returns (outcomes,
        written, kinds): an Outcome for each document, as outcome() makes
        it but without payload and with kinds {}, the bytes written, and
        {kind: claims} over them all. Writing to fd failing raises OSError;
        memory running out, MemoryError."""
        n = len(docs)
        arr = (_lib.RecordsDoc * n)()
        names = [os.fsencode(d) for d in docs]  # alive as long as arr is read
        for i, name in enumerate(names):
            arr[i].path = name
        written = ctypes.c_size_t()
        kinds_p = ctypes.POINTER(_lib.RecordsKind)()
        n_kinds = ctypes.c_size_t()
        err = _lib.Error()
        status = _lib.zc_records_extract_files(
            self._h(), arr, n, ctypes.sizeof(_lib.RecordsDoc), max_bytes or 0,
            _lib.ZC_RECORDS_CSV if fmt == "csv" else _lib.ZC_RECORDS_JSONL, fd,
            ctypes.byref(written), ctypes.byref(kinds_p), ctypes.byref(n_kinds),
            ctypes.byref(err))
        if status == _lib.ZC_ERR_IO:
            raise OSError(err.message.decode("utf-8", "replace"))
        if status == _lib.ZC_ERR_NOMEM:
            raise MemoryError(err.message.decode("utf-8", "replace"))
        _check(status, err)
        try:
            kinds = {}
            for i in range(n_kinds.value):
                k = kinds_p[i]
                kinds[k.kind.decode()] = k.n_claims
        finally:
            _lib.zc_records_kinds_free(kinds_p, n_kinds.value)
        outcomes = []
        for doc, d in zip(docs, arr):
            ok = bool(d.has_result)
            outcomes.append(Outcome(os.fsdecode(doc), d.error.decode("utf-8", "replace") or None,
                                    d.n_bytes, d.encoding.decode() if ok else None, None, None,
                                    {} if ok else None, d.n_claims, ok))
        return outcomes, written.value, kinds


_KIND_OFFSET = _lib.Claim.kind.offset
_WORD = ctypes.sizeof(ctypes.c_size_t)


def _kind_counts(r):
    """{kind: claims} of a Result. The library gives the claims of one kind
    from one plugin one string, so the kind pointers are counted (at C
    speed, through an array view and Counter) and each distinct string is
    read once."""
    if not r.n_claims:
        return {}
    # A struct of pointers is a whole number of words long, so the claims
    # are an array of words and each kind is every step-th word.
    step = (r.claim_size or ctypes.sizeof(_lib.Claim)) // _WORD
    words = (ctypes.c_size_t * (r.n_claims * step)).from_address(r.claims)
    pointers = collections.Counter(words[_KIND_OFFSET // _WORD::step])
    kinds = {}
    for p, n in pointers.items():
        k = ctypes.string_at(p).decode()
        kinds[k] = kinds.get(k, 0) + n
    return kinds


def _without_doc(message, doc):
    """The reason alone: the command prints the path beside it."""
    prefix = doc + ": "
    return message[len(prefix):] if message.startswith(prefix) else message
