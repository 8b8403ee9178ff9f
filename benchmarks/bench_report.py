"""Time to write the reports (Markdown and HTML, reader and audit) for the fixture petitions,
against ``rc.review`` of the same cases as a baseline measured in the same run.

Usage: ``.venv/bin/python benchmarks/bench_report.py [--repeat N]``

The 43 fixture petitions (``tests/fixtures/petitions``) are reviewed once per repeat (the
baseline); the reports of those reviews are then written. Medians of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import respcompare as rc

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    cases = [
        rc.load_petition(p)
        for p in sorted((ROOT / "tests" / "fixtures" / "petitions").glob("*.json"))
    ]
    review_t, reader_t, audit_t = [], [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        reviews = [rc.review(c) for c in cases]
        t1 = time.perf_counter()
        for r in reviews:
            r.to_markdown()
            r.to_html()
        t2 = time.perf_counter()
        for r in reviews:
            r.to_markdown(audit=True)
            r.to_html(audit=True)
        t3 = time.perf_counter()
        review_t.append(t1 - t0)
        reader_t.append(t2 - t1)
        audit_t.append(t3 - t2)
    n = len(cases)
    base = statistics.median(review_t)
    for name, ts in (
        ("review (baseline)", review_t),
        ("reader md+html", reader_t),
        ("audit md+html", audit_t),
    ):
        med = statistics.median(ts)
        print(
            f"{name:20} {med:6.2f} s for {n} cases ({1000 * med / n:5.1f} ms/case, "
            f"{med / base:.2f} x review)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
