"""Running a corpus on a cluster: dask.distributed, or any concurrent.futures executor.

:func:`~respcompare.corpus.review_many` and :func:`~respcompare.reuse.build_index` take
``executor=``: any :class:`concurrent.futures.Executor`. A thread or process pool runs them on
one machine; dask's ``client.get_executor()`` runs them on a cluster (``pip install
'respcompare[dask]'``). The results are the same as a serial run, in the same order:

* ``review_many`` sends cases out in batches and keeps a bounded number of batches in flight
  (:func:`executor_slots` per slot, four each), so memory stays bounded on a large corpus;
* ``build_index`` is a map and a reduce: each chunk of responses is tokenised, hashed and
  sorted on a worker (:func:`~respcompare.reuse.shingle_shard`), and the sorted shards are
  merged (:func:`~respcompare.reuse.merge_shards`, associative, so it can run as a tree on
  the cluster too) before the postings and boilerplate shares are computed.

Recipe (a cluster of your own, or :func:`local_cluster` on one machine)::

    import respcompare as rc
    from respcompare.distributed import local_cluster
    from respcompare.reuse import build_index, documents

    with local_cluster(n_workers=4) as client:     # or dask.distributed.Client("tcp://host:8786")
        pool = client.get_executor()
        rs = rc.review_many(rc.load_corpus("petitions/"), executor=pool)
        index = build_index(documents(rc.load_corpus("petitions/")), executor=pool)

Workers import respcompare, so install it (and its version) on every worker. Nothing here
needs the network beyond the cluster's own connections: :func:`local_cluster` listens on
loopback only and starts no dashboard.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator
from concurrent.futures import Executor
from typing import Any

from .errors import InputError, OptionalDependencyError

__all__ = ["executor_slots", "local_cluster"]


def executor_slots(executor: Executor | None) -> int:
    """How many tasks ``executor`` runs at once: a pool's ``max_workers``, the threads of a
    dask cluster's workers, 1 without an executor; 2 when it cannot tell.

    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(max_workers=3) as pool:
    ...     executor_slots(pool)
    3
    >>> executor_slots(None)
    1
    """
    if executor is None:
        return 1
    workers = getattr(executor, "_max_workers", None)
    if isinstance(workers, int) and workers > 0:
        return workers
    client = getattr(executor, "_client", None)  # dask's ClientExecutor
    nthreads = getattr(client, "nthreads", None)
    if callable(nthreads):
        try:
            threads = sum(int(n) for n in nthreads().values())
        except Exception:  # a closed or unreachable cluster: fall back, submit will say why
            threads = 0
        if threads > 0:
            return threads
    return 2


@contextlib.contextmanager
def local_cluster(
    n_workers: int = 2,
    *,
    threads_per_worker: int = 1,
    processes: bool = True,
    memory_limit: str | int = "auto",
) -> Iterator[Any]:
    """A dask cluster on this machine, as a ``dask.distributed.Client`` (a context manager).

    Workers are separate processes (``processes=True``) with ``threads_per_worker`` threads
    each; the scheduler and workers listen on 127.0.0.1 only, and no dashboard is started,
    so nothing is reachable from the network. Needs ``pip install 'respcompare[dask]'``.
    """
    for name, value in (("n_workers", n_workers), ("threads_per_worker", threads_per_worker)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InputError(f"local_cluster: {name} must be a whole number >= 1, got {value!r}")
    try:  # typed Any: dask's own annotations are partial
        dd: Any = importlib.import_module("dask.distributed")
    except ImportError:
        raise OptionalDependencyError(
            "local_cluster needs dask.distributed: pip install 'respcompare[dask]'"
        ) from None
    with (
        dd.LocalCluster(
            n_workers=n_workers,
            threads_per_worker=threads_per_worker,
            processes=processes,
            host="127.0.0.1",
            protocol="tcp://",
            dashboard_address=None,
            memory_limit=memory_limit,
        ) as cluster,
        dd.Client(cluster) as client,
    ):
        yield client
