"""Alignment benchmark: F1 per op kind and median time per pair, respcompare vs difflib.

Same synthetic pairs (benchmarks/align_synth.py, known truth) for every aligner, same run:

- respcompare: ``rc.align`` (sentence alignment with moves, splits, merges and word-level edits;
  effects off, they are not alignment) on texts whose segmentation is already cached, so the
  timing starts from the same sentence lists as difflib's; segmentation is timed separately.
  That segmentation cache is the only one on the timed path: align keeps nothing between calls,
  so every repeat redoes the word coding, similarity, splits/merges, backbone and the word-level
  edits of every non-verbatim pair (as HtmlDiff redoes its work).
- difflib SequenceMatcher over sentence lists: equal -> unchanged; inside a replace block,
  sentences paired in order when their character ratio >= 0.5 -> edited, the rest
  removed/added; delete -> removed; insert -> added (it has no notion of moves, splits, merges).
- difflib.HtmlDiff().make_table over the same sentence lists (the usual way to show a redline):
  timed only; it does the same sentence matching plus a character-level diff of changed lines.

Then, as a user calls it (issue 13): ``rc.align`` on Response objects with effects on, cold
(new objects, empty segmentation cache) and warm (the same objects again: the alignment kept on
the first Response is returned), plus the same objects with only the alignment redone (each
text's analysis kept on its Response), next to HtmlDiff and SequenceMatcher on the same
sentences, on the 9 real pairs and on 50 synthetic pairs; medians of CPU time.

    .venv/bin/python benchmarks/bench_align.py [--pairs 200] [--sentences 20]

Measured 30 November 2026, two runs alternating with the code before this round (12014e5) in the
same minutes, on a 2-core machine shared with another engineer's test runs (load average 1.6 to
2.1): core alignment 1.33 and 1.29 ms a pair from sentence lists (HtmlDiff 9.44 and 8.84 ms, 7.1x
and 6.9x); as a user calls it, 9 real pairs: cold 6.58 and 6.70 ms against HtmlDiff 3.03 and 5.03
ms (HtmlDiff / cold 0.46x and 0.75x), warm 0.003 ms; 50 synthetic pairs: cold 9.42 and 8.58 ms
against HtmlDiff 9.53 and 7.69 ms (1.01x and 0.90x). Before, in the same minutes: real cold 5.58
and 5.35 ms against 3.16 and 2.99 ms (0.57x, 0.56x); synthetic cold 8.97 and 8.01 ms against 9.66
and 7.86 ms (1.08x, 0.98x). This round changed almost nothing on the cold path, and counting
instructions (callgrind, 36 cold aligns of the real pairs) gives 30.3 million per align now and
30.2 million before: the spread in the times is the load. Cold is still slower than HtmlDiff on the
real pairs (issue 13's target is not met); finding cues is about half of a cold align, the
alignment with its word-level edits about 30% and the effects about 15%.
"""

from __future__ import annotations

import argparse
import difflib
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_synth import Truth, make_pairs

import respcompare as rc
from respcompare.segment import _segment_cached

KINDS = ("unchanged", "edited", "moved", "moved-edited", "added", "removed", "split", "merged")


def ours(a_text: str, b_text: str) -> Truth:
    al = rc.align(a_text, b_text, with_effects=False)
    return {(op.kind, op.a_sentences, op.b_sentences) for op in al.ops}


def seqmatcher(a: list[str], b: list[str]) -> Truth:
    out: Truth = set()
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out |= {("unchanged", (i1 + k,), (j1 + k,)) for k in range(i2 - i1)}
            continue
        paired: set[int] = set()
        paired_b: set[int] = set()
        if tag == "replace":
            for k in range(min(i2 - i1, j2 - j1)):
                if difflib.SequenceMatcher(None, a[i1 + k], b[j1 + k]).ratio() >= 0.5:
                    out.add(("edited", (i1 + k,), (j1 + k,)))
                    paired.add(i1 + k)
                    paired_b.add(j1 + k)
        out |= {("removed", (i,), ()) for i in range(i1, i2) if i not in paired}
        out |= {("added", (), (j,)) for j in range(j1, j2) if j not in paired_b}
    return out


def f1(pred: list[Truth], truth: list[Truth]) -> dict[str, tuple[float, int]]:
    tp: Counter[str] = Counter()
    np_: Counter[str] = Counter()
    nt: Counter[str] = Counter()
    for p, t in zip(pred, truth, strict=True):
        for x in p:
            np_[x[0]] += 1
            tp[x[0]] += x in t
        for x in t:
            nt[x[0]] += 1
    out = {}
    for k in KINDS:
        prec = tp[k] / np_[k] if np_[k] else 0.0
        rec = tp[k] / nt[k] if nt[k] else 0.0
        out[k] = (2 * prec * rec / (prec + rec) if prec + rec else 0.0, nt[k])
    return out


def timed(fn: object, *args: object, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(*args)  # type: ignore[operator]
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=200)
    ap.add_argument("--sentences", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    pairs = make_pairs(args.pairs, seed=args.seed, n=args.sentences)
    truths = [t for _, _, t in pairs]

    seg_t, ours_t, sm_t, html_t, fx_t = [], [], [], [], []
    pred_ours, pred_sm = [], []
    for a, b, _ in pairs:
        a_text, b_text = " ".join(a), " ".join(b)
        seg_t.append(
            timed(
                lambda a_text=a_text, b_text=b_text: (
                    _segment_cached.__wrapped__(a_text),
                    _segment_cached.__wrapped__(b_text),
                )
            )
        )
        rc.segment(a_text), rc.segment(b_text)  # warm the cache: timing starts from sentences
        pred_ours.append(ours(a_text, b_text))
        ours_t.append(
            timed(lambda a_text=a_text, b_text=b_text: rc.align(a_text, b_text, with_effects=False))
        )
        fx_t.append(timed(lambda a_text=a_text, b_text=b_text: rc.align(a_text, b_text), repeat=1))
        pred_sm.append(seqmatcher(a, b))
        sm_t.append(timed(seqmatcher, a, b))
        html_t.append(timed(lambda a=a, b=b: difflib.HtmlDiff().make_table(a, b)))

    fo, fs = f1(pred_ours, truths), f1(pred_sm, truths)
    print(
        f"{len(pairs)} synthetic pairs, {args.sentences} original sentences each (seed {args.seed})"
    )
    print(f"{'kind':<14}{'truth n':>8}{'respcompare F1':>16}{'difflib SM F1':>15}")
    for k in KINDS:
        print(f"{k:<14}{fo[k][1]:>8}{fo[k][0]:>16.3f}{fs[k][0]:>15.3f}")
    med = statistics.median
    print()
    print("median time per pair (ms), from the same sentence lists:")
    print(f"  respcompare align (word-level edits, no effects) {med(ours_t) * 1e3:8.3f}")
    print(f"  difflib SequenceMatcher over sentences            {med(sm_t) * 1e3:8.3f}")
    print(f"  difflib HtmlDiff().make_table                     {med(html_t) * 1e3:8.3f}")
    print(
        f"  speed-up vs HtmlDiff: {med(html_t) / med(ours_t):.1f}x;"
        f" vs SequenceMatcher: {med(sm_t) / med(ours_t):.2f}x"
    )
    print(f"  segmentation of both texts (separately, uncached) {med(seg_t) * 1e3:8.3f}")
    print(f"  respcompare align with effects (cues on)          {med(fx_t) * 1e3:8.3f}")


def _real_pairs() -> list[tuple[str, str]]:
    """The original/revised response pairs of tests/fixtures/dev.jsonl (9 real pairs)."""
    import json

    rows = [
        json.loads(line)
        for line in (Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "dev.jsonl")
        .read_text("utf-8")
        .splitlines()
        if line.strip()
    ]
    by: dict[object, dict[str, str]] = {}
    for r in rows:
        if r.get("pair") is not None:
            text = f"{r.get('response_summary') or ''}\n\n{r.get('response_details') or ''}"
            by.setdefault(r["pair"], {})[str(r["role"])] = text
    return [(v["original"], v["revised"]) for v in by.values() if len(v) == 2]


def _median_ms(fn: object, *args: object, repeat: int = 5) -> float:
    """Median CPU time of ``repeat`` calls, in seconds."""
    ts = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn(*args)  # type: ignore[operator]
        ts.append(time.process_time() - t0)
    return statistics.median(ts)


def user_path(pairs: list[tuple[str, str]], label: str, repeat: int = 5) -> None:
    """``rc.align`` as a user calls it: Response objects, effects on. Cold: new Response objects
    and an empty segmentation cache each time; warm: the same objects again (the second call
    returns the alignment kept on the first Response); and, between the two, the same objects
    with only the alignment forgotten (each text's analysis is kept on its Response, the pair
    work is redone). Beside it, HtmlDiff and SequenceMatcher on the same sentences (their
    sentence lists made outside the timing). Every figure is the median CPU time
    (``time.process_time``, steadier than wall time on a loaded machine) over ``repeat`` calls,
    then the median over pairs."""
    med = statistics.median
    cold, warm, pair, html, sm = [], [], [], [], []
    for a_text, b_text in pairs:
        a_s = [s.text for s in rc.segment(a_text).sentences]
        b_s = [s.text for s in rc.segment(b_text).sentences]
        cold_t = []
        for _ in range(repeat):
            _segment_cached.cache_clear()
            ra, rb = rc.Response(text=a_text), rc.Response(text=b_text)
            t0 = time.process_time()
            rc.align(ra, rb)
            cold_t.append(time.process_time() - t0)
        cold.append(med(cold_t))
        ra, rb = rc.Response(text=a_text), rc.Response(text=b_text)
        rc.align(ra, rb)
        warm.append(_median_ms(lambda ra=ra, rb=rb: rc.align(ra, rb), repeat=repeat))
        pair.append(
            _median_ms(
                lambda ra=ra, rb=rb: (ra.memo().pop("alignment", None), rc.align(ra, rb)),
                repeat=repeat,
            )
        )
        html.append(
            _median_ms(lambda a=a_s, b=b_s: difflib.HtmlDiff().make_table(a, b), repeat=repeat)
        )
        sm.append(_median_ms(seqmatcher, a_s, b_s, repeat=repeat))
    print(f"{label}: rc.align on Response objects, effects on (median CPU ms per pair)")
    print(f"  cold (new objects, empty segmentation cache) {med(cold) * 1e3:8.2f}")
    print(f"  warm (the same objects again)                {med(warm) * 1e3:8.3f}")
    print(f"  same objects, alignment redone (analyses kept){med(pair) * 1e3:7.2f}")
    print(f"  difflib HtmlDiff().make_table                {med(html) * 1e3:8.2f}")
    print(f"  difflib SequenceMatcher over sentences       {med(sm) * 1e3:8.2f}")
    print(
        f"  HtmlDiff / cold {med(html) / med(cold):.2f}x; HtmlDiff / warm "
        f"{med(html) / med(warm):.0f}x; HtmlDiff / redone {med(html) / med(pair):.2f}x"
    )


if __name__ == "__main__":
    main()
    print()
    user_path(_real_pairs(), "9 real pairs (tests/fixtures/dev.jsonl)")
    synth = make_pairs(50, seed=0, n=20)
    user_path([(" ".join(a), " ".join(b)) for a, b, _ in synth], "50 synthetic pairs")
