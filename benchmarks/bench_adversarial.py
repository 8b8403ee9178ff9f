"""Adversarial shapes at the size limit: time and peak memory of load, align and review.

Usage::

    .venv/bin/python benchmarks/bench_adversarial.py [--timeout 30] [--only NAME ...]
        [--stages load,align,review] [--list]

Each shape is a text of about ``MAX_TEXT_CHARS`` characters (100,000) built to hit one
super-linear spot: repeated lexicon phrases, no punctuation, one giant paragraph, thousands of
one-word sentences, deep quote nesting, long runs of white space, many qualifiers, and so on
(issue 14 lists the first ones). For every shape, three measurements, each in a forked process
(the imports and lexicons are loaded once, before forking) with a wall-clock timeout:

- ``load``: ``rc.load_petition`` of petition JSON whose original and revised responses are the
  shape (JSON parsing, site-note splitting, sign-off);
- ``align``: ``rc.align(a, b)`` where ``b`` is the shape and ``a`` the shape with every fifth
  word changed (every sentence edited: the worst case for sentence matching), first without
  effects and with both texts already segmented (the alignment itself,
  respcompare.alignment.core), then whole (segmentation, alignment, and the effects, which run the
  cue engine on both texts);
- ``review``: ``rc.review`` of a two-response case (that ``a`` then the shape), and before it
  the stages one at a time on the shape: ``segment``, ``find_cues``, ``extract_asks`` (of the
  petition), ``assess``. The stage that dominates is named; when the timeout cuts a run short,
  the stage it was in is the one reported, with ``>`` the timeout.

Each time is shown as wall seconds / CPU seconds of the forked process: the CPU time is what one
core spent on the call, whatever else the machine runs (the acceptance bound, "under 3 s on one
core", reads it). Peak memory is the forked process's peak resident set size during the call
(``VmHWM``, reset through ``/proc/self/clear_refs`` before it) minus its resident size before
it: what the measured call allocated. Linux only.

The script only reports; it never fails. A shape whose stage raises a RespcompareError shows
the error type (a typed refusal is a valid outcome; anything else is a bug).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection

import respcompare as rc
from respcompare.model import MAX_TEXT_CHARS
from respcompare.segment import _segment_cached

#: Each shape stays a few characters under MAX_TEXT_CHARS, so the original response (the shape
#: after a note line) fits the limit too.
LIMIT = MAX_TEXT_CHARS - 64


HALF = (LIMIT - 8) // 2


def fill(unit: str, limit: int = LIMIT) -> str:
    """``unit`` repeated to at most ``limit`` characters (whole units)."""
    return unit * max(1, limit // len(unit))


def random_words(vocab: list[str], n_chars: int, *, seed: int = 0, sep: str = " ") -> str:
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while True:
        w = rng.choice(vocab)
        if size + len(w) + 1 > n_chars:
            break
        out.append(w)
        size += len(w) + 1
    return sep.join(out)


def numbered(n: int, end: str, *, shuffle: bool = False) -> str:
    sents = [f"We act {i} {end}." for i in range(n)]
    if shuffle:
        random.Random(0).shuffle(sents)
    return " ".join(sents)


def _words(text: str) -> list[str]:
    return text.split()


VOCAB19 = _words(
    "we will publish the review in full may consider government not plans keep under "
    "policy data report it is"
)
LEXICON = _words(
    "we will we may we have no plans to keep this under review in due course as soon as "
    "possible we are committed to we will consider we do not intend to"
)


@dataclass(frozen=True)
class Shape:
    name: str
    text: str
    action: str = "Release the review in full"
    original: str | None = None  # the first response; default: the shape, perturbed


def shapes() -> list[Shape]:
    s: list[Shape] = [
        # the shapes
        Shape("publish-phrase", fill("We will publish ")),
        Shape("may-x25000", fill("may ")),
        Shape("dot-space-x50000", fill(". ")),
        Shape("we-act-x12500", fill("We act. ")),
        Shape("vocab19-no-punct", random_words(VOCAB19, LIMIT)),
        Shape("numbered-2000-shuffled", numbered(2000, "today", shuffle=True), original=None),
        Shape("numbered-4000", numbered(4000, "today", shuffle=True)),
        Shape("numbered-at-limit", numbered(5300, "today", shuffle=True)[:LIMIT]),
        Shape(
            "qualifiers-in-action-1000",
            "We will release the review.",
            action="Release the review" + " in full" * 1000,
        ),
        Shape(
            "qualifiers-in-action-2000",
            "We will release the review.",
            action="Release the review" + " in full" * 2000,
        ),
        Shape("white-space-run", "We will act." + " " * 40_000 + "x"),
        # our own
        Shape("one-giant-paragraph", random_words(LEXICON + VOCAB19, LIMIT, seed=1)),
        Shape("one-word-sentences", fill("Yes. ")),
        Shape("newlines", fill("a\n")),
        Shape("blank-lines", "We will act." + "\n" * 99_000 + "x"),
        Shape("tabs-and-crlf", fill("We will.\r\n\t")),
        Shape("double-quotes-nested", '"' * HALF + "We will." + '"' * HALF),
        Shape("curly-quotes-nested", "“‘" * (HALF // 2) + "We will." + "’”" * (HALF // 2)),
        Shape("parentheses-nested", "(" * HALF + "We will." + ")" * HALF),
        Shape("quoted-speech", fill('"We will publish," he said. ')),
        Shape("in-full-x12500", fill("in full ")),
        Shape("keep-under-review", fill("We will keep this under review. ")),
        Shape("no-plans", fill("we have no plans to ")),
        Shape("in-due-course", fill("in due course ")),
        Shape("cue-dense-sentence", fill("We may consider publishing in full in due course. ")),
        Shape("not-x25000", fill("not ")),
        Shape("will-not", fill("will not ")),
        Shape("due-dates", fill("by 1 May 2021 ")),
        Shape("money", fill("£1.2 million ")),
        Shape("abbreviations-eg", fill("e.g. ")),
        Shape("abbreviations-mr", fill("Mr. ")),
        Shape("list-numbers", fill("1. ")),
        Shape("bullets", fill("- item\n")),
        Shape("one-long-word", "a" * LIMIT),
        Shape("urls", fill("https://example.com/a ")),
        Shape("zero-width", fill("W\u200be\u200b \u200bw\u200bi\u200bl\u200bl\u200b. ")),
        Shape("emoji", fill("\U0001f600 ")),
        Shape("combining-marks", fill("e\u0301")),
        Shape("question-marks", "?" * LIMIT),
        Shape("hyphen-chain", "-".join(["word"] * (LIMIT // 5))),
        Shape("apostrophes", fill("It's isn't don't won't ")),
        Shape("upper-case", fill("WE WILL PUBLISH THE REVIEW IN FULL. ")),
        Shape("signoff-lines", fill("Home Office\n")),
        Shape("note-phrase", fill("This is a revised response. ")),
        Shape("same-sentence-x2000", fill("The Government will publish the review in full. ")),
        Shape("lone-surrogates", fill("We will \ud800 act. ")),
        Shape(
            "qualifiers-in-action-at-limit",
            "We will release the review.",
            action="Release the review" + " in full" * 12_000,
        ),
        Shape(
            "repeated-asks-in-action",
            "We will not.",
            action="Release the review in full. " * 3 + "Publish it",
        ),
    ]
    return s


def perturb(text: str) -> str:
    """Every fifth word changed (to as many Z's): same sentences and length, every one edited."""
    parts = text.split(" ")
    return " ".join("Z" * len(w) if i % 5 == 4 else w for i, w in enumerate(parts))


def petition_json(shape: Shape, original: str) -> str:
    data = {
        "data": {
            "id": 1,
            "attributes": {
                "action": shape.action,
                "departments": [{"name": "Home Office"}],
                "government_response": {
                    "summary": "Our answer.",
                    "details": shape.text,
                    "responded_on": "2020-05-19",
                },
                "other_parliamentary_business": [
                    {
                        "subject": "Original Government response",
                        "body": "Our first answer.\n" + original,
                    }
                ],
            },
        }
    }
    return json.dumps(data, ensure_ascii=False)


#: Stages timed after their texts are segmented (segmentation is cached and timed apart).
SEGMENTED: dict[str, tuple[str, ...]] = {}


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1e3  # kB -> MB
    return float("nan")


def _reset_peak() -> bool:
    """Reset this process's peak resident size (VmHWM); False where Linux does not allow it."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        return False
    return True


def _child(conn: Connection, steps: list[tuple[str, Callable[[], object]]]) -> None:
    for name, fn in steps:
        conn.send(("start", name, 0.0, 0.0, 0.0, ""))
        _segment_cached.cache_clear()
        if name in SEGMENTED:  # the stage times what comes after segmentation
            for text in SEGMENTED[name]:
                rc.segment(text)
        base = _status_mb("VmRSS") if _reset_peak() else float("nan")
        t = time.perf_counter()
        c = time.process_time()
        error = ""
        try:
            fn()
        except rc.RespcompareError as exc:
            error = type(exc).__name__
        except Exception as exc:  # a bug: report it, do not hide it
            error = f"BUG {type(exc).__name__}: {str(exc)[:60]}"
        took = time.perf_counter() - t
        cpu = time.process_time() - c
        peak = _status_mb("VmHWM") - base
        conn.send(("done", name, took, cpu, peak, error))
    conn.close()


Row = tuple[str, float, float, float, str]


def measure(steps: list[tuple[str, Callable[[], object]]], timeout: float) -> list[Row]:
    """Run ``steps`` in a forked process; (stage, wall s, CPU s, peak MB over before, error)."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, steps))
    proc.start()
    child.close()
    out: list[Row] = []
    running = ""
    started = time.perf_counter()
    deadline = started + timeout
    while True:
        left = deadline - time.perf_counter()
        if left <= 0 or not parent.poll(left):
            if proc.is_alive():
                proc.kill()
                proc.join()
                if running:
                    out.append(
                        (
                            running,
                            float("inf"),
                            float("inf"),
                            float("nan"),
                            f"timeout {timeout:.0f}s",
                        )
                    )
            break
        try:
            kind, name, took, cpu, peak, error = parent.recv()
        except EOFError:
            break
        if kind == "start":
            running = name
            deadline = time.perf_counter() + timeout
        else:
            running = ""
            out.append((name, took, cpu, max(0.0, peak), error))
    proc.join()
    return out


def fmt(rows: list[Row], name: str) -> str:
    """``wall s / CPU s  peak MB`` of one stage (CPU time: what one core spent on it)."""
    for stage, took, cpu, peak, error in rows:
        if stage == name:
            inf = took == float("inf")
            t = f">{error.split()[-1]}" if inf else f"{took:6.2f}/{cpu:5.2f}s"
            m = "   ?  " if peak != peak else f"{peak:5.0f}"
            flag = f" {error}" if error and took != float("inf") else ""
            return f"{t:>13} {m}MB{flag}"
    return f"{'-':>13} {'':5}  "


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per stage (default 30)")
    ap.add_argument("--only", nargs="*", help="shape names to run")
    ap.add_argument("--stages", default="load,align,review")
    ap.add_argument("--list", action="store_true", help="list the shapes and exit")
    args = ap.parse_args()
    all_shapes = shapes()
    if args.list:
        for sh in all_shapes:
            print(f"{sh.name:28} {len(sh.text):7,} chars, action {len(sh.action):,}")
        return
    chosen = [s for s in all_shapes if not args.only or s.name in args.only]
    stages = set(args.stages.split(","))
    rc.review(rc.load_example("grooming-gangs"))  # warm imports and lexicons before forking
    from respcompare.asks import extract_asks

    out = sys.stdout
    out.write(
        f"{len(chosen)} shapes of up to {LIMIT:,} characters (MAX_TEXT_CHARS = "
        f"{MAX_TEXT_CHARS:,}); timeout {args.timeout:.0f} s per stage; memory = peak RSS "
        "during the call over RSS before it\n"
    )
    out.write(
        "times are wall/CPU seconds (CPU: what one core spent, whatever else the machine runs)\n"
        f"{'shape':28} {'load':>20} {'align (core)':>20} {'align (+effects)':>20} "
        f"{'review':>20}  review stages "
        "(segment/cues/asks/assess CPU s), slowest\n"
    )
    for sh in chosen:
        original = sh.original if sh.original is not None else perturb(sh.text)
        raw = petition_json(sh, original)
        petition = rc.Petition(action=sh.action)
        response = rc.Response(text=sh.text)

        def case(sh: Shape = sh, original: str = original) -> rc.Case:
            return rc.case_from_texts(rc.Petition(action=sh.action), original, sh.text)

        steps: dict[str, tuple[str, Callable[[], object]]] = {
            "load": ("load", lambda raw=raw: rc.load_petition(raw)),
            "align-core": (
                "align",
                lambda a=original, b=sh.text: rc.align(a, b, with_effects=False),
            ),
            "align": ("align", lambda a=original, b=sh.text: rc.align(a, b)),
            "segment": ("review", lambda t=sh.text: rc.segment(t)),
            "cues": ("review", lambda t=sh.text: rc.find_cues(t)),
            "asks": ("review", lambda p=petition: extract_asks(p)),
            "assess": ("review", lambda p=petition, r=response: rc.assess(p, r)),
            "review": ("review", lambda case=case: rc.review(case())),
        }
        SEGMENTED["align-core"] = (original, sh.text)
        rows: dict[str, list[Row]] = {}
        for name, (group, fn) in steps.items():
            if group in stages:
                rows[name] = measure([(name, fn)], args.timeout)
        parts = []
        stage_rows = [r for n in ("segment", "cues", "asks", "assess") for r in rows.get(n, [])]
        slowest = max(stage_rows, key=lambda r: r[2], default=None)
        for _, _, cpu, _, _ in stage_rows:
            parts.append(">T" if cpu == float("inf") else f"{cpu:.1f}")
        cells = [fmt(rows.get(n, []), n) for n in ("load", "align-core", "align", "review")]
        line = (
            f"{sh.name:28} {cells[0]:>20} {cells[1]:>20} {cells[2]:>20} {cells[3]:>20}"
            f"  {'/'.join(parts)}{(' ' + slowest[0]) if slowest else ''}\n"
        )
        out.write(line)
        out.flush()


if __name__ == "__main__":
    main()
