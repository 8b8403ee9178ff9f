"""Measure the directness threshold of ``check_draft``'s "likely accepted" on the Committee's
decisions (``tests/fixtures/dev.jsonl``, rows whose fate is known: accepted vs sent back).

Usage: ``.venv/bin/python benchmarks/fit_check_threshold.py``

Prints every candidate cut (midpoints between adjacent directness values) with its balanced
accuracy, and the best one: the one with the highest balanced accuracy, the lowest on a tie.
``data/check.toml``'s ``accept_threshold`` holds the figure printed here.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from fit_directness import assess_row  # noqa: E402


def main() -> None:
    rows = [json.loads(line) for line in (ROOT / "tests/fixtures/dev.jsonl").open(encoding="utf-8")]
    scored = [
        (assess_row(r).directness, r["committee"] == "accepted")
        for r in rows
        if r["committee"] in ("accepted", "sent-back")
    ]
    values = sorted({d for d, _ in scored})
    cuts = [(a + b) / 2 for a, b in itertools.pairwise(values)]
    n_acc = sum(1 for _, y in scored if y)
    n_back = len(scored) - n_acc
    best = (-1.0, 0.0, 0, 0)
    for cut in cuts:
        tp = sum(1 for d, y in scored if y and d >= cut)
        tn = sum(1 for d, y in scored if not y and d < cut)
        bal = (tp / n_acc + tn / n_back) / 2
        if bal > best[0]:
            best = (bal, cut, tp, tn)
    bal, cut, tp, tn = best
    print(f"rows: {len(scored)} ({n_acc} accepted, {n_back} sent back)")
    print(
        f"best cut {cut:.3f}: {tp}/{n_acc} accepted above, {tn}/{n_back} sent back below, "
        f"balanced accuracy {bal:.3f}"
    )


if __name__ == "__main__":
    main()
