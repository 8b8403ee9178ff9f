"""Time ``assess`` on a typical response, against segmenting the same response.

Usage: ``.venv/bin/python benchmarks/bench_judge.py``

Prints the median milliseconds per call of ``rc.assess`` on the seed's revised and original
responses (caches cleared between calls so every call does the full work), the median of a
baseline measured in the same run (``segment`` on the same text, cache cleared), and the ratio.
The target is under 30 ms per assess.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import respcompare as rc
from respcompare import judge
from respcompare.segment import _segment_cached


def _clear() -> None:
    _segment_cached.cache_clear()
    judge._stances.cache_clear()


def median_ms(fn: Callable[[], object], repeat: int = 30) -> float:
    fn()  # warm imports and lexicons
    times = []
    for _ in range(repeat):
        _clear()
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    case = rc.load_example("grooming-gangs")
    for response in case.responses:
        text = response.full_text
        base = median_ms(lambda text=text: rc.segment(text))
        t = median_ms(lambda response=response: rc.assess(case.petition, response))
        print(
            f"{response.label:9s} ({len(text):5d} chars): assess {t:6.2f} ms median; "
            f"baseline segment {base:5.2f} ms; ratio {t / base:5.1f}x; "
            f"{'OK' if t < 30 else 'OVER'} (target < 30 ms)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
