"""Corpus scale: index, boilerplate catalogue and shared passages on synthetic corpora.

One process, one command; for each corpus size it prints time, peak memory (resident set, reset
before each stage through /proc/self/clear_refs where Linux allows it) and recall, for
respcompare and for two baselines measured in the same run:

(a) all-pairs difflib on a sample (longest common word block >= min_words), extrapolated to
    every pair of the corpus;
(b) datasketch MinHash LSH over 24-word windows (step 12), when datasketch is installed, on up
    to 2,000 responses and extrapolated linearly; skipped cleanly when it is not.

    .venv/bin/python benchmarks/bench_corpus.py                 # 1k, 5k, 20k
    .venv/bin/python benchmarks/bench_corpus.py 1000 --repeat 3
"""

from __future__ import annotations

import argparse
import difflib
import gc
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_synth import SynthCorpus, generate

from respcompare import reuse

WORD = re.compile(r"[^\W_]+")
MIN_WORDS = 12
MIN_DOCS = 5


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measured(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """(result, seconds, peak RSS in MB during the call)."""
    gc.collect()
    _reset_peak()
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t, _rss_mb("VmHWM")


STAGES: dict[str, list[float]] = {"index": [], "catalogue": [], "pairs": []}


def respcompare_run(c: SynthCorpus) -> tuple[Any, Any, Any]:
    docs = [
        reuse.Document(str(i), t, dep, date)
        for i, (t, dep, date) in enumerate(zip(c.texts, c.departments, c.dates, strict=True))
    ]
    t = time.perf_counter()
    idx = reuse.build_index(docs, min_docs=MIN_DOCS)
    t1 = time.perf_counter()
    cat = idx.catalogue(min_words=MIN_WORDS)
    t2 = time.perf_counter()
    pairs = idx.shared_pairs(min_words=MIN_WORDS)
    t3 = time.perf_counter()
    STAGES["index"].append(t1 - t)
    STAGES["catalogue"].append(t2 - t1)
    STAGES["pairs"].append(t3 - t2)
    return idx, cat, pairs


def pair_recall(found: set[tuple[int, int]], truth: set[tuple[int, int]]) -> tuple[float, float]:
    hit = len(found & truth)
    recall = hit / len(truth) if truth else 1.0
    precision = hit / len(found) if found else 1.0
    return recall, precision


def word_recall(c: SynthCorpus, idx: reuse.ReuseIndex) -> float:
    total = covered = 0
    for d, items in enumerate(c.planted):
        stock = [p for p in items if c.passage_df[p.passage] >= MIN_DOCS]
        if not stock:
            continue
        spans = idx.boilerplate(d)
        for p in stock:
            for m in WORD.finditer(c.texts[d], p.start, p.end):
                total += 1
                covered += any(s.start <= m.start() and m.end() <= s.end for s in spans)
    return covered / total if total else 1.0


def catalogue_recall(c: SynthCorpus, cat: tuple[reuse.Passage, ...]) -> float:
    holders: dict[int, set[str]] = {}
    for d, items in enumerate(c.planted):
        for p in items:
            holders.setdefault(p.passage, set()).add(str(d))
    wanted = [p for p, df in enumerate(c.passage_df) if df >= MIN_DOCS]
    found = 0
    for p in wanted:
        docs = holders[p]
        found += any(len(docs & set(e.document_ids)) >= 0.9 * len(docs) for e in cat)
    return found / len(wanted) if wanted else 1.0


def difflib_sample(c: SynthCorpus, rng: random.Random, size: int) -> dict[str, float]:
    holders = [d for d, items in enumerate(c.planted) if items]
    sample = sorted(
        set(rng.sample(holders, min(len(holders), size // 2)))
        | set(rng.sample(range(len(c.texts)), size // 2))
    )
    toks = [[m.group(0).lower() for m in WORD.finditer(c.texts[d])] for d in sample]
    found: set[tuple[int, int]] = set()
    t = time.perf_counter()
    n_pairs = 0
    for i in range(len(sample)):
        sm = difflib.SequenceMatcher(None, autojunk=False)
        sm.set_seq2(toks[i])
        for j in range(i + 1, len(sample)):
            sm.set_seq1(toks[j])
            n_pairs += 1
            m = sm.find_longest_match(0, len(toks[j]), 0, len(toks[i]))
            if m.size >= MIN_WORDS:
                found.add((sample[i], sample[j]))
    per_pair = (time.perf_counter() - t) / n_pairs
    inside = set(sample)
    truth = {(a, b) for a, b in c.truth_pairs() if a in inside and b in inside}
    recall, precision = pair_recall(found, truth)
    n = len(c.texts)
    return {
        "sample": len(sample),
        "pairs": n_pairs,
        "seconds_per_pair": per_pair,
        "extrapolated_s": per_pair * n * (n - 1) / 2,
        "recall": recall,
        "precision": precision,
    }


def datasketch_run(c: SynthCorpus, limit: int) -> dict[str, float] | None:
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError:
        return None
    n = min(limit, len(c.texts))
    width, step, perm = 24, 12, 64

    def run() -> set[tuple[int, int]]:
        lsh = MinHashLSH(threshold=0.5, num_perm=perm)
        owners: list[int] = []
        hashes = []
        for d in range(n):
            toks = [m.group(0).lower() for m in WORD.finditer(c.texts[d])]
            for s in range(0, max(1, len(toks) - width + 1), step):
                win = toks[s : s + width]
                grams = [" ".join(win[k : k + 3]).encode() for k in range(len(win) - 2)]
                hashes.append(grams)
                owners.append(d)
        mins = MinHash.bulk(hashes, num_perm=perm)
        for k, mh in enumerate(mins):
            lsh.insert(k, mh)
        found: set[tuple[int, int]] = set()
        for k, mh in enumerate(mins):
            for other in lsh.query(mh):
                a, b = owners[k], owners[other]
                if a != b:
                    found.add((min(a, b), max(a, b)))
        return found

    found, seconds, peak = measured(run)
    truth = {(a, b) for a, b in c.truth_pairs() if b < n}
    recall, precision = pair_recall(found, truth)
    return {
        "docs": n,
        "seconds": seconds,
        "extrapolated_s": seconds * len(c.texts) / n,
        "peak_mb": peak,
        "recall": recall,
        "precision": precision,
    }


def query_ms(idx: reuse.ReuseIndex, c: SynthCorpus, repeat: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = idx.save(Path(tmp) / "index")
        t = time.perf_counter()
        loaded = reuse.ReuseIndex.load(path)
        load_s = time.perf_counter() - t
        new = generate(50, seed=99)  # new responses, not in the index
        probes = [new.texts[i] for i in range(min(len(new.texts), 20))]
        # plant one stock passage of the indexed corpus so queries have matches to report
        probes = [p + " " + c.passages[-1] for p in probes]
        loaded.query(probes[0])  # warm the character tables
        times = []
        for _ in range(repeat):
            for p in probes:
                t = time.perf_counter()
                r = loaded.query(p)
                times.append(time.perf_counter() - t)
        assert r.matches, "a planted passage should be found"
    return statistics.median(times) * 1000, load_s


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 5000, 20000])
    ap.add_argument("--repeat", type=int, default=1, help="runs of the timed stage (median)")
    ap.add_argument("--sample", type=int, default=200, help="difflib sample size")
    ap.add_argument("--lsh-limit", type=int, default=2000)
    args = ap.parse_args()
    print(f"peak memory via /proc/self/clear_refs: {'yes' if _reset_peak() else 'no (ru_maxrss)'}")
    for n in args.sizes:
        t = time.perf_counter()
        c = generate(n)
        truth = c.truth_pairs()
        print(
            f"\n== {n} responses, {c.words:,} words, {len(c.passages)} planted passages, "
            f"{len(truth):,} passage-sharing pairs (generated in {time.perf_counter() - t:.1f}s)"
        )
        runs = []
        for v in STAGES.values():
            v.clear()
        gc.collect()
        before = _rss_mb("VmRSS")
        result: Any = None
        for _ in range(args.repeat):
            result = None  # the previous run's results must not count in this run's peak
            result, seconds, peak = measured(lambda c=c: respcompare_run(c))
            runs.append((seconds, peak))
        idx, cat, pairs = result
        seconds = statistics.median(s for s, _ in runs)
        peak = max(p for _, p in runs)
        found = {(int(a), int(b)) for a, b in zip(pairs.a.tolist(), pairs.b.tolist(), strict=True)}
        rec, prec = pair_recall(found, truth)
        wr = word_recall(c, idx)
        cr = catalogue_recall(c, cat)
        q, load_s = query_ms(idx, c, repeat=3)
        print(
            f"respcompare: index+catalogue+pairs {seconds:.2f}s (median of {len(runs)}; "
            + ", ".join(f"{k} {statistics.median(v):.2f}s" for k, v in STAGES.items())
            + f"), RSS before {before:.0f} MB, "
            f"peak RSS {peak:.0f} MB; pair recall {rec:.4f} precision {prec:.4f}; "
            f"planted-word recall {wr:.4f}; catalogue recall {cr:.3f} ({len(cat)} entries); "
            f"query {q:.1f} ms median (load {load_s:.2f}s)"
        )
        d = difflib_sample(c, random.Random(1), args.sample)
        print(
            f"difflib all-pairs: {d['sample']:.0f}-response sample, {d['pairs']:.0f} pairs, "
            f"{d['seconds_per_pair'] * 1e3:.2f} ms/pair -> {d['extrapolated_s']:.0f}s for all "
            f"pairs ({d['extrapolated_s'] / seconds:.0f}x respcompare); recall {d['recall']:.3f} "
            f"precision {d['precision']:.3f}"
        )
        ds = datasketch_run(c, args.lsh_limit)
        if ds is None:
            print("datasketch MinHash LSH: skipped (pip install datasketch)")
        else:
            print(
                f"datasketch MinHash LSH: {ds['docs']:.0f} responses in {ds['seconds']:.2f}s "
                f"-> {ds['extrapolated_s']:.0f}s extrapolated "
                f"({ds['extrapolated_s'] / seconds:.1f}x respcompare), peak RSS "
                f"{ds['peak_mb']:.0f} MB; pair recall {ds['recall']:.4f} "
                f"precision {ds['precision']:.4f}"
            )
        del idx, cat, pairs


if __name__ == "__main__":
    main()
