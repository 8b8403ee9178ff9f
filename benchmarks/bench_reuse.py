"""Reuse index at corpus scale with versions grouped: time, peak memory and pair recall.

The corpus is :mod:`corpus_synth`'s (real response prose recombined, stock passages planted in
a known number of responses, one word edited in 10% of copies), plus *revisions*: for a share
of the responses, a second version of the same petition (the original with a new opening and a
new closing sentence, its stock passages kept), grouped with it as
:func:`respcompare.reuse.documents` groups a case's versions. Ground truth: two responses to
different petitions that hold the same planted passage are a pair; two versions of one
petition are never one.

Measured on one core (the process is pinned to CPU 0 where Linux allows it): the wall time and
the CPU time of ``build_index`` (tokenise, hash, sort, group counts, boilerplate shares; the CPU
time is the honest figure on a shared, loaded machine), the wall time of ``shared_pairs``,
the peak resident memory of a process that holds only the documents and builds the index
(VmHWM, reset before each build; the ground truth stays in the parent), pair recall
and precision against the truth, and that no pair joins two versions of one petition.

    .venv/bin/python benchmarks/bench_reuse.py                  # 20,000 responses, 3 runs
    .venv/bin/python benchmarks/bench_reuse.py 5000 --repeat 1
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import pickle
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np
from corpus_synth import SynthCorpus, generate

from respcompare import reuse

MIN_WORDS = 12
MIN_PETITIONS = 2


def _reset_peak() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def versioned(n_docs: int, revised_share: float, seed: int) -> tuple[list[reuse.Document], set]:
    """``n_docs`` documents, ``revised_share`` of them second versions; and the truth pairs."""
    n_revised = round(n_docs * revised_share)
    base: SynthCorpus = generate(n_docs - n_revised, seed=seed)
    rng = random.Random(seed + 1)
    originals = sorted(rng.sample(range(len(base.texts)), n_revised))
    docs: list[reuse.Document] = []
    holders: dict[int, list[int]] = {}
    group_of: list[int] = []
    for d, text in enumerate(base.texts):
        docs.append(
            reuse.Document(f"{d}/original", text, base.departments[d], base.dates[d], str(d))
        )
        group_of.append(d)
        for p in base.planted[d]:
            holders.setdefault(p.passage, []).append(len(docs) - 1)
    opening = "Following the Committee's request we have revised our response to this petition."
    for k, d in enumerate(originals):
        text = (
            f"{opening} Revision note {k} for petition {d}. {base.texts[d]} We thank petitioners."
        )
        docs.append(
            reuse.Document(f"{d}/revised", text, base.departments[d], base.dates[d], str(d))
        )
        group_of.append(d)
        for p in base.planted[d]:
            holders.setdefault(p.passage, []).append(len(docs) - 1)
    truth: set[tuple[int, int]] = set()
    for members in holders.values():
        members = sorted(set(members))
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if group_of[a] != group_of[b]:
                    truth.add((a, b))
    return docs, truth


def _child(docs_path: str, repeat: int, out_path: str) -> None:
    """Load only the documents, then build the index ``repeat`` times: the figures of a process
    that holds nothing else (the parent's ground truth would inflate its resident set)."""
    docs = pickle.loads(Path(docs_path).read_bytes())
    reuse.build_index(docs[:50], min_docs=MIN_PETITIONS)  # first-use tables, as any real run
    gc.collect()
    baseline = _rss_mb("VmRSS")
    builds: list[float] = []
    cpu: list[float] = []
    peaks: list[float] = []
    pair_times: list[float] = []
    idx = None
    for _ in range(repeat):
        idx = None
        gc.collect()
        _reset_peak()
        t, c = time.perf_counter(), time.process_time()
        idx = reuse.build_index(docs, min_docs=MIN_PETITIONS)
        builds.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        peaks.append(_rss_mb("VmHWM"))
        t = time.perf_counter()
        pairs = idx.shared_pairs(min_words=MIN_WORDS)
        pair_times.append(time.perf_counter() - t)
    assert idx is not None
    result = {
        "builds": builds,
        "cpu": cpu,
        "peaks": peaks,
        "baseline": baseline,
        "pair_times": pair_times,
        "a": pairs.a.tolist(),
        "b": pairs.b.tolist(),
        "mean_share": float(np.nanmean(idx.boilerplate_share)),
    }
    Path(out_path).write_text(json.dumps(result))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=20000, help="responses (default 20,000)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--revised-share", type=float, default=0.15)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--child", nargs=2, metavar=("DOCS", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    try:
        os.sched_setaffinity(0, {0})
        pinned = "pinned to CPU 0"
    except (AttributeError, OSError):
        pinned = "not pinned"
    if args.child:
        _child(args.child[0], args.repeat, args.child[1])
        return
    t = time.perf_counter()
    docs, truth = versioned(args.n, args.revised_share, args.seed)
    words = sum(len(d.text.split()) for d in docs)
    groups = len({d.group for d in docs})
    print(
        f"corpus: {len(docs):,} responses ({groups:,} petitions, "
        f"{len(docs) - groups:,} revisions), {words:,} words, {len(truth):,} true pairs "
        f"across petitions; generated in {time.perf_counter() - t:.1f} s; {pinned}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        docs_path, out_path = Path(tmp) / "docs.pkl", Path(tmp) / "out.json"
        docs_path.write_bytes(pickle.dumps(docs))
        cmd = [sys.executable, __file__, "--repeat", str(args.repeat), "--child"]
        subprocess.run([*cmd, str(docs_path), str(out_path)], check=True)
        r = json.loads(out_path.read_text())
    builds, cpu = r["builds"], r["cpu"]
    found = set(zip(r["a"], r["b"], strict=True))
    hit = len(found & truth)
    same_group = sum(docs[a].group == docs[b].group for a, b in found)
    print(
        f"build_index: wall median {statistics.median(builds):.2f} s "
        f"(runs {', '.join(f'{x:.2f}' for x in builds)}), CPU time median "
        f"{statistics.median(cpu):.2f} s (runs {', '.join(f'{x:.2f}' for x in cpu)})"
    )
    print(
        f"peak RSS of the indexing process {max(r['peaks']):,.0f} MB "
        f"(of which {r['baseline']:,.0f} MB before the build: Python, numpy, the texts)"
    )
    print(
        f"shared_pairs(min_words={MIN_WORDS}): wall median "
        f"{statistics.median(r['pair_times']):.2f} s"
    )
    print(
        f"pair recall {hit / len(truth):.4f} ({hit:,}/{len(truth):,}), precision "
        f"{hit / len(found) if found else 1.0:.4f} ({len(found):,} pairs found); "
        f"pairs joining two versions of one petition: {same_group}"
    )
    print(f"boilerplate share: mean {r['mean_share']:.3f}")


if __name__ == "__main__":
    main()
