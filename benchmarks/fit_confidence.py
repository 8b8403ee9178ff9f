"""Fit the confidence model: how likely a careful reader gives the verdict the judge gave.

Usage: ``.venv/bin/python benchmarks/fit_confidence.py [--write] [--hold-out set7-,set8-,set9-]``

The features are the ones :func:`respcompare.judge.decide.confidence_features` names (the
deciding rule's own strength, the verdict, the directness features, and the signs of thin or
contradictory evidence). The target is 1 when the verdict is among the accepted ones of a case
in ``tests/data/judge_cases.toml``. The model is an L2-regularised logistic regression (Newton's
method, intercept unpenalised, classes not reweighted, so that the output reads as a
probability). It is fitted on every case except the held-out blind sets (labels containing one
of ``--hold-out``), and scored on those: ROC AUC of confidence for right against wrong
verdicts, a calibration table, and how many verdicts ``needs_review`` flags at ``review_below``
and how many of the wrong ones it catches. The hand-set rule strength is scored beside it. With
``--write`` the weights and those figures are stored in ``src/respcompare/data/judge.toml``.
The verdicts of the dev rows read by two readers (``tests/fixtures/dev_verdicts.jsonl``) are
scored the same way, as a second check on real responses.

The features do not depend on the weights, so one pass of the judge gives them.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import tomllib
from pathlib import Path

from fit_directness import fit as _fit
from fit_directness import predict
from fit_directness import roc_auc as _roc_auc

import respcompare as rc
from respcompare.judge.config import JudgeConfig
from respcompare.judge.decide import confidence_features
from respcompare.model import Verdict

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "data" / "judge_cases.toml"
READERS = ROOT / "tests" / "fixtures" / "dev_verdicts.jsonl"
CONFIG = ROOT / "src" / "respcompare" / "data" / "judge.toml"

# without a fitted model the judge's confidence is the rule's strength, which gives the features
UNFITTED = dataclasses.replace(JudgeConfig.default(), confidence_weights=())


def roc_auc(pos: list[float], neg: list[float]) -> float:
    return _roc_auc(pos, neg) if pos and neg else float("nan")


def fit(xs: list[list[float]], ys: list[int], l2: float) -> list[float]:
    """L2-regularised logistic regression, every case counted once (a probability)."""
    return _fit(xs, ys, l2, balanced=False)


def features_of(a: rc.Assessment) -> tuple[list[str], list[float]]:
    terms = [t for t in a.confidence_terms if t.name != "intercept"]
    return [t.name for t in terms], [t.value for t in terms]


def suite_rows() -> tuple[list[str], list[tuple[str, list[float], int, float]]]:
    """(feature names, [(label, features, right, rule strength)]) over the suite."""
    cases = tomllib.loads(CASES.read_text("utf-8"))["case"]
    names: list[str] = []
    out = []
    for c in cases:
        asks = c.get("asks")
        a = rc.assess(
            rc.Petition(action=c["petition"], background=c.get("background", "")),
            rc.Response(text=c["response"], summary=c.get("summary", "")),
            asks=asks,
            config=_config_with_features(),
        )
        names, xs = features_of(a)
        out.append((c["label"], xs, int(a.verdict.value in c["accept"]), xs[0]))
    return names, out


def reader_rows() -> list[tuple[list[float], int, float]]:
    out = []
    for line in READERS.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        a = rc.assess(
            rc.Petition(
                action=r["action"],
                background=r.get("background") or "",
                additional_details=r.get("additional_details") or "",
            ),
            rc.Response(text=r["response_details"], summary=r.get("response_summary") or ""),
            config=_config_with_features(),
        )
        _, xs = features_of(a)
        out.append((xs, int(a.verdict.value in r["accept"]), xs[0]))
    return out


def _config_with_features() -> JudgeConfig:
    """A config whose confidence model has every feature at weight 0: the terms are reported
    (with their values) whatever the bundled weights are."""
    names = tuple(
        confidence_features(
            Verdict.DEFLECTED, 0.0, {}, conflict=False, mixed=False, faint=False, n_asks=1
        )
    )
    return dataclasses.replace(
        UNFITTED, confidence_intercept=0.0, confidence_weights=tuple((n, 0.0) for n in names)
    )


def report(name: str, scores: list[float], ys: list[int], threshold: float) -> str:
    right = [s for s, y in zip(scores, ys, strict=True) if y]
    wrong = [s for s, y in zip(scores, ys, strict=True) if not y]
    flagged = [s < threshold for s in scores]
    caught = sum(1 for f, y in zip(flagged, ys, strict=True) if f and not y)
    return (
        f"{name}: ROC AUC {roc_auc(right, wrong):.3f} ({len(right)} right, {len(wrong)} wrong); "
        f"under {threshold}: {sum(flagged)}/{len(scores)} flagged, {caught}/{len(wrong)} of the "
        "wrong ones among them"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="store the weights in data/judge.toml")
    ap.add_argument("--l2", type=float, default=1.0, help="L2 penalty (default 1.0)")
    ap.add_argument("--hold-out", default="set7-,set8-,set9-", help="label parts of held-out sets")
    args = ap.parse_args()
    held_parts = [h for h in args.hold_out.split(",") if h]
    names, rows = suite_rows()
    train = [r for r in rows if not any(h in r[0] for h in held_parts)]
    test = [r for r in rows if any(h in r[0] for h in held_parts)]
    w = fit([r[1] for r in train], [r[2] for r in train], args.l2)
    threshold = JudgeConfig.default().review_below
    print(f"fitted on {len(train)} suite cases, held out {len(test)} ({', '.join(held_parts)})")
    print(f"intercept {w[0]:+.3f}")
    for n, v in zip(names, w[1:], strict=True):
        print(f"  {n:22s} {v:+.3f}")
    ys = [r[2] for r in test]
    fitted = [predict(w, r[1]) for r in test]
    lines = [
        report("held out, fitted", fitted, ys, threshold),
        report("held out, rule strength", [r[3] for r in test], ys, threshold),
    ]
    readers = reader_rows()
    ry = [r[1] for r in readers]
    lines.append(report("dev readers, fitted", [predict(w, r[0]) for r in readers], ry, threshold))
    lines.append(report("dev readers, rule strength", [r[2] for r in readers], ry, threshold))
    for line in lines:
        print(line)
    print("calibration on the held-out cases (confidence band: right / all):")
    bands: dict[int, list[int]] = {}
    for s, y in zip(fitted, ys, strict=True):
        b = bands.setdefault(min(4, int(s * 5)), [0, 0])
        b[0] += y
        b[1] += 1
    for k in sorted(bands):
        print(f"  [{k / 5:.1f}, {(k + 1) / 5:.1f}): {bands[k][0]}/{bands[k][1]}")
    if args.write:
        text = CONFIG.read_text("utf-8")
        block = (
            "[confidence]\n"
            f"# fitted by benchmarks/fit_confidence.py (l2={args.l2}) on {len(train)} cases of "
            f"tests/data/judge_cases.toml,\n# holding out {len(test)} ("
            + ", ".join(held_parts)
            + "):\n"
            + "".join(f"# {line}\n" for line in lines)
            + f"intercept = {w[0]:.4f}\n"
            "weights = { "
            + ", ".join(f"{n} = {v:.4f}" for n, v in zip(names, w[1:], strict=True))
            + " }\n"
        )
        if re.search(r"^\[confidence\]", text, flags=re.M):
            text = re.sub(r"^\[confidence\][\s\S]*?(?=^\[|\Z)", block, text, flags=re.M)
        else:
            text = text.rstrip("\n") + "\n\n" + block
        CONFIG.write_text(text, "utf-8")
        print(f"wrote {CONFIG.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
