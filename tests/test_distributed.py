"""review_many and the reuse index on a real dask cluster: two worker processes on loopback.

The cluster is local (``LocalCluster(n_workers=2, processes=True)`` through
``respcompare.distributed.local_cluster``: 127.0.0.1 only, no dashboard), so the suite stays
offline; dask is installed by the ``test`` extra, so this runs in CI. Each result must equal
the serial run exactly.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import respcompare as rc
from respcompare import reuse
from respcompare.distributed import executor_slots, local_cluster

from .conftest import PETITIONS


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with local_cluster(n_workers=2, processes=True, threads_per_worker=1) as c:
        yield c


def _index_arrays(index: reuse.ReuseIndex) -> dict[str, Any]:
    return {
        "word_counts": index.word_counts,
        "hashes": index.hashes,
        "offsets": index.offsets,
        "post_doc": index.post_doc,
        "post_pos": index.post_pos,
        "boilerplate_share": index.boilerplate_share,
    }


def test_the_cluster_is_local_processes_without_dashboard(client: Any) -> None:
    info = client.scheduler_info()
    workers = info["workers"]
    assert len(workers) == 2
    assert all(addr.startswith("tcp://127.0.0.1:") for addr in workers)
    assert client.scheduler.address.startswith("tcp://127.0.0.1:")
    # dask keeps a small HTTP server (health, metrics) on the scheduler; it listens on
    # loopback and serves no dashboard
    port = info["services"]["dashboard"]
    with pytest.raises(urllib.error.HTTPError, match="404"):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=10)
    # worker processes, not threads of this one
    import os

    pids = set(client.run(os.getpid).values())
    assert len(pids) == 2 and os.getpid() not in pids
    assert executor_slots(client.get_executor()) == 2


def test_review_many_on_the_cluster_equals_the_serial_run(client: Any) -> None:
    cases = [rc.load_petition(p) for p in PETITIONS[:6]]
    serial = rc.review_many(cases, progress=False)
    spread = rc.review_many(cases, progress=False, executor=client.get_executor(), batch_size=2)
    assert len(spread) == len(serial) == 6 and spread.errors == serial.errors == ()
    assert spread.to_records() == serial.to_records()
    assert [r.to_dict() for r in spread] == [r.to_dict() for r in serial]


def test_reuse_index_on_the_cluster_equals_the_serial_run(client: Any) -> None:
    cases = [rc.load_petition(p) for p in PETITIONS]
    docs = list(reuse.documents(cases))
    serial = reuse.build_index(docs, min_docs=2)
    spread = reuse.build_index(docs, min_docs=2, chunk_size=7, executor=client.get_executor())
    for name, value in _index_arrays(serial).items():
        other = _index_arrays(spread)[name]
        assert other.dtype == value.dtype, name
        assert np.array_equal(other, value, equal_nan=True), name
    assert spread.catalogue() == serial.catalogue()
    assert spread.catalogue(), "the fixtures share stock text: the catalogue is not empty"


def test_shards_merge_as_a_tree_on_the_cluster(client: Any) -> None:
    """Map on the workers, reduce pairwise on the workers: the same as one local merge."""
    texts = [d.text for d in reuse.documents(rc.load_petition(p) for p in PETITIONS)]
    chunks = [texts[i : i + 6] for i in range(0, len(texts), 6)]
    futures = [client.submit(reuse.shingle_shard, c, shingle=8, pure=False) for c in chunks]
    while len(futures) > 1:
        pairs = [futures[i : i + 2] for i in range(0, len(futures), 2)]
        futures = [client.submit(reuse.merge_shards, pair, pure=False) for pair in pairs]
    tree = futures[0].result()
    local = reuse.merge_shards([reuse.shingle_shard(c, shingle=8) for c in chunks])
    whole = reuse.shingle_shard(texts, shingle=8)
    for got in (tree, local):
        for field in ("word_counts", "hashes", "docs", "positions"):
            assert np.array_equal(getattr(got, field), getattr(whole, field)), field


def test_a_thread_pool_keeps_working() -> None:
    cases = [rc.load_petition(p) for p in PETITIONS[:4]]
    with ThreadPoolExecutor(max_workers=2) as pool:
        assert executor_slots(pool) == 2
        pooled = rc.review_many(cases, progress=False, executor=pool, batch_size=1)
        index = reuse.build_index(reuse.documents(cases), min_docs=2, chunk_size=1, executor=pool)
    assert pooled.to_records() == rc.review_many(cases, progress=False).to_records()
    serial = reuse.build_index(reuse.documents(cases), min_docs=2)
    assert np.array_equal(index.hashes, serial.hashes)
    assert np.array_equal(index.boilerplate_share, serial.boilerplate_share, equal_nan=True)


_words = st.lists(
    st.sampled_from(["we", "will", "publish", "the", "review", "in", "full", "this", "year"]),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_words.map(" ".join), max_size=12), st.integers(1, 5), st.integers(1, 4))
def test_merge_is_the_same_however_the_corpus_is_split(
    texts: list[str], size: int, shingle: int
) -> None:
    """Property: splitting into shards of any size and merging gives the unsplit shard."""
    whole = reuse.shingle_shard(texts, shingle=shingle)
    parts = [
        reuse.shingle_shard(texts[i : i + size], shingle=shingle)
        for i in range(0, len(texts), size)
    ]
    merged = reuse.merge_shards(parts)
    # and merging is associative: left to right in pairs gives the same
    nested = parts[0] if parts else reuse.merge_shards([])
    for p in parts[1:]:
        nested = reuse.merge_shards([nested, p])
    for got in (merged, nested):
        for field in ("word_counts", "hashes", "docs", "positions"):
            assert np.array_equal(getattr(got, field), getattr(whole, field)), field


def test_local_cluster_checks_its_arguments() -> None:
    with pytest.raises(rc.InputError, match="n_workers"), local_cluster(n_workers=0):
        pass
