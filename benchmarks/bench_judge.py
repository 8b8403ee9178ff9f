"""Time ``assess`` on typical responses, cold and warm, against segmenting the same response.

Usage: ``.venv/bin/python benchmarks/bench_judge.py [--repeat N]``

For the seed's two responses and every response in the dev fixtures, prints the median
milliseconds per call of ``rc.assess`` (cold: the segmentation cache cleared before every call,
so each call segments, finds cues and judges from scratch, as a user's first call does), of
``rc.assess`` given a ready ``analysis=`` (what ``review()`` pays per response after analysing it
once), and of a baseline measured in the same run (``rc.segment`` on the same text, cache
cleared), with the ratios. The target is under 30 ms median per cold assess on a typical
response.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import respcompare as rc
from respcompare.analysis import analyse
from respcompare.segment import _segment_cached

ROOT = Path(__file__).resolve().parents[1]


def median_ms(fn: Callable[[], object], repeat: int, *, clear: bool = True) -> float:
    fn()  # warm imports and lexicons
    times = []
    for _ in range(repeat):
        if clear:
            _segment_cached.cache_clear()
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    case = rc.load_example("grooming-gangs")
    for response in case.responses:
        text = response.full_text
        base = median_ms(lambda text=text: rc.segment(text), args.repeat)
        t = median_ms(lambda r=response: rc.assess(case.petition, r), args.repeat)
        ready = analyse(text)
        w = median_ms(
            lambda r=response, a=ready: rc.assess(case.petition, r, analysis=a),
            args.repeat,
            clear=False,
        )
        print(
            f"seed {response.label:9s} ({len(text):5d} chars): assess cold {t:6.2f} ms, "
            f"with analysis {w:6.2f} ms; segment {base:5.2f} ms; cold/segment {t / base:5.1f}x; "
            f"{'OK' if t < 30 else 'OVER'} (target < 30 ms)"
        )
    rows = [
        json.loads(x)
        for x in (ROOT / "tests" / "fixtures" / "dev.jsonl").read_text("utf-8").splitlines()
        if x.strip()
    ]
    cold: list[float] = []
    seg: list[float] = []
    for row in rows:
        p = rc.Petition(action=row["action"], background=row.get("background") or "")
        r = rc.Response(text=row["response_details"], summary=row.get("response_summary") or "")
        cold.append(median_ms(lambda p=p, r=r: rc.assess(p, r), 3))
        seg.append(median_ms(lambda t=r.full_text: rc.segment(t), 3))
    print(
        f"dev responses ({len(rows)}): assess cold median {statistics.median(cold):.2f} ms "
        f"(max {max(cold):.2f}); segment median {statistics.median(seg):.2f} ms; "
        f"ratio {statistics.median(cold) / statistics.median(seg):.1f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
