"""Run the judge over the Committee-judged dev rows and print how well it agrees.

Usage: ``.venv/bin/python benchmarks/eval_dev.py [path/to/dev.jsonl]``

Prints: the share of original/revised pairs where the revision scores the higher directness;
the ROC AUC of directness for accepted vs sent-back responses; verdict agreement (accepted ->
answered, sent-back -> not answered); then one row per response with the deciding sentence, so
misses can be read. Rows whose fate is "unknown" are left out of the AUC and the agreement.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import respcompare as rc

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "tests" / "fixtures" / "dev.jsonl"


def roc_auc(positives: list[float], negatives: list[float]) -> float | None:
    """Probability that a random positive outranks a random negative (ties count half)."""
    if not positives or not negatives:
        return None
    wins = 0.0
    for p in positives:
        for q in negatives:
            wins += 1.0 if p > q else 0.5 if p == q else 0.0
    return wins / (len(positives) * len(negatives))


def load_rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def assess_row(row: dict[str, object]) -> rc.Assessment:
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
    return rc.assess(petition, response)


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    rows = load_rows(path)
    results = [(row, assess_row(row)) for row in rows]

    pairs: dict[object, dict[str, float]] = {}
    for row, a in results:
        if row.get("pair") is not None:
            pairs.setdefault(row["pair"], {})[str(row["role"])] = a.directness
    ordered = [p for p in pairs.values() if p.get("revised", -1) > p.get("original", 2)]
    judged = [(row, a) for row, a in results if row["committee"] in ("accepted", "sent-back")]
    pos = [a.directness for row, a in judged if row["committee"] == "accepted"]
    neg = [a.directness for row, a in judged if row["committee"] == "sent-back"]
    auc = roc_auc(pos, neg)
    agree = sum(a.answered == (row["committee"] == "accepted") for row, a in judged)

    print(f"rows: {len(rows)}  judged (accepted/sent-back): {len(judged)}  pairs: {len(pairs)}")
    print(f"pairs ordered (revised > original): {len(ordered)}/{len(pairs)}")
    print(
        f"ROC AUC of directness, accepted vs sent-back: {auc:.3f}"
        if auc is not None
        else "AUC: n/a"
    )
    print(f"verdict agreement: {agree}/{len(judged)} = {agree / max(len(judged), 1):.3f}")
    print()
    print(
        "| petition | role | committee | verdict | directness | commitment | ok "
        "| deciding sentence |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for row, a in results:
        ok = (
            ""
            if row["committee"] == "unknown"
            else ("yes" if a.answered == (row["committee"] == "accepted") else "MISS")
        )
        ev = a.evidence[0].text if a.evidence else "-"
        ev = " ".join(ev.split())[:140]
        extra = f" [downgrade {a.downgrade}]" if a.downgrade else ""
        print(
            f"| {row['petition_id']} | {row['role']} | {row['committee']} | {a.verdict.value} | "
            f"{a.directness:.3f} | {a.commitment} | {ok} | {ev}{extra} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
