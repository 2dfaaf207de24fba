#!/usr/bin/python3
"""Run `python3 -m zhclaim.dask ARGS...` in this process and print, last on
stderr, "client peak RSS: N KB": the client's own peak (RUSAGE_SELF), not
its local cluster's worker processes, which /usr/bin/time would fold in."""
import resource
import sys

from zhclaim import dask as runner

# The guard matters: a local cluster starts its workers with multiprocessing,
# which imports this file again in each child; unguarded, every child would
# start a run (and a cluster) of its own.
if __name__ == "__main__":
    status = runner.main(sys.argv[1:])
    print("client peak RSS: %d KB" % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
          file=sys.stderr)
    runner.exit_now(status)  # as python3 -m zhclaim.dask ends
