"""The ctypes view of libzhclaim (include/zhclaim/zhclaim.h and plugin.h)
and of libzhclaim-records (records.h), the command's own writers.

Only functions declared in the public headers are used, since only those
are exported. The structs mirror the headers field for field; results are
read by stepping through claims with the library's claim_size (zc_result_t
0.2), never this module's sizeof, so a library with longer claims still
reads right.

The library is found, in order: $ZHCLAIM_LIBRARY (a file); the install
location relative to this package (written by `cmake --install` into
_install.py); a build tree beside the source tree (python/../build); the
dynamic loader's own search (libzhclaim.so.0). libzhclaim-records is
taken from the folder libzhclaim came from (the build tree and an install
keep them together), else from the loader's search.
"""
import ctypes
import ctypes.util
import os

c_size_t = ctypes.c_size_t
c_char_p = ctypes.c_char_p
c_int = ctypes.c_int
c_void_p = ctypes.c_void_p

# zc_status_t, in header order.
STATUS_NAMES = ("ok", "nomem", "io", "decode", "invalid", "pattern", "limit",
                "plugin", "not_found")
ZC_OK = 0
ZC_ERR_NOMEM = 1
ZC_ERR_IO = 2
ZC_ERR_LIMIT = 6

ZC_LOG_WARN = 1
ZC_LOG_DEBUG = 3


class Decimal(ctypes.Structure):
    _fields_ = [("mantissa", ctypes.c_int64), ("exponent", ctypes.c_int32)]


class Error(ctypes.Structure):
    _fields_ = [("status", c_int), ("message", ctypes.c_char * 512)]


class Claim(ctypes.Structure):
    _fields_ = [
        ("doc", c_char_p), ("kind", c_char_p), ("plugin", c_char_p),
        ("start_byte", c_size_t), ("end_byte", c_size_t), ("text", c_char_p),
        ("value", Decimal), ("unit", c_char_p), ("approx", c_int),
        ("has_range", c_int), ("range_low", Decimal), ("range_high", Decimal),
        ("subject", c_char_p), ("metric", c_char_p), ("has_from", c_int),
        ("from_", Decimal), ("sentence", c_char_p),
    ]


class PluginFailure(ctypes.Structure):
    _fields_ = [("plugin", c_char_p), ("status", c_int)]


class ClaimPlace(ctypes.Structure):
    _fields_ = [("page", ctypes.c_uint), ("has_bbox", c_int),
                ("bbox", ctypes.c_double * 4)]


class Result(ctypes.Structure):
    _fields_ = [
        ("doc", c_char_p), ("encoding", c_char_p), ("n_bytes", c_size_t),
        ("claims", c_void_p), ("n_claims", c_size_t),
        ("failures", ctypes.POINTER(PluginFailure)), ("n_failures", c_size_t),
        # 0.2
        ("claim_size", c_size_t), ("format", c_char_p),
        ("places", c_void_p), ("place_size", c_size_t),
        ("warnings", ctypes.POINTER(c_char_p)), ("n_warnings", c_size_t),
    ]


MESSAGE_FN = ctypes.CFUNCTYPE(None, c_void_p, c_int, c_char_p)


class EngineConfig(ctypes.Structure):
    _fields_ = [
        ("struct_size", c_size_t),
        ("plugin_dirs", ctypes.POINTER(c_char_p)), ("n_plugin_dirs", c_size_t),
        ("rules_dirs", ctypes.POINTER(c_char_p)), ("n_rules_dirs", c_size_t),
        ("only_plugins", c_char_p), ("with_sentence", c_int),
        ("on_message", MESSAGE_FN), ("message_user", c_void_p),
        ("log_level", c_int), ("no_default_dirs", c_int), ("no_plugins", c_int),
        # 0.2
        ("plugin_options", ctypes.POINTER(c_char_p)), ("n_plugin_options", c_size_t),
    ]


class PluginOption(ctypes.Structure):
    _fields_ = [("name", c_char_p), ("default_value", c_char_p), ("doc", c_char_p)]


class PluginInfo(ctypes.Structure):
    _fields_ = [
        ("name", c_char_p), ("version", c_char_p), ("description", c_char_p),
        ("kinds", ctypes.POINTER(c_char_p)), ("file", c_char_p),
        ("abi_major", ctypes.c_uint), ("abi_minor", ctypes.c_uint),
        ("options", ctypes.POINTER(PluginOption)),
    ]


LIBRARY_SONAME = "libzhclaim.so.0"


def _candidates():
    env = os.environ.get("ZHCLAIM_LIBRARY")
    if env:
        yield env
        return  # named explicitly: no silent fallback to another copy
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        from . import _install  # written by cmake --install
        yield os.path.normpath(os.path.join(here, _install.LIB_REL, LIBRARY_SONAME))
    except ImportError:
        pass
    build = os.path.join(here, "..", "..", "build", LIBRARY_SONAME)
    if os.path.exists(build):
        yield os.path.normpath(build)
    yield LIBRARY_SONAME


def _load():
    tried = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
    raise ImportError("zhclaim: cannot load libzhclaim; tried " + "; ".join(tried)
                      + ". Set ZHCLAIM_LIBRARY to the library's path.")


lib, library_path = _load()

RECORDS_SONAME = "libzhclaim-records.so.0"


def _load_records():
    beside = os.path.join(os.path.dirname(library_path), RECORDS_SONAME)
    tried = []
    for path in ((beside,) if os.path.dirname(library_path) else ()) + (RECORDS_SONAME,):
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
    raise ImportError("zhclaim: cannot load libzhclaim-records, which is installed "
                      "beside libzhclaim; tried " + "; ".join(tried))


records_lib = _load_records()


def _fn(name, restype, *argtypes, of=None):
    f = getattr(of or lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)
    return f


zc_version = _fn("zc_version", c_char_p)
zc_status_name = _fn("zc_status_name", c_char_p, c_int)
zc_approx_symbol = _fn("zc_approx_symbol", c_char_p, c_int)
zc_decimal_format = _fn("zc_decimal_format", c_size_t, Decimal, c_char_p, c_size_t)
zc_result_free = _fn("zc_result_free", None, ctypes.POINTER(Result))
# Never zc_engine_config_default: it returns the struct by value, at a size
# this module cannot know; zc_engine_config_init writes only ours.
zc_engine_config_init = _fn("zc_engine_config_init", None, ctypes.POINTER(EngineConfig),
                            c_size_t)
zc_engine_open = _fn("zc_engine_open", c_int, ctypes.POINTER(EngineConfig),
                     ctypes.POINTER(c_void_p), ctypes.POINTER(Error))
zc_engine_close = _fn("zc_engine_close", None, c_void_p)
zc_engine_plugin_count = _fn("zc_engine_plugin_count", c_size_t, c_void_p)
zc_engine_plugin = _fn("zc_engine_plugin", ctypes.POINTER(PluginInfo), c_void_p, c_size_t)
zc_engine_extract = _fn("zc_engine_extract", c_int, c_void_p, c_char_p, c_char_p,
                        c_size_t, ctypes.POINTER(ctypes.POINTER(Result)),
                        ctypes.POINTER(Error))
zc_normalize = _fn("zc_normalize", c_int, c_void_p, c_char_p, c_char_p, c_size_t,
                   ctypes.POINTER(c_void_p), ctypes.POINTER(c_size_t),
                   ctypes.POINTER(Error))

zc_document_glob = _fn("zc_document_glob", c_char_p, c_size_t)

ZC_RECORDS_JSONL, ZC_RECORDS_CSV = 0, 1
zc_records_render = _fn("zc_records_render", c_int, ctypes.POINTER(Result), c_int,
                        ctypes.POINTER(c_void_p), ctypes.POINTER(c_size_t), of=records_lib)
zc_records_free = _fn("zc_records_free", None, c_void_p, of=records_lib)
zc_records_csv_header = _fn("zc_records_csv_header", c_char_p, of=records_lib)


class RecordsDoc(ctypes.Structure):
    _fields_ = [("path", c_char_p), ("status", c_int), ("has_result", c_int),
                ("n_bytes", c_size_t), ("n_claims", c_size_t),
                ("encoding", ctypes.c_char * 32), ("error", ctypes.c_char * 600)]


class RecordsKind(ctypes.Structure):
    _fields_ = [("kind", c_char_p), ("n_claims", c_size_t)]


zc_records_extract_files = _fn(
    "zc_records_extract_files", c_int, c_void_p, ctypes.POINTER(RecordsDoc), c_size_t,
    c_size_t, c_size_t, c_int, c_int, ctypes.POINTER(c_size_t),
    ctypes.POINTER(ctypes.POINTER(RecordsKind)), ctypes.POINTER(c_size_t),
    ctypes.POINTER(Error), of=records_lib)
zc_records_kinds_free = _fn("zc_records_kinds_free", None, ctypes.POINTER(RecordsKind),
                            c_size_t, of=records_lib)


def document_globs():
    """The file-name globs of the formats the library reads, in its order."""
    out, i = [], 0
    while True:
        g = zc_document_glob(i)
        if g is None:
            return tuple(out)
        out.append(g.decode())
        i += 1


# The text zc_normalize() returns is the caller's to free() with the C
# library's allocator.
_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
libc_free = _libc.free
libc_free.restype = None
libc_free.argtypes = [c_void_p]
# fnmatch(3), so that --include/--exclude globs mean what they mean to the
# zhclaim command (Python's fnmatch differs in corner cases).
libc_fnmatch = _libc.fnmatch
libc_fnmatch.restype = c_int
libc_fnmatch.argtypes = [c_char_p, c_char_p, c_int]

APPROX = tuple(zc_approx_symbol(i).decode() for i in range(6))


# mallopt(3) parameters (malloc.h).
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_KEEP_HEAP = 32 << 20


def keep_heap():
    """Tune this process's heap as the zhclaim command tunes its own
    (core/cli/main.c): every document allocates and frees buffers of tens
    to hundreds of KiB, and glibc's defaults (and Dask's nanny, which sets
    MALLOC_TRIM_THRESHOLD_=65536) hand them back to the kernel at once, so
    the next document faults them in again. Measured in a Dask worker, the
    page faults cost a quarter of its time. For processes that do nothing
    but extract: the runner's workers call it, an Engine does not."""
    _libc.mallopt(_M_TRIM_THRESHOLD, _KEEP_HEAP)
    _libc.mallopt(_M_MMAP_THRESHOLD, _KEEP_HEAP)
