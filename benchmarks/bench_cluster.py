"""The reuse index and review_many on a local dask cluster, against the same work in one process.

    .venv/bin/python benchmarks/bench_cluster.py                    # 20,000 responses, 2 workers
    .venv/bin/python benchmarks/bench_cluster.py --docs 5000 --workers 2 --repeat 3

For ``build_index`` over a synthetic corpus (``corpus_synth.py``: recombined real response
prose, 400 words each) it prints the median time with no executor (the baseline, in this
process), with a process pool and on a dask ``LocalCluster`` of worker processes (started once,
its start-up timed apart), and checks the arrays are identical. For ``review_many`` over the
fixture petitions it prints cases per second, no executor and on the cluster, and checks the
records are identical. Needs ``pip install -e '.[dask]'``. Two shared cores give little room
for speed-ups: the figure that matters on one machine is that the cluster's results are the
serial ones, at a cost the numbers show.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_synth import generate

import respcompare as rc
from respcompare import reuse
from respcompare.distributed import local_cluster

ROOT = Path(__file__).resolve().parents[1]


def timed(fn: Callable[[], Any], repeat: int) -> tuple[Any, float]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return out, statistics.median(times)


def same_index(a: reuse.ReuseIndex, b: reuse.ReuseIndex) -> bool:
    names = ("word_counts", "hashes", "offsets", "post_doc", "post_pos")
    return all(np.array_equal(getattr(a, n), getattr(b, n)) for n in names) and np.array_equal(
        a.boilerplate_share, b.boilerplate_share, equal_nan=True
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--chunk", type=int, default=2000)
    ap.add_argument("--copies", type=int, default=1, help="fixture petitions x copies")
    args = ap.parse_args()

    corpus = generate(args.docs)
    docs = [
        reuse.Document(str(i), t, d, day)
        for i, (t, d, day) in enumerate(
            zip(corpus.texts, corpus.departments, corpus.dates, strict=True)
        )
    ]
    words = sum(len(t.split()) for t in corpus.texts)
    print(f"build_index: {len(docs):,} responses, {words:,} words, chunk_size={args.chunk}")

    def build(executor: Any = None) -> reuse.ReuseIndex:
        return reuse.build_index(docs, min_docs=5, chunk_size=args.chunk, executor=executor)

    serial, t_serial = timed(build, args.repeat)
    print(f"  no executor (baseline):         {t_serial:6.2f} s")
    with ProcessPoolExecutor(args.workers) as pool:
        pooled, t_pool = timed(lambda: build(pool), args.repeat)
    same = same_index(serial, pooled)
    print(f"  process pool, {args.workers} workers:         {t_pool:6.2f} s  same: {same}")
    t0 = time.perf_counter()
    with local_cluster(n_workers=args.workers) as client:
        t_start = time.perf_counter() - t0
        ex = client.get_executor()
        spread, t_dask = timed(lambda: build(ex), args.repeat)
        print(
            f"  dask LocalCluster, {args.workers} processes:  {t_dask:6.2f} s  same: "
            f"{same_index(serial, spread)}  (cluster start-up {t_start:.1f} s, not counted)"
        )

        paths = sorted((ROOT / "tests" / "fixtures" / "petitions").glob("*.json"))
        cases = [rc.load_petition(p) for p in paths] * args.copies
        rc.review_many(cases[:4], progress=False, executor=ex)  # warm the workers' imports
        one, t_one = timed(lambda: rc.review_many(cases, progress=False), args.repeat)
        many, t_many = timed(
            lambda: rc.review_many(cases, progress=False, executor=ex), args.repeat
        )
    n = len(cases)
    print(f"review_many: {n} cases (fixture petitions x {args.copies})")
    print(f"  no executor (baseline):         {n / t_one:6.1f} cases/s ({t_one:.2f} s)")
    rate = f"{n / t_many:6.1f} cases/s ({t_many:.2f} s)"
    same = one.to_records() == many.to_records()
    print(f"  dask LocalCluster, {args.workers} processes:  {rate}  same records: {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
