"""CPU time of ``rc.review`` over the shared petitions, against another checkout of the code
timed in the same run (issue 13 asks for at most half the time of the code when it was filed).

Usage: ``.venv/bin/python benchmarks/bench_review.py [--baseline-src PATH/src] [--repeat 3]``

Each pass reviews every petition of ``../shared/data/petitions`` once, on new objects (a Response
keeps its analysis once made); the first pass (imports, data files) is not timed; the median of
``--repeat`` passes is printed, in CPU seconds. With ``--baseline-src`` (the ``src`` folder of
another checkout, e.g. ``git worktree add /tmp/base 66c9349^``), the same passes run in a child
process on that code, alternating with this one, and the ratio is printed.

Measured 1 December 2026 (sixth session) on a shared 2-core machine, four runs: this code 0.91,
0.91, 0.62 and 0.63 s a pass; the code when issue 13 was filed (66c9349^), timed beside it, 0.93,
1.19, 1.07 and 0.77 s: ratios from 0.58 to 1.0, not the 0.5 the issue asks for. The cue
engine now runs once per text instead of three times, but the judge does far more (the learned
verdict model, the sentence selector, many more rules).
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PETITIONS = ROOT.parent / "shared" / "data" / "petitions"


def passes(repeat: int) -> list[float]:
    import respcompare as rc

    cases = [rc.load_petition(p) for p in sorted(PETITIONS.glob("*.json"))]
    blob = pickle.dumps(cases)
    for c in pickle.loads(blob):
        rc.review(c)
    out = []
    for _ in range(repeat):
        fresh = pickle.loads(blob)
        t = time.process_time()
        for c in fresh:
            rc.review(c)
        out.append(time.process_time() - t)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline-src", help="the src folder of another checkout to time beside")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(" ".join(f"{x:.4f}" for x in passes(args.repeat)))
        return 0
    n = len(list(PETITIONS.glob("*.json")))
    mine = statistics.median(passes(args.repeat))
    print(f"review() over {n} shared petitions: {mine:.2f} s of CPU a pass (median)")
    if args.baseline_src:
        proc = subprocess.run(
            [sys.executable, __file__, "--child", "--repeat", str(args.repeat)],
            env={"PYTHONPATH": args.baseline_src, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=True,
        )
        base = statistics.median(float(x) for x in proc.stdout.split())
        print(f"baseline ({args.baseline_src}): {base:.2f} s a pass; ratio {mine / base:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
