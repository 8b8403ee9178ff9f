"""find_cues on a ~6,000-character response: median milliseconds, against a naive baseline;
then how find_cues scales (real response text from 10 kB to 1 MB, and two adversarial texts).

Run: .venv/bin/python benchmarks/bench_cues.py

The text is the seed case's two responses joined and cut to ~6,000 characters. Each timed run
uses a fresh string (a different trailing number), so segmentation caches do not help. The
baseline, measured in the same run, is the obvious implementation: one compiled regex per
lexicon phrase, each scanned over the whole text (no senses, no scope).
"""

from __future__ import annotations

import json
import re
import statistics
import time
from pathlib import Path

import respcompare as rc
from respcompare.lexicon import default_lexicon


def sample_text(n: int = 6000) -> str:
    case = rc.load_example("grooming-gangs")
    text = "\n\n".join(r.full_text for r in case.responses)
    while len(text) < n:
        text += "\n\n" + text
    return text[:n]


def naive_patterns() -> list[re.Pattern[str]]:
    out = []
    for e in default_lexicon():
        words = [w for w in e.pattern.split() if not w.startswith("...")]
        body = r"\s+".join(re.escape(w.rstrip("~*?")) for w in words)
        out.append(re.compile(r"\b" + body + r"\b", re.IGNORECASE))
    return out


def naive(text: str, patterns: list[re.Pattern[str]]) -> int:
    return sum(1 for p in patterns for _ in p.finditer(text))


def median_ms(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for k in range(runs):
        t0 = time.perf_counter()
        fn(k)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    base = sample_text()
    patterns = naive_patterns()
    rc.find_cues(base)  # warm the lexicon compile cache
    runs = 40
    ours = median_ms(lambda k: rc.find_cues(f"{base} {k}"), runs)
    theirs = median_ms(lambda k: naive(f"{base} {k}", patterns), runs)
    seg = median_ms(lambda k: rc.segment(f"{base}  {k}"), runs)
    n = len(rc.find_cues(base))
    print(f"text: {len(base)} characters, {n} cues, {len(patterns)} lexicon patterns, {runs} runs")
    print(f"find_cues (incl. sentence segmentation): median {ours:.2f} ms (target < 20 ms)")
    print(f"  of which sentence segmentation (segment.py): median {seg:.2f} ms")
    print(f"baseline regex-per-phrase scan:          median {theirs:.2f} ms")
    print(f"ratio find_cues / baseline: {ours / theirs:.2f}")


FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "petitions"


def real_response_text(n: int) -> str:
    """The shared petitions' response details, joined, repeated and cut to ``n`` characters."""
    parts = []
    for path in sorted(FIXTURES.glob("*.json")):
        attrs = json.loads(path.read_text(encoding="utf-8"))["data"]["attributes"]
        details = (attrs.get("government_response") or {}).get("details")
        if details:
            parts.append(details)
    base = "\n\n".join(parts)
    text = base
    while len(text) < n:
        text += "\n\n" + base
    return text[:n]


def cpu_median(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    """Median CPU seconds of ``fn(k)`` over ``runs`` runs (a fresh string each run)."""
    times = []
    for k in range(runs):
        t0 = time.process_time()
        fn(k)
        times.append(time.process_time() - t0)
    return statistics.median(times)


def scaling() -> None:
    print()
    print("scaling (CPU seconds, median; each run a fresh string so no cache helps):")
    per_char = {}
    for n, runs in ((10_000, 21), (100_000, 7), (1_000_000, 3)):
        text = real_response_text(n)
        sec = cpu_median(lambda k, t=text: rc.find_cues(f"{t} {k}"), runs)
        per_char[n] = sec / n
        print(f"  real responses, {n:>9,} chars: {sec:7.3f} s  ({sec / n * 1e6:.2f} us/char)")
    ratio = per_char[1_000_000] / per_char[10_000]
    print(f"  per-char cost at 1 MB / at 10 kB: {ratio:.2f} (target <= 1.3; 1 MB target <= 1.0 s)")
    for label, text in (
        ('"may " * 25000', "may " * 25000),
        ('"We will publish " * 6250', "We will publish " * 6250),
    ):
        sec = cpu_median(lambda k, t=text: rc.find_cues(f"{t}{k}"), 3)
        print(f"  {label:28s} ({len(text):,} chars): {sec:.3f} s")


if __name__ == "__main__":
    main()
    scaling()
