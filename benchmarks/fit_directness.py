"""Fit the directness model: a logistic regression on the judge's named features.

Usage: ``.venv/bin/python benchmarks/fit_directness.py [--write]``

Directness ranks how likely the Petitions Committee is to accept a response. Its features are
the ones :func:`respcompare.judge.decide.directness_features` names (a position on the ask, a
deferral, a named process, how much the summary is about the ask, how early the position
comes, the share of asks answered, the share of the response off the asks). The weights are
fitted on the Committee-judged rows of ``tests/fixtures/dev.jsonl`` (accepted = 1, sent back =
0; rows whose fate is unknown are left out) by L2-regularised logistic regression (Newton's
method, penalty ``--l2``, intercept unpenalised, the two classes weighted equally). The
script prints the weights, the in-sample
ROC AUC and the leave-one-petition-out AUC (each petition's rows scored by a model fitted
without that petition), and with ``--write`` stores the weights and those figures in
``src/respcompare/data/judge.toml``.
"""

from __future__ import annotations

import argparse
import json
import math
import re
from pathlib import Path

import respcompare as rc

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "fixtures" / "dev.jsonl"
CONFIG = ROOT / "src" / "respcompare" / "data" / "judge.toml"


# Chosen before fitting, for what each says about a response the Committee would accept: a
# position on the ask and how clearly it names the ask, whether the summary is about the ask,
# how early the position comes, a named process or a deferral on the ask, and the share of the
# response that is about something else. "answered" and "asks_answered_share" are left out:
# they duplicate position_relevance on 44 rows and took the wrong sign when fitted; so is
# "off_ask_share", which carried no signal (weight +0.05 to +0.27, LOPO AUC unchanged without it).
# The classes are weighted to count equally (35 accepted, 9 sent back), so that directness is
# not lifted by how often the Committee accepts: 0.5 is a response as likely accepted as not.
DEFAULT_FEATURES = (
    "position_relevance",
    "summary_relevance",
    "position_early",
    "process",
    "deferred",
)


def roc_auc(pos: list[float], neg: list[float]) -> float:
    wins = sum(1.0 if p > q else 0.5 if p == q else 0.0 for p in pos for q in neg)
    return wins / (len(pos) * len(neg))


def row_texts(row: dict[str, object]) -> tuple[rc.Petition, rc.Response]:
    """The petition and the response of one dev row."""
    petition = rc.Petition(
        action=str(row["action"]),
        background=str(row.get("background") or ""),
        additional_details=str(row.get("additional_details") or ""),
    )
    response = rc.Response(
        text=str(row["response_details"]),
        summary=str(row.get("response_summary") or ""),
        label=str(row.get("role") or "response"),
    )
    return petition, response


def assess_row(row: dict[str, object]) -> rc.Assessment:
    """The judge's assessment of one dev row (petition fields and one response)."""
    return rc.assess(*row_texts(row))


def features(rows: list[dict[str, object]]) -> tuple[list[str], list[list[float]]]:
    """The directness features of each row (their values do not depend on the weights)."""
    names: list[str] = []
    xs: list[list[float]] = []
    for row in rows:
        terms = assess_row(row).directness_terms
        names = [t.name for t in terms]
        xs.append([t.value for t in terms])
    return names, xs


def fit(xs: list[list[float]], ys: list[int], l2: float, balanced: bool = True) -> list[float]:
    """Newton's method for L2-regularised logistic regression, the two classes weighted to count
    equally when ``balanced`` (else every row counts once, so the output reads as a probability).

    Returns [intercept, *weights].
    """
    import numpy as np

    x = np.array([[1.0, *row] for row in xs])
    y = np.array(ys, dtype=float)
    n_pos = max(float(y.sum()), 1.0)
    n_neg = max(float(len(y) - y.sum()), 1.0)
    cw = (
        np.where(y == 1, len(y) / (2 * n_pos), len(y) / (2 * n_neg))
        if balanced
        else np.ones(len(y))
    )
    w = np.zeros(x.shape[1])
    pen = np.full(x.shape[1], l2)
    pen[0] = 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (cw * (p - y)) + pen * w
        hess = (x.T * (cw * p * (1 - p))) @ x + np.diag(pen) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-10:
            break
    return [float(v) for v in w]


def predict(w: list[float], row: list[float]) -> float:
    z = w[0] + sum(a * b for a, b in zip(w[1:], row, strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="store the weights in data/judge.toml")
    ap.add_argument("--l2", type=float, default=1.0, help="L2 penalty (default 1.0)")
    ap.add_argument(
        "--features",
        default=",".join(DEFAULT_FEATURES),
        help="comma-separated feature names to fit (default: %(default)s)",
    )
    args = ap.parse_args()
    rows = [json.loads(x) for x in DEV.read_text("utf-8").splitlines() if x.strip()]
    judged = [r for r in rows if r["committee"] in ("accepted", "sent-back")]
    all_names, all_xs = features(judged)
    keep = [all_names.index(n) for n in args.features.split(",")]
    names = [all_names[i] for i in keep]
    xs = [[row[i] for i in keep] for row in all_xs]
    ys = [1 if r["committee"] == "accepted" else 0 for r in judged]
    w = fit(xs, ys, args.l2)
    scores = [predict(w, x) for x in xs]
    auc_in = roc_auc(
        [s for s, y in zip(scores, ys, strict=True) if y],
        [s for s, y in zip(scores, ys, strict=True) if not y],
    )
    lopo: list[float] = [0.0] * len(judged)
    for pid in sorted({r["petition_id"] for r in judged}):
        train = [i for i, r in enumerate(judged) if r["petition_id"] != pid]
        wi = fit([xs[i] for i in train], [ys[i] for i in train], args.l2)
        for i, r in enumerate(judged):
            if r["petition_id"] == pid:
                lopo[i] = predict(wi, xs[i])
    auc_lopo = roc_auc(
        [s for s, y in zip(lopo, ys, strict=True) if y],
        [s for s, y in zip(lopo, ys, strict=True) if not y],
    )
    print(f"rows: {len(judged)} ({sum(ys)} accepted, {len(ys) - sum(ys)} sent back), l2={args.l2}")
    print(f"intercept {w[0]:+.3f}")
    for n, v in zip(names, w[1:], strict=True):
        print(f"  {n:22s} {v:+.3f}")
    print(f"ROC AUC in sample: {auc_in:.3f}; leave-one-petition-out: {auc_lopo:.3f}")
    if args.write:
        text = CONFIG.read_text("utf-8")
        block = (
            "[directness]\n"
            f"# fitted by benchmarks/fit_directness.py (l2={args.l2}) on {len(judged)} "
            f"Committee-judged dev rows ({sum(ys)} accepted, {len(ys) - sum(ys)} sent back);\n"
            f"# ROC AUC in sample {auc_in:.3f}, leave-one-petition-out {auc_lopo:.3f}\n"
            f"intercept = {w[0]:.4f}\n"
            "weights = { "
            + ", ".join(f"{n} = {v:.4f}" for n, v in zip(names, w[1:], strict=True))
            + " }\n"
        )
        text = re.sub(r"^\[directness\][\s\S]*\Z", block, text, flags=re.M)
        CONFIG.write_text(text, "utf-8")
        print(f"wrote {CONFIG.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
