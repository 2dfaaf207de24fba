"""Dask's version report, without importing numpy and pandas to make it.

Every Dask client, scheduler and worker sends a report of its packages'
versions when it connects (distributed.versions.get_versions), and the
report lists numpy, pandas and lz4 by importing them. The runner uses
none of the three: importing numpy and pandas took 0.12 to 0.13 s and
28 MB in the client (which hosts a local cluster's scheduler), and as
long again in each local worker, as it registered, on the way to the
first batch.

Importing this module (the runner's client does, and a local cluster's
fork server, so its workers inherit it) makes the report read the version
of such a package from its installed metadata (importlib.metadata, a few
milliseconds), which for Debian's packages is the module's own
__version__, so the report says what it said before and Dask's mismatch
check sees no difference from workers that imported them. A package
already imported, or one without metadata, is reported as Dask reports
it. Nothing is changed when distributed does not look as expected.
"""
import importlib.metadata
import sys

try:
    import distributed.versions as _dv
    _original = _dv.get_package_info
    _optional = frozenset(name for name, _ in _dv.optional_packages)
except (ImportError, AttributeError, TypeError, ValueError):
    _dv = None


def _package_info(pkgs):
    rest, found = [], {}
    for pkg in pkgs:
        name = pkg[0] if isinstance(pkg, (tuple, list)) else pkg
        if name in _optional and name not in sys.modules:
            try:
                found[name] = importlib.metadata.version(name)
                continue
            except (importlib.metadata.PackageNotFoundError, ValueError):
                pass
        rest.append(pkg)
    info = _original(rest)
    info.update(found)
    return info


if _dv is not None and getattr(_original, "__module__", None) == _dv.__name__:
    _dv.get_package_info = _package_info
