"""How long a review takes as the response grows, and what happens past the size limit.

Usage: ``.venv/bin/python benchmarks/bench_size.py [--repeat 3] [--max-kb 250]``

Builds responses of growing size by repeating the seed case's revised response (real text), and
prints the median seconds of ``rc.review`` on a one-response case at each size, the baseline
(``segment`` on the same text, cache cleared) and the ratio, then seconds per million
characters. Sizes over ``respcompare.model.MAX_TEXT_CHARS`` are timed through the string stages
(``find_cues``, ``segment``), since a Response that large is refused: the script shows the
refusal (``InputTooLargeError``) for 1 MB and 5 MB and how long it takes to raise.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

import respcompare as rc
from respcompare.model import MAX_TEXT_CHARS
from respcompare.segment import _segment_cached


def median_s(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        _segment_cached.cache_clear()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--max-kb", type=int, default=100)
    args = ap.parse_args()
    case = rc.load_example("grooming-gangs")
    base = case.responses[-1].text + "\n\n"

    def text_of(n: int) -> str:
        return (base * (n // len(base) + 1))[:n]

    rc.review(case)  # warm lexicons and imports
    out = sys.stdout
    out.write(f"limit MAX_TEXT_CHARS = {MAX_TEXT_CHARS:,} characters\n")
    out.write("chars      review_s  segment_s  ratio   review_s_per_MB\n")
    sizes = [n for n in (10_000, 25_000, 50_000, 100_000) if n <= args.max_kb * 1000]
    for n in sizes:
        text = text_of(n)
        one = rc.Case(petition=case.petition, responses=(rc.Response(text=text, label="big"),))
        r = median_s(lambda one=one: rc.review(one), args.repeat)  # type: ignore[misc]
        s = median_s(lambda text=text: rc.segment(text), args.repeat)  # type: ignore[misc]
        out.write(f"{n:<10,} {r:8.2f}  {s:9.3f}  {r / s:6.0f}  {r / n * 1e6:8.1f}\n")
        out.flush()
    for n in (1_000_000, 5_000_000):
        text = text_of(n)
        t = time.perf_counter()
        try:
            rc.Response(text=text)
        except rc.InputTooLargeError as exc:
            took = time.perf_counter() - t
            out.write(f"{n:,} chars: refused in {took * 1000:.1f} ms: {exc}\n")
    text = text_of(1_000_000)
    s = median_s(lambda: rc.segment(text), 1)
    c = median_s(lambda: rc.find_cues(text), 1)
    out.write(f"1,000,000 chars as a plain string: segment {s:.2f} s, find_cues {c:.2f} s\n")


if __name__ == "__main__":
    main()
