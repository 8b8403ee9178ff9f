"""Precision and recall of find_cues per category on the labelled table tests/data/cue_cases.toml.

Run: .venv/bin/python benchmarks/cue_eval.py

A found cue is a true positive when an expected cue of the same category overlaps it (expected
spans are located by their text in the sentence). Sense agreement is reported on the matches.
"""

from __future__ import annotations

import sys
import tomllib
from collections import Counter
from pathlib import Path

import respcompare as rc
from respcompare.lexicon import CATEGORIES

TABLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "cue_cases.toml"


def expected_spans(text: str, expect: list[str]) -> list[tuple[str, str, int, int]]:
    out = []
    after: dict[str, int] = {}
    for item in expect:
        category, sense, phrase = item.split(":", 2)
        start = text.find(phrase, after.get(phrase, 0))
        after[phrase] = start + 1
        if start < 0:
            raise SystemExit(f"expected phrase {phrase!r} not in case text {text[:60]!r}")
        out.append((category, sense, start, start + len(phrase)))
    return out


def evaluate(
    cases: list[dict[str, object]],
) -> tuple[Counter[str], Counter[str], Counter[str], int]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    sense_ok = 0
    for case in cases:
        text = str(case["text"])
        exp = expected_spans(text, list(case["expect"]))  # type: ignore[call-overload]
        found = rc.find_cues(text)
        used: set[int] = set()
        for cue in found:
            hit = next(
                (
                    k
                    for k, (cat, _s, a, b) in enumerate(exp)
                    if k not in used
                    and cat == cue.category
                    and a < cue.span.end
                    and cue.span.start < b
                ),
                None,
            )
            if hit is None:
                fp[cue.category] += 1
            else:
                used.add(hit)
                tp[cue.category] += 1
                sense_ok += exp[hit][1] == cue.sense
        for k, (cat, *_rest) in enumerate(exp):
            if k not in used:
                fn[cat] += 1
    return tp, fp, fn, sense_ok


def main() -> int:
    cases = tomllib.loads(TABLE.read_text(encoding="utf-8"))["case"]
    negatives = sum(1 for c in cases if c.get("kind") == "negative")
    tp, fp, fn, sense_ok = evaluate(cases)
    print(f"{len(cases)} cases ({negatives} negative) from {TABLE.name}")
    print(f"{'category':16} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}")
    worst = 1.0
    for cat in CATEGORIES:
        n_found, n_exp = tp[cat] + fp[cat], tp[cat] + fn[cat]
        p = tp[cat] / n_found if n_found else None
        r = tp[cat] / n_exp if n_exp else None
        worst = min([worst, *(x for x in (p, r) if x is not None)])
        ps = f"{p:.3f}" if p is not None else "-"
        rs = f"{r:.3f}" if r is not None else "-"
        print(f"{cat:16} {tp[cat]:>4} {fp[cat]:>4} {fn[cat]:>4} {ps:>9} {rs:>7}")
    total_tp = sum(tp.values())
    print(
        f"micro precision {total_tp / max(1, total_tp + sum(fp.values())):.3f}, "
        f"recall {total_tp / max(1, total_tp + sum(fn.values())):.3f}, "
        f"sense agreement on matches {sense_ok / max(1, total_tp):.3f}"
    )
    print(f"lowest per-category figure: {worst:.3f} (target >= 0.9)")
    return 0 if worst >= 0.9 else 1


if __name__ == "__main__":
    sys.exit(main())
