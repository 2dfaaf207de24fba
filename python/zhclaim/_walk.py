"""The documents under the paths named, as `zhclaim extract` finds them.

A mirror of core/cli/file_walk.c, so that the runner's document order (and
so its output) is the command's: files are taken as named; folders are
walked recursively, entries sorted by byte value, names starting with "."
skipped, keeping files whose base name matches an include glob (fnmatch(3)
itself, flags 0) and no exclude glob. A folder link back to a folder above
(a loop) or to one already walked is not followed, a file reached twice is
listed once, and each is noted; what is not a regular file is a problem
(the document fails) and is never opened.
"""
import collections
import errno
import os
import stat

from . import _lib

# The default --include globs, from the library (zc_document_glob), so the
# runner takes what `zhclaim extract` takes: the formats the library reads.
DEFAULT_INCLUDE = _lib.document_globs()

# path: str as the user would name it; problem: None for a document, else
# why it fails; is_note: a note only (not a document, not an error);
# size: bytes as stat saw them.
Entry = collections.namedtuple("Entry", "path problem is_note size")


def _matches_any(name, globs):
    return any(_lib.libc_fnmatch(g, name, 0) == 0 for g in globs)


class _Walk:
    def __init__(self, include, exclude):
        enc = lambda gs: [os.fsencode(g) for g in gs]
        self.include = enc(include) if include else enc(DEFAULT_INCLUDE)
        self.exclude = enc(exclude or ())
        self.seen = set()        # every folder walked
        self.ancestors = []      # the folders above the current one
        self.files = set()       # every file listed
        self.out = []

    def wanted(self, name):
        return _matches_any(name, self.include) and not _matches_any(name, self.exclude)

    def add(self, path, problem=None, is_note=False, size=0):
        self.out.append(Entry(os.fsdecode(path), problem, is_note, size))

    def walk_dir(self, path):
        try:
            names = os.listdir(path)
        except OSError as e:
            self.add(path, "cannot open folder: " + os.strerror(e.errno))
            return
        sep = b"" if path.endswith(b"/") else b"/"
        for name in sorted(n for n in names if not n.startswith(b".")):
            self.walk_path(path + sep + name, False)

    def walk_path(self, path, is_root):
        base = path.rsplit(b"/", 1)[-1]
        try:
            st = os.stat(path)
        except OSError as e:
            if e.errno == errno.ELOOP and not is_root and not self.wanted(base):
                self.add(path, "symbolic link loop, not followed", True)
                return
            # A dangling link inside a folder is noise unless it looks like
            # a document; a missing root is always an error.
            if not is_root and not self.wanted(base):
                return
            if e.errno == errno.ELOOP:
                why = "symbolic link loop (%s)" % os.strerror(e.errno)
            else:
                why = os.strerror(e.errno)
            self.add(path, why)
            return
        key = (st.st_dev, st.st_ino)
        if stat.S_ISDIR(st.st_mode):
            if key in self.ancestors:
                self.add(path, "symbolic link loop (to a folder above it), not followed", True)
                return
            if key in self.seen:
                self.add(path, "folder already walked through another path, "
                               "not walked again", True)
                return
            self.seen.add(key)
            self.ancestors.append(key)
            self.walk_dir(path)
            self.ancestors.pop()
            return
        if not is_root and not self.wanted(base):
            return
        if not stat.S_ISREG(st.st_mode):
            self.add(path, "not a regular file")
            return
        if key in self.files:
            self.add(path, "file already listed through another path, not read again", True)
            return
        self.files.add(key)
        self.add(path, None, False, st.st_size)


def walk(paths, include=None, exclude=None):
    """The entries under paths (files or folders, in the order given): a
    list of Entry(path, problem, is_note, size)."""
    w = _Walk(include, exclude)
    for p in paths:
        w.walk_path(os.fsencode(p), True)
    return w.out
