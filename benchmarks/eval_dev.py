"""Evaluate the judge: Committee decisions, two readers' verdicts, and the behavioural suite.

Usage: ``.venv/bin/python benchmarks/eval_dev.py [--rows]``

Prints, in order:

1. **Committee decisions** (``tests/fixtures/dev.jsonl``): the share of original/revised pairs
   where the revision scores the higher directness; the ROC AUC of directness, accepted vs sent
   back, in sample and leave-one-petition-out (the directness weights refitted without each
   petition, as ``benchmarks/fit_directness.py`` does); verdict agreement (accepted -> answered,
   sent back -> not answered). Rows whose fate is unknown are left out of the AUC and agreement.
2. **Readers' verdicts** (``tests/fixtures/dev_verdicts.jsonl``): the share of responses whose
   verdict is among the two readers' labels, and the polarity errors (yes or partly where the
   readers read only no, or the reverse). The verdict rules are not fitted, so their figure is the
   same whichever petition is left out.
3. **Behavioural suite** (``tests/data/judge_cases.toml``): acceptable verdicts overall and per
   phenomenon, polarity errors, and the confusion table (expected verdict by verdict given).
4. With ``--rows``: one row per dev response with the deciding sentence, so misses can be read.
"""

from __future__ import annotations

import json
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

import respcompare as rc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from fit_directness import DEFAULT_FEATURES, assess_row, fit, predict, roc_auc  # noqa: E402

DEV = ROOT / "tests" / "fixtures" / "dev.jsonl"
VERDICTS = ROOT / "tests" / "fixtures" / "dev_verdicts.jsonl"
SUITE = ROOT / "tests" / "data" / "judge_cases.toml"
YES_LIKE = {"answered-yes", "answered-partly"}
ORDER = [v.value for v in rc.Verdict]


def polarity_error(verdict: str, accept: list[str]) -> bool:
    """Yes or partly where only answered-no is acceptable, or answered-no where only yes/partly."""
    if verdict in YES_LIKE:
        return all(a == "answered-no" for a in accept)
    if verdict == "answered-no":
        return all(a in YES_LIKE for a in accept)
    return False


def load_rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def committee(rows: list[dict[str, object]]) -> list[tuple[dict[str, object], rc.Assessment]]:
    results = [(row, assess_row(row)) for row in rows]
    pairs: dict[object, dict[str, float]] = {}
    for row, a in results:
        if row.get("pair") is not None:
            pairs.setdefault(row["pair"], {})[str(row["role"])] = a.directness
    ordered = [p for p in pairs.values() if p.get("revised", -1) > p.get("original", 2)]
    judged = [(row, a) for row, a in results if row["committee"] in ("accepted", "sent-back")]
    ys = [1 if row["committee"] == "accepted" else 0 for row, _ in judged]
    scores = [a.directness for _, a in judged]
    auc = roc_auc(
        [s for s, y in zip(scores, ys, strict=True) if y],
        [s for s, y in zip(scores, ys, strict=True) if not y],
    )
    # leave one petition out: refit the directness weights without it, score its rows
    names = [t.name for t in judged[0][1].directness_terms]
    keep = [names.index(n) for n in DEFAULT_FEATURES]
    xs = [[[t.value for t in a.directness_terms][i] for i in keep] for _, a in judged]
    lopo = [0.0] * len(judged)
    for pid in sorted({row["petition_id"] for row, _ in judged}, key=str):
        train = [i for i, (row, _) in enumerate(judged) if row["petition_id"] != pid]
        w = fit([xs[i] for i in train], [ys[i] for i in train], 1.0)
        for i, (row, _) in enumerate(judged):
            if row["petition_id"] == pid:
                lopo[i] = predict(w, xs[i])
    auc_lopo = roc_auc(
        [s for s, y in zip(lopo, ys, strict=True) if y],
        [s for s, y in zip(lopo, ys, strict=True) if not y],
    )
    agree = sum(a.answered == (row["committee"] == "accepted") for row, a in judged)
    print("== Committee decisions (tests/fixtures/dev.jsonl)")
    print(f"rows: {len(rows)}  judged (accepted/sent-back): {len(judged)}  pairs: {len(pairs)}")
    print(f"pairs ordered (revised > original): {len(ordered)}/{len(pairs)}")
    print(
        f"ROC AUC of directness, accepted vs sent back: {auc:.3f} in sample, "
        f"{auc_lopo:.3f} leave-one-petition-out"
    )
    print(
        f"verdict agreement (accepted = answered): {agree}/{len(judged)} = "
        f"{agree / max(len(judged), 1):.3f}"
    )
    return results


def readers(rows: list[dict[str, object]]) -> None:
    ok = pol = rules_ok = 0
    misses: list[str] = []
    for row in rows:
        a = assess_row(row)
        accept = [str(x) for x in row["accept"]]  # type: ignore[union-attr]
        good = a.verdict.value in accept
        ok += good
        rules_ok += (a.learned.rule_verdict if a.learned else a.verdict).value in accept
        if polarity_error(a.verdict.value, accept):
            pol += 1
            misses.append(
                f"  polarity: {row['petition_id']} {row['role']} "
                f"{a.verdict.value} (readers: {', '.join(accept)})"
            )
    print()
    print("== Readers' verdicts (tests/fixtures/dev_verdicts.jsonl)")
    print(
        f"verdict among the readers' labels: {ok}/{len(rows)} = {ok / len(rows):.3f}; "
        f"polarity errors: {pol}"
    )
    print(f"the rules alone (without the learned verdict model): {rules_ok}/{len(rows)}")
    print("leave-one-petition-out: the same (nothing is fitted to these rows)")
    for m in misses:
        print(m)


def suite() -> None:
    cases = tomllib.loads(SUITE.read_text("utf-8"))["case"]
    by: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    confusion: Counter[tuple[str, str]] = Counter()
    pol = 0
    ok_all = 0
    rules_ok = rules_pol = 0
    for c in cases:
        p = rc.Petition(action=c["petition"], background=c.get("background", ""))
        r = rc.Response(text=c["response"], summary=c.get("summary", ""))
        a = rc.assess(p, r, asks=c.get("asks") or None)
        v = a.verdict.value
        rv = a.learned.rule_verdict.value if a.learned is not None else v
        rules_ok += rv in c["accept"]
        rules_pol += polarity_error(rv, c["accept"])
        ok = v in c["accept"]
        ok_all += ok
        by[c["phenomenon"]][0] += ok
        by[c["phenomenon"]][1] += 1
        pol += polarity_error(v, c["accept"])
        confusion[(c["accept"][0], v)] += 1
    print()
    print("== Behavioural suite (tests/data/judge_cases.toml)")
    print(
        f"acceptable verdicts: {ok_all}/{len(cases)} = {ok_all / len(cases):.3f}; "
        f"polarity errors: {pol}"
    )
    print(
        "  in sample: the learned verdict model was fitted on these cases but the sealed sets "
        "(benchmarks/fit_verdict_model.py prints it leaving one blind set out)"
    )
    print(
        f"  the rules alone: {rules_ok}/{len(cases)} = {rules_ok / len(cases):.3f}; "
        f"polarity errors: {rules_pol}"
    )
    for k, (o, n) in sorted(by.items()):
        print(f"  {k:22s} {o:3d}/{n:<3d} {o / n:.2f}")
    short = {v: v.replace("answered-", "a-").replace("not-addressed", "n-a") for v in ORDER}
    print("confusion (rows: expected, first acceptable verdict; columns: verdict given)")
    print("  " + " " * 16 + "".join(f"{short[v]:>10s}" for v in ORDER))
    for e in ORDER:
        print(f"  {e:16s}" + "".join(f"{confusion[(e, g)]:10d}" for g in ORDER))


def main(argv: list[str]) -> int:
    results = committee(load_rows(DEV))
    readers(load_rows(VERDICTS))
    suite()
    if "--rows" in argv:
        print()
        print(
            "| petition | role | committee | verdict | directness | commitment | rule "
            "| deciding sentence |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for row, a in results:
            ev = " ".join((a.evidence[0].text if a.evidence else "-").split())[:140]
            print(
                f"| {row['petition_id']} | {row['role']} | {row['committee']} | "
                f"{a.verdict.value} | {a.directness:.3f} | {a.commitment} | {a.rule} | {ev} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
