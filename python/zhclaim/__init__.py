"""zhclaim: quantified claims in Chinese government reports, from Python.

    import zhclaim
    with zhclaim.Engine() as engine:
        records = engine.extract("report.txt")   # dicts, as the JSON Lines
    df = zhclaim.to_dataframe(records)           # with pandas installed

A ctypes binding of libzhclaim (include/zhclaim/zhclaim.h): no compiled
extension. `python3 -m zhclaim.dask` runs extraction on a Dask cluster.
"""
from ._engine import Engine, Error, read_document
from ._lib import library_path
from ._render import ExactFloat, ExactInt
from ._walk import DEFAULT_INCLUDE, walk
from ._frame import to_dataframe
from . import _lib as _l

__all__ = ["Engine", "Error", "to_dataframe", "walk", "read_document", "version",
           "library_path", "DEFAULT_INCLUDE", "ExactInt", "ExactFloat"]


def version():
    """The library's version at run time ("0.2.0")."""
    return _l.zc_version().decode()
