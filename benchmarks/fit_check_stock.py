"""Measure the stock-phrasing threshold of ``check_draft`` on the fixture petitions.

Usage: ``.venv/bin/python benchmarks/fit_check_stock.py``

Indexes the last response of each petition in ``tests/fixtures/petitions`` (one per petition,
so a revision's carried-over text is not counted as stock) with ``build_index(min_docs=2)`` and
prints percentiles of the boilerplate share. ``data/check.toml``'s ``stock_share`` is the 90th
percentile printed here, rounded: a draft more stock than nine in ten real responses is flagged.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

import respcompare as rc

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    paths = sorted((ROOT / "tests" / "fixtures" / "petitions").glob("*.json"))
    texts = [rc.load_petition(p).responses[-1].full_text for p in paths]
    index = rc.build_index(texts, min_docs=2)
    shares = np.asarray([float(s) for s in index.boilerplate_share], dtype=float)
    p50, p75, p90, top = np.percentile(shares, [50, 75, 90, 100])
    print(f"responses: {len(texts)} (the last of each petition)")
    print(f"boilerplate share: median {p50:.3f}, 75th {p75:.3f}, 90th {p90:.3f}, max {top:.3f}")


if __name__ == "__main__":
    main()
