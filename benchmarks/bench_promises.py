"""Time rc.track_commitments: the 43 fixture petitions, and a case near the size limit.

Run: .venv/bin/python benchmarks/bench_promises.py

The large case repeats the seed's original and revised responses to about 94,000 characters
each, with an update of 300 sentences that each report the paper published: every promise
meets hundreds of candidate sentences, the worst case for the matcher (promises x sentences).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import respcompare as rc

PETITIONS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "petitions"
UPDATE = (
    "On Tuesday 15 December the Home Secretary published a paper on the characteristics of "
    "group-based child sexual exploitation offending."
)


def large_case() -> rc.Case:
    seed = rc.load_example("grooming-gangs")
    orig, rev = seed.responses
    big = [
        rc.Response(" ".join([r.text] * (95_000 // len(r.text))), label=r.label, date=r.date)
        for r in (orig, rev)
    ]
    update = rc.Update("Paper published", "2020-12-15", " ".join([UPDATE] * 300))
    return rc.Case(petition=seed.petition, responses=big, updates=[update])


def main() -> None:
    cases = [rc.load_petition(p) for p in sorted(PETITIONS.glob("*.json"))]
    times = []
    promises = 0
    for case in cases:
        t = time.perf_counter()
        promises += len(rc.track_commitments(case))
        times.append(time.perf_counter() - t)
    print(
        f"{len(cases)} petitions, {promises} promises: total {sum(times):.2f}s, "
        f"median {1000 * statistics.median(times):.0f} ms, max {1000 * max(times):.0f} ms"
    )
    case = large_case()
    sizes = [len(r.full_text) for r in case.responses]
    t = time.perf_counter()
    ledger = rc.track_commitments(case, as_of="2021-01-31")
    took = time.perf_counter() - t
    print(f"large case {sizes} characters, {len(ledger)} promises: {took:.1f}s")


if __name__ == "__main__":
    main()
